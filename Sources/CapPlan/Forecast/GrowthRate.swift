import Foundation

/// A compound growth rate per step, with the conversions a planner reads.
///
///     r_period = (1 + r_step)^(period / step) − 1
///     doubling time = ln 2 / ln(1 + r)           (in the rate's own period)
///
/// Source: docs/capacity-math.md §3 "Growth models".
public struct GrowthRate: Sendable, Hashable {
    /// Fractional growth per step: 0.042 is +4.2% per step. Above −1.
    public var perStep: Double
    /// Seconds per step; positive.
    public var stepSeconds: Double

    public init(perStep: Double, stepSeconds: Double) {
        self.perStep = perStep
        self.stepSeconds = stepSeconds
    }

    /// The equivalent compound rate over `seconds`: `(1 + r)^(seconds/step) − 1`.
    public func per(seconds: Double) -> Double {
        Foundation.exp(Foundation.log1p(perStep) * seconds / stepSeconds) - 1
    }

    /// Compound growth per mean Gregorian month (2,629,746 s).
    public var perMonth: Double { per(seconds: ForecastSeries.secondsPerMonth) }
    /// Compound growth per mean Gregorian year (31,556,952 s).
    public var perYear: Double { per(seconds: ForecastSeries.secondsPerYear) }

    /// Steps for the value to double, `ln 2 / ln(1 + r)`; nil when the rate is 0 or negative.
    public var doublingSteps: Double? {
        perStep > 0 ? Foundation.log(2) / Foundation.log1p(perStep) : nil
    }

    /// Seconds for the value to double; nil when not growing.
    public var doublingSeconds: Double? { doublingSteps.map { $0 * stepSeconds } }

    /// Steps for the value to halve; nil when not shrinking.
    public var halvingSteps: Double? {
        perStep < 0 ? -Foundation.log(2) / Foundation.log1p(perStep) : nil
    }

    /// Converts a monthly rate to a per-step rate: `r_step = (1 + r_month)^(step/month) − 1`.
    public static func fromMonthly(_ perMonth: Double, stepSeconds: Double) -> GrowthRate {
        GrowthRate(perStep: Foundation.exp(Foundation.log1p(perMonth) * stepSeconds / ForecastSeries.secondsPerMonth) - 1,
                   stepSeconds: stepSeconds)
    }

    /// Converts a yearly rate: `r_month = (1 + r_year)^(1/12) − 1` when the step is a month.
    public static func fromYearly(_ perYear: Double, stepSeconds: Double) -> GrowthRate {
        GrowthRate(perStep: Foundation.exp(Foundation.log1p(perYear) * stepSeconds / ForecastSeries.secondsPerYear) - 1,
                   stepSeconds: stepSeconds)
    }

    /// The planner's calendar unit for reporting a rate of this step: a month for steps of a
    /// week or longer (but under a year), a day for shorter steps, a year for yearly steps.
    var reportingPeriod: (name: String, seconds: Double) {
        if stepSeconds >= ForecastSeries.secondsPerYear * 0.9 { return ("year", ForecastSeries.secondsPerYear) }
        if stepSeconds >= 6 * 86_400 { return ("month", ForecastSeries.secondsPerMonth) }
        return ("day", 86_400)
    }

    /// "+4.2% per month, doubles in 16.8 months".
    public var summary: String {
        let period = reportingPeriod
        let rate = per(seconds: period.seconds)
        var text = "\(ForecastFormat.signedPercent(rate)) per \(period.name)"
        if let d = doublingSeconds {
            text += ", doubles in \(ForecastFormat.oneDecimal(d / period.seconds)) \(period.name)s"
        } else if let h = halvingSteps {
            text += ", halves in \(ForecastFormat.oneDecimal(h * stepSeconds / period.seconds)) \(period.name)s"
        }
        return text
    }

    /// A readable name for a step length: "month", "day", "hour", "30 min", "3600 s".
    static func calendarName(seconds: Double) -> String {
        switch seconds {
        case 28 * 86_400 ... 31 * 86_400: return "month"
        case 89 * 86_400 ... 92 * 86_400: return "quarter"
        case 365 * 86_400 ... 366 * 86_400: return "year"
        case 7 * 86_400: return "week"
        case 86_400: return "day"
        case 3_600: return "hour"
        case 60: return "minute"
        default:
            if seconds.truncatingRemainder(dividingBy: 3_600) == 0 { return "\(Int(seconds / 3_600)) h" }
            if seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
            return "\(ForecastFormat.number(seconds)) s"
        }
    }
}
