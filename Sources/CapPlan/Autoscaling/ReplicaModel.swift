/// What one replica serves, costs and takes to start: the same for every policy on a trace.
///
/// `capacity` is a replica's full throughput (the workload's `per_instance=`, or what the
/// performance model gives at the SLA-compliant batch), without headroom: a policy's thresholds
/// and targets play that role (docs/capacity-math.md §4, §5).
public struct ReplicaModel: Sendable, Equatable {
    /// X, requests per second one replica serves at full throughput; finite, above 0.
    public var capacity: Double
    /// Price per replica-hour, dollars (or any currency); finite, ≥ 0.
    public var pricePerHour: Double
    /// GPUs per replica, for over-provisioned GPU-hours; finite, ≥ 0 (fractions for MIG slices).
    public var gpusPerReplica: Double
    /// T_ready, seconds between asking for a replica and it serving (cold start:
    /// weights / storage bandwidth + init); finite, ≥ 0. Billing starts when it is asked for.
    public var readinessDelaySeconds: Double

    public init(capacity: Double, pricePerHour: Double, gpusPerReplica: Double = 1, readinessDelaySeconds: Double = 0) {
        self.capacity = capacity
        self.pricePerHour = pricePerHour
        self.gpusPerReplica = gpusPerReplica
        self.readinessDelaySeconds = readinessDelaySeconds
    }

    /// - Throws: `AutoscalingError.invalidCapacity`, `.invalidParameter`.
    public func validate() throws {
        guard capacity.isFinite, capacity > 0 else { throw AutoscalingError.invalidCapacity(capacity) }
        try AutoscalingValidation.nonNegative(pricePerHour, "price per replica-hour")
        try AutoscalingValidation.nonNegative(gpusPerReplica, "GPUs per replica")
        try AutoscalingValidation.nonNegative(readinessDelaySeconds, "readiness delay")
    }

    /// Whole steps from the step a replica is asked for (it takes effect at that step's start)
    /// to the first step it serves: ⌈T_ready/Δt⌉, so a replica asked for at t serves from the
    /// first step starting at or after t + T_ready.
    func delaySteps(stepSeconds: Double) -> Int {
        Self.steps(covering: readinessDelaySeconds, stepSeconds: stepSeconds)
    }

    /// ⌈seconds/Δt⌉ for seconds ≥ 0, with a quotient within 1e-9 (relative) above a whole
    /// number taken as that number; at most `DemandTrace.maximumSteps`.
    static func steps(covering seconds: Double, stepSeconds: Double) -> Int {
        let exact = seconds / stepSeconds
        guard exact < Double(DemandTrace.maximumSteps) else { return DemandTrace.maximumSteps }
        let whole = exact.rounded(.down)
        return exact - whole <= 1e-9 * max(1, whole) ? Int(whole) : Int(whole) + 1
    }
}

/// How a run is scored, and what it keeps for a chart.
public struct AutoscaleScoring: Sendable, Equatable {
    /// u_target: the utilisation the demand "needs" capacity at, for over-provisioned GPU-hours
    /// and the two baselines; finite, above 0 (1.0 = a replica's full throughput).
    public var targetUtilization: Double
    /// u_max: a step violates the SLA when D > C_ready·u_max; finite, above 0. Default 1.0.
    public var maximumUtilization: Double
    /// Whether and how densely the per-step series is kept.
    public var series: SeriesRecording

    public init(targetUtilization: Double = 1, maximumUtilization: Double = 1, series: SeriesRecording = .none) {
        self.targetUtilization = targetUtilization
        self.maximumUtilization = maximumUtilization
        self.series = series
    }

    /// - Throws: `AutoscalingError.invalidParameter`.
    public func validate() throws {
        try AutoscalingValidation.positive(targetUtilization, "target utilisation")
        try AutoscalingValidation.positive(maximumUtilization, "maximum utilisation")
        if case .points(let n) = series, n < 1 {
            throw AutoscalingError.invalidParameter(name: "series points", value: Double(n), requirement: "at least 1")
        }
    }
}

/// The per-step series a run keeps for a chart of demand against ready capacity.
public enum SeriesRecording: Sendable, Equatable {
    /// Nothing per step: O(1) memory (the default).
    case none
    /// Every step.
    case full
    /// At most this many points: steps are grouped into ⌈steps/points⌉-step buckets.
    case points(Int)
}
