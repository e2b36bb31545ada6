import DequeModule

/// The fleet as a `DiscreteEventModel` on the same `EventLoop` and `EventQueue` as the M/M/c
/// queue: R replicas, each running continuous batching (Orca, OSDI 2022) behind its own queue.
///
/// Events: one pending arrival at a time (request i schedules request i + 1), one step end per
/// busy replica, one event per failure; so at most R + k + 1 events are pending.
///
/// A step on replica r, started whenever r is idle and can admit work, or right after its
/// previous step:
///
///     admit FCFS while batch < B_max, reservedKV + in + out ≤ T_kv and prompt budget is left
///     budget: one token for each decoding sequence, the rest (K − decoding) to the prompts
///             in admission order (chunked prefill: a long prompt spans several steps)
///     t_step = stepSeconds(decoding sequences + prompt chunks)          (one forward pass)
///     at its end: every decoding sequence has one more token; a sequence whose prompt is
///                 complete has its first (TTFT) and decodes from the next step; a sequence
///                 with all its output tokens leaves and frees in + out of KV
///
/// So a lone request's TTFT is its prompt's chunk steps: the analytic prefill of `perf` and
/// `size`. The budget K is the step times' `tokenBudget` (the engine's, for an LLM; unbounded
/// for `FleetLinearStepTimes`, which then prefills every admitted prompt in its first step).
/// KV is reserved at admission: the whole context when the engine does so (TensorRT-LLM's
/// `GUARANTEED_NO_EVICT`), else prompt + output/2, the mean a sequence holds when pages are
/// taken as tokens come (vLLM, SGLang) — the same accounting as the analytic B_max, without
/// modelling preemption.
///
/// Per-request state is struct-of-arrays indexed by request number (arrival order), the batch
/// and the queues hold request numbers, and no event allocates once the arrays have grown.
struct FleetModel: DiscreteEventModel, Sendable {
    enum Event: Sendable {
        case arrival
        case stepEnd(replica: Int32)
        case failure(replica: Int32)
    }

    /// An existential, not a generic parameter: the simulation is built from `any FleetStepTimes`,
    /// and a model generic over an opened type runs unspecialised (slower by several times); one
    /// dynamic call per step costs nothing next to the step's O(B) work.
    let stepTimes: any FleetStepTimes
    /// Most tokens one step processes (decode tokens plus prompt chunks): the step times'.
    let tokenBudget: Int
    /// Whether a sequence holds KV for its whole context from admission (else prompt + output/2).
    let reservesFullContext: Bool
    let maxBatch: Int
    let kvCapacityTokens: Int
    let routing: FleetRouting
    /// Most requests one replica may hold waiting (Int.max: unlimited).
    let queueLimit: Int
    let requests: Int
    let warmUp: Int

    // Per request, by number (arrival order).
    let arrivalSeconds: [Double]
    /// Token counts; one entry each when every request has the same shape.
    let inputTokens: [Int]
    let outputTokens: [Int]
    private let uniformTokens: Bool
    /// First token − arrival, seconds; NaN until the first token.
    private(set) var ttft: [Double]
    /// Finish − arrival, seconds; NaN until finished (and for ever when dropped).
    private(set) var e2e: [Double]

    // Replicas.
    private(set) var replicas: [FleetReplicaState]
    private var loadIndex: FleetLoadIndex
    /// Live replicas, for random routing (order changes on failure, deterministically).
    private var live: [Int32]
    private var livePosition: [Int32]
    private var routingRandom: SplitMix64

    // Counters.
    private(set) var arrivals = 0
    private(set) var completed = 0
    private(set) var dropped = FleetDrops()
    private(set) var measuredDropped = 0
    private(set) var rerouted = 0
    private(set) var steps = 0
    private(set) var inSystem = 0
    private(set) var waitingTotal = 0
    private(set) var peakWaiting = 0
    private var busyReplicas = 0
    private var batchInBusy = 0

    // Time integrals over [first measured arrival, last request resolved].
    private var measuring = false
    private(set) var measureStart = 0.0
    private(set) var measureEnd = 0.0
    private var lastChange = 0.0
    private(set) var areaInSystem = 0.0
    private(set) var areaBusy = 0.0
    private(set) var areaLive = 0.0
    private(set) var areaBatch = 0.0

    /// Set when the step times returned something unusable; the run then stops scheduling.
    private(set) var invalidStep: FleetSimulationError?

    private var firstTokens: [Int32] = []
    private var finished: [Int32] = []

    init(stepTimes: any FleetStepTimes, replicas: Int, maxBatch: Int, kvCapacityTokens: Int, routing: FleetRouting,
         queueLimit: Int?, warmUp: Int, arrivalSeconds: [Double], inputTokens: [Int], outputTokens: [Int],
         routingSeed: UInt64) {
        self.stepTimes = stepTimes
        tokenBudget = Swift.max(1, stepTimes.tokenBudget)
        reservesFullContext = stepTimes.reservesFullContext
        self.maxBatch = maxBatch
        self.kvCapacityTokens = kvCapacityTokens
        self.routing = routing
        self.queueLimit = queueLimit ?? Int.max
        requests = arrivalSeconds.count
        self.warmUp = warmUp
        self.arrivalSeconds = arrivalSeconds
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        uniformTokens = inputTokens.count == 1
        ttft = [Double](repeating: .nan, count: requests)
        e2e = [Double](repeating: .nan, count: requests)
        self.replicas = [FleetReplicaState](repeating: FleetReplicaState(), count: replicas)
        loadIndex = FleetLoadIndex(replicas: routing == .leastLoaded ? replicas : 0)
        live = (0..<replicas).map { Int32($0) }
        livePosition = live
        routingRandom = SplitMix64(seed: routingSeed)
    }

    @inline(__always) func input(_ i: Int) -> Int { uniformTokens ? inputTokens[0] : inputTokens[i] }
    @inline(__always) func output(_ i: Int) -> Int { uniformTokens ? outputTokens[0] : outputTokens[i] }

    var resolved: Int { completed + dropped.total }
    var liveReplicas: Int { live.count }

    /// Schedules the first arrival and the failures; call once before running.
    mutating func start(failures: [FleetFailure], _ events: inout EventQueue<Event>) {
        if let first = arrivalSeconds.first { events.schedule(.arrival, at: first) }
        for f in failures { events.schedule(.failure(replica: Int32(f.replica)), at: f.atSeconds) }
    }

    mutating func handle(_ event: Event, at time: Double, events: inout EventQueue<Event>) {
        guard invalidStep == nil else { return }
        if measuring {
            let dt = time - lastChange
            areaInSystem += Double(inSystem) * dt
            areaBusy += Double(busyReplicas) * dt
            areaLive += Double(live.count) * dt
            areaBatch += Double(batchInBusy) * dt
            lastChange = time
        }
        switch event {
        case .arrival:
            let i = arrivals
            arrivals += 1
            if i == warmUp {
                measuring = true
                measureStart = time
                lastChange = time
            }
            if arrivals < requests { events.schedule(.arrival, at: arrivalSeconds[arrivals]) }
            if input(i) + output(i) > kvCapacityTokens {
                drop(i, at: time) { $0.exceedsKVCache += 1 }
            } else {
                route(Int32(i), at: time, events: &events)
            }
        case let .stepEnd(replica):
            endStep(Int(replica), at: time, events: &events)
        case let .failure(replica):
            fail(Int(replica), at: time, events: &events)
        }
    }

    // MARK: - Routing

    private mutating func route(_ request: Int32, at time: Double, events: inout EventQueue<Event>) {
        let r: Int
        switch routing {
        case .leastLoaded:
            guard let least = loadIndex.least else { return drop(Int(request), at: time) { $0.noLiveReplica += 1 } }
            r = least
        case .random:
            guard !live.isEmpty else { return drop(Int(request), at: time) { $0.noLiveReplica += 1 } }
            r = Int(live[routingRandom.index(below: live.count)])
        }
        guard replicas[r].waiting.count < queueLimit else { return drop(Int(request), at: time) { $0.queueFull += 1 } }
        replicas[r].waiting.append(request)
        if routing == .leastLoaded { loadIndex.increment(r) }
        inSystem += 1
        waitingTotal += 1
        if !replicas[r].busy { startStep(r, at: time, events: &events) }
        // After the step start: a request admitted at once never counts as queued.
        peakWaiting = max(peakWaiting, waitingTotal)
    }

    private mutating func drop(_ i: Int, at time: Double, _ count: (inout FleetDrops) -> Void) {
        count(&dropped)
        if i >= warmUp { measuredDropped += 1 }
        resolve(at: time)
    }

    /// One more request completed or dropped; the measurement window closes with the last.
    private mutating func resolve(at time: Double) {
        if resolved == requests, measuring {
            measuring = false
            measureEnd = time
        }
    }

    // MARK: - Steps

    private mutating func startStep(_ r: Int, at time: Double, events: inout EventQueue<Event>) {
        // The token budget goes to the decoding sequences (one token each), then to the prompts
        // in admission order; a request is admitted only while budget is left for its prompt.
        let decoding = replicas[r].decoding
        let context = replicas[r].contextTokens
        let prefillBudget = Swift.max(1, tokenBudget - decoding)
        while replicas[r].batch < maxBatch, replicas[r].pendingPrefillTokens < prefillBudget, let head = replicas[r].waiting.first {
            let i = Int(head), n = input(i), m = output(i)
            let hold = reservesFullContext ? n + m : n + (m + 1) / 2
            guard replicas[r].reservedTokens + hold <= kvCapacityTokens else { break }
            replicas[r].waiting.removeFirst()
            waitingTotal -= 1
            replicas[r].admit(head, inputTokens: n, outputTokens: m, holding: hold)
        }
        let batch = replicas[r].batch
        guard batch > 0 else { return }
        let prefill = replicas[r].allocate(budget: prefillBudget)
        let load = StepLoad(decodeSequences: decoding, decodeContextTokens: Double(context),
                            prefillTokens: Double(prefill.tokens), prefillAttendedTokens: prefill.attended)
        let seconds = stepTimes.stepSeconds(load, newPrompts: prefill.sequences)
        guard seconds.isFinite, seconds >= 0 else {
            return halt(.invalidStepTime(what: prefill.sequences > 0 ? "step with \(prefill.sequences) prefill\(prefill.sequences == 1 ? "" : "s")" : "decode step",
                                         batch: batch, tokens: context + prefill.tokens, seconds: seconds))
        }
        replicas[r].busy = true
        busyReplicas += 1
        batchInBusy += batch
        steps += 1
        events.schedule(.stepEnd(replica: Int32(r)), at: time + seconds)
    }

    private mutating func endStep(_ r: Int, at time: Double, events: inout EventQueue<Event>) {
        // A failed replica's last step end is still pending: its work was already rerouted.
        guard replicas[r].alive else { return }
        replicas[r].busy = false
        busyReplicas -= 1
        batchInBusy -= replicas[r].batch
        firstTokens.removeAll(keepingCapacity: true)
        finished.removeAll(keepingCapacity: true)
        replicas[r].endStep(firstTokens: &firstTokens, finished: &finished)
        for request in firstTokens {
            let i = Int(request)
            if ttft[i].isNaN { ttft[i] = time - arrivalSeconds[i] }   // a rerouted request keeps its first
        }
        for request in finished {
            let i = Int(request)
            e2e[i] = time - arrivalSeconds[i]
            completed += 1
            inSystem -= 1
            if routing == .leastLoaded { loadIndex.decrement(r) }
        }
        if !finished.isEmpty { resolve(at: time) }
        startStep(r, at: time, events: &events)
    }

    private mutating func halt(_ error: FleetSimulationError) {
        invalidStep = error
    }

    // MARK: - Failures

    private mutating func fail(_ r: Int, at time: Double, events: inout EventQueue<Event>) {
        guard replicas[r].alive else { return }
        if replicas[r].busy {
            busyReplicas -= 1
            batchInBusy -= replicas[r].batch
        }
        waitingTotal -= replicas[r].waiting.count
        let held = replicas[r].evacuate()
        inSystem -= held.count
        if routing == .leastLoaded { loadIndex.remove(r) }
        let p = Int(livePosition[r])
        let last = live.removeLast()
        if p < live.count {
            live[p] = last
            livePosition[Int(last)] = Int32(p)
        }
        for request in held {
            rerouted += 1
            route(request, at: time, events: &events)
        }
    }

    /// Conservation at any moment: every arrival is completed, dropped, or in the system.
    var isConserved: Bool {
        arrivals == completed + dropped.total + inSystem
            && inSystem == replicas.reduce(0) { $0 + $1.load }
            && waitingTotal == replicas.reduce(0) { $0 + $1.waiting.count }
    }
}
