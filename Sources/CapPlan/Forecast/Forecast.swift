/// Point forecasts with prediction intervals, ready for a table, chart or plan.
///
/// Intervals (docs/capacity-math.md §3 "Intervals"), deterministic for a given `seed`:
/// - Holt–Winters: 500 simulated paths, each one-step error drawn (bootstrap) from the fit's
///   residuals after the first season, fed back through the recursions; per-horizon empirical
///   quantiles of the paths. Relative errors for multiplicative seasonality.
/// - Growth curves: per-horizon empirical quantiles of rolling-origin errors (the curve refitted
///   at up to 12 origins in the second half of the history). Horizons with fewer than 5 errors
///   reuse the last well-sampled horizon's quantiles, widened by √(h/h′). Relative errors for
///   exponential growth.
/// Demand is never negative (mean and bounds clipped at 0 when `isNonNegative`), and a logistic
/// forecast never exceeds its cap K; `notes` says when either clip happened.
public struct Forecast: Sendable, Hashable {
    public struct Interval: Sendable, Hashable {
        /// Central coverage, in (0, 1): 0.8 is the 80% interval (10th to 90th percentile).
        public var level: Double
        public var lower: Double
        public var upper: Double
    }

    public struct Point: Sendable, Hashable {
        /// Step index (the history is 0…n−1, so horizon h is n−1+h).
        public var step: Int
        /// Epoch seconds, when the series has a start.
        public var epoch: Double?
        public var mean: Double
        public var intervals: [Interval]

        /// The interval at `level`, if it was requested.
        public func interval(_ level: Double) -> Interval? {
            intervals.first { Swift.abs($0.level - level) < 1e-9 }
        }
    }

    public var method: ForecastMethod
    public var points: [Point]
    /// What was clipped and why, in plain words.
    public var notes: [String]

    /// Forecasts `horizon` steps past the end of `series` with `fit` (fitted to that series).
    ///
    /// - Parameters:
    ///   - horizon: 1…100,000 steps.
    ///   - levels: interval levels in (0, 1); default 80% and 95%.
    ///   - seed: the simulation seed; the same inputs and seed give identical output.
    public static func make(series: ForecastSeries, fit: GrowthFit, horizon: Int,
                            levels: [Double] = [0.8, 0.95], seed: UInt64 = 0x5EED) throws(ForecastError) -> Forecast {
        guard horizon >= 1, horizon <= 100_000 else { throw .invalidHorizon(horizon, maximum: 100_000) }
        for level in levels where !(level > 0 && level < 1) { throw .invalidIntervalLevel(level) }
        let mean = fit.pointForecast(horizon: horizon)
        let bands = ForecastIntervals.bands(series: series, fit: fit, mean: mean, levels: levels, seed: seed)
        var points: [Point] = []
        var clippedZero = 0, clippedCap = 0
        var cap = Double.infinity
        if case let .logistic(m) = fit.model { cap = m.capacity }
        for h in 0..<horizon {
            var mu = mean[h]
            if series.isNonNegative, mu < 0 { mu = 0; clippedZero += 1 }
            if mu > cap { mu = cap; clippedCap += 1 }
            var intervals: [Interval] = []
            for (k, level) in levels.enumerated() {
                var lo = Swift.min(bands[k].lower[h], mu), hi = Swift.max(bands[k].upper[h], mu)
                if series.isNonNegative, lo < 0 { lo = 0; clippedZero += 1 }
                if hi > cap { hi = cap; clippedCap += 1 }
                intervals.append(Interval(level: level, lower: lo, upper: hi))
            }
            let step = series.count - 1 + h + 1
            points.append(Point(step: step, epoch: series.epoch(atStep: step), mean: mu, intervals: intervals))
        }
        var notes: [String] = []
        if clippedZero > 0 {
            notes.append("\(clippedZero) forecast value\(clippedZero == 1 ? "" : "s") or bound\(clippedZero == 1 ? "" : "s") below 0 clipped to 0 (demand cannot be negative)")
        }
        if clippedCap > 0 {
            notes.append("\(clippedCap) upper bound\(clippedCap == 1 ? "" : "s") clipped to the logistic cap K = \(ForecastFormat.value(cap, unit: series.valueUnit))")
        }
        return Forecast(method: fit.method, points: points, notes: notes)
    }
}
