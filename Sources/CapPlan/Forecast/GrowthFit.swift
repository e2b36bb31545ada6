/// A fitted demand model: the method, its parameters, a summary in planner's words, the
/// in-sample fit and a `Derivation` that `explain fit growth W` can teach.
public struct GrowthFit: Sendable, Hashable {
    /// The fitted model with its typed parameters.
    public enum Model: Sendable, Hashable {
        case linear(LinearGrowth)
        case exponential(ExponentialGrowth)
        case logistic(LogisticGrowth)
        case holtWinters(HoltWintersModel)
    }

    /// One named parameter, for tables and JSON (`params`).
    public struct Parameter: Sendable, Hashable {
        /// JSON key: "slope", "rate_per_step", "capacity", "alpha".
        public var key: String
        /// Symbol in docs/capacity-math.md: "g", "r", "K", "α".
        public var symbol: String
        public var value: Double
        /// Unit or meaning: "requests/day per month", "per step".
        public var unit: String
    }

    public var method: ForecastMethod
    public var model: Model
    public var parameters: [Parameter]
    /// One or two sentences: "+4.2% per month, doubles in 16.8 months".
    public var summary: String
    public var derivation: Derivation
    /// In-sample fitted values (one-step-ahead predictions for Holt–Winters), one per point.
    public var fitted: [Double]
    /// y − fitted, one per point.
    public var residuals: [Double]
    /// Number of points fitted.
    public var points: Int
    public var stepSeconds: Double
    /// Holt–Winters state after the last observation; nil for growth curves.
    var finalState: HoltWintersModel.State?

    /// Point forecasts for steps n, n+1, …, n+horizon−1 (horizons 1…`horizon`), unclipped.
    public func pointForecast(horizon: Int) -> [Double] {
        let n = points
        switch model {
        case let .linear(m): return (0..<horizon).map { m.value(at: Double(n + $0)) }
        case let .exponential(m): return (0..<horizon).map { m.value(at: Double(n + $0)) }
        case let .logistic(m): return (0..<horizon).map { m.value(at: Double(n + $0)) }
        case let .holtWinters(m):
            return m.forecast(from: finalState ?? m.initialState, lastIndex: n - 1, horizon: horizon)
        }
    }

    /// The in-sample root-mean-square error, in the series' unit.
    public var rmse: Double {
        guard !residuals.isEmpty else { return 0 }
        return (residuals.reduce(0) { $0 + $1 * $1 } / Double(residuals.count)).squareRoot()
    }

    /// Fits `method` to `series`.
    ///
    /// - Parameters:
    ///   - series: at least 3 points (linear), 4 (logistic, Holt), two seasons + 2 (Holt–Winters).
    ///   - season: the season length for Holt–Winters (ignored by growth curves).
    ///   - recordDerivation: false skips formatting the derivation (backtests refit many times).
    /// - Throws: `ForecastError` for short, non-finite or (for log models) non-positive data.
    public static func fit(_ series: ForecastSeries, method: ForecastMethod, season: SeasonChoice = .auto,
                           recordDerivation: Bool = true) throws(ForecastError) -> GrowthFit {
        try series.validate(method: method.name, minimum: 3)
        let y = series.values
        var derivation = Derivation(title: "fit growth: \(method.name)", recording: recordDerivation)
        let model: Model
        var fitted: [Double]
        var state: HoltWintersModel.State?
        switch method {
        case .linear:
            let m = try LinearGrowth.fit(y)
            model = .linear(m)
            fitted = y.indices.map { m.value(at: Double($0)) }
        case .exponential:
            try series.validatePositive(method: "exponential growth")
            let m = try ExponentialGrowth.fit(y)
            model = .exponential(m)
            fitted = y.indices.map { m.value(at: Double($0)) }
        case .logistic:
            let m = try LogisticGrowth.fit(y)
            model = .logistic(m)
            fitted = y.indices.map { m.value(at: Double($0)) }
        case let .holtWinters(seasonality, damped):
            var resolved = seasonality
            var length: Int?
            if seasonality != .none {
                switch season {
                case .none: resolved = .none
                case let .steps(m): length = m
                case .auto:
                    let choice = SeasonDetection.choose(y, stepSeconds: series.stepSeconds)
                    length = choice.seasonLength
                    if length == nil { resolved = .none }
                    derivation.assume("season length", choice.seasonLength.map { "\($0) steps" } ?? "none",
                                      source: "autocorrelation of the detrended series at candidate lags "
                                        + choice.scores.map { "r(\($0.length)) = \(ForecastFormat.precise($0.autocorrelation))" }
                                            .joined(separator: ", ")
                                        + "; threshold \(SeasonDetection.threshold)")
                }
                if let m = length, y.count < 2 * m + 2 {
                    if case .steps = season { throw .invalidSeasonLength(length: m, points: y.count) }
                    resolved = .none; length = nil
                }
            }
            let m = try HoltWintersFitter(seasonality: resolved, seasonLength: length, damped: damped).fit(y)
            let run = m.filter(y)
            model = .holtWinters(m)
            fitted = run.oneStep
            state = run.final
        }
        fitted = fitted.map { $0.isFinite ? $0 : 0 }
        let residuals = y.indices.map { y[$0] - fitted[$0] }
        var fit = GrowthFit(method: method, model: model, parameters: [], summary: "", derivation: derivation,
                            fitted: fitted, residuals: residuals, points: y.count,
                            stepSeconds: series.stepSeconds, finalState: state)
        fit.describe(series: series)
        return fit
    }
}
