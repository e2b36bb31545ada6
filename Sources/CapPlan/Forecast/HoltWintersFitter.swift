/// Fits a Holt–Winters model by minimising the one-step SSE over the smoothing parameters AND
/// the initial states.
///
/// Method (deterministic):
/// 1. Heuristic initial states from the first seasons (level = mean of season 1, trend = change
///    of the seasonal means, seasonals = detrended averages), as statsmodels' "heuristic".
/// 2. A coarse grid over (α, β*, γ, φ) — statsmodels' `use_brute` — keeps the three best
///    starting points; a bounded Nelder–Mead polishes each, keeping the best.
/// 3. Block descent: for fixed smoothing parameters the one-step errors are affine in the
///    initial states (additive) or nearly so (multiplicative), so Gauss–Newton on the initial
///    states solves that block exactly or in a few steps; then Nelder–Mead again on the smoothing
///    parameters. Two rounds. Every step can only lower the SSE.
///
/// Bounds: α, β* ∈ [0, 1], γ ∈ [0, 1 − α], φ ∈ [0.8, 0.995] (damped only).
struct HoltWintersFitter {
    var seasonality: HoltWintersModel.Seasonality
    var seasonLength: Int?
    var damped: Bool

    static let phiRange = 0.8...0.995

    func fit(_ values: [Double]) throws(ForecastError) -> HoltWintersModel {
        let m = seasonality == .none ? 0 : (seasonLength ?? 0)
        if seasonality != .none {
            guard m >= 2, values.count >= 2 * m + 2 else {
                throw .invalidSeasonLength(length: m, points: values.count)
            }
        } else if values.count < 4 {
            throw .tooFewPoints(method: "Holt's linear trend", points: values.count, needed: 4)
        }
        if seasonality == .multiplicative, let bad = values.firstIndex(where: { $0 <= 0 }) {
            throw .nonPositiveValue(method: "multiplicative Holt–Winters", index: bad, value: values[bad])
        }
        var initial = heuristicState(values, m: m)
        let dims = damped ? 4 : (seasonality == .none ? 2 : 3)

        func model(_ u: [Double], _ state: HoltWintersModel.State) -> HoltWintersModel {
            HoltWintersModel(seasonality: seasonality, seasonLength: m > 0 ? m : nil, isDamped: damped,
                             parameters: parameters(u), initialState: state)
        }
        func objective(_ state: HoltWintersModel.State) -> ([Double]) -> Double {
            { u in model(u, state).sse(values, initial: state) }
        }

        // 2. Grid of starts, then Nelder–Mead from the best three.
        var starts: [([Double], Double)] = []
        let f0 = objective(initial)
        for a in [0.1, 0.3, 0.5, 0.7, 0.9] {
            for b in [0.01, 0.1, 0.3] {
                for g in (seasonality == .none ? [0.0] : [0.05, 0.3, 0.6]) {
                    var u = [a, b]
                    if seasonality != .none { u.append(g) }
                    if damped { u.append(0.8) }
                    starts.append((u, f0(u)))
                }
            }
        }
        starts.sort { $0.1 < $1.1 }
        let optimizer = NelderMead(maxEvaluations: 150 * dims, tolerance: 1e-10, initialStep: 0.1)
        var best = starts[0]
        for (u, _) in starts.prefix(3) {
            let r = optimizer.minimize(start: u, f0)
            if r.value < best.1 { best = (r.point, r.value) }
        }
        // 3. Block descent on initial states and smoothing parameters.
        for _ in 0..<2 {
            if let refined = refineInitialState(values, model: model(best.0, initial)) {
                initial = refined
            }
            let f = objective(initial)
            let r = optimizer.minimize(start: best.0, f)
            best = r.value <= f(best.0) ? (r.point, r.value) : (best.0, f(best.0))
        }
        let fitted = model(best.0, initial)
        guard best.1.isFinite, best.1 < .greatestFiniteMagnitude else {
            throw .fitFailed(method: "Holt–Winters", reason: "no parameters gave finite one-step errors")
        }
        return fitted
    }

    /// Maps the unit box to the bounded parameters.
    func parameters(_ u: [Double]) -> HoltWintersModel.Parameters {
        let alpha = u[0]
        let beta = u[1]
        let gamma = seasonality == .none ? 0 : u[2] * (1 - alpha)
        let phi = damped ? Self.phiRange.lowerBound + u[u.count - 1] * (Self.phiRange.upperBound - Self.phiRange.lowerBound) : 1
        return .init(alpha: alpha, beta: beta, gamma: gamma, phi: phi)
    }

    /// Heuristic starting states at time −1.
    func heuristicState(_ y: [Double], m: Int) -> HoltWintersModel.State {
        guard m > 0 else {
            return .init(level: y[0], trend: y[1] - y[0], seasonals: [])
        }
        let seasons = Swift.min(4, y.count / m)
        let means = (0..<seasons).map { k in y[(k * m)..<((k + 1) * m)].reduce(0, +) / Double(m) }
        let trend = seasons >= 2 ? (means[seasons - 1] - means[0]) / Double((seasons - 1) * m) : 0
        // The first season's mean sits at time (m−1)/2; step back to time −1.
        let level = means[0] - trend * (Double(m - 1) / 2 + 1)
        var seasonals = [Double](repeating: 0, count: m)
        for j in 0..<m {
            var total = 0.0
            for k in 0..<seasons {
                let t = k * m + j
                let local = means[k] + trend * (Double(j) - Double(m - 1) / 2)
                total += seasonality == .multiplicative ? y[t] / local : y[t] - local
            }
            seasonals[j] = total / Double(seasons)
        }
        return .init(level: level, trend: trend, seasonals: normalized(seasonals))
    }

    /// Additive seasonals sum to 0, multiplicative ones average 1 (the identifiable choice).
    func normalized(_ s: [Double]) -> [Double] {
        let mean = s.reduce(0, +) / Double(s.count)
        switch seasonality {
        case .multiplicative: return mean > 0 ? s.map { $0 / mean } : s
        default: return s.map { $0 - mean }
        }
    }

    /// Gauss–Newton on the initial states for fixed smoothing parameters. The Jacobian is by
    /// finite differences of the one-step errors, one filter run per state; exact in one step for
    /// additive models, where the errors are affine in the initial states.
    func refineInitialState(_ y: [Double], model: HoltWintersModel) -> HoltWintersModel.State? {
        var state = model.initialState
        let m = state.seasonals.count
        let p = 2 + m
        let n = y.count
        var currentSSE = model.sse(y, initial: state)
        let iterations = seasonality == .multiplicative ? 4 : 1
        let scale = Swift.max(y.map(Swift.abs).max() ?? 1, 1e-9)
        for _ in 0..<iterations {
            func residuals(_ s: HoltWintersModel.State) -> [Double]? {
                var pred = [Double](repeating: 0, count: n)
                let (_, sse) = model.run(y, initial: s, predictions: &pred)
                guard sse.isFinite else { return nil }
                return (0..<n).map { y[$0] - pred[$0] }
            }
            guard let r = residuals(state) else { return nil }
            var jac = [Double](repeating: 0, count: n * p)
            for k in 0..<p {
                var shifted = state
                let h: Double
                switch k {
                case 0: h = 1e-4 * scale; shifted.level += h
                case 1: h = 1e-4 * scale / Double(Swift.max(m, 1)); shifted.trend += h
                default:
                    h = seasonality == .multiplicative ? 1e-5 : 1e-4 * scale
                    shifted.seasonals[k - 2] += h
                }
                guard let rk = residuals(shifted) else { return nil }
                for i in 0..<n { jac[i * p + k] = (r[i] - rk[i]) / h }
            }
            // A tiny ridge fixes the level/seasonal degeneracy (a constant moved between them).
            guard let delta = LinearSolve.leastSquares(jacobian: jac, residuals: r, rows: n, columns: p,
                                                       damping: 1e-9) else { return nil }
            // Backtrack so the SSE never rises (matters for the multiplicative case).
            var stepSize = 1.0
            var accepted = false
            while stepSize > 1e-3 {
                var candidate = state
                candidate.level += stepSize * delta[0]
                candidate.trend += stepSize * delta[1]
                for j in 0..<m { candidate.seasonals[j] += stepSize * delta[2 + j] }
                let s = model.sse(y, initial: candidate)
                if s.isFinite, s < currentSSE {
                    state = candidate; currentSSE = s; accepted = true; break
                }
                stepSize /= 2
            }
            if !accepted { break }
        }
        return state
    }
}
