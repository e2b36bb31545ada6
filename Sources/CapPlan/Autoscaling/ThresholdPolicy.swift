/// The classic step (threshold) policy, with the exact semantics of the textbook model so
/// results compare with it (issue 6). Every number is settable; defaults in brackets.
///
///     every period (1 min), from the minimum:
///     u = D / (R·X)                              R = replicas asked for, X = capacity per replica
///     u > up (0.75)   and cooldown_up   (5 min)  expired → R' = int(R × 1.5)
///     u < down (0.30) and cooldown_down (15 min) expired → R' = int(R × 0.75)
///     R' clamped to [min (2), max (100)];  R' serves from the next period (+ T_ready)
///
/// - `int()` truncates, and nothing forces a move: int(1 × 1.5) = 1 and int(2 × 0.75) = 1
///   (clamped back to 2) leave the count where it is. The textbook model does exactly this; do
///   not "fix" it with a +1, or results stop being comparable.
/// - One cooldown clock for both directions: the time since the count last actually changed.
///   It starts expired (an action may happen in the first period) and is reset only by a
///   change, so a step that computes the same count (as above) does not restart it.
/// - Which cooldown applies: the one of the action being considered. A scale-up needs 5 min
///   since the last change of either direction, a scale-down 15 min since the last change of
///   either direction. (So a scale-up 5 min after a scale-down is allowed, and a scale-down
///   needs 15 min of calm even after a scale-up.)
/// - u uses the replicas asked for, ready or not: capacity still starting counts, so the
///   policy does not pile up more while it waits (the cooldown's job in the textbook).
public struct ThresholdPolicy: Sendable, Equatable {
    /// Scale up above this utilisation; finite, above `scaleDownThreshold`.
    public var scaleUpThreshold: Double
    /// Scale down below this utilisation; finite, ≥ 0.
    public var scaleDownThreshold: Double
    /// R' = int(R × factor) on a scale-up; finite, ≥ 1.
    public var scaleUpFactor: Double
    /// R' = int(R × factor) on a scale-down; finite, in [0, 1].
    public var scaleDownFactor: Double
    /// Seconds since the last change before a scale-up; finite, ≥ 0.
    public var scaleUpCooldownSeconds: Double
    /// Seconds since the last change before a scale-down; finite, ≥ 0.
    public var scaleDownCooldownSeconds: Double
    /// At least 1.
    public var minReplicas: Int
    /// At least `minReplicas`.
    public var maxReplicas: Int
    /// Seconds between evaluations (one minute): the policy's natural step, and a whole number
    /// of simulation steps.
    public var periodSeconds: Double

    public init(scaleUpThreshold: Double = 0.75, scaleDownThreshold: Double = 0.30,
                scaleUpFactor: Double = 1.5, scaleDownFactor: Double = 0.75,
                scaleUpCooldownSeconds: Double = 300, scaleDownCooldownSeconds: Double = 900,
                minReplicas: Int = 2, maxReplicas: Int = 100, periodSeconds: Double = 60) {
        self.scaleUpThreshold = scaleUpThreshold
        self.scaleDownThreshold = scaleDownThreshold
        self.scaleUpFactor = scaleUpFactor
        self.scaleDownFactor = scaleDownFactor
        self.scaleUpCooldownSeconds = scaleUpCooldownSeconds
        self.scaleDownCooldownSeconds = scaleDownCooldownSeconds
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.periodSeconds = periodSeconds
    }

    /// - Throws: `AutoscalingError` for a number out of its range.
    public func validate() throws {
        try AutoscalingValidation.nonNegative(scaleDownThreshold, "scale-down threshold")
        guard scaleUpThreshold.isFinite, scaleUpThreshold > scaleDownThreshold else {
            throw AutoscalingError.invalidParameter(name: "scale-up threshold", value: scaleUpThreshold,
                                                    requirement: "finite and above the scale-down threshold")
        }
        guard scaleUpFactor.isFinite, scaleUpFactor >= 1 else {
            throw AutoscalingError.invalidParameter(name: "scale-up factor", value: scaleUpFactor, requirement: "finite, 1 or more")
        }
        guard scaleDownFactor.isFinite, (0...1).contains(scaleDownFactor) else {
            throw AutoscalingError.invalidParameter(name: "scale-down factor", value: scaleDownFactor, requirement: "between 0 and 1")
        }
        try AutoscalingValidation.nonNegative(scaleUpCooldownSeconds, "scale-up cooldown")
        try AutoscalingValidation.nonNegative(scaleDownCooldownSeconds, "scale-down cooldown")
        try AutoscalingValidation.replicaRange(minimum: minReplicas, maximum: maxReplicas, lowest: 1)
        try AutoscalingValidation.positive(periodSeconds, "evaluation period")
    }
}
