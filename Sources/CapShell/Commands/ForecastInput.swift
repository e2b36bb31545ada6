import CapPlan

/// Reading `fit growth`, `forecast` and `plan` arguments against a loaded history: the series as
/// the Forecast domain wants it, season and horizon lengths in steps, interval levels, dates.
enum ForecastInput {
    /// The workload and its loaded history, or a clear error.
    static func history(_ arguments: Arguments, in session: Session) throws -> (Workload, DemandHistory) {
        let workload = try WorkloadCommands.existing(arguments, in: session)
        guard let history = session.histories[workload.name] else {
            throw LanguageError(.command, "workload '\(workload.name)' has no demand history",
                                hint: "load one first: load history \(workload.name) FILE", span: arguments.positional("workload")?.span)
        }
        return (workload, history)
    }

    /// Seconds of one step (a calendar month counts as the mean Gregorian month for fitting).
    static func stepSeconds(_ step: TimeSeries.Step) -> Double {
        switch step {
        case .seconds(let s): return s
        case .months(let m): return Double(m) * ForecastSeries.secondsPerMonth
        }
    }

    /// "month", "3 months", "year", "hour", "30 min", "day".
    static func stepName(_ step: TimeSeries.Step) -> String {
        switch step {
        case .months(1): return "month"
        case .months(12): return "year"
        case .months(let m): return "\(m) months"
        case .seconds(let s):
            switch s {
            case 86_400: return "day"
            case 3_600: return "hour"
            case 60: return "min"
            case 1: return "s"
            case 604_800: return "week"
            default: return step.description
            }
        }
    }

    /// The value unit of a history: "requests/month" for counts per step, "req/s" for rates.
    static func valueUnit(_ series: TimeSeries) -> String {
        series.kind == .rate ? "req/s" : "requests/\(stepName(series.step))"
    }

    /// The series as the Forecast domain takes it; missing values are an error (fill them on load).
    static func forecastSeries(_ series: TimeSeries, span: Range<Int>?) throws -> ForecastSeries {
        var values: [Double] = []
        values.reserveCapacity(series.count)
        for (i, v) in series.values.enumerated() {
            guard let v, v.isFinite else {
                throw LanguageError(.command, "the history has a missing value at \(dateText(series.time(at: i), step: series.step)) (point \(i + 1) of \(series.count))",
                                    hint: "fill gaps when loading, for example load history W FILE fill=linear", span: span)
            }
            values.append(v)
        }
        return ForecastSeries(values: values, stepSeconds: stepSeconds(series.step), startEpoch: series.start,
                              valueUnit: valueUnit(series), isNonNegative: true)
    }

    // MARK: Season

    /// `auto`, `none`, a whole number of steps, or a duration (`24h`, `7d`, `12mo`, `1y`).
    static func season(_ argument: BoundArgument?, series: TimeSeries) throws -> SeasonChoice {
        guard let argument else { return .auto }
        let text = argument.text.lowercased()
        let span = argument.span
        if text == "auto" { return .auto }
        if text == "none" || text == "no" { return .none }
        let steps: Double
        if let n = Double(text) {
            steps = n
        } else {
            let digits = text.prefix { $0.isNumber || $0 == "." }
            let unitText = String(text.dropFirst(digits.count))
            guard let amount = Double(digits), amount > 0 else {
                throw LanguageError(.bind, "season= expects auto, none, a number of steps or a duration such as 24h, 7d or 12mo; got '\(argument.text)'",
                                    hint: "season=auto picks the season from the data", span: span)
            }
            if ["mo", "month", "months", "y", "yr", "year", "years"].contains(unitText) {
                let months = amount * (unitText.hasPrefix("m") ? 1 : 12)
                switch series.step {
                case .months(let m): steps = months / Double(m)
                case .seconds(let s): steps = months * ForecastSeries.secondsPerMonth / s
                }
            } else {
                let seconds: Double
                switch unitText {
                case "s": seconds = amount
                case "min", "m": seconds = amount * 60
                case "h": seconds = amount * 3_600
                case "d": seconds = amount * 86_400
                case "wk", "w": seconds = amount * 604_800
                default:
                    throw LanguageError(.bind, "season= does not know the unit '\(unitText)'",
                                        hint: "write a duration such as 24h, 7d, 1wk or 12mo, or a number of steps", span: span)
                }
                steps = seconds / stepSeconds(series.step)
            }
        }
        let whole = steps.rounded()
        guard abs(steps - whole) < 1e-6 * max(1, whole), whole >= 2 else {
            throw LanguageError(.bind, "a season must be a whole number of at least 2 steps of \(series.step); '\(argument.text)' is \(NumberFormat.decimal(steps, significantDigits: 4)) steps",
                                hint: "choose a season that is a multiple of the step, or season=auto", span: span)
        }
        let m = Int(whole)
        if series.count < 2 * m + 2 {
            throw LanguageError(.command, "a season of \(m) steps (\(argument.text)) is too long for the history: fitting it needs two seasons and 2 more points (\(2 * m + 2)); the history has \(series.count)",
                                hint: "use a shorter season, season=none, or load a longer history", span: span)
        }
        return .steps(m)
    }

    // MARK: Horizons

    /// A horizon as calendar months or seconds.
    enum Span: Equatable {
        case months(Int)
        case seconds(Double)

        func text() -> String {
            switch self {
            case .months(let m): return "\(m)mo"
            case .seconds(let s):
                for (unit, size) in [("wk", 604_800.0), ("d", 86_400), ("h", 3_600), ("min", 60)] where s >= size && (s / size).rounded() == s / size {
                    return NumberFormat.decimal(s / size) + unit
                }
                return NumberFormat.decimal(s) + "s"
            }
        }
    }

    /// Reads a time option: `mo` and `yr` as calendar months, anything else in seconds.
    static func span(_ argument: BoundArgument?, default fallback: Span, key: String) throws -> Span {
        guard let argument, let q = argument.value.quantity else { return fallback }
        guard q.value > 0 else {
            throw LanguageError(.bind, "\(key)= must be longer than 0", hint: "for example \(key)=6mo", span: argument.span)
        }
        // A thousand years bounds every calendar and step count that follows (no conversion
        // of a larger figure to a whole number can trap).
        guard q.value.isFinite, q.value <= 1000 * 31_556_952 else {
            throw LanguageError(.bind, "\(key)= must be at most 1,000 years", hint: "got \(Quantity(q.value, .time).formatted(significantDigits: 4)); for example \(key)=6mo", span: argument.span)
        }
        if let unit = q.unit, unit.symbol == "mo" || unit.symbol == "yr" {
            let months = q.value / unit.factor * (unit.symbol == "yr" ? 12 : 1)
            if abs(months - months.rounded()) < 1e-9, months >= 1 { return .months(Int(months.rounded())) }
        }
        return .seconds(q.value)
    }

    /// Epoch seconds `span` after `t` (calendar months from the UTC date of `t`).
    static func adding(_ span: Span, times k: Int = 1, to t: Double) -> Double {
        switch span {
        case .months(let m):
            return TimeSeries(source: "", kind: .count, start: t, step: .months(m), values: []).time(at: k)
        case .seconds(let s):
            return t + Double(k) * s
        }
    }

    /// The number of series steps after its end needed to reach `end` (at least 1).
    /// The most forecast points one statement computes (and prints).
    static let maximumForecastSteps = 20_000

    /// The forecast points from the series' end to `end`; more than `maximumForecastSteps` is an
    /// error with the count (a one-year horizon on a one-second request log is 31.5M points),
    /// never a silent cut.
    static func steps(until end: Double, series: TimeSeries, span: Range<Int>?) throws -> Int {
        var h = 0
        while series.time(at: series.count + h) < end - 1e-6 {
            h += 1
            if h > maximumForecastSteps {
                let total = (end - series.end) / Swift.max(1e-9, series.time(at: series.count) - series.time(at: series.count - 1))
                throw LanguageError(.bind, "the horizon is about \(NumberFormat.decimal(total, significantDigits: 3)) steps of \(series.step.description); at most \(NumberFormat.integer(Double(maximumForecastSteps)))",
                                    hint: "shorten horizon=, or load the history at a coarser step (load history W FILE step=1h)", span: span)
            }
        }
        return max(1, h)
    }

    /// `80%,95%` or `0.8,0.95` into sorted, distinct levels in (0, 1).
    static func levels(_ argument: BoundArgument?) throws -> [Double] {
        guard let argument else { return [0.8, 0.95] }
        var levels: [Double] = []
        for part in argument.text.split(separator: ",") {
            let text = String(part.filter { $0 != " " })
            var value: Double?
            if text.hasSuffix("%"), let n = Double(text.dropLast()) { value = n / 100 } else if let n = Double(text) { value = n > 1 ? n / 100 : n }
            guard let v = value, v > 0, v < 1 else {
                throw LanguageError(.bind, "interval= expects levels between 0% and 100% such as 80%,95%; got '\(text)'",
                                    hint: "interval=80%,95%", span: argument.span)
            }
            if !levels.contains(where: { abs($0 - v) < 1e-9 }) { levels.append(v) }
        }
        guard !levels.isEmpty else {
            throw LanguageError(.bind, "interval= needs at least one level", hint: "interval=80%,95%", span: argument.span)
        }
        return levels.sorted()
    }

    /// "80" for 0.8, "97.5" for 0.975 (JSON keys lo80, hi97.5).
    static func levelKey(_ level: Double) -> String {
        NumberFormat.decimal(level * 100, significantDigits: 4)
    }

    // MARK: Dates (UTC, deterministic)

    static func civil(_ t: Double) -> (year: Int, month: Int, day: Int, seconds: Int) {
        let total = Int((t).rounded(.down))
        var days = total / 86_400
        var rest = total - days * 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let date = CivilCalendar.date(days: days)
        return (date.year, date.month, date.day, rest)
    }

    private static func pad(_ n: Int, _ width: Int = 2) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// A label for a point at the series' resolution: `2024-03` (months), `2024-03-15` (days),
    /// `2024-03-15 13:00` (shorter steps).
    static func dateText(_ t: Double, step: TimeSeries.Step) -> String {
        let c = civil(t)
        let date = "\(pad(c.year, 4))-\(pad(c.month))"
        if case .months = step { return date }
        let day = date + "-" + pad(c.day)
        if case .seconds(let s) = step, s >= 86_400, c.seconds == 0 { return day }
        return day + " " + pad(c.seconds / 3600) + ":" + pad(c.seconds / 60 % 60)
    }

    /// `2024-03-01` (a date, for order-by dates that fall on midnight) or `2024-03-01 06:00`.
    static func dayText(_ t: Double) -> String {
        let c = civil(t)
        let day = "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))"
        return c.seconds == 0 ? day : day + " " + pad(c.seconds / 3600) + ":" + pad(c.seconds / 60 % 60)
    }

    /// ISO 8601 date-time in UTC: `2024-03-01T00:00:00Z`.
    static func isoText(_ t: Double) -> String {
        let c = civil(t)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.seconds / 3600)):\(pad(c.seconds / 60 % 60)):\(pad(c.seconds % 60))Z"
    }

    /// Numbers in tables: three significant digits with k/M/G ("1.3M").
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let a = abs(x)
        let (scaled, suffix): (Double, String) =
            a >= 1e12 ? (x / 1e12, "T") : a >= 1e9 ? (x / 1e9, "G") : a >= 1e6 ? (x / 1e6, "M") : a >= 1e4 ? (x / 1e3, "k") : (x, "")
        return NumberFormat.decimal(scaled, significantDigits: 3) + suffix
    }
}
