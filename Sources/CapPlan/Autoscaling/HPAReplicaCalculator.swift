/// The controller's desired replicas for one metric, before stabilization and limits
/// (kubernetes `pkg/controller/podautoscaler/replica_calculator.go`).
///
/// The simulated deployment spreads demand D evenly over its R ready pods; the other
/// current − R pods are still starting (Pending, not ready). X is the capacity per replica.
///
/// Pod metrics (utilisation, requests per replica), `calcPlainMetricReplicas` and
/// `GetResourceReplicas`: the usage ratio averaged over ready pods is
///
///     r = D / (R·X·target)    (utilisation)        r = D / (R·target)    (requests per replica)
///
///     no pod starting, or r ≤ 1:  r within tolerance → current;  else ⌈r·R⌉
///     pods starting and r > 1:    starting pods count as 0%: r' = r·R/current
///                                 r' within tolerance, or r' < 1 (a reversal) → current
///                                 else ⌈r'·current⌉, but not below current
///
/// so starting pods are ignored on a scale-down and count as idle on a scale-up. With no ready
/// pod the controller has no metrics and skips the sync (nil).
///
/// Queue depth, an External metric with an AverageValue target (`GetExternalPerPodMetricReplicas`),
/// with B the backlog in requests:
///
///     r = B / (target·current);   r within tolerance → current;  else ⌈B/target⌉
///
/// "Within tolerance" is the controller's `(1 − down) ≤ r ≤ (1 + up)` (`Tolerances.isWithin`).
///
/// Rounding: r is one division by a product instead of the controller's chain (per-pod mean,
/// then ÷ target). Either way the controller quantises its inputs (Resource utilisation to a
/// whole percent, other metrics to milli-units), which this does not; all of these differ only
/// when r lands within that quantum of a tolerance or ceiling boundary. One division keeps a
/// sync fast: a chain of three divisions was most of the cost of a year at 15 s.
struct HPAReplicaCalculator {
    enum Kind { case perPod, queue }

    let kind: Kind
    /// The per-pod value at which r = 1: X·target (utilisation), target (the others).
    let scale: Double
    /// The target, for ⌈B/target⌉.
    let target: Double
    /// 1 − down tolerance and 1 + up tolerance.
    let lower: Double
    let upper: Double

    init(metric: HPAMetric, capacity: Double, upTolerance: Double, downTolerance: Double) {
        switch metric {
        case .utilization(let t):
            kind = .perPod
            scale = capacity * t
        case .requestsPerReplica(let t):
            kind = .perPod
            scale = t
        case .queueDepth(let t):
            kind = .queue
            scale = t
        }
        target = metric.target
        lower = 1 - downTolerance
        upper = 1 + upTolerance
    }

    /// `lower ≤ r ≤ upper` as 1 or 0, from the comparisons' bits (no branch).
    @inline(__always)
    static func inside(_ r: Double, _ lower: Double, _ upper: Double) -> Int {
        Int(unsafeBitCast(lower <= r, to: UInt8.self) & unsafeBitCast(r <= upper, to: UInt8.self))
    }

    /// `lower ≤ r ≤ upper`.
    @inline(__always)
    static func within(_ r: Double, _ lower: Double, _ upper: Double) -> Bool { lower <= r && r <= upper }

    /// The proposal for `current` pods of which `ready` serve, at demand D (requests per
    /// second) and backlog B (requests); nil when the controller would have no metrics.
    @inline(__always)
    func proposal(current: Int, ready: Int, demand: Double, backlog: Double) -> Int? {
        if kind == .queue {
            let ratio = backlog / (scale * Double(current))
            return lower <= ratio && ratio <= upper ? current : ReplicaCount.ceil(backlog / target)
        }
        guard ready > 0 else { return nil }
        let ratio = demand / (scale * Double(ready))
        if ready == current || !(ratio > 1) {
            // Both outcomes computed, then one picked arithmetically: with noisy demand the
            // tolerance test is a coin toss, and a mispredicted branch waiting on the division
            // cost more than the ceiling.
            let scaled = ReplicaCount.ceil(ratio * Double(ready))
            return scaled + (current - scaled) * Self.inside(ratio, lower, upper)
        }
        let newRatio = demand / (scale * Double(current))
        if (lower <= newRatio && newRatio <= upper) || newRatio < 1 { return current }
        return max(ReplicaCount.ceil(newRatio * Double(current)), current)
    }
}
