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
/// few ulps for all θ, μ, t, including θ = μ exactly. The percentile is found by a bracketed
/// search (Newton steps, bisection as the safeguard).
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
    ///     t_p  solves  P(T > t_p) = 1 − p      (bracketed Newton, to adjacent Doubles)
    ///
    /// M/M/1 check: T ~ Exp(μ − λ), so t_p = −ln(1 − p)/(μ − λ).
    ///
    /// - Parameter p: in (0, 1); 0.99 for p99.
    /// - Returns: seconds, finite, positive.
    /// - Throws: `QueueingError.invalidPercentile`.
    /// - Complexity: typically under 15 tail evaluations; at most about 100 plus a bisection.
    public func sojournPercentile(_ p: Double) throws -> Double {
        let target = 1 - (try QueueingValidation.percentile(p))
        // Bracket: grow hi from the slower of the two time scales until the tail is below target.
        var lo = 0.0
        var hi = 1 / Swift.min(decayRate, 1 / meanServiceTime)
        while sojournTail(hi) > target {
            lo = hi
            hi *= 2
        }
        // Shrink the bracket until lo and hi are adjacent Doubles; hi always satisfies
        // P(T > hi) <= target and lo does not. Newton steps on the smooth tail take it there in
        // about 8 evaluations where bisection took ~60; a step that would leave the bracket
        // bisects instead. The answer is the boundary Double that bisection finds.
        var t = lo + (hi - lo) / 2
        var evaluations = 0
        while true {
            if t <= lo || t >= hi { break }
            let excess = sojournTail(t) - target
            if excess > 0 { lo = t } else { hi = t }
            evaluations += 1
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }
            // Past ~100 evaluations something is off (a flat or noisy tail): plain bisection.
            let density = evaluations < 100 ? sojournDensity(t) : 0
            var next = density > 0 ? t + excess / density : mid
            // A step that rounds away (Newton has converged from one side) moves one Double
            // towards the root, so that the far end of the bracket closes in too.
            if excess > 0, next <= t { next = t.nextUp }
            if excess <= 0, next >= t { next = t.nextDown }
            if !(next > lo && next < hi) { next = mid }
            t = next
        }
        return hi
    }

    /// The pieces both the tail and the density are made of, at time t: the service rate μ,
    /// the queue's decay rate θ, s = min(θ, μ), e^{−μt}, e^{−st} and g(|θ − μ|·t).
    private func sojournTerms(_ t: Double) -> (mu: Double, theta: Double, s: Double, fast: Double, slow: Double, g: Double) {
        let mu = 1 / meanServiceTime
        let theta = decayRate
        let s = Swift.min(theta, mu)
        let x = abs(theta - mu) * t
        let g = x == 0 ? 1 : -expm1(-x) / x
        return (mu, theta, s, exp(-(mu * t)), exp(-(s * t)), g)
    }

    /// The density of the time in system, `f_T(t) = −d/dt P(T > t)`, in the same stable form:
    ///
    ///     f_T(t) = μ(1 − C)·e^{−μt} + C·θ·μ·t·e^{−st}·g(d·t)
    ///
    /// (the derivative of the bracket is θμ·(e^{−μt} − e^{−θt})/(θ − μ) = θμ·t·e^{−st}·g(dt),
    /// symmetric in θ and μ like the bracket itself). Used only to steer the percentile search.
    func sojournDensity(_ t: Double) -> Double {
        let (mu, theta, _, fast, slow, g) = sojournTerms(t)
        let c = probabilityOfWait
        return mu * (1 - c) * fast + c * theta * mu * t * slow * g
    }

    /// `P(T > t)` for a valid `t`.
    func sojournTail(_ t: Double) -> Double {
        let (_, _, s, fast, slow, g) = sojournTerms(t)
        let c = probabilityOfWait
        let bracket = slow == 0 ? 0 : slow * (1 + s * t * g)  // 0·∞ guard for huge t
        return Swift.min(1, (1 - c) * fast + c * bracket)
    }
}
