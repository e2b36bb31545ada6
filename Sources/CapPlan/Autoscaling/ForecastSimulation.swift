import DequeModule

/// The forecast policy over a trace: the sliding maximum of R over the look-ahead window, kept
/// in a monotonic deque (O(1) amortised per step, O(window) memory).
enum ForecastSimulation {
    static func run(_ policy: ForecastPolicy, trace: DemandTrace, replica: ReplicaModel,
                    scoring: AutoscaleScoring) throws -> AutoscaleResult {
        try policy.validate()
        let step = trace.stepSeconds
        let n = trace.count
        // Steps from a decision to the last step it must already cover: T_ready + lead.
        let lookahead = ReplicaModel.steps(covering: replica.readinessDelaySeconds + policy.leadSeconds, stepSeconds: step)
        let perReplica = replica.capacity * policy.targetUtilization
        // R at step j, from the forecast at the step's start.
        func required(_ j: Int) -> Int {
            let f = policy.forecast.value(at: trace.time(at: j))
            return min(max(ReplicaCount.needed(f, perReplica: perReplica), policy.minReplicas), policy.maxReplicas)
        }
        struct Entry { var step: Int; var replicas: Int }
        var window = Deque<Entry>(minimumCapacity: min(lookahead, n) + 2)
        func push(_ j: Int) {
            let r = required(j)
            while let last = window.last, last.replicas <= r { window.removeLast() }
            window.append(Entry(step: j, replicas: r))
        }
        // The window for step s covers steps s … s + lookahead.
        for j in 0...lookahead { push(j) }
        var pool = ReplicaPool(initial: window[0].replicas, delaySteps: replica.delaySteps(stepSeconds: step), steps: n)
        var meter = AutoscaleMeter(replica: replica, scoring: scoring, stepSeconds: step, steps: n, startSeconds: trace.startSeconds)
        // A plain loop over a local array: a closure (withUnsafeBufferPointer) capturing the
        // simulation state made the compiler copy that state in and out on every step.
        let demand = trace.values
        meter.setReplicas(allocated: pool.allocated, ready: pool.ready)
        for i in demand.indices {
            if pool.advance(to: i) { meter.replicasChange(at: i, allocated: pool.allocated, ready: pool.ready, demand: demand) }
            let current = pool.allocated
            guard i + 1 < n else { break }
            push(i + 1 + lookahead)
            while window[0].step < i + 1 { window.removeFirst() }
            let next = window[0].replicas
            if next != current {
                meter.changed(from: current, to: next)
                pool.resize(to: next, at: i + 1)
                meter.replicasChange(at: i + 1, allocated: pool.allocated, ready: pool.ready, demand: demand)
            }
        }
        meter.finish(demand)
        return meter.result(policy: policy.kind.rawValue)
    }
}
