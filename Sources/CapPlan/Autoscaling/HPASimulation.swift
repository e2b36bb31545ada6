/// The HPA over a trace, step by step (docs/capacity-math.md §5, "Scoring a policy").
///
///     each step i (Δt):  replicas due by step i become ready
///                        score the step: D_i against R_alloc (billed) and R_ready (serving)
///                        backlog B ← max(0, B + (D_i − R_ready·X)·Δt)   (queue-depth metric)
///     every sync period: at the end of step i, the controller sees the mean demand since the
///                        last sync, R_ready, R_alloc and B, and sets R_alloc from step i + 1;
///                        new replicas serve from step i + 1 + ⌈T_ready/Δt⌉
///
/// The sync period must be a whole number of steps (one step by default). No allocation per
/// step: the windows and the starting replicas live in fixed rings.
enum HPASimulation {
    static func run(_ policy: HPAPolicy, trace: DemandTrace, replica: ReplicaModel,
                    scoring: AutoscaleScoring) throws -> AutoscaleResult {
        let step = trace.stepSeconds
        let syncSteps = try AutoscalingValidation.stepsPerPeriod(policy.syncPeriodSeconds, step: step, name: "sync period")
        var controller = try HPAController(policy: policy, capacity: replica.capacity)
        let n = trace.count
        var pool = ReplicaPool(initial: policy.startingReplicas, delaySteps: replica.delaySteps(stepSeconds: step), steps: n)
        var meter = AutoscaleMeter(replica: replica, scoring: scoring, stepSeconds: step, steps: n, startSeconds: trace.startSeconds)
        let capacity = replica.capacity
        var backlog = 0.0
        var demandSinceSync = 0.0
        var stepsSinceSync = 0
        // A plain loop over a local array: a closure (withUnsafeBufferPointer) capturing the
        // simulation state made the compiler copy that state in and out on every step.
        let demand = trace.values
        // The backlog is kept only when the metric reads it.
        let tracksBacklog: Bool
        if case .queueDepth = policy.metric { tracksBacklog = true } else { tracksBacklog = false }
        // Steps from `scored` on are not scored yet: the meter scores each segment of
        // unchanged replicas when it ends.
        var scored = 0
        meter.setReplicas(allocated: pool.allocated, ready: pool.ready)
        for (i, d) in demand.enumerated() {
            if pool.advance(to: i) {
                meter.record(demand, steps: scored..<i)
                scored = i
                meter.setReplicas(allocated: pool.allocated, ready: pool.ready)
            }
            let ready = pool.ready
            if tracksBacklog {
                backlog += (d - Double(ready) * capacity) * step
                if backlog < 0 { backlog = 0 }
            }
            demandSinceSync += d
            stepsSinceSync += 1
            guard stepsSinceSync == syncSteps else { continue }
            // x/1 is x: skip the division (and its latency) when every step is a sync.
            let mean = syncSteps == 1 ? demandSinceSync : demandSinceSync / Double(syncSteps)
            demandSinceSync = 0
            stepsSinceSync = 0
            let current = pool.allocated
            let decision = controller.sync(current: current, ready: ready, demand: mean, backlog: backlog)
            if decision.desired != current {
                meter.record(demand, steps: scored..<(i + 1))
                scored = i + 1
                meter.changed(from: current, to: decision.desired)
                pool.resize(to: decision.desired, at: i + 1)
                meter.setReplicas(allocated: pool.allocated, ready: pool.ready)
            }
        }
        meter.record(demand, steps: scored..<n)
        return meter.result(policy: "hpa")
    }
}
