import Foundation  // exp, expm1

/// Time in system (sojourn) of an M/M/c queue: T = W_q + S.
///
///     P(T > t) = (1 − C)·e^{−μt} + C·(θ·e^{−μt} − μ·e^{−θt}) / (θ − μ)        θ ≠ μ
///     bracket  = (1 + μt)·e^{−μt}                                            θ = μ
///
/// The bracket cancels catastrophically when θ ≈ μ, so it is evaluated in a stable form. It is
/// symmetric in θ and μ; with s = min(θ, μ), d = |θ − μ| ≥ 0:
///
///     bracket = e^{−st}·(1 + s·t·g(d·t)),   g(x) = (1 − e^{−x})/x = −expm1(−x)/x,  g(0) = 1
///
/// Every term is positive (no subtraction left) and g ∈ (0, 1], so the result is accurate to a
/// few ulps for all θ, μ, t, including θ = μ exactly. The percentile is found by bisection.
///
/// Derivation and references: docs/capacity-math.md, "Queueing" (sojourn T = W_q + S);
/// Kleinrock, *Queueing Systems* Vol. 1, §3.5 (waiting-time distribution of M/M/m).
extension MMcMetrics {
    /// Probability that a request spends longer than `t` in the system (wait + service).
    ///
    /// - Parameter t: seconds, finite, at least 0; `P(T > 0) = 1`.
    /// - Returns: A probability in [0, 1], non-increasing in `t`.
    /// - Throws: `QueueingError.invalidTime`.
    public func sojournTailProbability(exceeding t: Double) throws -> Double {
        sojournTail(try QueueingValidation.time(t))
    }

    /// The p-th percentile of time in system (wait in queue + service), seconds.
    ///
    ///     t_p  solves  P(T > t_p) = 1 − p      (bisection to adjacent Doubles)
    ///
    /// M/M/1 check: T ~ Exp(μ − λ), so t_p = −ln(1 − p)/(μ − λ).
    ///
    /// - Parameter p: in (0, 1); 0.99 for p99.
    /// - Returns: seconds, finite, positive.
    /// - Throws: `QueueingError.invalidPercentile`.
    /// - Complexity: about 60–1,100 tail evaluations (bisection over the Double bit range).
    public func sojournPercentile(_ p: Double) throws -> Double {
        let target = 1 - (try QueueingValidation.percentile(p))
        // Bracket: grow hi from the slower of the two time scales until the tail is below target.
        var lo = 0.0
        var hi = 1 / Swift.min(decayRate, 1 / meanServiceTime)
        while sojournTail(hi) > target {
            lo = hi
            hi *= 2
        }
        // Bisect until lo and hi are adjacent Doubles; hi always satisfies P(T > hi) <= target.
        while true {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }
            if sojournTail(mid) > target { lo = mid } else { hi = mid }
        }
        return hi
    }

    /// `P(T > t)` for a valid `t`.
    func sojournTail(_ t: Double) -> Double {
        let mu = 1 / meanServiceTime
        let theta = decayRate
        let c = probabilityOfWait
        let s = Swift.min(theta, mu)
        let x = abs(theta - mu) * t
        let g = x == 0 ? 1 : -expm1(-x) / x
        let slow = exp(-(s * t))
        let bracket = slow == 0 ? 0 : slow * (1 + s * t * g)  // 0·∞ guard for huge t
        return Swift.min(1, (1 - c) * exp(-(mu * t)) + c * bracket)
    }
}
