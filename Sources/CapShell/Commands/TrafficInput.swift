import CapPlan

/// The traffic that `simulate autoscale`, `compare policies` and `purchase` run over, in
/// requests per second: the workload's loaded history, its forecast, or a synthetic pattern.
///
/// - `over=history`: the loaded series (counts per step become rates; missing steps hold the
///   previous value).
/// - `over=forecast`: the forecast's mean; its 80% interval's upper bound (the p90) is what the
///   predictive policy provisions for, and its lower bound what `purchase` reserves for.
/// - `over=pattern`: `pattern=20,15,12,...` (hourly values repeated daily, `shape=step|linear`),
///   `pattern=diurnal [peak=] [trough=]` (a cosine day, trough 04:00, peak 16:00; by default
///   around the workload's rate: peak = rate × peak multiplier, trough = 2·rate − peak, so the
///   day's mean is the rate), or `pattern=spike [at=12h] [x=5] [lasting=10min]` on the
///   workload's rate.
///
/// Without `over=`: a pattern when `pattern=` is given, else the history when one is loaded,
/// else the diurnal day around the workload's rate.
struct TrafficInput {
    /// Demand, requests per second.
    var trace: DemandTrace
    /// The forecast's 80% upper bound (p90), when the traffic is a forecast.
    var upper: DemandTrace?
    /// The forecast's 80% lower bound (p10), when the traffic is a forecast.
    var lower: DemandTrace?
    /// "the pattern 20, 15, … (step)", "the history of chat (1 min steps)", …
    var description: String

    static let rate = ValueKind.quantity(dimensions: [.rate], impliedUnit: "rps", context: .count)
    static let time = ValueKind.quantity(dimensions: [.time], impliedUnit: "s", context: .count)

    static let options: [OptionSpec] = [
        OptionSpec("over", .choice(["history", "forecast", "pattern"]), "The traffic: the loaded history, its forecast, or a synthetic pattern."),
        OptionSpec("pattern", .text, "Hourly requests/s repeated daily (20,15,12,...), or diurnal, or spike."),
        OptionSpec("shape", .choice(DemandTrace.HourlyShape.allCases.map(\.rawValue)), "Between hourly values: hold each hour (step) or interpolate (linear).", default: "step"),
        OptionSpec("peak", rate, "pattern=diurnal: the 16:00 peak (default: the workload's rate × its peak multiplier)."),
        OptionSpec("trough", rate, "pattern=diurnal: the 04:00 trough (default: 2 × rate − peak, so the mean is the rate)."),
        OptionSpec("at", time, "pattern=spike: when it starts.", default: "12h"),
        OptionSpec("x", .number, "pattern=spike: the spike as a multiple of the rate.", default: "5"),
        OptionSpec("lasting", time, "pattern=spike: how long it lasts.", default: "10min"),
        OptionSpec("duration", time, "How much traffic to run (default: one day of a pattern; the whole history or forecast)."),
    ]

    /// The traffic for `workload`, sampled every `stepSeconds` (the trace's own step for a
    /// history or forecast; patterns are sampled at this step).
    init(_ arguments: Arguments, session: Session, workload w: Workload, patternStep stepSeconds: Double) throws {
        let history = session.histories[w.name]
        let over = arguments.name("over")
            ?? (arguments.option("pattern") != nil ? "pattern" : (history != nil ? "history" : "pattern"))
        let durationSpan = arguments.option("duration")?.span
        let duration = arguments.quantity("duration")?.value
        if let d = duration, !(d > 0 && d.isFinite) {
            throw LanguageError(.bind, "duration= must be longer than 0", hint: "for example duration=1d", span: QueueInput.valueSpan(arguments.option("duration")) ?? durationSpan)
        }
        do {
            switch over {
            case "history":
                guard let history else {
                    throw LanguageError(.command, "\(w.name) has no history", hint: "load one with 'load history \(w.name) FILE.csv', or use pattern=",
                                        span: arguments.option("over")?.span ?? arguments.span)
                }
                let series = history.series
                guard let step = series.step.fixedSeconds else {
                    throw LanguageError(.command, "the history of \(w.name) has calendar-month steps, too coarse to scale on",
                                        hint: "load a history with steps of minutes or hours", span: arguments.option("over")?.span ?? arguments.span)
                }
                var values: [Double] = []
                values.reserveCapacity(series.count)
                var last = 0.0
                for v in series.values {
                    if let v { last = series.kind == .count ? v / step : v }
                    values.append(last)
                }
                trace = try Self.cut(DemandTrace(values: values, stepSeconds: step), to: duration)
                description = "the history of \(w.name) (\(NumberFormat.integer(Double(trace.count))) steps of \(DemandFormat.duration(step)))"
            case "forecast":
                guard let history, let forecast = history.forecast, let step = history.series.step.fixedSeconds else {
                    throw LanguageError(.command, "\(w.name) has no forecast with steps of minutes or hours",
                                        hint: "run 'fit growth \(w.name)' and 'forecast \(w.name) ...' first", span: arguments.option("over")?.span ?? arguments.span)
                }
                // Counts per step become rates, as for the history.
                let kind = history.series.kind
                func rate(_ v: Double) -> Double { kind == .count ? max(0, v) / step : max(0, v) }
                trace = try Self.cut(DemandTrace(values: forecast.points.map { rate($0.mean) }, stepSeconds: step), to: duration)
                if forecast.points.allSatisfy({ $0.interval(0.8) != nil }) {
                    upper = try Self.cut(DemandTrace(values: forecast.points.map { rate($0.interval(0.8)!.upper) }, stepSeconds: step), to: duration)
                    lower = try Self.cut(DemandTrace(values: forecast.points.map { rate($0.interval(0.8)!.lower) }, stepSeconds: step), to: duration)
                }
                description = "the forecast of \(w.name) (\(NumberFormat.integer(Double(trace.count))) steps of \(DemandFormat.duration(step)))"
            default:
                (trace, description) = try Self.pattern(arguments, workload: w, stepSeconds: stepSeconds, duration: duration ?? 86_400)
            }
        } catch let error as AutoscalingError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: durationSpan ?? arguments.option("pattern")?.span ?? arguments.span)
        }
    }

    static func cut(_ trace: DemandTrace, to duration: Double?) throws -> DemandTrace {
        guard let duration, duration < trace.durationSeconds else { return trace }
        let n = max(1, Int((duration / trace.stepSeconds).rounded(.up)))
        return try DemandTrace(values: Array(trace.values.prefix(n)), stepSeconds: trace.stepSeconds, startSeconds: trace.startSeconds)
    }

    /// The workload's mean rate and peak multiplier, for patterns built around it.
    static func rates(_ w: Workload) -> (mean: Double, peak: Double)? {
        let mean = w.rate ?? w.tokenRate.flatMap { t in (w.inputTokens.flatMap { i in w.outputTokens.map { i + $0 } }).map { t / $0 } }
        guard let mean else { return nil }
        return (mean, mean * (w.peakMultiplier ?? 1))
    }

    static func pattern(_ arguments: Arguments, workload w: Workload, stepSeconds: Double, duration: Double) throws -> (DemandTrace, String) {
        let text = arguments.name("pattern") ?? "diurnal"
        let span = arguments.option("pattern")?.span ?? arguments.span
        switch text.lowercased() {
        case "diurnal":
            let defaults = rates(w)
            guard let peak = arguments.quantity("peak")?.value ?? defaults?.peak else {
                throw LanguageError(.command, "pattern=diurnal needs peak= (or a workload with rate=)", hint: "e.g. pattern=diurnal peak=200rps trough=20rps", span: span)
            }
            let trough = arguments.quantity("trough")?.value ?? max(0, 2 * (defaults?.mean ?? peak / 2) - peak)
            let trace = try DemandTrace.diurnal(peak: peak, trough: trough, stepSeconds: stepSeconds, durationSeconds: duration)
            return (trace, "a diurnal day, trough \(rps(trough)) at 04:00, peak \(rps(peak)) at 16:00")
        case "spike":
            guard let base = rates(w)?.mean else {
                throw LanguageError(.command, "pattern=spike builds on the workload's rate, and \(w.name) has none", hint: "give it rate=", span: span)
            }
            let at = arguments.quantity("at")?.value ?? 43_200, x = arguments.quantity("x")?.value ?? 5
            let lasting = arguments.quantity("lasting")?.value ?? 600
            let trace = try DemandTrace.spike(at: at, multiplier: x, base: base, lastingSeconds: lasting, stepSeconds: stepSeconds, durationSeconds: duration)
            return (trace, "\(rps(base)) with a \(NumberFormat.decimal(x))× spike at \(DemandFormat.duration(at)) for \(DemandFormat.duration(lasting))")
        default:
            var hourly: [Double] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                let field = part.trimmingCharacters(in: .whitespaces)
                guard let value = Double(field), value.isFinite, value >= 0 else {
                    throw LanguageError(.bind, "pattern= takes hourly requests/s separated by commas, or diurnal, or spike; '\(field)' is none of these",
                                        hint: "e.g. pattern=20,15,12,10 (repeated daily) or pattern=diurnal peak=200rps", span: span)
                }
                hourly.append(value)
            }
            let shape = DemandTrace.HourlyShape(rawValue: arguments.name("shape") ?? "step") ?? .step
            let trace = try DemandTrace.hourly(hourly, shape: shape, stepSeconds: stepSeconds, durationSeconds: duration)
            return (trace, "\(hourly.count) hourly values repeated (\(shape.rawValue)), peak \(rps(hourly.max() ?? 0))")
        }
    }

    static func rps(_ x: Double) -> String { Quantity(x, .rate, unit: UnitTable.unit("rps")).formatted(significantDigits: 4) }
}
