import Foundation  // exp, log

/// The waiting-time tail shared by M/M/c (exact) and Allen–Cunneen (approximate):
///
///     P(W_q > t) = C·e^{−r·t}             r = θ / k,  θ = cμ − λ = (c − a)/E[S],  k = (c_a² + c_s²)/2
///     w_p        = max(0, ln(C/(1 − p)) / r),  exactly 0 when C ≤ 1 − p
///
/// With k = 1 this is the exact M/M/c result; Allen–Cunneen's tail `C·exp(−t·C/E[W_q])` is the
/// same formula because `C/E[W_q] = θ/k`. Dividing θ by k (rather than multiplying by k/θ) keeps
/// k = 1 bit-identical to M/M/c. k = 0 (deterministic arrivals and service) gives r = +∞: every
/// percentile is 0 and the tail is 0 for t > 0.
struct ExponentialWaitTail: Sendable, Equatable {
    /// C, the probability of waiting at all.
    let delayProbability: Double
    /// r, per second; positive, possibly +∞.
    let decayRate: Double

    init(delayProbability: Double, servers: Int, offeredLoad: Double, meanServiceTime: Double,
         variabilityFactor: Double) {
        self.delayProbability = delayProbability
        self.decayRate = (Double(servers) - offeredLoad) / meanServiceTime / variabilityFactor
    }

    /// `P(W_q > t)`, `t >= 0` in seconds.
    func probability(exceeding t: Double) -> Double {
        if t == 0 { return delayProbability }
        return delayProbability * exp(-(decayRate * t))
    }

    /// `w_p` in seconds for `0 < p < 1`.
    func percentile(_ p: Double) -> Double {
        let tail = 1 - p
        if delayProbability <= tail { return 0 }
        return (log(delayProbability) - log(tail)) / decayRate
    }
}
