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
/// Arithmetic: everything is computed from q = D/(X·target) (B/target for the queue), the
/// replicas the load needs at the target: ⌈r·R⌉ = ⌈r'·current⌉ = ⌈q⌉, r ≤ 1 ⇔ q ≤ R, and r is
/// within tolerance ⇔ (1 − down)·R ≤ q ≤ (1 + up)·R. These are the controller's formulas in
/// exact arithmetic. In floating point the controller's product r·R can land a hair above a
/// whole number and add a pod (D = 140, X·target = 7, R = 10: ⌈q⌉ = 20, where a rounded r·R
/// could give 21); ⌈q⌉ does not. The controller also quantises its inputs (Resource
/// utilisation to a whole percent, other metrics to milli-units), which this does not; the
/// two differ only when r falls within that quantum of a boundary. One division per sync, not
/// a chain of them, also keeps a year of syncs fast.
struct HPAReplicaCalculator {
    /// X·target (utilisation) or target (the others): q = load/scale.
    let scale: Double
    /// Whether the load is the backlog (queue depth) rather than the demand.
    let readsBacklog: Bool
    /// 1 − down tolerance and 1 + up tolerance.
    let lower: Double
    let upper: Double
    /// lower·R and upper·R for the pod count R they were last computed for (ready counts
    /// change rarely).
    private var boundsCount = -1
    private var lowerBound = 0.0
    private var upperBound = 0.0

    init(metric: HPAMetric, capacity: Double, upTolerance: Double, downTolerance: Double) {
        switch metric {
        case .utilization(let t): scale = capacity * t
        case .requestsPerReplica(let t): scale = t
        case .queueDepth(let t): scale = t
        }
        if case .queueDepth = metric { readsBacklog = true } else { readsBacklog = false }
        lower = 1 - downTolerance
        upper = 1 + upTolerance
    }

    /// 1 if `lower·count ≤ q ≤ upper·count`, else 0, from the comparisons' bits: with noisy
    /// demand the test is a coin toss, and a mispredicted branch cost more than computing
    /// both outcomes.
    @inline(__always)
    mutating func inside(_ q: Double, count: Int) -> Int {
        if count != boundsCount {
            boundsCount = count
            lowerBound = lower * Double(count)
            upperBound = upper * Double(count)
        }
        return Int(unsafeBitCast(lowerBound <= q, to: UInt8.self) & unsafeBitCast(q <= upperBound, to: UInt8.self))
    }

    /// The proposal for `current` pods of which `ready` serve, at demand D (requests per
    /// second) and backlog B (requests); nil when the controller would have no metrics.
    @inline(__always)
    mutating func proposal(current: Int, ready: Int, demand: Double, backlog: Double) -> Int? {
        if readsBacklog {
            let q = backlog / scale
            return inside(q, count: current) == 1 ? current : ReplicaCount.ceil(q)
        }
        guard ready > 0 else { return nil }
        let q = demand / scale
        let needed = ReplicaCount.ceil(q)
        if ready == current || !(q > Double(ready)) {
            // Wrapping arithmetic: both counts lie in [0, 2³¹], so nothing can overflow.
            return needed &+ (current &- needed) &* inside(q, count: ready)
        }
        if inside(q, count: current) == 1 || q < Double(current) { return current }
        return max(needed, current)
    }
}
