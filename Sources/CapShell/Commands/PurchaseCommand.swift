import CapPlan

/// `purchase W [horizon=12mo]`: how to buy the GPU-hours of a workload's traffic — reserved
/// capacity for the base load, on-demand and/or spot for the rest, each commitment term
/// compared (CapPlan's `PurchaseMix`; spot priced by `EffectiveSpotPrice`).
///
/// The traffic is the one the autoscaling commands use (`TrafficInput`: the history, the
/// forecast, or a pattern), averaged per hour; each hour needs
///
///     GPUs_t = g × (⌈λ_t·(1 + h) / X⌉ + k)
///
/// with X the instance throughput and g its GPUs from `size W` (at its SLA batch), h the
/// headroom and k the spares. The latency count and the zone spread of the peak hour are not
/// recomputed hour by hour. The base load is reserved from the
/// forecast's lower bound (its 80% interval's p10 over the horizon) when the traffic is a
/// forecast, else the profile's trough (`base=p10` for a percentile, `base=N` for N GPUs). The
/// table also shows the reservation that minimises the total, whatever the rule.
enum PurchaseCommand {
    static let all: [CommandSpec] = [purchase]

    static let purchase = CommandSpec(
        path: ["purchase"], group: .optimization,
        abstract: "Reserved for the base load, on-demand or spot for the rest: each commitment term priced, with savings against all on-demand.",
        discussion: """
        The hourly GPUs the traffic needs (g × (⌈λ_t(1 + h)/X⌉ + spares), X and g from 'size W') are \
        bought as R reserved GPUs (paid every hour of the horizon, used or not) plus the excess on \
        demand, or a share spot= of it on spot. Spot is priced per useful hour: p_spot / (1 − λ_i·t_lost), \
        with λ_i from the monthly interruption frequency (interruptions=, a Spot Advisor bucket: <5%, \
        5-10%, 10-15%, 15-20%, >20%) and t_lost the replacement's cold start. For each term (none, \
        reserved-1y, reserved-3y) two rows: R from the base-load rule and the R that minimises the \
        total (reserve one more GPU while the share of hours above R exceeds p_res/p_excess). JSON \
        keys: workload, gpu, horizon_hours, all_on_demand_cost, options: [{term, sizing, \
        reserved_gpus, total_cost, savings, savings_fraction, reserved_utilization, committed_spend}], \
        cheapest.
        """,
        positionals: [OptionSpec("workload", .name(.workload), "The workload whose GPU-hours to buy.", required: true)],
        options: [
            OptionSpec("horizon", .quantity(dimensions: [.time], impliedUnit: "h", context: .count), "How long to cost (12mo = 8,760 h).", default: "12mo"),
            OptionSpec("base", .text, "Reserved level rule: trough, a percentile of the hourly GPUs (p10), or a GPU count.", default: "trough"),
            OptionSpec("spot", .share, "Share of the GPU-hours above the reservation bought as spot.", default: "0%"),
            OptionSpec("interruptions", .choice(SpotInterruptionBucket.allCases.map(\.rawValue)), "Spot Advisor bucket of monthly interruption frequency.", default: "5-10%"),
        ] + TrafficInput.options,
        examples: ["purchase chat", "purchase chat horizon=36mo spot=30% interruptions=<5%", "purchase chat over=forecast base=trough"]
    ) { context, arguments in
        let session = context.session
        let w = try WorkloadCommands.existing(arguments, in: session)
        let sizing: SizingResult
        do { sizing = try session.size(w) } catch let error as UserFacingError {
            throw LanguageError(.command, "\(w.name): \(error.message)", hint: error.userHint, span: arguments.span)
        }
        guard !sizing.demandInTokens, sizing.capacityPerInstance > 0 else {
            throw LanguageError(.command, "purchase works in requests/s, and \(w.name) is measured in tokens", hint: "give per_instance= in rps", span: arguments.span)
        }
        let traffic = try TrafficInput(arguments, session: session, workload: w, patternStep: 60)
        let hourly = hourlyMeans(traffic.trace)
        let g = Double(sizing.gpusPerInstance), h = sizing.headroom, k = Double(sizing.spares)
        func gpus(_ rate: Double) -> Double { g * ((rate * (1 + h) / sizing.capacityPerInstance * (1 - 1e-12)).rounded(.up) + k) }
        let demand = hourly.map(gpus)

        // Prices per GPU-hour: the catalog's for the sized GPU, or the workload's price per instance-hour.
        var prices: PurchasePrices
        if let perInstance = w.pricePerInstanceHour {
            prices = PurchasePrices(onDemand: perInstance / max(g, 1))
        } else if let gpu = try? session.catalog.gpu(named: sizing.gpu), let od = gpu.prices.onDemand.value {
            prices = PurchasePrices(onDemand: od, reserved1y: gpu.prices.reserved1y.value, reserved3y: gpu.prices.reserved3y.value, spot: gpu.prices.spot.value)
        } else {
            throw LanguageError(.command, "no on-demand price for \(w.name)'s accelerator \(sizing.gpu)",
                                hint: "set one with 'set price \(sizing.gpu) on-demand=$X/h', or give the workload price=", span: arguments.span)
        }
        let spotShare = arguments.quantity("spot")?.value ?? 0
        var notes: [String] = []
        if spotShare > 0, let spot = prices.spot {
            let bucket = SpotInterruptionBucket(rawValue: arguments.name("interruptions") ?? "5-10%") ?? .from5to10
            // A replacement pays the same cold start as any new replica.
            let readyHours = session.coldStart(w).seconds / 3600
            do {
                let effective = try EffectiveSpotPrice(spotPrice: spot, bucket: bucket, readyHours: readyHours, recording: false)
                prices.spot = effective.price
                notes.append("spot \(NumberFormat.money(spot))/GPU-h → \(NumberFormat.money(effective.price)) per useful hour "
                             + "(\(bucket.rawValue) interruptions a month, \(SimulationRendering.seconds(readyHours * 3600)) lost per replacement)")
            } catch let error as UserFacingError {
                throw LanguageError(.command, error.message, hint: error.userHint, span: arguments.option("spot")?.span)
            }
        }
        let rule: ReservedLevelRule
        switch (arguments.name("base") ?? "trough").lowercased() {
        case "trough": rule = .trough
        case let text where text.hasPrefix("p") && Double(text.dropFirst()) != nil:
            rule = .quantile(Double(text.dropFirst())! / 100)
        case let text where Int(text) != nil:
            rule = .gpus(Int(text)!)
        default:
            throw LanguageError(.bind, "base= is p10 (a percentile), trough, or a number of GPUs", hint: "e.g. base=p10, base=trough, base=16", span: arguments.option("base")?.span)
        }
        // A forecast's lower bound decides the reservation: commit only to what is likely.
        var baseRule = rule
        if let lower = traffic.lower, arguments.option("base") == nil {
            let low = hourlyMeans(lower).map(gpus).sorted()
            baseRule = .gpus(Int(Percentile.of(low, 0.1).rounded(.down)))
            notes.append("reserved base from the forecast's lower bound (80% interval), its p10 over the horizon")
        }
        if w.pricePerInstanceHour != nil {
            notes.append("\(w.name)'s price= is one on-demand price: no reserved or spot price to compare (give it gpu= to use the catalog's)")
        } else {
            for (term, price) in [("reserved-1y", prices.reserved1y), ("reserved-3y", prices.reserved3y)] where price == nil {
                notes.append("no \(term) price for \(sizing.gpu): that term is not compared (set one with 'set price \(sizing.gpu) \(term)=$X/h')")
            }
        }
        let horizon = (arguments.quantity("horizon")?.value ?? 8_760 * 3600) / 3600
        let mix: PurchaseMix
        do {
            mix = try PurchaseMix(demand: demand, stepHours: 1, prices: prices, baseLoad: baseRule, spotShare: spotShare,
                                  horizonHours: horizon, recording: context.explaining)
        } catch let error as UserFacingError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: arguments.span)
        }
        notes.insert("hourly GPUs = \(sizing.gpusPerInstance) × (⌈λ_t × \(NumberFormat.decimal(1 + h)) / \(TrafficInput.rps(sizing.capacityPerInstance))⌉ + \(sizing.spares)) over \(traffic.description): "
                     + "mean \(NumberFormat.decimal(mix.meanGPUs, significantDigits: 4)), peak \(NumberFormat.integer(mix.peakGPUs))", at: 0)
        let gpuText = sizing.gpu == "unspecified" ? "its own price per instance-hour" : sizing.gpu
        return CommandResult(render(mix, workload: w.name, gpu: gpuText, notes: notes, explaining: context.explaining))
    }

    /// The mean of each whole hour of the trace (a last partial hour averages what it has).
    static func hourlyMeans(_ trace: DemandTrace) -> [Double] {
        let perHour = max(1, Int((3_600 / trace.stepSeconds).rounded()))
        var means: [Double] = []
        var i = 0
        while i < trace.values.count {
            let end = min(trace.values.count, i + perHour)
            means.append(trace.values[i..<end].reduce(0, +) / Double(end - i))
            i = end
        }
        return means
    }

    static func render(_ mix: PurchaseMix, workload: String, gpu: String, notes: [String], explaining: Bool) -> Output {
        let months = mix.horizonHours / 730
        var table = Table(name: "purchase", title: "purchase \(workload) on \(gpu): \(NumberFormat.decimal(months, significantDigits: 3)) months; "
                          + "all on demand \(NumberFormat.money(mix.allOnDemandCost))", columns: [
            .init("term"), .init("reserved by"), .init("reserved GPUs", key: "reserved_gpus", alignment: .right),
            .init("total", key: "total_cost", alignment: .right), .init("savings", alignment: .right),
            .init("reserved used", key: "reserved_utilization", alignment: .right), .init("committed", key: "committed_spend", alignment: .right),
        ])
        let cheapest = mix.cheapest
        for o in mix.options {
            table.rows.append([
                .text(o.term.rawValue + (o == cheapest ? " (cheapest)" : "")), .text(o.sizing.rawValue),
                .number(Double(o.reservedGPUs), NumberFormat.integer(Double(o.reservedGPUs))),
                .number(o.totalCost, NumberFormat.money(o.totalCost)),
                .number(o.savings, NumberFormat.money(o.savings) + " (" + NumberFormat.percent(o.savingsFraction) + ")"),
                o.reservedUtilization.map { .number($0, NumberFormat.percent($0)) } ?? Table.Cell("—", value: .null),
                .number(o.committedSpend, NumberFormat.money(o.committedSpend)),
            ])
        }
        table.footnotes = notes
        func optionJSON(_ o: PurchaseOption) -> JSONValue {
            .object([("term", .string(o.term.rawValue)), ("sizing", .string(o.sizing.rawValue)), ("reserved_gpus", .number(Double(o.reservedGPUs))),
                     ("total_cost", .number(o.totalCost)), ("savings", .number(o.savings)), ("savings_fraction", .number(o.savingsFraction)),
                     ("reserved_utilization", .number(o.reservedUtilization)), ("committed_spend", .number(o.committedSpend))])
        }
        let json = JSONValue.object([
            ("workload", .string(workload)), ("gpu", .string(gpu)), ("horizon_hours", .number(mix.horizonHours)),
            ("all_on_demand_cost", .number(mix.allOnDemandCost)), ("mean_gpus", .number(mix.meanGPUs)), ("peak_gpus", .number(mix.peakGPUs)),
            ("options", .array(mix.options.map(optionJSON))), ("cheapest", optionJSON(cheapest)),
        ])
        var output = Output(blocks: [.table(table)], json: json, exportTable: table)
        if explaining { output.derivation = mix.derivation }
        return output
    }
}
