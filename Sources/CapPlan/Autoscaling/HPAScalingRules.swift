/// One direction of an HPA's `behavior` (autoscaling/v2 `HPAScalingRules`): its stabilization
/// window, its rate-limit policies and how to choose among them, and its tolerance. Integer
/// fields are int32 in the Kubernetes API and keep its ranges, so an exported
/// HorizontalPodAutoscaler carries exactly these numbers.
///
/// Defaults (kubernetes `pkg/apis/autoscaling/v2/defaults.go`, docs "Default Behavior"):
///
///     scaleUp:    window 0 s,   selectPolicy Max,  Percent 100 per 15 s, Pods 4 per 15 s
///     scaleDown:  window 300 s, selectPolicy Max,  Percent 100 per 15 s
///     tolerance 0.1 both ways (settable per direction from Kubernetes 1.33, KEP-4951)
public struct HPAScalingRules: Sendable, Equatable {
    /// Seconds of past recommendations considered: 0 … 3600.
    public var stabilizationWindowSeconds: Int
    /// Which policy's limit applies when there are several.
    public var selectPolicy: HPASelectPolicy
    /// Rate limits; at least one unless `selectPolicy` is `.disabled`.
    public var policies: [HPAScalingPolicy]
    /// No change while the usage ratio r stays within [1 − down tolerance, 1 + up tolerance];
    /// finite, ≥ 0.
    public var tolerance: Double

    public init(stabilizationWindowSeconds: Int, selectPolicy: HPASelectPolicy = .max,
                policies: [HPAScalingPolicy], tolerance: Double = 0.1) {
        self.stabilizationWindowSeconds = stabilizationWindowSeconds
        self.selectPolicy = selectPolicy
        self.policies = policies
        self.tolerance = tolerance
    }

    /// Scale-up default: no stabilization; the larger of doubling and +4 pods per 15 s.
    public static let defaultScaleUp = HPAScalingRules(
        stabilizationWindowSeconds: 0, selectPolicy: .max,
        policies: [.percent(100, periodSeconds: 15), .pods(4, periodSeconds: 15)])

    /// Scale-down default: the highest recommendation of the last 300 s; all pods may go in 15 s.
    public static let defaultScaleDown = HPAScalingRules(
        stabilizationWindowSeconds: 300, selectPolicy: .max, policies: [.percent(100, periodSeconds: 15)])

    /// The API's ranges: window 0 … 3600 s, each policy's value > 0 and period 1 … 1800 s.
    func validate(direction: String) throws {
        guard (0...3_600).contains(stabilizationWindowSeconds) else {
            throw AutoscalingError.invalidParameter(
                name: "scale-\(direction) stabilization window", value: Double(stabilizationWindowSeconds),
                requirement: "0 to 3600 seconds")
        }
        try AutoscalingValidation.nonNegative(tolerance, "scale-\(direction) tolerance")
        if selectPolicy != .disabled, policies.isEmpty { throw AutoscalingError.noScalingPolicies(direction: direction) }
        for policy in policies {
            guard policy.value > 0 else {
                throw AutoscalingError.invalidParameter(
                    name: "a scale-\(direction) \(policy.kind.rawValue) policy's value", value: Double(policy.value),
                    requirement: "above 0")
            }
            guard (1...1_800).contains(policy.periodSeconds) else {
                throw AutoscalingError.invalidParameter(
                    name: "a scale-\(direction) policy's period", value: Double(policy.periodSeconds),
                    requirement: "1 to 1800 seconds")
            }
        }
    }

    /// The longest policy period, seconds (0 without policies).
    var longestPeriodSeconds: Int { policies.map(\.periodSeconds).max() ?? 0 }
}

/// `selectPolicy`: which rate-limit policy wins.
public enum HPASelectPolicy: String, Sendable, Equatable, CaseIterable {
    /// The policy allowing the largest change (the default).
    case max = "Max"
    /// The policy allowing the smallest change.
    case min = "Min"
    /// No scaling in this direction.
    case disabled = "Disabled"
}

/// One rate-limit policy (`HPAScalingPolicy`): at most `value` pods, or `value` percent of the
/// count at the start of the period, per `periodSeconds`.
public struct HPAScalingPolicy: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case pods = "Pods"
        case percent = "Percent"
    }

    public var kind: Kind
    /// Pods, or percent; above 0.
    public var value: Int
    /// Seconds, 1 … 1800.
    public var periodSeconds: Int

    public init(kind: Kind, value: Int, periodSeconds: Int) {
        self.kind = kind
        self.value = value
        self.periodSeconds = periodSeconds
    }

    public static func pods(_ value: Int, periodSeconds: Int) -> HPAScalingPolicy {
        HPAScalingPolicy(kind: .pods, value: value, periodSeconds: periodSeconds)
    }

    public static func percent(_ value: Int, periodSeconds: Int) -> HPAScalingPolicy {
        HPAScalingPolicy(kind: .percent, value: value, periodSeconds: periodSeconds)
    }
}
