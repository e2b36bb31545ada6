import CapPlan

/// Running a fit for `fit growth`, `forecast` and `plan`: the method words, the backtest of a
/// single method, and the summary a planner reads.
enum ForecastFitting {
    static let methodWords = ["auto", "linear", "exponential", "compound", "logistic", "holt-winters"]

    struct Outcome {
        var fit: GrowthFit
        /// The selection, for `method=auto`.
        var selection: AutoSelection?
        /// The chosen method's rolling-origin score (nil when the history is too short for one).
        var score: Backtest.Score?
        var notes: [String] = []
    }

    /// Fits `method` (a word of `methodWords`) to `series`.
    static func run(_ series: ForecastSeries, method word: String, season: SeasonChoice, damped: Bool?,
                    levels: [Double] = [0.8, 0.95], span: Range<Int>?) throws -> Outcome {
        let result = Result { () throws(ForecastError) -> Outcome in
            try fitting(series, method: word, season: season, damped: damped, levels: levels)
        }
        switch result {
        case .success(let outcome): return outcome
        case .failure(let error): throw LanguageError(.command, error.message, hint: error.userHint, span: span)
        }
    }

    private static func fitting(_ series: ForecastSeries, method word: String, season: SeasonChoice, damped: Bool?,
                                levels: [Double]) throws(ForecastError) -> Outcome {
            switch word {
            case "auto":
                var candidates = ForecastMethod.autoCandidates
                if let damped {
                    candidates = candidates.filter {
                        if case let .holtWinters(_, d) = $0 { return d == damped }
                        return true
                    }
                }
                let selection = try AutoSelection.run(series, season: season, candidates: candidates)
                var score = selection.candidates.first { $0.method == selection.winner }
                if levels != [0.8, 0.95] {
                    score = backtest(series, fit: selection.fit, levels: levels) ?? score
                }
                return Outcome(fit: selection.fit, selection: selection, score: score)
            case "holt-winters":
                // Additive and (for positive series) multiplicative; the lower in-sample error wins.
                var fits = [try GrowthFit.fit(series, method: .holtWinters(seasonality: .additive, damped: damped ?? false), season: season)]
                if series.values.allSatisfy({ $0 > 0 }),
                   let m = try? GrowthFit.fit(series, method: .holtWinters(seasonality: .multiplicative, damped: damped ?? false), season: season) {
                    fits.append(m)
                }
                let best = fits.min { $0.rmse < $1.rmse }!
                var outcome = Outcome(fit: best, score: backtest(series, fit: best, levels: levels))
                if fits.count == 2 {
                    outcome.notes.append("holt-winters: \(best.method.name) chosen over the other seasonality by in-sample RMSE")
                }
                return outcome
            default:
                let method: ForecastMethod = word == "linear" ? .linear : word == "logistic" ? .logistic : .exponential
                let fit = try GrowthFit.fit(series, method: method, season: season)
                return Outcome(fit: fit, score: backtest(series, fit: fit, levels: levels))
            }
    }

    /// The season length a fit used (nil for growth curves and non-seasonal Holt).
    static func seasonLength(_ fit: GrowthFit) -> Int? {
        if case let .holtWinters(m) = fit.model, m.seasonality != .none { return m.seasonLength }
        return nil
    }

    /// A rolling-origin backtest of `fit`'s method with the same horizon rule as `auto`.
    static func backtest(_ series: ForecastSeries, fit: GrowthFit, levels: [Double]) -> Backtest.Score? {
        let folds = 4
        // Growth curves are scored as auto scores them: the detected season sets the horizon and
        // the seasonal-naive MASE scale.
        let m = seasonLength(fit) ?? SeasonDetection.choose(series.values, stepSeconds: series.stepSeconds).seasonLength
        var h = m ?? max(1, series.count / 10)
        while h > 1 && series.count - folds * h < series.count / 2 { h -= 1 }
        let season: SeasonChoice = m.map { .steps($0) } ?? .none
        return try? Backtest.evaluate(series, method: fit.method, season: season,
                                      configuration: .init(horizon: h, folds: folds, levels: levels))
    }

    /// The planner's sentence: the fit's summary, except a logistic curve whose midpoint is before
    /// the data and that is already near its cap reads "flat at about K".
    static func summary(_ fit: GrowthFit, unit: String) -> String {
        if case let .logistic(m) = fit.model, m.midpoint < 0, let last = fit.fitted.last, m.capacity > 0, last / m.capacity >= 0.9 {
            return "flat at about \(ForecastInput.number(m.capacity)) \(unit) (logistic: the midpoint is before the data and the series is already at \(NumberFormat.percent(last / m.capacity, decimals: 0)) of its cap)"
        }
        return fit.summary
    }

    /// "auto → holt-winters multiplicative": the method word a user reads.
    static func methodName(_ fit: GrowthFit) -> String {
        if case .exponential = fit.method { return "exponential" }
        return fit.method.name
    }

    static func scoreJSON(_ s: Backtest.Score?) -> JSONValue {
        guard let s else { return .null }
        var pairs: [(String, JSONValue)] = [("mape", .number(s.mape)), ("smape", .number(s.smape)), ("mase", .number(s.mase))]
        pairs.append(("coverage", .object(s.coverage.map { ("\(ForecastInput.levelKey($0.level))", .number($0.observed)) })))
        pairs.append(("folds", .number(Double(s.folds))))
        pairs.append(("horizon", .number(Double(s.horizon))))
        return .object(pairs)
    }

    static func coverageText(_ s: Backtest.Score?) -> String? {
        guard let s, !s.coverage.isEmpty else { return nil }
        let parts = s.coverage.map { "\(ForecastInput.levelKey($0.level))% interval held \(NumberFormat.percent($0.observed, decimals: 0))" }
        return "backtest coverage (\(s.folds) folds × \(s.horizon) steps): " + parts.joined(separator: ", ")
    }

    static func format(_ x: Double?, suffix: String = "") -> String {
        guard let x, x.isFinite else { return "n/a" }
        return NumberFormat.fixedPoint(x, decimals: 2) + suffix
    }
}
