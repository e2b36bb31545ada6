import CapPlan

/// `breakeven` (owned hardware against the catalog's cloud prices) and `pareto` (the
/// non-dominated cost/latency or cost/quality options of one workload).
///
/// The math is CapPlan's (`OwnershipBreakeven`, `ParetoFrontier`, `Sizer`); this file reads the
/// arguments, renders the tables and the JSON documented in docs/json.md.
enum CostCommands {
    static let all: [CommandSpec] = [breakeven, pareto]

    static let money = ValueKind.quantity(dimensions: [.money], impliedUnit: "$", context: .count)

    // MARK: breakeven

    static let breakeven = CommandSpec(
        path: ["breakeven"], group: .sizing,
        abstract: "Owned hardware vs the cloud: cost per GPU-hour, break-even utilisation per pricing mode, payback months.",
        discussion: """
        h_own = Capex/(Y·8,760·n_gpu) + P_node·ū_p·PUE·price_kWh/n_gpu + k_ops·Capex/(8,760·n_gpu), \
        in dollars per GPU-hour, paid busy or idle. Against each catalog price p of the GPU (on-demand, \
        spot, reserved-1y, reserved-3y), owning is cheaper above the utilisation u* = h_own/p. The \
        payback (months of 730 h, per server) is Capex/(u·n_gpu·p·730 − (h_power + h_ops)·n_gpu·730) at \
        utilization= u; it is null when the avoided cloud spend does not exceed the opex. JSON keys: \
        gpu, cost_per_gpu_hour, capex_per_gpu_hour, power_per_gpu_hour, ops_per_gpu_hour, \
        breakeven_utilization and payback_months (objects keyed by pricing mode), payback_reasons, \
        utilization, missing_prices. 'explain breakeven ...' shows every step.
        """,
        options: [
            OptionSpec("gpu", .name(.gpu), "The accelerator whose catalog prices are compared.", required: true),
            OptionSpec("capex", money, "Purchase price of one server (a plain number is dollars).", required: true),
            OptionSpec("gpus_per_server", .count, "GPUs in one server.", required: true),
            OptionSpec("years", .number, "Amortisation period in years.", required: true),
            OptionSpec("power", .quantity(dimensions: [.power], impliedUnit: "W", context: .count), "Server power at full load (10.2kW; a plain number is watts).", required: true),
            OptionSpec("pue", .number, "Power usage effectiveness, at least 1 (1.58: 2023 industry average).", required: true),
            OptionSpec("kwh_price", money, "Electricity price per kWh (a plain number is dollars).", required: true),
            OptionSpec("ops", .share, "Yearly operations (maintenance, colocation, staff) as a share of Capex.", default: "15%"),
            OptionSpec("power_utilization", .share, "Mean power draw as a share of full load.", default: "70%"),
            OptionSpec("utilization", .share, "Share of hours the owned GPUs replace cloud GPU-hours, for the payback.", default: "100%"),
        ],
        examples: [
            "breakeven gpu=h100 capex=$250k gpus_per_server=8 years=4 power=10.2kW pue=1.3 kwh_price=$0.10",
            "breakeven gpu=h100 capex=$250k gpus_per_server=8 years=4 power=10.2kW pue=1.58 kwh_price=$0.10 ops=15% utilization=60%",
        ]
    ) { context, arguments in
        let usage = "e.g. breakeven gpu=h100 capex=$250k gpus_per_server=8 years=4 power=10.2kW pue=1.3 kwh_price=$0.10"
        func required(_ key: String) throws -> Double { try arguments.quantity(required: key).value }
        let gpuName = arguments.name("gpu") ?? ""
        let gpu: Accelerator
        do {
            gpu = try context.session.catalog.gpu(named: gpuName)
        } catch let error as UserFacingError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: arguments.option("gpu")?.span)
        }
        let capex = try required("capex"), count = try required("gpus_per_server"), years = try required("years")
        let watts = try required("power"), pue = try required("pue"), kwh = try required("kwh_price")
        guard count >= 1, count <= 1_000_000, count == count.rounded() else {
            throw LanguageError(.bind, "gpus_per_server must be a whole number, at least 1", hint: "e.g. gpus_per_server=8", span: arguments.option("gpus_per_server")?.span)
        }
        let hardware = OwnedHardware(
            capex: capex, gpusPerServer: Int(count), years: years, nodePowerKW: watts / 1000,
            powerUtilization: try required("power_utilization"), pue: pue, pricePerKWh: kwh,
            opsFraction: try required("ops"))
        var prices: [PricingMode: Double?] = [:]
        for mode in PricingMode.allCases { prices[mode] = gpu.prices[mode].value }
        let result: OwnershipBreakeven
        do {
            result = try OwnershipBreakeven(hardware: hardware, cloudPrices: prices,
                                            utilization: try required("utilization"),
                                            recording: context.explaining)
        } catch let error as CostError {
            let key = optionKey(for: error.message)
            throw LanguageError(.bind, error.message, hint: error.userHint ?? usage, span: key.flatMap { arguments.option($0)?.span } ?? arguments.span)
        }
        var output = Output.table(breakevenTable(result, gpu: gpu.id), json: breakevenJSON(result, gpu: gpu.id))
        if context.explaining { output.derivation = result.derivation }
        return CommandResult(output)
    }

    /// The option a `CostError` names, to put the caret under it.
    static func optionKey(for message: String) -> String? {
        ["gpus_per_server", "power_utilization", "kwh_price", "capex", "years", "power", "pue", "ops", "utilization"]
            .first { message.contains($0) }
    }

    static func perHour(_ x: Double) -> String { NumberFormat.money(x) + "/GPU-h" }

    static func breakevenTable(_ r: OwnershipBreakeven, gpu: String) -> Table {
        let title = "breakeven \(gpu): owned \(perHour(r.costPerGPUHour)) = capex \(NumberFormat.money(r.capexPerGPUHour))"
            + " + power \(NumberFormat.money(r.powerPerGPUHour)) + ops \(NumberFormat.money(r.opsPerGPUHour))"
        var table = Table(name: "breakeven", title: title, columns: [
            .init("pricing"), .init("cloud price", key: "cloud_price", alignment: .right),
            .init("break-even use", key: "breakeven_utilization", alignment: .right),
            .init("owning wins", key: "owning_wins"),
            .init("payback at \(NumberFormat.percent(r.utilization))", key: "payback_months", alignment: .right),
        ])
        for c in r.comparisons {
            let wins = c.ownershipCanWin ? "above \(NumberFormat.percent(c.breakevenUtilization)) use" : "never (cloud cheaper at 100%)"
            table.rows.append([
                .text(c.pricing.rawValue), .number(c.cloudPricePerGPUHour, perHour(c.cloudPricePerGPUHour)),
                .number(c.breakevenUtilization, NumberFormat.percent(c.breakevenUtilization)),
                Table.Cell(wins, value: .bool(c.ownershipCanWin)),
                c.payback.months.map { .number($0, NumberFormat.fixedPoint($0, decimals: 1) + " months") } ?? Table.Cell("never", value: .null),
            ])
            if let reason = c.payback.reason { table.footnotes.append("\(c.pricing.rawValue): \(reason)") }
        }
        for mode in r.missingPrices {
            table.rows.append([.text(mode.rawValue), Table.Cell("no price", value: .null), .empty, .empty, .empty])
        }
        if !r.missingPrices.isEmpty {
            table.footnotes.append("no catalog price for " + r.missingPrices.map(\.rawValue).joined(separator: ", ")
                + ": set one with 'set price \(gpu) MODE=$X/h'")
        }
        if r.comparisons.contains(where: { $0.pricing == .reserved1y || $0.pricing == .reserved3y }) {
            table.footnotes.append("reserved capacity is billed every hour like owned hardware: against it, owning is cheaper whenever u* < 100%")
        }
        return table
    }

    static func breakevenJSON(_ r: OwnershipBreakeven, gpu: String) -> JSONValue {
        func byMode(_ value: (OwnershipBreakeven.CloudComparison) -> JSONValue) -> JSONValue {
            .object(PricingMode.allCases.map { mode in (mode.rawValue, r.comparison(mode).map(value) ?? .null) })
        }
        return .object([
            ("gpu", .string(gpu)),
            ("cost_per_gpu_hour", .number(r.costPerGPUHour)),
            ("capex_per_gpu_hour", .number(r.capexPerGPUHour)),
            ("power_per_gpu_hour", .number(r.powerPerGPUHour)),
            ("ops_per_gpu_hour", .number(r.opsPerGPUHour)),
            ("breakeven_utilization", byMode { .number($0.breakevenUtilization) }),
            ("payback_months", byMode { .number($0.payback.months) }),
            ("payback_reasons", byMode { .string($0.payback.reason) }),
            ("utilization", .number(r.utilization)),
            ("missing_prices", .array(r.missingPrices.map { .string($0.rawValue) })),
        ])
    }

    // MARK: pareto

    static let pareto = CommandSpec(
        path: ["pareto"], group: .sizing,
        abstract: "The non-dominated (cost, latency or quality) options of a workload across accelerators.",
        discussion: """
        Sizes the workload on every catalog accelerator (or gpus=, else the workload's gpus=), and on \
        each of its candidate models (models=) when it has them, at pricing= (default: the workload's, \
        else the session's). Options that do not fit, miss the SLA or have no price are listed in a \
        footnote. x is the cost per month; y is the end-to-end p99 (p99) or the TTFT p99 (ttft), lower \
        is better, or the model's catalog quality score (quality), higher is better. The frontier keeps \
        every option that no other option beats on both. JSON: points: [{option, cost, y}] plus gpu, \
        model, pricing; y_metric, sense, skipped.
        """,
        positionals: [OptionSpec("workload", .name(.workload), "The workload to size.", required: true)],
        options: [
            OptionSpec("x", .choice(["cost"]), "The first objective (cost per month).", default: "cost"),
            OptionSpec("y", .choice(["p99", "quality", "ttft"]), "The second objective.", default: "p99"),
            OptionSpec("gpus", .list(.gpu), "Accelerators to consider (default: the workload's gpus=, else the whole catalog)."),
            SizingCommands.pricingOption,
        ],
        examples: ["pareto chat", "pareto chat y=ttft gpus=a100,h100,h200", "pareto chat y=quality pricing=spot"]
    ) { context, arguments in
        let session = context.session
        let workload = try WorkloadCommands.existing(arguments, in: session)
        let metric = arguments.name("y") ?? "p99"
        let pricing = arguments.name("pricing").flatMap(PricingMode.init(parsing:))
            ?? workload.pricing.flatMap(PricingMode.init(parsing:)) ?? session.settings.sizingPolicy.pricing
        if metric == "quality" && workload.model == nil && (workload.models ?? []).isEmpty {
            throw LanguageError(.command, "y=quality needs a workload with a catalog model",
                                hint: "set one with 'set workload \(workload.name) model=NAME', or use y=p99", span: arguments.option("y")?.span)
        }
        // The same candidates as optimize (ServingOptionSearch), at one pricing mode.
        let search = ServingOptionSearch(catalog: session.catalog, policy: session.settings.sizingPolicy,
                                         gpus: try OptimizeCommands.gpuNames(arguments, session: session), pricings: [pricing])
        let (options, rejected) = search.options(for: workload)
        var points: [ParetoPoint] = []
        var details: [String: ServingOption] = [:]
        var skipped = rejected.map { ($0.label, $0.reason) }
        for option in options {
            let y: Double? = switch metric {
            case "ttft": option.sizing.ttftP99
            case "quality": option.quality
            default: option.sizing.e2eP99
            }
            guard let y else { skipped.append((option.label, "no \(metric == "quality" ? "quality score" : metric + " latency")")); continue }
            points.append(ParetoPoint(id: option.label, cost: option.sizing.costPerMonth!, y: y))
            details[option.label] = option
        }
        guard !points.isEmpty else {
            throw LanguageError(.command, "no option for \(workload.name) fits with a price and a \(metric) value",
                                hint: skipped.first.map { "\($0.0): \($0.1)" } ?? "add accelerators with prices to the catalog", span: arguments.span)
        }
        let sense: ParetoSense = metric == "quality" ? .higherIsBetter : .lowerIsBetter
        let frontier: ParetoFrontier
        do { frontier = try ParetoFrontier(points, sense: sense) } catch let error as ParetoError {
            throw LanguageError(.command, error.message, hint: error.hint, span: arguments.span)
        }
        return CommandResult(paretoOutput(frontier, workload: workload.name, metric: metric, details: details,
                                          considered: points.count, skipped: skipped, explaining: context.explaining))
    }

    static func yText(_ y: Double, metric: String) -> String {
        metric == "quality" ? NumberFormat.decimal(y) : SizingTables.ms(y)
    }

    static func paretoOutput(_ frontier: ParetoFrontier, workload: String, metric: String, details: [String: ServingOption],
                             considered: Int, skipped: [(String, String)], explaining: Bool) -> Output {
        let yName = metric == "quality" ? "quality" : (metric == "ttft" ? "TTFT p99" : "p99")
        var table = Table(name: "pareto", title: "pareto \(workload): cost per month vs \(yName) (\(frontier.points.count) of \(considered) options on the frontier)",
                          columns: [.init("option"), .init("cost per month", key: "cost", alignment: .right),
                                    .init(yName, key: "y", alignment: .right), .init("GPUs", key: "gpus", alignment: .right)])
        for p in frontier.points {
            table.rows.append([.text(p.id), .number(p.cost, NumberFormat.money(p.cost)), .number(p.y, yText(p.y, metric: metric)),
                               details[p.id].map { .number(Double($0.sizing.gpus), NumberFormat.integer(Double($0.sizing.gpus))) } ?? .empty])
        }
        table.footnotes.append(frontier.sense == .lowerIsBetter ? "lower \(yName) is better; each row is cheaper-or-faster than every option it beats"
                               : "higher quality is better")
        let dominated = frontier.dominated.map { d in "\(d.point.id) (\(d.isDuplicate ? "same as" : "beaten by") \(d.by.id))" }
        if !dominated.isEmpty { table.footnotes.append("dominated: " + dominated.joined(separator: ", ")) }
        for (id, reason) in skipped { table.footnotes.append("skipped \(id): \(reason)") }

        var blocks: [Output.Block] = [.table(table)]
        if frontier.points.count >= 3, let first = frontier.points.first, let last = frontier.points.last {
            let scale = metric == "quality" ? 1.0 : 1000.0
            let label = "\(yName)\(metric == "quality" ? "" : " (ms)") by frontier point, cheapest first (x not to scale)"
            let chart = TerminalChart.render(series: [(label: label, values: frontier.points.map { $0.y * scale }, symbol: "*")],
                                             xLabels: (NumberFormat.money(first.cost) + "/mo", NumberFormat.money(last.cost) + "/mo"),
                                             width: min(40, 8 * frontier.points.count), height: 6)
            blocks.append(.text(chart))
        }
        let json = JSONValue.object([
            ("workload", .string(workload)),
            ("y_metric", .string(metric)),
            ("sense", .string(frontier.sense.rawValue)),
            ("points", .array(frontier.points.map { p in
                let r = details[p.id]
                return .object([("option", .string(p.id)), ("cost", .number(p.cost)), ("y", .number(p.y)),
                                ("gpu", .string(r?.gpu)), ("model", .string(r?.model ?? nil)), ("pricing", .string(r?.pricing.rawValue)),
                                ("precision", .string(r?.precision?.rawValue))])
            })),
            ("dominated", .array(frontier.dominated.map { .string($0.point.id) })),
            ("skipped", .array(skipped.map { .object([("option", .string($0.0)), ("reason", .string($0.1))]) })),
        ])
        var output = Output(blocks: blocks, json: json, exportTable: table)
        if explaining {
            var derivation = Derivation(title: "pareto \(workload): cost vs \(yName)")
            for p in frontier.points {
                derivation.step(p.id, "size(\(workload), gpu, pricing)", "\(NumberFormat.money(p.cost))/mo, \(yText(p.y, metric: metric))", "on the frontier")
            }
            for d in frontier.dominated {
                derivation.step(d.point.id, "dominated by \(d.by.id)", "\(NumberFormat.money(d.point.cost))/mo, \(yText(d.point.y, metric: metric))", "off")
            }
            derivation.notes.append("frontier: sort by cost, keep a point only if its \(yName) beats every cheaper point kept (Kung, Luccio & Preparata 1975)")
            output.derivation = derivation
        }
        return output
    }
}
