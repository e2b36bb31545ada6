/// Levenberg–Marquardt for small nonlinear least-squares problems (growth curves).
///
///     minimise S(θ) = Σ rᵢ(θ)²,   step δ = (JᵀJ + λ·diag(JᵀJ))⁻¹ Jᵀr
///
/// λ shrinks ×0.3 after an accepted step and grows ×10 after a rejected one (Marquardt 1963).
/// The Jacobian is by forward differences, so callers pass only the residual function.
/// Deterministic: no randomness, a fixed iteration budget.
struct LevenbergMarquardt {
    var maxIterations = 200
    var tolerance = 1e-12

    struct Result {
        var parameters: [Double]
        var sse: Double
        var iterations: Int
        var converged: Bool
    }

    /// `residuals(θ)` returns observed − model for every point, or nil when θ is infeasible.
    func minimize(start: [Double], residuals: ([Double]) -> [Double]?) -> Result? {
        var theta = start
        guard var r = residuals(theta) else { return nil }
        var sse = Self.sumSquares(r)
        guard sse.isFinite else { return nil }
        let p = theta.count
        let n = r.count
        var lambda = 1e-3
        var iteration = 0
        var converged = false
        while iteration < maxIterations {
            iteration += 1
            // Jacobian of the model = −∂r/∂θ; we store ∂(model)/∂θ so δ solves J δ ≈ r.
            var jac = [Double](repeating: 0, count: n * p)
            var ok = true
            for k in 0..<p {
                var shifted = theta
                let h = 1e-7 * Swift.max(Swift.abs(theta[k]), 1e-3)
                shifted[k] += h
                guard let rk = residuals(shifted) else { ok = false; break }
                for i in 0..<n { jac[i * p + k] = (r[i] - rk[i]) / h }
            }
            if !ok { break }
            var accepted = false
            while lambda < 1e12 {
                guard let delta = LinearSolve.leastSquares(jacobian: jac, residuals: r, rows: n, columns: p,
                                                           damping: lambda) else { lambda *= 10; continue }
                let candidate = zip(theta, delta).map { $0 + $1 }
                if let rc = residuals(candidate) {
                    let s = Self.sumSquares(rc)
                    if s.isFinite, s <= sse {
                        let improvement = sse - s
                        theta = candidate; r = rc
                        let relStep = zip(delta, candidate).map { Swift.abs($0) / Swift.max(Swift.abs($1), 1e-12) }.max() ?? 0
                        converged = improvement <= tolerance * Swift.max(sse, 1e-300) || relStep < 1e-10
                        sse = s
                        lambda = Swift.max(lambda * 0.3, 1e-12)
                        accepted = true
                        break
                    }
                }
                lambda *= 10
            }
            if !accepted { converged = true; break }
            if converged { break }
        }
        return Result(parameters: theta, sse: sse, iterations: iteration, converged: converged)
    }

    static func sumSquares(_ r: [Double]) -> Double { r.reduce(0) { $0 + $1 * $1 } }
}
