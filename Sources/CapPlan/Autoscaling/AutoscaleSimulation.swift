/// A policy to simulate: one of the autoscalers, or a baseline.
public enum AutoscalePolicy: Sendable, Equatable {
    case hpa(HPAPolicy)
    case threshold(ThresholdPolicy)
    /// `schedule` or `predictive` (`ForecastPolicy.kind`).
    case forecast(ForecastPolicy)
    /// Provisioned once for the trace's peak.
    case staticPeak
    /// Perfect foresight, no delay.
    case oracle

    /// `hpa`, `threshold`, `schedule`, `predictive`, `static-peak`, `oracle` (the result's `policy`).
    public var name: String {
        switch self {
        case .hpa: return "hpa"
        case .threshold: return "threshold"
        case .forecast(let policy): return policy.kind.rawValue
        case .staticPeak: return "static-peak"
        case .oracle: return "oracle"
        }
    }

    /// The policy's natural step, seconds: the HPA's sync period (15 s), the threshold
    /// policy's period (1 minute); nil (the trace's own step) for the rest.
    public var naturalStepSeconds: Double? {
        switch self {
        case .hpa(let policy): return policy.syncPeriodSeconds
        case .threshold(let policy): return policy.periodSeconds
        case .forecast, .staticPeak, .oracle: return nil
        }
    }
}

/// Policies over one demand trace, with one replica model and one way of scoring, so their
/// results compare (issue 6, `simulate autoscale` and `compare policies`).
///
///     let sim = try AutoscaleSimulation(trace: day, replica: ReplicaModel(capacity: 10, pricePerHour: 3.2))
///     let hpa = try sim.run(.hpa(HPAPolicy(metric: .utilization(target: 0.7), maxReplicas: 40)))
///     let oracle = try sim.run(.oracle, stepSeconds: hpa.stepSeconds)
///
/// Pure and deterministic: the same inputs give the same result on every machine.
public struct AutoscaleSimulation: Sendable {
    public let trace: DemandTrace
    public let replica: ReplicaModel
    public let scoring: AutoscaleScoring

    /// - Throws: `AutoscalingError` from `ReplicaModel.validate()` and `AutoscaleScoring.validate()`.
    public init(trace: DemandTrace, replica: ReplicaModel, scoring: AutoscaleScoring = AutoscaleScoring()) throws {
        try replica.validate()
        try scoring.validate()
        self.trace = trace
        self.replica = replica
        self.scoring = scoring
    }

    /// The step a run of `policy` uses: `stepSeconds` if given, else the policy's natural
    /// step, else the trace's.
    public func step(for policy: AutoscalePolicy, stepSeconds: Double? = nil) -> Double {
        stepSeconds ?? policy.naturalStepSeconds ?? trace.stepSeconds
    }

    /// Runs `policy` over the trace, resampled to `step(for:stepSeconds:)` when that differs
    /// from the trace's step.
    ///
    /// - Parameters:
    ///   - policy: the policy or baseline.
    ///   - stepSeconds: Δt, seconds; nil for the policy's natural step. The HPA's sync period
    ///     and the threshold policy's period must be whole multiples of it.
    ///   - resampling: how the trace is moved to Δt (default `.hold`).
    /// - Throws: `AutoscalingError` for an invalid policy or step, or too many steps.
    /// - Complexity: O(steps) time; O(1) memory per step unless a series is kept.
    public func run(_ policy: AutoscalePolicy, stepSeconds: Double? = nil,
                    resampling: DemandTrace.Resampling = .hold) throws -> AutoscaleResult {
        let onStep = try trace.resampled(stepSeconds: step(for: policy, stepSeconds: stepSeconds), method: resampling)
        switch policy {
        case .hpa(let hpa):
            return try HPASimulation.run(hpa, trace: onStep, replica: replica, scoring: scoring)
        case .threshold(let threshold):
            return try ThresholdSimulation.run(threshold, trace: onStep, replica: replica, scoring: scoring)
        case .forecast(let forecast):
            return try ForecastSimulation.run(forecast, trace: onStep, replica: replica, scoring: scoring)
        case .staticPeak:
            return Baselines.staticPeak(trace: onStep, replica: replica, scoring: scoring)
        case .oracle:
            return Baselines.oracle(trace: onStep, replica: replica, scoring: scoring)
        }
    }

    /// Both baselines at the step of `result` (what `simulate autoscale` reports beside a policy).
    public func baselines(for result: AutoscaleResult) throws -> (staticPeak: AutoscaleResult, oracle: AutoscaleResult) {
        (try run(.staticPeak, stepSeconds: result.stepSeconds), try run(.oracle, stepSeconds: result.stepSeconds))
    }
}
