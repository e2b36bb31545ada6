import Foundation

/// Logistic (saturating) growth fitted by nonlinear least squares (Levenberg–Marquardt).
///
///     D(t) = K / (1 + e^{−k(t − t₀)})
///
/// K is the cap the demand saturates at, k the growth rate per step, t₀ the step at which demand
/// is K/2. A forecast never exceeds K. Starting values: for each trial cap K₀ ∈ {1.05, 1.25,
/// 1.5, 2, 3, 5}·max(y), the linearisation ln(K₀/y − 1) = −k(t − t₀) fitted by OLS; the fit
/// with the lowest SSE wins. Source: docs/capacity-math.md §3 "Growth models".
public struct LogisticGrowth: Sendable, Hashable {
    /// K, the saturation level, in the series' unit; positive.
    public var capacity: Double
    /// k, growth rate per step; positive.
    public var rate: Double
    /// t₀, the midpoint (step index, may be fractional or outside the data).
    public var midpoint: Double

    public init(capacity: Double, rate: Double, midpoint: Double) {
        self.capacity = capacity
        self.rate = rate
        self.midpoint = midpoint
    }

    /// D(t) at step `t`; always in (0, K).
    public func value(at t: Double) -> Double {
        capacity / (1 + Foundation.exp(-rate * (t - midpoint)))
    }

    /// Fit to `values` at t = 0, 1, …; needs at least 4 points and some positive values.
    static func fit(_ values: [Double]) throws(ForecastError) -> LogisticGrowth {
        let n = values.count
        guard n >= 4 else { throw .tooFewPoints(method: "logistic", points: n, needed: 4) }
        let yMax = values.max() ?? 0
        guard yMax > 0 else {
            throw .fitFailed(method: "logistic", reason: "the series has no positive values")
        }
        let T = Double(n - 1)
        let y = values.map { $0 / yMax }
        let tau = (0..<n).map { Double($0) / T }
        // θ = (ln K', ln κ, τ₀) in scaled units: K' = K/ymax, κ = k·T, τ₀ = t₀/T.
        func residuals(_ theta: [Double]) -> [Double]? {
            let K = Foundation.exp(theta[0]), kappa = Foundation.exp(theta[1])
            guard K.isFinite, kappa.isFinite, kappa < 1e4 else { return nil }
            return (0..<n).map { i in y[i] - K / (1 + Foundation.exp(-kappa * (tau[i] - theta[2]))) }
        }
        let lm = LevenbergMarquardt(maxIterations: 300)
        var best: (theta: [Double], sse: Double)?
        for k0 in [1.05, 1.25, 1.5, 2, 3, 5] {
            var xs: [Double] = [], zs: [Double] = []
            for i in 0..<n where y[i] > 0 && y[i] < k0 {
                xs.append(tau[i]); zs.append(Foundation.log(k0 / y[i] - 1))
            }
            var kappa = 4.0, tau0 = 0.5
            if xs.count >= 2 {
                let (a, b) = LinearGrowth.ols(xs, zs)
                if b < 0 { kappa = -b; tau0 = a / kappa }
            }
            tau0 = Swift.min(Swift.max(tau0, -5), 6)
            guard let r = lm.minimize(start: [Foundation.log(k0), Foundation.log(kappa), tau0], residuals: residuals)
            else { continue }
            if r.parameters.allSatisfy(\.isFinite), best == nil || r.sse < best!.sse {
                best = (r.parameters, r.sse)
            }
        }
        guard let b = best else {
            throw .fitFailed(method: "logistic", reason: "no starting value led to a finite fit")
        }
        return LogisticGrowth(capacity: Foundation.exp(b.theta[0]) * yMax,
                              rate: Foundation.exp(b.theta[1]) / T,
                              midpoint: b.theta[2] * T)
    }
}
