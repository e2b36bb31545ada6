/// The threshold policy over a trace. With the natural step (one period, 1 minute) this is the
/// textbook loop exactly:
///
///     minute i:  score D_i against R_i (billed) and the ready replicas;
///                R_{i+1} = policy(D_i, R_i)   (serves from minute i + 1 + ⌈T_ready/Δt⌉)
///     cost = Σ R_i × price / 60  (replica-minutes × price per hour / 60)
///
/// With a finer step, the policy evaluates once per period on the mean demand of the period.
enum ThresholdSimulation {
    static func run(_ policy: ThresholdPolicy, trace: DemandTrace, replica: ReplicaModel,
                    scoring: AutoscaleScoring) throws -> AutoscaleResult {
        try policy.validate()
        let step = trace.stepSeconds
        let periodSteps = try AutoscalingValidation.stepsPerPeriod(policy.periodSeconds, step: step, name: "evaluation period")
        var controller = ThresholdController(policy: policy, capacity: replica.capacity)
        let n = trace.count
        var pool = ReplicaPool(initial: policy.minReplicas, delaySteps: replica.delaySteps(stepSeconds: step), steps: n)
        var meter = AutoscaleMeter(replica: replica, scoring: scoring, stepSeconds: step, steps: n, startSeconds: trace.startSeconds)
        var demandInPeriod = 0.0
        var stepsInPeriod = 0
        // A plain loop over a local array: a closure (withUnsafeBufferPointer) capturing the
        // simulation state made the compiler copy that state in and out on every step.
        let demand = trace.values
        meter.setReplicas(allocated: pool.allocated, ready: pool.ready)
        for (i, d) in demand.enumerated() {
            if pool.advance(to: i) { meter.replicasChange(at: i, allocated: pool.allocated, ready: pool.ready, demand: demand) }
            let replicas = pool.allocated
            let mean: Double
            if periodSteps == 1 {
                mean = d  // every step is an evaluation (the natural step)
            } else {
                demandInPeriod += d
                stepsInPeriod += 1
                guard stepsInPeriod == periodSteps else { continue }
                mean = demandInPeriod / Double(periodSteps)
                demandInPeriod = 0
                stepsInPeriod = 0
            }
            let next = controller.evaluate(at: Double(i + 1) * step, replicas: replicas, demand: mean)
            if next != replicas {
                meter.changed(from: replicas, to: next)
                pool.resize(to: next, at: i + 1)
                meter.replicasChange(at: i + 1, allocated: pool.allocated, ready: pool.ready, demand: demand)
            }
        }
        meter.finish(demand)
        return meter.result(policy: "threshold")
    }
}
