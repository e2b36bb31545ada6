/// The two baselines every policy is compared with, on the same trace and step
/// (docs/capacity-math.md §5):
///
///     static peak:  R = ⌈max_t D(t) / (X·u_target)⌉ for the whole trace (no scaling)
///     oracle:       R*(t) = ⌈D(t) / (X·u_target)⌉, ready at once (perfect foresight, no delay)
///
/// Neither has a floor or ceiling: the oracle goes to 0 replicas when demand does. Both are
/// ready from the start; the oracle's changes count as events and churn like any policy's.
/// Counts use `ReplicaCount.needed` (a quotient within 1e-9 of a whole number is that number).
enum Baselines {
    static func staticPeak(trace: DemandTrace, replica: ReplicaModel, scoring: AutoscaleScoring) -> AutoscaleResult {
        let replicas = ReplicaCount.needed(trace.peak, perReplica: replica.capacity * scoring.targetUtilization)
        var meter = AutoscaleMeter(replica: replica, scoring: scoring, stepSeconds: trace.stepSeconds,
                                   steps: trace.count, startSeconds: trace.startSeconds)
        meter.setReplicas(allocated: replicas, ready: replicas)
        meter.finish(trace.values)
        return meter.result(policy: "static-peak")
    }

    static func oracle(trace: DemandTrace, replica: ReplicaModel, scoring: AutoscaleScoring) -> AutoscaleResult {
        let perReplica = replica.capacity * scoring.targetUtilization
        var meter = AutoscaleMeter(replica: replica, scoring: scoring, stepSeconds: trace.stepSeconds,
                                   steps: trace.count, startSeconds: trace.startSeconds)
        let demand = trace.values
        var previous = ReplicaCount.needed(demand[0], perReplica: perReplica)
        meter.setReplicas(allocated: previous, ready: previous)
        for (i, d) in demand.enumerated().dropFirst() {
            let replicas = ReplicaCount.needed(d, perReplica: perReplica)
            guard replicas != previous else { continue }
            meter.changed(from: previous, to: replicas)
            meter.replicasChange(at: i, allocated: replicas, ready: replicas, demand: demand)
            previous = replicas
        }
        meter.finish(demand)
        return meter.result(policy: "oracle")
    }
}
