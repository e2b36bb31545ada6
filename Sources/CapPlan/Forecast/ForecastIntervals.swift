import Foundation

/// Interval bands behind `Forecast.make` (see its documentation for the method).
enum ForecastIntervals {
    struct Band { var lower: [Double]; var upper: [Double] }

    static let simulatedPaths = 500
    static let maximumOrigins = 12
    static let minimumSamples = 5

    static func bands(series: ForecastSeries, fit: GrowthFit, mean: [Double], levels: [Double], seed: UInt64) -> [Band] {
        let horizon = mean.count
        // errors[h] holds the error samples at horizon h+1, additive or relative.
        let relative = fit.method.hasMultiplicativeErrors
        var samples: [[Double]]
        switch fit.model {
        case let .holtWinters(model):
            samples = simulate(series: series, fit: fit, model: model, horizon: horizon, relative: relative, seed: seed)
        default:
            samples = rollingOriginErrors(series: series, fit: fit, horizon: horizon, relative: relative)
        }
        let sorted = fillSparseHorizons(samples.map { $0.sorted() }, residuals: fit.residuals, fitted: fit.fitted, relative: relative)
        return levels.map { level in
            let a = (1 - level) / 2
            var band = Band(lower: [], upper: [])
            for h in 0..<horizon {
                let s = sorted[h]
                let qlo = ForecastMetrics.quantile(sorted: s, a), qhi = ForecastMetrics.quantile(sorted: s, 1 - a)
                if relative {
                    band.lower.append(mean[h] * (1 + qlo)); band.upper.append(mean[h] * (1 + qhi))
                } else {
                    band.lower.append(mean[h] + qlo); band.upper.append(mean[h] + qhi)
                }
            }
            return band
        }
    }

    /// Simulated Holt–Winters paths; returns, per horizon, (path − point forecast) errors.
    static func simulate(series: ForecastSeries, fit: GrowthFit, model: HoltWintersModel, horizon: Int,
                         relative: Bool, seed: UInt64) -> [[Double]] {
        let skip = Swift.min(model.seasonLength ?? 2, fit.points / 2)
        var pool: [Double] = []
        for t in skip..<fit.points where fit.fitted[t] != 0 {
            pool.append(relative ? fit.residuals[t] / fit.fitted[t] : fit.residuals[t])
        }
        if pool.isEmpty { pool = [0] }
        let mean = fit.pointForecast(horizon: horizon)
        var generator = SplitMix64(seed: seed)
        var out = [[Double]](repeating: [], count: horizon)
        for h in 0..<horizon { out[h].reserveCapacity(simulatedPaths) }
        let start = fit.finalState ?? model.initialState
        let n = fit.points
        for _ in 0..<simulatedPaths {
            var state = start
            for h in 0..<horizon {
                // One step ahead from the current simulated state, then update with a sampled error.
                let yhat = model.forecast(from: state, lastIndex: n - 1 + h, horizon: 1)[0]
                let e = pool[generator.index(below: pool.count)]
                let y = relative ? yhat * (1 + e) : yhat + e
                let stepModel = HoltWintersModel(seasonality: model.seasonality, seasonLength: model.seasonLength,
                                                 isDamped: model.isDamped, parameters: model.parameters,
                                                 initialState: rotated(state, by: n + h, m: model.seasonLength))
                var none: [Double] = []
                let (next, _) = stepModel.run([y], initial: stepModel.initialState, predictions: &none)
                state = unrotated(next, by: n + h, m: model.seasonLength)
                out[h].append(relative ? (mean[h] != 0 ? y / mean[h] - 1 : 0) : y - mean[h])
            }
        }
        return out
    }

    /// `run` reads seasonals from ring index 0 for its first value; shift so index 0 is phase `t`.
    static func rotated(_ s: HoltWintersModel.State, by t: Int, m: Int?) -> HoltWintersModel.State {
        guard let m, m > 0 else { return s }
        var r = s
        r.seasonals = (0..<m).map { s.seasonals[(t + $0) % m] }
        return r
    }

    static func unrotated(_ s: HoltWintersModel.State, by t: Int, m: Int?) -> HoltWintersModel.State {
        guard let m, m > 0 else { return s }
        var r = s
        for j in 0..<m { r.seasonals[(t + j) % m] = s.seasonals[j] }
        return r
    }

    /// Refit the curve at origins in the second half of the history; errors per horizon.
    static func rollingOriginErrors(series: ForecastSeries, fit: GrowthFit, horizon: Int, relative: Bool) -> [[Double]] {
        let n = series.count
        var out = [[Double]](repeating: [], count: horizon)
        let first = Swift.max(n / 2, 4)
        guard first < n else { return out }
        let span = n - first
        let count = Swift.min(maximumOrigins, span)
        for k in 0..<count {
            let origin = first + (count == 1 ? 0 : k * (span - 1) / (count - 1))
            guard origin < n,
                  let refit = try? GrowthFit.fit(series.prefix(origin), method: fit.method, recordDerivation: false)
            else { continue }
            let h = Swift.min(horizon, n - origin)
            let f = refit.pointForecast(horizon: h)
            for j in 0..<h {
                let y = series.values[origin + j]
                if relative {
                    if f[j] != 0 { out[j].append(y / f[j] - 1) }
                } else {
                    out[j].append(y - f[j])
                }
            }
        }
        return out
    }

    /// Horizons with too few samples borrow the last well-sampled horizon's errors, scaled by
    /// √(h/h′); with none at all, the in-sample residuals scaled by √h.
    static func fillSparseHorizons(_ sorted: [[Double]], residuals: [Double], fitted: [Double], relative: Bool) -> [[Double]] {
        var out = sorted
        var lastGood: Int?
        let base: [Double] = (relative
            ? residuals.indices.compactMap { fitted[$0] != 0 ? residuals[$0] / fitted[$0] : nil }
            : residuals).sorted()
        for h in out.indices {
            if out[h].count >= minimumSamples { lastGood = h; continue }
            if let g = lastGood {
                let f = (Double(h + 1) / Double(g + 1)).squareRoot()
                out[h] = sorted[g].map { $0 * f }
            } else {
                let f = Double(h + 1).squareRoot()
                out[h] = base.isEmpty ? [0] : base.map { $0 * f }
            }
        }
        return out
    }
}
