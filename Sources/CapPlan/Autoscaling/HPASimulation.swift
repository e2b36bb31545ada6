/// The HPA over a trace (docs/capacity-math.md §5, "Scoring a policy"). What it computes,
/// step by step:
///
///     each step i (Δt):  replicas due by step i become ready
///                        score the step: D_i against R_alloc (billed) and R_ready (serving)
///                        backlog B ← max(0, B + (D_i − R_ready·X)·Δt)   (queue-depth metric)
///     every sync period: at the end of step i, the controller sees the mean demand since the
///                        last sync, R_ready, R_alloc and B, and sets R_alloc from step i + 1;
///                        new replicas serve from step i + 1 + ⌈T_ready/Δt⌉
///
/// The sync period must be a whole number s of steps; sync k covers steps ks … ks + s − 1.
///
/// Steps are scored by the meter in segments of unchanged replicas, so the loop carries none of
/// the meter's state. No allocation per step: the stabilization windows, the scaling events and
/// the starting replicas live in buffers sized once from their windows.
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
        let tracksBacklog: Bool  // only the queue-depth metric reads the backlog
        if case .queueDepth = policy.metric { tracksBacklog = true } else { tracksBacklog = false }
        var backlog = 0.0
        var demandSinceSync = 0.0
        var stepsSinceSync = 0
        // A plain loop over a local array: a closure (withUnsafeBufferPointer) capturing the
        // simulation state made the compiler copy that state in and out on every step.
        let demand = trace.values
        meter.setReplicas(allocated: pool.allocated, ready: pool.ready)
        for (i, d) in demand.enumerated() {
            if pool.advance(to: i) { meter.replicasChange(at: i, allocated: pool.allocated, ready: pool.ready, demand: demand) }
            let ready = pool.ready
            if tracksBacklog {
                backlog += (d - Double(ready) * capacity) * step
                if backlog < 0 { backlog = 0 }
            }
            let mean: Double
            if syncSteps == 1 {
                mean = d  // every step is a sync (the natural step); the mean of one value is itself
            } else {
                demandSinceSync += d
                stepsSinceSync += 1
                guard stepsSinceSync == syncSteps else { continue }
                mean = demandSinceSync / Double(syncSteps)
                demandSinceSync = 0
                stepsSinceSync = 0
            }
            let current = pool.allocated
            // `sync`, in its two halves so both inline here (current is always within
            // [min, max]: it starts there and the controller clamps).
            let proposal = controller.proposal(current: current, ready: ready, demand: mean, backlog: backlog)
            let decision = controller.normalize(proposal, current: current)
            if decision.desired != current {
                meter.changed(from: current, to: decision.desired)
                pool.resize(to: decision.desired, at: i + 1)
                meter.replicasChange(at: i + 1, allocated: pool.allocated, ready: pool.ready, demand: demand)
            }
        }
        meter.finish(demand)
        return meter.result(policy: "hpa")
    }
}
