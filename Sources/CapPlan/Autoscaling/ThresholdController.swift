/// The threshold policy's state: the shared cooldown clock (see `ThresholdPolicy` for the
/// semantics).
struct ThresholdController {
    let policy: ThresholdPolicy
    let capacity: Double
    /// When the count last changed, seconds; −∞ before any change (the clock starts expired).
    private(set) var lastChange = -Double.infinity

    init(policy: ThresholdPolicy, capacity: Double) {
        self.policy = policy
        self.capacity = capacity
    }

    /// The count for the next period, given the demand D (requests per second) and the
    /// replicas R asked for now, evaluated at `now` (seconds).
    ///
    ///     u = D/(R·X)   (a division, as the textbook writes it: 6/(2·10) < 0.3 is false,
    ///                    where 6 < 0.3·2·10 = 6.000000000000001 would be true)
    @inline(__always)
    mutating func evaluate(at now: Double, replicas: Int, demand: Double) -> Int {
        let utilization = demand / (Double(replicas) * capacity)
        let elapsed = now - lastChange
        var next = replicas
        if utilization > policy.scaleUpThreshold {
            if elapsed >= policy.scaleUpCooldownSeconds { next = Self.truncated(Double(replicas) * policy.scaleUpFactor) }
        } else if utilization < policy.scaleDownThreshold {
            if elapsed >= policy.scaleDownCooldownSeconds { next = Self.truncated(Double(replicas) * policy.scaleDownFactor) }
        }
        next = min(max(next, policy.minReplicas), policy.maxReplicas)
        if next != replicas { lastChange = now }
        return next
    }

    /// Python's int() for x ≥ 0 (truncation), clamped so a huge factor cannot trap.
    @inline(__always)
    static func truncated(_ x: Double) -> Int { Int(min(x, ReplicaCount.ceiling)) }
}
