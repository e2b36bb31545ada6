/// A regularly spaced demand history, the input to every fit: values in, values out.
///
/// Point `i` (0-based) is at time `start + i·step` seconds. The Forecast folder indexes time in
/// steps (`t = 0, 1, …, n−1` for the history, `n−1+h` for horizon `h`); `step` converts to
/// calendar units.
public struct ForecastSeries: Sendable, Hashable {
    /// The values, one per step (a count per step or a rate); finite.
    public var values: [Double]
    /// Seconds between points; positive. A month is `ForecastSeries.secondsPerMonth`.
    public var stepSeconds: Double
    /// Epoch seconds of the first point, when known.
    public var startEpoch: Double?
    /// The unit of a value, for summaries: `"requests/day"`. Empty means unitless.
    public var valueUnit: String
    /// Demand cannot be negative: forecasts and interval bounds are clipped at 0 (and say so).
    public var isNonNegative: Bool

    /// Mean Gregorian month, 365.2425 / 12 days = 2,629,746 s.
    public static let secondsPerMonth = 2_629_746.0
    /// Mean Gregorian year, 365.2425 days = 31,556,952 s.
    public static let secondsPerYear = 31_556_952.0

    public init(values: [Double], stepSeconds: Double, startEpoch: Double? = nil,
                valueUnit: String = "", isNonNegative: Bool = true) {
        self.values = values
        self.stepSeconds = stepSeconds
        self.startEpoch = startEpoch
        self.valueUnit = valueUnit
        self.isNonNegative = isNonNegative
    }

    public var count: Int { values.count }

    /// The same series cut to its first `count` points (for holdouts and rolling origins).
    public func prefix(_ count: Int) -> ForecastSeries {
        var copy = self
        copy.values = Array(values.prefix(count))
        return copy
    }

    /// Epoch seconds of step index `t`, when the start is known.
    public func epoch(atStep t: Int) -> Double? {
        startEpoch.map { $0 + Double(t) * stepSeconds }
    }

    /// Throws unless the step is valid, every value finite, and there are at least `minimum` points.
    func validate(method: String, minimum: Int) throws(ForecastError) {
        guard stepSeconds.isFinite, stepSeconds > 0 else { throw .invalidStep(stepSeconds) }
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad) }
        guard values.count >= minimum else {
            throw .tooFewPoints(method: method, points: values.count, needed: minimum)
        }
    }

    /// Throws unless every value is above 0.
    func validatePositive(method: String) throws(ForecastError) {
        if let bad = values.firstIndex(where: { $0 <= 0 }) {
            throw .nonPositiveValue(method: method, index: bad, value: values[bad])
        }
    }

    /// "month", "day", "hour", "30 min" … for summaries.
    var stepName: String { GrowthRate.calendarName(seconds: stepSeconds) }
}
