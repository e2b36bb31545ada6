/// A HorizontalPodAutoscaler (autoscaling/v2) as the simulator runs it: one metric and target,
/// min/max replicas, the controller's sync period, and `behavior` for each direction.
///
/// The simulated controller always takes the `behavior` path (`normalizeDesiredReplicasWith
/// Behaviors`), filled with the API defaults where unset; an HPA created with no `behavior` at
/// all runs the older path instead (the 300 s scale-down window, a scale-up limit of
/// max(2·current, 4), no scale-down rate limit), which the exported YAML avoids by always
/// writing `behavior`.
public struct HPAPolicy: Sendable, Equatable {
    public var metric: HPAMetric
    /// `minReplicas`, at least 1 (scale-to-zero is an alpha feature gate).
    public var minReplicas: Int
    /// `maxReplicas`, at least `minReplicas`.
    public var maxReplicas: Int
    /// The controller's `--horizontal-pod-autoscaler-sync-period`, seconds (default 15); the
    /// policy's natural simulation step, and a whole number of simulation steps.
    public var syncPeriodSeconds: Double
    public var scaleUp: HPAScalingRules
    public var scaleDown: HPAScalingRules
    /// Replicas at the start, all ready; nil starts at `minReplicas`.
    public var initialReplicas: Int?

    public init(metric: HPAMetric, minReplicas: Int = 1, maxReplicas: Int, syncPeriodSeconds: Double = 15,
                scaleUp: HPAScalingRules = .defaultScaleUp, scaleDown: HPAScalingRules = .defaultScaleDown,
                initialReplicas: Int? = nil) {
        self.metric = metric
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.syncPeriodSeconds = syncPeriodSeconds
        self.scaleUp = scaleUp
        self.scaleDown = scaleDown
        self.initialReplicas = initialReplicas
    }

    /// The replicas at the start.
    public var startingReplicas: Int { initialReplicas ?? minReplicas }

    /// - Throws: `AutoscalingError` for a target, range, period or behavior out of range.
    public func validate() throws {
        try AutoscalingValidation.positive(metric.target, "the \(metric.name) target")
        // Kubernetes writes a utilization target as a whole percent (int32); past 1,000% of the
        // request no pod is ever busy enough to scale.
        if case let .utilization(target) = metric, target > 10 {
            throw AutoscalingError.invalidParameter(name: "the utilization target", value: target, requirement: "at most 1,000%")
        }
        try AutoscalingValidation.replicaRange(minimum: minReplicas, maximum: maxReplicas, lowest: 1)
        if let initial = initialReplicas, !(minReplicas...maxReplicas).contains(initial) {
            throw AutoscalingError.invalidInitialReplicas(initial, minimum: minReplicas, maximum: maxReplicas)
        }
        try AutoscalingValidation.positive(syncPeriodSeconds, "sync period")
        try scaleUp.validate(direction: "up")
        try scaleDown.validate(direction: "down")
    }
}
