/// `method=auto`: backtest every candidate (`ForecastMethod.autoCandidates`) by rolling origin
/// and keep the one with the lowest MASE (ties: the earlier, simpler candidate), then refit it on
/// the whole history.
public struct AutoSelection: Sendable, Hashable {
    /// Scores of every candidate that could be fitted, in candidate order.
    public var candidates: [Backtest.Score]
    /// Candidates that could not be fitted, with the reason (for example log models on zeros).
    public var skipped: [Skipped]
    public var winner: ForecastMethod
    /// The winner refitted on the whole series, its derivation extended with the selection.
    public var fit: GrowthFit
    /// The season length every candidate used; nil when non-seasonal.
    public var seasonLength: Int?

    public struct Skipped: Sendable, Hashable {
        public var method: ForecastMethod
        public var reason: String
    }

    /// Runs the selection.
    ///
    /// - Parameters:
    ///   - season: `.auto` picks the season once with `SeasonDetection` on the whole series.
    ///   - horizon: backtest horizon in steps; default one season (or 10% of the series, at
    ///     least 1, when non-seasonal).
    ///   - folds: rolling origins; default 4.
    public static func run(_ series: ForecastSeries, season: SeasonChoice = .auto, horizon: Int? = nil, folds: Int = 4,
                           candidates: [ForecastMethod] = ForecastMethod.autoCandidates) throws(ForecastError) -> AutoSelection {
        try series.validate(method: "auto", minimum: 6)
        var seasonLength: Int?
        var detection: SeasonDetection.Choice?
        switch season {
        case .auto:
            let choice = SeasonDetection.choose(series.values, stepSeconds: series.stepSeconds)
            detection = choice
            seasonLength = choice.seasonLength
        case .none: seasonLength = nil
        case let .steps(m): seasonLength = m
        }
        let resolved: SeasonChoice = seasonLength.map { .steps($0) } ?? .none
        var h = horizon ?? (seasonLength ?? Swift.max(1, series.count / 10))
        // Keep at least half the history for training in the earliest fold.
        while h > 1 && series.count - folds * h < series.count / 2 { h -= 1 }
        let configuration = Backtest.Configuration(horizon: h, folds: folds)
        var scores: [Backtest.Score] = []
        var skipped: [Skipped] = []
        var seen = Set<ForecastMethod>()
        for method in candidates {
            var effective = method
            if seasonLength == nil, case let .holtWinters(_, damped) = method {
                effective = .holtWinters(seasonality: .none, damped: damped)   // Holt's linear trend
            }
            guard seen.insert(effective).inserted else { continue }
            do {
                scores.append(try Backtest.evaluate(series, method: effective, season: resolved, configuration: configuration))
            } catch {
                skipped.append(Skipped(method: effective, reason: error.message))
            }
        }
        guard let best = scores.indices.min(by: { (scores[$0].mase ?? .infinity, $0) < (scores[$1].mase ?? .infinity, $1) }) else {
            throw .fitFailed(method: "auto", reason: skipped.first?.reason ?? "no candidate could be fitted")
        }
        let winner = scores[best].method
        var fit = try GrowthFit.fit(series, method: winner, season: resolved)
        var d = fit.derivation
        if let detection {
            d.assume("season length", seasonLength.map { "\($0) steps" } ?? "none",
                     source: "autocorrelation at candidate lags: "
                        + detection.scores.map { "r(\($0.length)) = \(ForecastFormat.precise($0.autocorrelation))" }.joined(separator: ", "))
        }
        for s in scores {
            d.step("backtest \(s.method.name)", "MASE = mean|e| / mean|y_t − y_{t−m}|",
                   "\(s.folds) folds × \(s.horizon) steps",
                   "MAPE \(s.mape.map(ForecastFormat.precise) ?? "n/a")%, sMAPE \(ForecastFormat.precise(s.smape))%, MASE \(s.mase.map(ForecastFormat.precise) ?? "n/a")")
        }
        d.notes.append("auto chose \(winner.name): lowest MASE in a rolling-origin backtest of \(scores.count) candidates")
        fit.derivation = d
        return AutoSelection(candidates: scores, skipped: skipped, winner: winner, fit: fit, seasonLength: seasonLength)
    }
}
