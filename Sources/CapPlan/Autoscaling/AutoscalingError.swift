/// Why an autoscaling simulation refused its input. Nothing runs when one is thrown, so a result
/// never carries NaN or infinity. All message text lives in this file.
public enum AutoscalingError: Error, Sendable, Equatable {
    /// A trace, pattern or forecast with no values.
    case emptyTrace
    /// A demand value (requests per second) that is negative, NaN or infinite; `index` from 0.
    case invalidDemand(index: Int, value: Double)
    /// A step that is not a positive, finite number of seconds.
    case invalidStep(Double)
    /// More steps than `DemandTrace.maximumSteps`.
    case tooManySteps(Double)
    /// A capacity per replica that is not a positive, finite number of requests per second.
    case invalidCapacity(Double)
    /// A minimum above the maximum, or a minimum below what the policy allows (`lowest`).
    case invalidReplicaRange(minimum: Int, maximum: Int, lowest: Int)
    /// A starting replica count outside [minimum, maximum].
    case invalidInitialReplicas(Int, minimum: Int, maximum: Int)
    /// A period (sync period, evaluation period) that is not a whole number of simulation steps.
    case periodNotMultipleOfStep(name: String, period: Double, step: Double)
    /// Any other number out of its range; `requirement` says what is allowed, in words.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// An HPA scaling direction that is enabled but has no rate-limit policy.
    case noScalingPolicies(direction: String)

    /// What went wrong, one sentence, no trailing period.
    public var message: String {
        switch self {
        case .emptyTrace:
            return "the demand trace has no values"
        case let .invalidDemand(index, value):
            return "demand must be a finite number of requests per second, 0 or more; value \(index + 1) is \(Self.number(value))"
        case let .invalidStep(value):
            return "a step must be a positive, finite number of seconds; got \(Self.number(value))"
        case let .tooManySteps(value):
            return "the simulation would take \(Self.number(value.rounded(.up))) steps, more than the "
                + "\(Self.number(Double(DemandTrace.maximumSteps))) allowed"
        case let .invalidCapacity(value):
            return "capacity per replica must be a positive, finite number of requests per second; got \(Self.number(value))"
        case let .invalidReplicaRange(minimum, maximum, lowest):
            return minimum < lowest
                ? "the minimum replica count must be at least \(lowest); got \(minimum)"
                : "the minimum replica count (\(minimum)) is above the maximum (\(maximum))"
        case let .invalidInitialReplicas(value, minimum, maximum):
            return "the starting replica count \(value) is outside [\(minimum), \(maximum)]"
        case let .periodNotMultipleOfStep(name, period, step):
            return "the \(name) (\(DemandFormat.duration(period))) is not a whole number of "
                + "\(DemandFormat.duration(step)) steps"
        case let .invalidParameter(name, value, requirement):
            return "\(name) must be \(requirement); got \(Self.number(value))"
        case let .noScalingPolicies(direction):
            return "scale-\(direction) is enabled but has no rate-limit policy"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .emptyTrace:
            return "give at least one value, or a duration of at least one step"
        case .invalidDemand:
            return "demand is a rate: use 0 for no traffic, and remove missing values before simulating"
        case .invalidStep:
            return "for example step=15s (the HPA sync period) or step=1min"
        case .tooManySteps:
            return "use a coarser step or a shorter duration: 365 days at 15 s is about 2.1 million steps"
        case .invalidCapacity:
            return "give a replica's full throughput, for example per_instance=10rps"
        case .invalidReplicaRange:
            return "set min= at or below max="
        case .invalidInitialReplicas:
            return "leave the starting count unset (it starts at the minimum)"
        case .periodNotMultipleOfStep:
            return "choose a step that divides the period, for example step=15s for a 15 s sync period"
        case .invalidParameter:
            return "see `help simulate` for each setting's range"
        case .noScalingPolicies:
            return "add a Pods or Percent policy, or set selectPolicy to Disabled"
        }
    }

    /// A number for a message (thousands separators; NaN and infinity spelled out).
    static func number(_ value: Double) -> String { DemandFormat.number(value) }
}

extension AutoscalingError: UserFacingError {
    public var userHint: String? { hint }
}
