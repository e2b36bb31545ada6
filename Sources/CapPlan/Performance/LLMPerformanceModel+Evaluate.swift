extension LLMPerformanceModel {
    /// Runs the whole model for one deployment and request shape.
    ///
    /// Tensor parallelism: `d.tensorParallel` if set, else the smallest degree that fits the
    /// batch asked for (1 for `.maximum`, `.withinTPOT` and `.concurrency`). With a fixed degree
    /// or batch that does not fit, the result has `fits == false` and `whyNotFit`, and timings at
    /// the batch asked for (1 when no sequence fits), so `perf` can still show the memory.
    ///
    /// Closed loop of N users (`.concurrency(N)`), B = min(N, B_max), o = request overhead:
    ///
    ///     N ≤ B_max:  X = N / (o + slot)                         no wait
    ///     N > B_max:  X = B / slot,   wait = N / X − o − slot    (the users beyond B queue)
    ///
    /// Open loop at λ requests/s (`.rate(λ)`): below the capacity X(B_max) the batch is the
    /// smallest n with n ≥ λ · slot(n) and TTFT adds the M/M/c mean wait for one of B_max slots;
    /// at or above it, `sustainable` is false and the figures are the full batch's.
    ///
    /// - Throws: `PerformanceError` for invalid inputs, a non-LLM model, an unsupported
    ///   precision, a model that fits at no degree, or an unreachable TPOT target.
    public func evaluate(_ d: LLMDeployment, shape: LLMRequestShape, batch choice: LLMBatchChoice = .maximum) throws -> LLMPerformanceResult {
        try assumptions.validate()
        try Self.check(shape)
        guard d.model.kind == .llm else { throw PerformanceError.notAnLLM(model: d.model.id, kind: d.model.kind) }
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        _ = try peak(g, d.precision)
        // The last generated token's K and V are never computed: a sequence holds in + out − 1
        // tokens at most (2,048 in and 1 out fits a 2,048-token context).
        if let ctx = m.contextLength, shape.inputTokens + shape.outputTokens - 1 > ctx {
            throw PerformanceError.contextTooLong(model: m.id, tokens: shape.inputTokens + shape.outputTokens - 1, contextLength: ctx)
        }
        var targetBatch = 1
        switch choice {
        case let .fixed(b):
            try Self.check(batch: b)
            targetBatch = b
        case let .concurrency(n):
            try Self.check(batch: n)
        case let .rate(r):
            guard r.isFinite, r > 0, r <= 1e9 else {
                throw PerformanceError.invalidInput(name: "arrival rate", value: "\(r)", expected: "a positive rate up to 1e9 requests/s")
            }
        case .maximum, .withinTPOT: break
        }
        let t: Int
        if let fixed = d.tensorParallel {
            try Self.check(tensorParallel: fixed, model: m)
            t = fixed
        } else {
            t = try tensorParallelDegree(for: d, shape: shape, targetBatch: targetBatch)
        }
        let p = plan(m, g, d, t, shape)
        let noRoom = "no KV memory left at tensor parallel \(t): weights \(PerformanceError.gib(p.weightsBytesPerGPU)) + reserve \(PerformanceError.gib(p.runtimeReserveBytesPerGPU)) per GPU of \(PerformanceError.gib(p.usableBytesPerGPU)) usable"

        var fits = p.maxBatch >= 1
        var why: String? = fits ? nil : noRoom
        var batch: Int
        var concurrency: Int?
        var rate: Double?
        switch choice {
        case let .fixed(b):
            batch = b
            if fits, b > p.maxBatch {
                fits = false
                why = "batch \(b) exceeds the maximum batch \(p.maxBatch) at tensor parallel \(t) (limited by \(p.batchLimit.rawValue))"
            }
        case let .concurrency(n):
            concurrency = n
            batch = Swift.max(1, Swift.min(n, p.maxBatch))
        case .maximum:
            batch = Swift.max(1, p.maxBatch)
        case let .rate(r):
            rate = r
            batch = Swift.max(1, p.maxBatch)
        case let .withinTPOT(target):
            if fits {
                batch = try largestBatch(m, g, d, t, maxBatch: p.maxBatch, shape: shape, tpotTarget: target)
            } else {
                batch = 1
            }
        }

        var s = try steady(m, g, d, t, batch, shape)
        let capacity = s.requestsPerSecond
        let o = assumptions.ttftOverheadSeconds
        var x = s.requestsPerSecond
        var wait = 0.0
        var sustainable = true
        var latency: LLMLatency?
        if let r = rate {
            if r >= capacity {
                sustainable = false
            } else {
                // The sequences in service n satisfy Little's law n = λ · slot(n); slot grows
                // with n, so the smallest integer n with n ≥ λ · slot(n) is found by bisection.
                var lo = 1, hi = batch
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if Double(mid) >= r * (try steady(m, g, d, t, mid, shape)).slotSeconds { hi = mid } else { lo = mid + 1 }
                }
                batch = lo
                s = try steady(m, g, d, t, lo, shape)
                x = r
                // Waiting for one of the B_max slots: M/M/c with the slot time at this load.
                if let q = try? MMcMetrics(arrivalRate: r, meanServiceTime: s.slotSeconds, servers: Swift.max(1, p.maxBatch)) {
                    wait = q.meanWait
                }
                var fixed = d
                fixed.tensorParallel = t
                latency = try LLMLatencyModel(performance: self, deployment: fixed, tensorParallel: t, shape: shape)?.at(r)
            }
        }
        if let n = concurrency {
            if n <= batch {
                x = Double(n) / (o + s.slotSeconds)
            } else {
                wait = Swift.max(0, Double(n) / x - o - s.slotSeconds)
            }
        }
        // Open loop: the operating point's mean TTFT and TPOT (LLMLatency) replace the
        // steady state's, which assumes a batch kept full.
        if let l = latency {
            s.tpotSeconds = l.tpotMean
            s.prefillSeconds = l.ttftMean - o
            wait = 0
        }
        let ttft = o + wait + s.prefillSeconds
        let out = Double(shape.outputTokens)
        let kvTok = LLMMemory.kvBytesPerToken(layers: m.layers, kvHeads: m.kvHeads, headDim: m.headDim, kvPrecision: d.kvPrecision)
        let result = LLMPerformanceResult(
            modelID: m.id, gpuID: g.id, engine: assumptions.engine, precision: d.precision, kvPrecision: d.kvPrecision, tensorParallel: t,
            weightsBytes: LLMMemory.weightsBytes(parameters: m.totalParams, precision: d.precision),
            kvBytesPerToken: kvTok, kvBytesPerSequence: kvTok * shape.meanResidentTokens, memory: p,
            batch: batch, concurrency: concurrency, arrivalRate: rate, sustainable: sustainable, capacityRequestsPerSecond: capacity,
            steady: s, latency: latency, queueWaitSeconds: wait,
            ttftSeconds: ttft, e2eSeconds: ttft + (out - 1) * s.tpotSeconds,
            requestsPerSecond: x, outputTokensPerSecond: x * out, fits: fits, whyNotFit: why)
        try Self.checkFinite(result)
        return result
    }
}
