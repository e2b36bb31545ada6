import CapPlan
import Foundation

/// `plan W`: the forecast demand quantile per plan step, sized with the session's pipeline, costed,
/// with the dates by which each increase must be ordered.
enum ForecastPlan {
    struct Row {
        var start: Double
        var demand: Double
        var result: SizingResult
        var cost: Double?
    }

    static func run(workload: Workload, history: DemandHistory, arguments: Arguments, session: Session, explaining: Bool) throws -> Output {
        let ts = history.series
        let series = try ForecastInput.forecastSeries(ts, span: arguments.span)
        let horizon = try ForecastInput.span(arguments.option("horizon"), default: .months(12), key: "horizon")
        let step = try ForecastInput.span(arguments.option("step"), default: .months(1), key: "step")
        let lead = try ForecastInput.span(arguments.option("lead"), default: .seconds(8 * 604_800), key: "lead")
        let q = arguments.quantity("quantile")?.value ?? 0.9

        let planStart = ts.end
        let planEnd = ForecastInput.adding(horizon, to: planStart)
        // Each plan step sizes the fleet: at most 1,000 of them, said up front, never cut short.
        var starts: [Double] = []
        while true {
            let s = ForecastInput.adding(step, times: starts.count, to: planStart)
            guard s < planEnd - 1e-6 else { break }
            guard starts.count < 1_000 else {
                throw LanguageError(.bind, "horizon= over step= gives more than 1,000 plan steps; at most 1,000",
                                    hint: "use a longer step= (step=1mo) or a shorter horizon=", span: arguments.option("step")?.span ?? arguments.option("horizon")?.span ?? arguments.span)
            }
            starts.append(s)
        }
        guard !starts.isEmpty else {
            throw LanguageError(.bind, "the plan horizon is shorter than one plan step", hint: "for example horizon=12mo step=1mo", span: arguments.span)
        }

        // The quantile as an interval bound: p90 is the upper end of the 80% interval.
        let level = q > 0.5 ? 2 * q - 1 : 1 - 2 * q
        let levels = abs(q - 0.5) < 1e-9 ? [0.8] : [level]
        let made = try ForecastRun.make(history: history, series: series, horizon: horizon, levels: levels, scoring: false, span: arguments.span)
        func quantileValue(_ p: Forecast.Point) -> Double {
            if abs(q - 0.5) < 1e-9 { return p.mean }
            guard let i = p.interval(level) else { return p.mean }
            return q > 0.5 ? i.upper : i.lower
        }
        func rate(_ value: Double, at index: Int) -> Double {
            ts.kind == .rate ? value : value / ts.duration(at: index)
        }

        var demands: [Double] = []
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1] : planEnd
            let inside = made.forecast.points.filter { let t = ts.time(at: $0.step); return t >= start - 1e-6 && t < end - 1e-6 }
            let covering = inside.isEmpty ? made.forecast.points.last { ts.time(at: $0.step) <= start + 1e-6 } : nil
            let chosen = inside.isEmpty ? (covering.map { [$0] } ?? []) : inside
            demands.append(chosen.map { rate(quantileValue($0), at: $0.step) }.max() ?? 0)
        }

        let gpu = arguments.name("gpu")
        let pricing = arguments.name("pricing").flatMap(PricingMode.init(parsing:))
        func size(_ demand: Double) throws -> SizingResult {
            var w = workload
            w.rate = max(0, demand)
            w.tokenRate = nil
            do {
                return try session.size(w, gpu: gpu, pricing: pricing)
            } catch let error as UserFacingError {
                throw LanguageError(.command, "\(workload.name): \(error.message)", hint: error.userHint,
                                    span: arguments.option("gpu")?.span ?? arguments.span)
            }
        }
        let monthSeconds = session.settings.monthHours * 3_600
        func monthsIn(_ k: Int) -> Double {
            if case .months(let m) = step { return Double(m) }
            let end = k + 1 < starts.count ? starts[k + 1] : planEnd
            return (end - starts[k]) / monthSeconds
        }

        let lastIndex = ts.count - 1
        let lastObserved = series.values.last.map { rate($0, at: lastIndex) } ?? 0
        let baseline = try size(lastObserved)
        var rows: [Row] = []
        for (k, start) in starts.enumerated() {
            let r = try size(demands[k])
            rows.append(Row(start: start, demand: demands[k], result: r, cost: r.costPerMonth.map { $0 * monthsIn(k) }))
        }
        let total = rows.compactMap(\.cost).reduce(0, +)
        let priced = rows.allSatisfy { $0.cost != nil }

        struct Order { var by: Double; var forStep: Double; var increase: Int; var total: Int }
        var orders: [Order] = []
        var current = baseline.gpus
        for row in rows where row.result.gpus > current {
            orders.append(Order(by: ForecastInput.adding(lead, times: -1, to: row.start), forStep: row.start,
                                increase: row.result.gpus - current, total: row.result.gpus))
            current = row.result.gpus
        }

        let unitTime = { (t: Double) in ForecastInput.dateText(t, step: ts.step.isMonthly || step.isMonths ? .months(1) : .seconds(86_400)) }
        let qText = "p" + NumberFormat.decimal(q * 100, significantDigits: 4)
        var table = Table(name: "plan", title: "plan for \(workload.name): \(qText) demand, \(made.fit.method.name)", columns: [
            .init("step", key: "t"), .init("demand", alignment: .right), .init("instances", alignment: .right),
            .init("GPUs", key: "gpus", alignment: .right), .init("cost", alignment: .right),
        ])
        for row in rows {
            table.rows.append([
                Table.Cell(unitTime(row.start), value: .string(ForecastInput.isoText(row.start))),
                .number(row.demand, rateText(row.demand)),
                .number(Double(row.result.instances), NumberFormat.integer(Double(row.result.instances))),
                .number(Double(row.result.gpus), NumberFormat.integer(Double(row.result.gpus))),
                row.cost.map { .number($0, NumberFormat.money($0)) } ?? .text("no price"),
            ])
        }
        let gpuName = rows.first?.result.gpu ?? ""
        let on = ["", "unspecified", "none"].contains(gpuName) ? "" : " on \(gpuName)"
        table.footnotes.append("total \(priced ? NumberFormat.money(total) : "n/a (no price)") over \(rows.count) steps\(on); each step costs the fleet sized for it")

        var ordersTable = Table(name: "orders", title: "orders (lead \(lead.text()))", columns: [
            .init("order by", key: "by"), .init("for step", key: "for"), .init("add GPUs", key: "gpus", alignment: .right),
            .init("fleet GPUs", key: "total_gpus", alignment: .right), .init("note"),
        ])
        for o in orders {
            ordersTable.rows.append([
                Table.Cell(ForecastInput.dayText(o.by), value: .string(ForecastInput.isoText(o.by))),
                Table.Cell(unitTime(o.forStep), value: .string(ForecastInput.isoText(o.forStep))),
                .number(Double(o.increase), "+" + NumberFormat.integer(Double(o.increase))),
                .number(Double(o.total), NumberFormat.integer(Double(o.total))),
                .text(o.by < planStart ? "late: before the end of the history, order now" : ""),
            ])
        }

        var head = "\(workload.name): demand is the \(qText) forecast as a mean rate; each step is sized × peak \(NumberFormat.decimal(workload.peakMultiplier ?? 1))x with the usual headroom"
        head += "\nbaseline \(NumberFormat.integer(Double(baseline.gpus))) GPUs, the fleet for the last observed step (\(rateText(lastObserved)))"
        if made.fittedNow { head += "\nno fit stored: fitted method=auto now (run 'fit growth \(workload.name)' to choose)" }
        var blocks: [Output.Block] = [.text(head), .table(table)]
        blocks.append(orders.isEmpty ? .text("no orders: the baseline fleet covers every step") : .table(ordersTable))
        if !made.forecast.notes.isEmpty { blocks.append(.text(made.forecast.notes.joined(separator: "\n"))) }

        let json = JSONValue.object([
            ("workload", .string(workload.name)),
            ("method", .string(ForecastFitting.methodName(made.fit))),
            ("quantile", .number(q)),
            ("gpu", .string(rows.first?.result.gpu ?? "")),
            ("baseline_gpus", .number(Double(baseline.gpus))),
            ("rows", .array(rows.map { r in .object([
                ("t", .string(ForecastInput.isoText(r.start))), ("demand", .number(r.demand)),
                ("instances", .number(Double(r.result.instances))), ("gpus", .number(Double(r.result.gpus))), ("cost", .number(r.cost)),
            ]) })),
            ("total_cost", priced ? .number(total) : .null),
            ("orders", .array(orders.map { o in .object([
                ("by", .string(ForecastInput.isoText(o.by))), ("for", .string(ForecastInput.isoText(o.forStep))),
                ("gpus", .number(Double(o.increase))), ("total_gpus", .number(Double(o.total))),
            ]) })),
        ])
        var output = Output(blocks: blocks, json: json, exportTable: table)
        if explaining {
            var d = Derivation(title: "plan \(workload.name)")
            d.step("forecast", "\(made.fit.method.name), \(made.forecast.points.count) steps of \(ts.step)", made.fittedNow ? "fitted with method=auto now" : "the stored fit", "to \(ForecastInput.isoText(planEnd))")
            d.step("demand quantile", q > 0.5 ? "\(qText) = upper end of the \(ForecastInput.levelKey(level))% interval" : (q < 0.5 ? "\(qText) = lower end of the \(ForecastInput.levelKey(level))% interval" : "p50 = the mean forecast"),
                   "per history step", "")
            d.step("per plan step", "max over the history steps inside the plan step", "step \(step.text())", "\(rows.count) steps")
            d.step("as a rate", ts.kind == .rate ? "the series is already a rate per second" : "count per step ÷ step length (s)", valueUnitNote(ts), "requests/s")
            d.step("sizing", "workload rate := demand; then size W (peak × (1 + headroom), instances, spares, zones)",
                   "peak \(NumberFormat.decimal(workload.peakMultiplier ?? 1))x", "see 'explain size \(workload.name)'")
            d.step("cost", "cost per month × months in the step", "month = \(NumberFormat.decimal(session.settings.monthHours)) h", priced ? NumberFormat.money(total) : "no price")
            d.step("orders", "order by = step start − lead, for each increase over the previous fleet", "lead \(lead.text()), baseline \(baseline.gpus) GPUs", "\(orders.count) orders")
            d.assume("mean → peak", "the demand is a mean rate over one history step; the workload's peak multiplier (peak=, default 1x) is applied on top, as in size",
                     source: "design.md: a workload's rate is its mean and peak= multiplies it")
            d.assume("baseline", "the fleet size gives for the last observed step", source: "plan")
            d.notes += made.forecast.notes
            output.derivation = d
        }
        return output
    }

    /// Four significant digits, zeros kept so a column lines up: "0.1800 rps", "69.00 rps".
    static func rateText(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        guard x != 0 else { return "0 rps" }
        let magnitude = Int((log10(abs(x))).rounded(.down))
        return NumberFormat.fixedPoint(x, decimals: max(0, 3 - magnitude)) + " rps"
    }

    static func valueUnitNote(_ ts: TimeSeries) -> String {
        ts.kind == .rate ? "req/s" : "requests per \(ForecastInput.stepName(ts.step))"
    }
}

extension TimeSeries.Step {
    var isMonthly: Bool { if case .months = self { return true }; return false }
}

extension ForecastInput.Span {
    var isMonths: Bool { if case .months = self { return true }; return false }
}
