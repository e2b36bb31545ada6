import Foundation  // log

/// A seeded discrete-event simulation of an LLM serving fleet: R replicas with continuous
/// batching, a KV-cache limit and per-replica queues, fed by Poisson arrivals or a replayed
/// request log, routed least-loaded or at random, optionally losing replicas (N+k). It checks
/// what `size` derives analytically (docs/capacity-math.md §1–2) by letting requests really
/// queue and batch, on the `EventLoop` the M/M/c simulation uses.
///
///     per request i:  TTFT_i = first token − arrival + overhead
///                     TPOT_i = (finish − first token) / (out_i − 1)     (out_i ≥ 2 only)
///                     E2E_i  = finish − arrival + overhead
///     measured:       requests i ≥ w = ⌊f·N⌋ (warm-up fraction f), completed ones for latencies
///     percentiles:    nearest rank x_(⌈p·n⌉), exact;  p99 95% CI by batch means (k batches)
///     utilisation:    ∫ busy replicas dt / ∫ live replicas dt
///     mean batch:     ∫ Σ batch of busy replicas dt / ∫ busy replicas dt
///     over the window from the first measured arrival to the last request's finish or drop.
///
/// The per-replica mechanics (admission, prefill, KV reservation) are in `FleetModel`.
/// Deterministic: one `SplitMix64` seed drives arrivals and random routing through two
/// derived streams, events at equal times run in scheduling order, so the same inputs and seed
/// give an identical result.
public struct FleetSimulation: Sendable {
    /// Allowed requests N (memory: about 30 bytes per request).
    public static let requestRange = 1...50_000_000
    /// Allowed replica counts R.
    public static let replicaRange = 1...1_000_000
    /// Allowed maximum batches B_max, sequences per replica.
    public static let batchRange = 1...1_000_000
    /// Allowed prompt and output token counts per request.
    public static let tokenRange = 1...10_000_000
    /// Default warm-up: the first 10% of requests (as `MMcSimulation`).
    public static let defaultWarmUpFraction = 0.1

    /// R, replicas at the start.
    public let replicas: Int
    /// B_max, most sequences one replica runs at once.
    public let maxBatch: Int
    /// T_kv, KV-cache tokens one replica holds.
    public let kvCapacityTokens: Int
    public let stepTimes: any FleetStepTimes
    public let arrivals: FleetArrivals
    public let routing: FleetRouting
    public let failures: [FleetFailure]
    /// Most requests one replica may hold waiting; an arrival beyond it is dropped. nil: no limit.
    public let queueLimit: Int?
    public let sla: FleetSLA
    /// f: requests [0, ⌊f·N⌋) run but are not measured.
    public let warmUpFraction: Double
    /// k, batches for the confidence intervals.
    public let batches: Int
    public let seed: UInt64

    /// Validates a fleet simulation.
    ///
    /// - Parameters:
    ///   - replicas: R, in `replicaRange` (the count `size` chose, spares included).
    ///   - maxBatch: B_max per replica, in `batchRange`.
    ///   - kvCapacityTokens: T_kv per replica, ≥ 1; a request needs in + out of it while it runs.
    ///   - stepTimes: prefill and decode step times (`FleetLLMStepTimes` for a catalog model).
    ///   - arrivals: Poisson (rate > 0 and finite, N in `requestRange`, tokens in `tokenRange`) or
    ///     a trace (equal lengths, times finite and ≥ 0, tokens in `tokenRange`).
    ///   - routing: least-loaded (default) or random.
    ///   - failures: replicas that stop, each at most once (see `FleetFailure`).
    ///   - queueLimit: ≥ 1 waiting requests per replica, or nil (default) for unlimited.
    ///   - sla: objectives that make a request late.
    ///   - warmUpFraction: f in [0, 1); default 0.1.
    ///   - batches: k for batch means, in `MMcSimulation.batchRange`; default 20.
    ///   - seed: any value.
    /// - Throws: `FleetSimulationError` naming the first input out of range.
    public init(replicas: Int, maxBatch: Int, kvCapacityTokens: Int, stepTimes: any FleetStepTimes,
                arrivals: FleetArrivals, routing: FleetRouting = .leastLoaded, failures: [FleetFailure] = [],
                queueLimit: Int? = nil, sla: FleetSLA = FleetSLA(),
                warmUpFraction: Double = FleetSimulation.defaultWarmUpFraction,
                batches: Int = MMcSimulation.defaultBatches, seed: UInt64) throws {
        guard Self.replicaRange.contains(replicas) else { throw FleetSimulationError.invalidReplicaCount(replicas) }
        guard Self.batchRange.contains(maxBatch) else { throw FleetSimulationError.invalidMaxBatch(maxBatch) }
        guard kvCapacityTokens >= 1 else { throw FleetSimulationError.invalidKVCapacity(kvCapacityTokens) }
        try Self.validate(arrivals)
        var failed = Set<Int>()
        for f in failures {
            guard (0..<replicas).contains(f.replica), f.atSeconds.isFinite, f.atSeconds >= 0,
                  failed.insert(f.replica).inserted else {
                throw FleetSimulationError.invalidFailure(replica: f.replica, seconds: f.atSeconds, replicas: replicas)
            }
        }
        if let limit = queueLimit, limit < 1 { throw FleetSimulationError.invalidQueueLimit(limit) }
        for (what, value) in [("TTFT", sla.ttftSeconds), ("end-to-end", sla.e2eSeconds)] {
            if let s = value, !(s.isFinite && s > 0) { throw FleetSimulationError.invalidSLA(what: what, seconds: s) }
        }
        guard warmUpFraction >= 0, warmUpFraction < 1 else { throw FleetSimulationError.invalidWarmUp(warmUpFraction) }
        guard MMcSimulation.batchRange.contains(batches) else { throw FleetSimulationError.invalidBatchCount(batches) }
        self.replicas = replicas
        self.maxBatch = maxBatch
        self.kvCapacityTokens = kvCapacityTokens
        self.stepTimes = stepTimes
        self.arrivals = arrivals
        self.routing = routing
        self.failures = failures
        self.queueLimit = queueLimit
        self.sla = sla
        self.warmUpFraction = warmUpFraction
        self.batches = batches
        self.seed = seed
    }

    /// A fleet of `replicas` replicas of the deployment behind `llm`, at its KV capacity and
    /// at `maxBatch` (default: the memory maximum `llm.maxBatch`; pass the batch `size` chose).
    /// - Throws: `FleetSimulationError` as the main initialiser, including a KV capacity of 0.
    public init(replicas: Int, llm: FleetLLMStepTimes, maxBatch: Int? = nil, arrivals: FleetArrivals,
                routing: FleetRouting = .leastLoaded, failures: [FleetFailure] = [], queueLimit: Int? = nil,
                sla: FleetSLA = FleetSLA(), warmUpFraction: Double = FleetSimulation.defaultWarmUpFraction,
                batches: Int = MMcSimulation.defaultBatches, seed: UInt64) throws {
        try self.init(replicas: replicas, maxBatch: maxBatch ?? max(1, llm.maxBatch), kvCapacityTokens: llm.kvCapacityTokens,
                      stepTimes: llm, arrivals: arrivals, routing: routing, failures: failures, queueLimit: queueLimit,
                      sla: sla, warmUpFraction: warmUpFraction, batches: batches, seed: seed)
    }

    /// w = ⌊f·N⌋, requests not measured.
    public var warmUpRequests: Int {
        // min: f·N may round up to N in floating point when f is just below 1.
        min(arrivals.requestCount - 1, Int((warmUpFraction * Double(arrivals.requestCount)).rounded(.down)))
    }

    /// Runs the simulation until every request has finished or been dropped.
    /// - Throws: `FleetSimulationError.invalidStepTime` when the step times return a negative or
    ///   non-finite time.
    /// - Complexity: O(N log R + S·B̄) time for S steps of mean batch B̄; O(N + R·B_max) memory.
    public func run() throws -> FleetSimulationResult {
        var seeder = SplitMix64(seed: seed)
        var arrivalRandom = SplitMix64(seed: seeder.next())
        let routingSeed = seeder.next()
        let arrivalTimes: [Double], inputs: [Int], outputs: [Int]
        switch arrivals {
        case let .poisson(rate, requests, input, output):
            var t = 0.0
            arrivalTimes = (0..<requests).map { _ in
                t += -log(1 - arrivalRandom.unit()) / rate
                return t
            }
            inputs = [input]
            outputs = [output]
        case let .trace(trace):
            let sorted = trace.sortedByArrival()
            arrivalTimes = sorted.arrivalSeconds
            inputs = sorted.inputTokens
            outputs = sorted.outputTokens
        }
        let model = FleetModel(stepTimes: stepTimes, replicas: replicas, maxBatch: maxBatch, kvCapacityTokens: kvCapacityTokens,
                               routing: routing, queueLimit: queueLimit, warmUp: warmUpRequests,
                               arrivalSeconds: arrivalTimes, inputTokens: inputs, outputTokens: outputs, routingSeed: routingSeed)
        var loop = EventLoop(model: model, events: EventQueue(capacity: replicas + failures.count + 1))
        loop.model.start(failures: failures, &loop.events)
        loop.run()
        if let error = loop.model.invalidStep { throw error }
        return FleetSimulationResult(loop, simulation: self)
    }

    static func validate(_ arrivals: FleetArrivals) throws {
        guard requestRange.contains(arrivals.requestCount) else {
            throw FleetSimulationError.invalidRequestCount(arrivals.requestCount)
        }
        switch arrivals {
        case let .poisson(rate, _, input, output):
            guard rate.isFinite, rate > 0 else { throw FleetSimulationError.invalidArrivalRate(rate) }
            guard tokenRange.contains(input) else { throw FleetSimulationError.invalidTokens(what: "input tokens", value: input, request: nil) }
            guard tokenRange.contains(output) else { throw FleetSimulationError.invalidTokens(what: "output tokens", value: output, request: nil) }
        case let .trace(t):
            guard t.inputTokens.count == t.arrivalSeconds.count, t.outputTokens.count == t.arrivalSeconds.count else {
                throw FleetSimulationError.traceLengthsDiffer(arrivals: t.arrivalSeconds.count, inputTokens: t.inputTokens.count,
                                                              outputTokens: t.outputTokens.count)
            }
            for i in t.arrivalSeconds.indices {
                let a = t.arrivalSeconds[i]
                guard a.isFinite, a >= 0 else { throw FleetSimulationError.invalidArrivalTime(request: i, seconds: a) }
                guard tokenRange.contains(t.inputTokens[i]) else {
                    throw FleetSimulationError.invalidTokens(what: "input tokens", value: t.inputTokens[i], request: i)
                }
                guard tokenRange.contains(t.outputTokens[i]) else {
                    throw FleetSimulationError.invalidTokens(what: "output tokens", value: t.outputTokens[i], request: i)
                }
            }
        }
    }
}
