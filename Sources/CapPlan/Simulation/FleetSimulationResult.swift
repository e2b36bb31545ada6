/// What `FleetSimulation.run()` measured. Times in seconds.
///
/// Counts cover all N requests unless named "measured" (requests after the warm-up). Latency
/// summaries cover measured requests that completed; they include the step times'
/// `requestOverheadSeconds`.
public struct FleetSimulationResult: Sendable, Equatable {
    /// N, requests simulated, warm-up included.
    public let requests: Int
    /// w, leading requests not measured.
    public let warmUpRequests: Int
    /// N − w.
    public let measuredRequests: Int
    /// Requests that generated all their tokens (all N).
    public let completed: Int
    /// Requests dropped, by reason (all N). Conservation: completed + dropped.total = requests.
    public let dropped: FleetDrops
    /// Measured requests that completed, and that were dropped.
    public let measuredCompleted: Int
    public let measuredDropped: Int
    /// Measured completed requests over an SLA objective (0 without objectives).
    public let late: Int
    /// Times a request was routed again because its replica failed.
    public let rerouted: Int

    /// TTFT, TPOT and end-to-end latency of the measured completed requests; nil when none
    /// completed (TPOT: when none had 2 or more output tokens).
    public let ttft: FleetLatencySummary?
    public let tpot: FleetLatencySummary?
    public let e2e: FleetLatencySummary?

    /// Busy replica-seconds ÷ live replica-seconds over the measurement window, in [0, 1]. With
    /// continuous batching a replica steps whenever it holds one sequence, so this stays near 1
    /// under any steady load; `slotUtilization` says how full the batches are.
    public let utilization: Double
    /// Occupied batch slots: ∫ Σ batch dt ÷ (B_max · ∫ live replicas dt), in [0, 1] (compare the
    /// analytic utilisation λ/(R·X) of `size`, which is measured against full batches too).
    public let slotUtilization: Double
    /// Mean sequences per step, weighted by step time.
    public let meanBatch: Double
    /// Time-average requests in the system (queued or running) over the window; with
    /// λ = measured arrivals ÷ window, Little's law gives ≈ λ × mean E2E (overhead excluded).
    public let meanInSystem: Double
    /// Most requests waiting (routed, not yet admitted) across the fleet at any time.
    public let peakQueue: Int
    /// Steps run, all replicas.
    public let steps: Int
    /// Replicas still live at the end.
    public let liveReplicasAtEnd: Int
    /// The measurement window: first measured arrival to the last request's finish or drop.
    public let measuredSeconds: Double
    /// Simulated time when the last request finished or was dropped.
    public let simulatedSeconds: Double
    /// Events the loop handled.
    public let eventsProcessed: Int

    init(_ loop: EventLoop<FleetModel>, simulation s: FleetSimulation) {
        let m = loop.model
        let overhead = s.stepTimes.requestOverheadSeconds
        var ttfts: [Double] = [], e2es: [Double] = [], tpots: [Double] = []
        ttfts.reserveCapacity(m.requests - m.warmUp)
        e2es.reserveCapacity(m.requests - m.warmUp)
        var late = 0
        for i in m.warmUp..<m.requests where !m.e2e[i].isNaN {
            let first = m.ttft[i], total = m.e2e[i]
            ttfts.append(first + overhead)
            e2es.append(total + overhead)
            let out = m.output(i)
            if out >= 2 { tpots.append((total - first) / Double(out - 1)) }
            if let objective = s.sla.ttftSeconds, first + overhead > objective {
                late += 1
            } else if let objective = s.sla.e2eSeconds, total + overhead > objective {
                late += 1
            }
        }
        requests = m.requests
        warmUpRequests = m.warmUp
        measuredRequests = m.requests - m.warmUp
        completed = m.completed
        dropped = m.dropped
        measuredCompleted = e2es.count
        measuredDropped = m.measuredDropped
        self.late = late
        rerouted = m.rerouted
        ttft = FleetLatencySummary(ttfts, batches: s.batches)
        tpot = FleetLatencySummary(tpots, batches: s.batches)
        e2e = FleetLatencySummary(e2es, batches: s.batches)
        let window = m.measureEnd - m.measureStart
        utilization = m.areaLive > 0 ? m.areaBusy / m.areaLive : 0
        slotUtilization = m.areaLive > 0 ? m.areaBatch / (m.areaLive * Double(m.maxBatch)) : 0
        meanBatch = m.areaBusy > 0 ? m.areaBatch / m.areaBusy : 0
        meanInSystem = window > 0 ? m.areaInSystem / window : 0
        peakQueue = m.peakWaiting
        steps = m.steps
        liveReplicasAtEnd = m.liveReplicas
        measuredSeconds = window
        simulatedSeconds = m.measureEnd
        eventsProcessed = loop.eventsProcessed
    }
}

/// Percentiles and mean of one latency over the measured requests, seconds.
public struct FleetLatencySummary: Sendable, Equatable {
    /// n, values summarised.
    public let count: Int
    public let mean: Double
    /// Nearest-rank percentiles x_(⌈p·n⌉) (Hyndman & Fan definition 1), exact.
    public let p50: Double
    public let p95: Double
    public let p99: Double
    public let max: Double
    /// 95% confidence half-widths by batch means over the values in arrival order (consecutive
    /// latencies are correlated, so batches, not single values, are the independent samples);
    /// nil when there are fewer than 100 values per batch, too few for a batch p99.
    public let meanHalfWidth95: Double?
    public let p99HalfWidth95: Double?

    /// nil for no values. `values` in arrival order.
    init?(_ values: [Double], batches k: Int) {
        guard !values.isEmpty else { return nil }
        count = values.count
        mean = values.reduce(0, +) / Double(values.count)
        if values.count >= 100 * k {
            meanHalfWidth95 = BatchMeans.halfWidth95(values, batches: k)
            p99HalfWidth95 = BatchMeans.quantileHalfWidth95(values, 0.99, batches: k)
        } else {
            meanHalfWidth95 = nil
            p99HalfWidth95 = nil
        }
        var scratch = values
        p50 = OrderStatistic.nearestRank(&scratch, 0.5)
        p95 = OrderStatistic.nearestRank(&scratch, 0.95)
        p99 = OrderStatistic.nearestRank(&scratch, 0.99)
        max = OrderStatistic.nearestRank(&scratch, 1)
    }
}

/// Requests dropped, by reason.
public struct FleetDrops: Sendable, Hashable {
    /// Prompt + output tokens exceed an empty replica's KV cache: it could never run.
    public internal(set) var exceedsKVCache = 0
    /// The replica routed to already held `queueLimit` waiting requests.
    public internal(set) var queueFull = 0
    /// Every replica had failed.
    public internal(set) var noLiveReplica = 0

    public var total: Int { exceedsKVCache + queueFull + noLiveReplica }
}
