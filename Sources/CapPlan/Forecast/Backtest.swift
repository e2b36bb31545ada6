/// Rolling-origin evaluation (FPP3 §5.10): refit on the history up to each origin, forecast the
/// next `horizon` steps, compare with what happened.
///
///     origins o_i = n − horizon·(folds − i),  i = 0 … folds−1   (non-overlapping test windows)
///
/// Folds whose training window is too short for the method are dropped; at least one must remain.
/// MASE uses the seasonal-naive scale of each fold's training data with the series' season
/// length (1 when non-seasonal). Coverage is the share of test points inside each interval.
public enum Backtest {
    public struct Configuration: Sendable, Hashable {
        /// Steps forecast from each origin; at least 1.
        public var horizon: Int
        /// Number of origins; at least 1.
        public var folds: Int
        /// Interval levels whose empirical coverage is measured.
        public var levels: [Double]
        public init(horizon: Int, folds: Int = 4, levels: [Double] = [0.8, 0.95]) {
            self.horizon = horizon; self.folds = folds; self.levels = levels
        }
    }

    public struct Coverage: Sendable, Hashable {
        public var level: Double
        /// Share of held-out points inside the interval, in [0, 1].
        public var observed: Double
    }

    /// One method's scores.
    public struct Score: Sendable, Hashable {
        public var method: ForecastMethod
        /// Percent; nil when every actual was 0.
        public var mape: Double?
        /// Percent, 0–200.
        public var smape: Double
        /// Dimensionless; below 1 beats the seasonal-naive forecast in-sample.
        public var mase: Double?
        public var coverage: [Coverage]
        public var folds: Int
        public var horizon: Int
    }

    /// Scores `method` on `series` with `season` (resolve `.auto` once, before calling, so every
    /// fold uses the same season; `AutoSelection` does).
    public static func evaluate(_ series: ForecastSeries, method: ForecastMethod, season: SeasonChoice,
                                configuration c: Configuration, seed: UInt64 = 0x5EED) throws(ForecastError) -> Score {
        let n = series.count
        guard c.horizon >= 1 else { throw .invalidHorizon(c.horizon, maximum: n) }
        let m: Int
        if case let .steps(s) = season { m = s } else { m = 1 }
        let minimumTraining: Int
        switch method {
        case .linear: minimumTraining = 3
        case .exponential: minimumTraining = 3
        case .logistic: minimumTraining = 6
        case let .holtWinters(s, _): minimumTraining = (s == .none || m < 2) ? 6 : 2 * m + 2
        }
        let origins = (0..<Swift.max(1, c.folds)).map { n - c.horizon * (Swift.max(1, c.folds) - $0) }
            .filter { $0 >= minimumTraining }
        guard !origins.isEmpty else { throw .backtestTooShort(points: n, needed: minimumTraining + c.horizon) }
        var actual: [Double] = [], predicted: [Double] = []
        var lower = [[Double]](repeating: [], count: c.levels.count)
        var upper = lower
        var maseSum = 0.0, maseCount = 0
        for origin in origins {
            let train = series.prefix(origin)
            let fit = try GrowthFit.fit(train, method: method, season: season, recordDerivation: false)
            let forecast = try Forecast.make(series: train, fit: fit, horizon: c.horizon, levels: c.levels, seed: seed)
            let y = Array(series.values[origin..<(origin + c.horizon)])
            let f = forecast.points.map(\.mean)
            actual += y; predicted += f
            for (k, level) in c.levels.enumerated() {
                lower[k] += forecast.points.map { $0.interval(level)?.lower ?? $0.mean }
                upper[k] += forecast.points.map { $0.interval(level)?.upper ?? $0.mean }
            }
            if let v = ForecastMetrics.mase(actual: y, forecast: f, training: train.values, seasonLength: m) {
                maseSum += v; maseCount += 1
            }
        }
        return Score(method: method,
                     mape: ForecastMetrics.mape(actual: actual, forecast: predicted),
                     smape: ForecastMetrics.smape(actual: actual, forecast: predicted),
                     mase: maseCount > 0 ? maseSum / Double(maseCount) : nil,
                     coverage: c.levels.indices.map {
                         Coverage(level: c.levels[$0],
                                  observed: ForecastMetrics.coverage(actual: actual, lower: lower[$0], upper: upper[$0]))
                     },
                     folds: origins.count, horizon: c.horizon)
    }
}
