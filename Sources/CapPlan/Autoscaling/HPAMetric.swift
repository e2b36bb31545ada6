/// The metric an HPA scales on, with its target, and the controller's replica proposal for it
/// (kubernetes `pkg/controller/podautoscaler/replica_calculator.go`).
///
/// The simulated deployment spreads demand D evenly over its R ready pods; U = current − R pods
/// are still starting (Pending, not ready). X is the capacity per replica.
public enum HPAMetric: Sendable, Equatable {
    /// Utilisation of a ready pod, D/(R·X), against a target fraction (0.7 = 70%): the
    /// controller's Resource/Pods path, averaged over ready pods. An overloaded pod reports
    /// above 1, as CPU utilisation against requests does.
    case utilization(target: Double)
    /// Requests per second per ready pod, D/R, against a target (a Pods metric, AverageValue).
    case requestsPerReplica(target: Double)
    /// Requests waiting (the backlog: demand beyond ready capacity carries over) per replica,
    /// against a target: an External metric with an AverageValue target, as KEDA creates for
    /// a queue. With no backlog it proposes 0 (clamped to the minimum), so on its own it scales
    /// down whenever the queue is empty; the scale-down window holds that off.
    case queueDepth(targetPerReplica: Double)

    /// The target value; finite, above 0.
    public var target: Double {
        switch self {
        case .utilization(let t), .requestsPerReplica(let t), .queueDepth(let t): return t
        }
    }

    /// Short name: `utilization`, `requests-per-replica`, `queue-depth`.
    public var name: String {
        switch self {
        case .utilization: return "utilization"
        case .requestsPerReplica: return "requests-per-replica"
        case .queueDepth: return "queue-depth"
        }
    }
}
