/// The model's arithmetic, on inputs already checked.
extension LLMPerformanceModel {
    func plan(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, _ shape: LLMRequestShape) -> LLMMemoryPlan {
        let u = assumptions.memoryFraction
        let cap = assumptions.maxNumSeqs(gpuMemoryBytes: g.memoryBytes)
        let budget = assumptions.tokenBudget(gpuMemoryBytes: g.memoryBytes)
        let wGPU = LLMMemory.weightsBytes(parameters: m.totalParams, precision: d.precision) / Double(t)
        let activations = assumptions.activationReserve
            ? LLMMemory.activationBytes(tokens: budget, sequences: cap, dModel: m.dModel, ffnSize: m.ffnSize, vocabSize: m.vocabSize, tensorParallel: t)
            : 0
        let reserve = assumptions.runtimeReserveBytesPerGPU + activations
        let kvBytes: Double
        let usable: Double
        switch assumptions.profile.memoryBasis {
        case .total:
            usable = u * g.memoryBytes
            kvBytes = Swift.max(0, usable - wGPU - reserve)
        case .free:
            kvBytes = u * Swift.max(0, g.memoryBytes - wGPU - reserve)
            usable = wGPU + reserve + kvBytes
        }
        let kvTok = LLMMemory.kvBytesPerToken(layers: m.layers, kvHeads: m.kvHeads, headDim: m.headDim, kvPrecision: d.kvPrecision)
        let kvGPU = LLMMemory.kvBytesPerTokenPerGPU(kvBytesPerToken: kvTok, kvHeads: m.kvHeads, tensorParallel: t)
        let page = assumptions.kvPageTokens
        let rawTokens = Swift.min((kvBytes / kvGPU).rounded(.down), 1e12)
        let tokens = (Int(rawTokens) / page) * page
        let byMemory = Int((Double(tokens) / shape.heldTokens(reservingFullContext: assumptions.profile.reservesFullContext)).rounded(.down))
        let s = Double(shape.inputTokens), o = Double(shape.outputTokens)
        let byBudget = Swift.max(1, Int(((Double(budget) * o + s) / (o + s)).rounded(.down)))
        var limit = BatchLimit.kvMemory
        var maxBatch = byMemory
        if cap < maxBatch { maxBatch = cap; limit = .sequenceCap }
        if byBudget < maxBatch { maxBatch = byBudget; limit = .tokenBudget }
        return LLMMemoryPlan(tensorParallel: t, usableBytesPerGPU: usable, weightsBytesPerGPU: wGPU,
                             runtimeReserveBytesPerGPU: reserve, activationBytesPerGPU: activations,
                             kvBytesPerGPU: kvBytes, kvBytesPerTokenPerGPU: kvGPU, kvCapacityTokens: tokens,
                             maxNumSeqs: cap, tokenBudget: budget, maxBatch: maxBatch, batchLimit: limit)
    }

    /// Peak FLOP/s and MFU for the math precision: the FP8 peak with `mfuFP8` when running FP8,
    /// else the BF16 peak with `mfuBF16` (int8/int4 are weight-only: 16-bit math).
    func peak(_ g: GPUFigures, _ p: Precision) throws -> (flops: Double, mfu: Double) {
        switch p {
        case .fp32: throw PerformanceError.unsupportedPrecision(gpu: g.id, precision: p)
        case .fp8:
            guard let f = g.fp8FLOPS else { throw PerformanceError.unsupportedPrecision(gpu: g.id, precision: p) }
            return (f, assumptions.mfuFP8)
        case .bf16, .int8, .int4: return (g.bf16FLOPS, assumptions.mfuBF16)
        }
    }

    /// The collectives of this GPU's scale-up link. Throws when t ≥ 2 and the link is unknown.
    func collectives(_ g: GPUFigures, _ t: Int) throws -> Collectives {
        guard t >= 2 else { return Collectives(linkBytesPerSecond: 1, latencySeconds: 0) }
        guard let link = g.linkBytesPerSecond else {
            throw PerformanceError.missingFigure(entry: g.id, field: "interconnect.linkGBpsPerDirection")
        }
        return Collectives(linkBytesPerSecond: link * assumptions.linkEfficiency, latencySeconds: assumptions.allReduceLatencySeconds)
    }

    /// One step (the type's formula): the weight GEMMs and the attention are separate kernels,
    /// each bound by its own roofline, and their times add. MBU and MFU are the session's, or a
    /// calibration's for this model × GPU × engine (`PerformanceAssumptions.efficiencies`).
    func step(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, _ load: StepLoad) throws -> StepTime {
        let (p, _) = try peak(g, d.precision)
        let e = assumptions.efficiencies(modelID: m.id, gpuID: g.id, precision: d.precision)
        let T = Double(t), L = Double(m.layers)
        let tokens = load.tokens
        let flops = T * p * e.mfu
        let bandwidth = g.bandwidthBytesPerSecond * e.mbu
        let gemmCompute = 2 * m.activeParams * tokens / flops
        let gemmMemory = LLMMemory.weightsBytes(parameters: m.parametersRead(tokens: tokens), precision: d.precision) / T / bandwidth
        let kvTok = LLMMemory.kvBytesPerToken(layers: m.layers, kvHeads: m.kvHeads, headDim: m.headDim, kvPrecision: d.kvPrecision)
        let kvGPU = LLMMemory.kvBytesPerTokenPerGPU(kvBytesPerToken: kvTok, kvHeads: m.kvHeads, tensorParallel: t)
        let attentionCompute = 4 * L * m.attentionWidth * (load.decodeContextTokens + load.prefillAttendedTokens) / flops
        let attentionMemory = (load.decodeContextTokens + load.prefillTokens) * kvGPU / bandwidth
        let gemm = Swift.max(gemmCompute, gemmMemory)
        let attention = Swift.max(attentionCompute, attentionMemory)
        let comm = 2 * L * (try collectives(g, t)).allReduce(bytes: tokens * Double(m.dModel) * 2, ranks: t)
        let overhead = assumptions.stepOverheadSeconds
        let memoryBound = (gemmMemory >= gemmCompute ? gemm : 0) + (attentionMemory >= attentionCompute ? attention : 0)
        return StepTime(computeSeconds: gemmCompute + attentionCompute, memorySeconds: gemmMemory + attentionMemory,
                        gemmSeconds: gemm, attentionSeconds: attention,
                        communicationSeconds: comm, overheadSeconds: overhead,
                        totalSeconds: gemm + attention + comm + overhead,
                        bound: memoryBound * 2 >= gemm + attention ? .memory : .compute)
    }

    /// A prompt of S tokens prefilled in ceil(S / room) chunks, room = K − decoding, while
    /// `decoding` sequences of mean context `context` decode in every chunk's step. Returns the
    /// summed step times (one chunk step per chunk, positions advancing through the prompt).
    func chunkedPrefill(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, prompt s: Int, decoding b: Int, context: Double) throws -> StepTime {
        let budget = assumptions.tokenBudget(gpuMemoryBytes: g.memoryBytes)
        let room = Swift.max(1, budget - b)
        let chunks = (s + room - 1) / room
        let decode = StepLoad.decode(batch: b, context: context)
        // Beyond 64 chunks, price 64 equal groups of chunks: the steps differ only through the
        // attention term, which is linear in the position, so the sum is exact while every step
        // has the same bound and a close upper bound otherwise.
        let groups = Swift.min(chunks, 64)
        let S = Double(s)
        var sum = StepTime(computeSeconds: 0, memorySeconds: 0, gemmSeconds: 0, attentionSeconds: 0, communicationSeconds: 0, overheadSeconds: 0, totalSeconds: 0, bound: .compute)
        var memoryBound = 0.0
        for i in 0..<groups {
            let start = S * Double(i) / Double(groups), size = S / Double(groups)
            let per = Double(chunks) / Double(groups)         // chunks in this group
            let one = try step(m, g, d, t, decode.adding(.prefill(tokens: size / per, from: start + size / 2 - size / per / 2)))
            sum.computeSeconds += one.computeSeconds * per
            sum.memorySeconds += one.memorySeconds * per
            sum.gemmSeconds += one.gemmSeconds * per
            sum.attentionSeconds += one.attentionSeconds * per
            sum.communicationSeconds += one.communicationSeconds * per
            sum.overheadSeconds += one.overheadSeconds * per
            sum.totalSeconds += one.totalSeconds * per
            if one.bound == .memory { memoryBound += per }
        }
        sum.bound = memoryBound * 2 > Double(chunks) ? .memory : .compute
        return sum
    }

    /// The mean TPOT of a batch of b: decode-only steps mixed with steps that carry a prompt.
    func meanTPOT(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, _ b: Int, _ shape: LLMRequestShape)
        throws -> (tpot: Double, decode: StepTime, chunk: StepTime, share: Double, chunkTokens: Double) {
        let budget = assumptions.tokenBudget(gpuMemoryBytes: g.memoryBytes)
        let s = Double(shape.inputTokens), o = Double(shape.outputTokens)
        let ell = shape.meanResidentTokens
        let decode = try step(m, g, d, t, .decode(batch: b, context: ell))
        // The other B − 1 sequences' prompts, spread over the steps of their lifetimes.
        let need = Double(b - 1) * s / o
        let room = Double(Swift.max(1, budget - b))
        // A step that prefills carries a whole prompt, or more when several wait, up to the
        // spare budget; the share of such steps is what the other sequences' prompts need.
        let chunkTokens = Swift.min(room, Swift.max(s, need))
        let share = Swift.min(1, need / chunkTokens)
        let chunk = try step(m, g, d, t, StepLoad.decode(batch: b, context: ell).adding(.prefill(tokens: chunkTokens, from: s / 2 - chunkTokens / 2)))
        return (share * chunk.totalSeconds + (1 - share) * decode.totalSeconds, decode, chunk, share, chunkTokens)
    }

    func steady(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, _ b: Int, _ shape: LLMRequestShape) throws -> LLMSteadyState {
        let budget = assumptions.tokenBudget(gpuMemoryBytes: g.memoryBytes)
        let o = Double(shape.outputTokens)
        let mix = try meanTPOT(m, g, d, t, b, shape)
        // A prompt that arrives while others decode waits for the step in progress to end:
        // half a step on average (the residual of a step of roughly constant length).
        let residual = b > 1 ? mix.tpot / 2 : 0
        var own = try chunkedPrefill(m, g, d, t, prompt: shape.inputTokens, decoding: b - 1, context: shape.meanResidentTokens)
        own.totalSeconds += residual
        let slot = own.totalSeconds + (o - 1) * mix.tpot
        let roomOwn = Swift.max(1, budget - (b - 1))
        return LLMSteadyState(batch: b, prefillSeconds: own.totalSeconds, tpotSeconds: mix.tpot, decodeStep: mix.decode, chunkStep: mix.chunk,
                              chunkShare: mix.share, chunkTokens: mix.share > 0 ? mix.chunkTokens : 0,
                              prefillChunks: (shape.inputTokens + roomOwn - 1) / roomOwn,
                              slotSeconds: slot, requestsPerSecond: Double(b) / slot)
    }

    static func check(_ shape: LLMRequestShape) throws {
        try check(tokens: shape.inputTokens, name: "input tokens")
        try check(tokens: shape.outputTokens, name: "output tokens")
    }

    static func check(tokens: Int, name: String) throws {
        guard (1...10_000_000).contains(tokens) else {
            throw PerformanceError.invalidInput(name: name, value: "\(tokens)", expected: "an integer in 1...10,000,000")
        }
    }

    static func check(batch: Int) throws {
        guard (1...1_000_000).contains(batch) else {
            throw PerformanceError.invalidInput(name: "batch", value: "\(batch)", expected: "an integer in 1...1,000,000")
        }
    }

    static func check(tensorParallel t: Int, model m: LLMShape) throws {
        guard (1...64).contains(t), m.queryHeads % t == 0 else {
            throw PerformanceError.invalidTensorParallel(model: m.id, degree: t, queryHeads: m.queryHeads)
        }
    }

    static func checkFinite(_ r: LLMPerformanceResult) throws {
        for (name, v) in [("TTFT", r.ttftSeconds), ("TPOT", r.tpotSeconds), ("end-to-end latency", r.e2eSeconds),
                          ("tokens/s", r.outputTokensPerSecond), ("requests/s", r.requestsPerSecond)] where !(v.isFinite && v >= 0) {
            throw PerformanceError.invalidInput(name: name, value: "\(v)", expected: "a finite result; check the catalog figures")
        }
    }
}
