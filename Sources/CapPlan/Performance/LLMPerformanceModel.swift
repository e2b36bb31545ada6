/// The LLM inference performance model of docs/capacity-math.md §1: memory, tensor
/// parallelism, batch, prefill and decode rooflines with efficiency factors, TP all-reduce.
///
/// How the tensor-parallel efficiency η is applied (a choice the document leaves open):
/// for t ≥ 2 the decode roofline time max(compute, memory) is divided by η (0.55 over NVLink,
/// 0.3 over PCIe) and the explicit all-reduce time is added on top. η models what the roofline
/// misses when kernels are split t ways (smaller GEMMs, synchronisation skew, imperfect overlap).
/// With MBU 0.55 this puts 70B TP 2–8 throughput at ≈ 0.55 × 0.55 ≈ 0.30 of the ideal roofline
/// (MBU = MFU = 1, no communication), the measured median being ≈ 0.32; a single-GPU 7–8B model
/// stays at ≈ 0.55 (measured median ≈ 0.57). η is *not* applied to prefill: the prefill MFU
/// defaults were measured on tensor-parallel deployments already (NIM Llama-3.3-70B FP8 TP2 ran
/// at ≈ 0.46 of the FP8 peak), so dividing again would double-count.
public struct LLMPerformanceModel: Sendable {
    public var assumptions: PerformanceAssumptions

    public init(assumptions: PerformanceAssumptions = PerformanceAssumptions()) {
        self.assumptions = assumptions
    }

    // MARK: - Memory and tensor parallelism

    /// Per-GPU memory plan at tensor parallelism t.
    ///
    ///     M_kv  = u_mem × M_gpu − W/t − M_reserve
    ///     T_kv  = floor(floor(M_kv / kv_tok_gpu) / page) × page
    ///     B_max = min(max_num_seqs, floor(T_kv / ℓ̄))
    ///
    /// - Throws: `PerformanceError` for invalid inputs or missing figures.
    public func memoryPlan(for d: LLMDeployment, tensorParallel t: Int, shape: LLMRequestShape) throws -> LLMMemoryPlan {
        try assumptions.validate()
        try Self.check(shape)
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        try Self.check(tensorParallel: t, model: m)
        return plan(m, g, d, t, shape)
    }

    /// The smallest t ∈ {1, 2, 4, 8} dividing the query heads with
    /// W/t + M_reserve + kv_tok_gpu · ℓ̄ · B_target ≤ u_mem · M_gpu (whole KV pages).
    ///
    /// - Parameter targetBatch: the concurrent sequences the instance must hold, ≥ 1.
    /// - Throws: `PerformanceError.doesNotFit` when even the largest degree does not fit.
    public func tensorParallelDegree(for d: LLMDeployment, shape: LLMRequestShape, targetBatch: Int = 1) throws -> Int {
        try assumptions.validate()
        try Self.check(shape)
        try Self.check(batch: targetBatch)
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        let degrees = assumptions.tensorParallelDegrees.sorted().filter { m.queryHeads % $0 == 0 }
        var last: LLMMemoryPlan?
        for t in degrees {
            let p = plan(m, g, d, t, shape)
            last = p
            if fits(p, shape: shape, batch: targetBatch) { return t }
        }
        let t = last?.tensorParallel ?? 1
        let need = LLMMemory.weightsBytes(parameters: m.totalParams, precision: d.precision) / Double(t)
            + assumptions.runtimeReserveBytesPerGPU
            + (last?.kvBytesPerTokenPerGPU ?? 0) * shape.meanResidentTokens * Double(targetBatch)
        throw PerformanceError.doesNotFit(model: m.id, gpu: g.id, maxTensorParallel: t,
                                          neededBytesPerGPU: need, availableBytesPerGPU: assumptions.memoryFraction * g.memoryBytes)
    }

    // MARK: - Time

    /// Prefill time for a prompt of S tokens (compute-bound in practice).
    ///
    ///     F_pre   = 2 · N_active · S + 2 · L · d_attn · S²
    ///     compute = F_pre / (t · P_peak · MFU)
    ///     memory  = (W_active/t + S · kv_tok_gpu) / (BW · MBU)
    ///     t_pre   = max(compute, memory) + 2 · L · t_ar(m = S · d · 2 B)
    ///
    /// P_peak and MFU: the FP8 peak with `mfuFP8` when running FP8, else the BF16 peak with
    /// `mfuBF16` (int8/int4 are weight-only: 16-bit math).
    public func prefill(for d: LLMDeployment, tensorParallel t: Int, promptTokens: Int) throws -> PrefillTime {
        try assumptions.validate()
        try Self.check(tokens: promptTokens, name: "prompt tokens")
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        try Self.check(tensorParallel: t, model: m)
        return try prefillTime(m, g, d, t, promptTokens)
    }

    /// Decode step time (TPOT) for `batch` sequences at a resident context of `contextTokens`.
    ///
    ///     F       = B · (2 · N_active + 4 · L · d_attn · ℓ)
    ///     compute = F / (t · P_peak · MFU)
    ///     memory  = (W_active/t + B · ℓ · kv_tok_gpu) / (BW · MBU)
    ///     t_ar    = α + 2(t−1)/t · m / (BW_link · e_link),  m = B · d · 2 B
    ///     TPOT    = max(compute, memory) / η + 2 · L · t_ar     (η = 1 and no t_ar at t = 1)
    ///
    /// W_active = N_active × b_w: a mixture of experts reads its active experts' weights per
    /// step (a small-batch approximation; at large batch more experts are touched).
    public func decodeStep(for d: LLMDeployment, tensorParallel t: Int, batch: Int, contextTokens: Double) throws -> DecodeStep {
        try assumptions.validate()
        try Self.check(batch: batch)
        guard contextTokens.isFinite, contextTokens >= 0, contextTokens <= 1e8 else {
            throw PerformanceError.invalidInput(name: "context tokens", value: "\(contextTokens)", expected: "a finite number in 0...1e8")
        }
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        try Self.check(tensorParallel: t, model: m)
        return try step(m, g, d, t, batch, contextTokens)
    }

    /// The batch to run: the largest that fits KV memory and keeps TPOT ≤ `tpotTarget`
    /// (TPOT evaluated at ℓ̄); with no target, the memory maximum B_max.
    ///
    /// TPOT never decreases with the batch, so this is a binary search: O(log B_max).
    /// - Throws: `PerformanceError.doesNotFit` when not even one sequence fits,
    ///   `.tpotTargetUnreachable` when batch 1 already misses the target.
    public func chooseBatch(for d: LLMDeployment, shape: LLMRequestShape, tpotTarget: Double?) throws -> Int {
        let t = try d.tensorParallel ?? tensorParallelDegree(for: d, shape: shape)
        let p = try memoryPlan(for: d, tensorParallel: t, shape: shape)
        guard p.maxBatch >= 1 else {
            throw PerformanceError.doesNotFit(model: d.model.id, gpu: d.gpu.id, maxTensorParallel: t,
                                              neededBytesPerGPU: p.weightsBytesPerGPU + p.runtimeReserveBytesPerGPU + p.kvBytesPerTokenPerGPU * shape.meanResidentTokens,
                                              availableBytesPerGPU: p.usableBytesPerGPU)
        }
        guard let target = tpotTarget else { return p.maxBatch }
        guard target.isFinite, target > 0 else {
            throw PerformanceError.invalidInput(name: "TPOT target", value: "\(target)", expected: "a positive, finite time in seconds")
        }
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        let ell = shape.meanResidentTokens
        let one = try step(m, g, d, t, 1, ell).totalSeconds
        guard one <= target else { throw PerformanceError.tpotTargetUnreachable(targetSeconds: target, tpotAtBatchOneSeconds: one) }
        var lo = 1, hi = p.maxBatch          // invariant: TPOT(lo) ≤ target
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if try step(m, g, d, t, mid, ell).totalSeconds <= target { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    // MARK: - Everything at once

    /// Runs the whole model for one deployment and request shape.
    ///
    /// Tensor parallelism: `d.tensorParallel` if set, else the smallest degree that fits the
    /// batch asked for (1 for `.maximum` and `.withinTPOT`). With a fixed degree or batch that
    /// does not fit, the result has `fits == false` and `whyNotFit`, and timings at the batch
    /// asked for (1 when no sequence fits), so `perf` can still show the memory breakdown.
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
        if let ctx = m.contextLength, shape.inputTokens + shape.outputTokens > ctx {
            throw PerformanceError.contextTooLong(model: m.id, tokens: shape.inputTokens + shape.outputTokens, contextLength: ctx)
        }
        var targetBatch = 1
        if case let .fixed(b) = choice {
            try Self.check(batch: b)
            targetBatch = b
        }
        let t: Int
        if let fixed = d.tensorParallel {
            try Self.check(tensorParallel: fixed, model: m)
            t = fixed
        } else {
            t = try tensorParallelDegree(for: d, shape: shape, targetBatch: targetBatch)
        }
        let p = plan(m, g, d, t, shape)

        var fits = true
        var why: String?
        let batch: Int
        switch choice {
        case let .fixed(b):
            batch = b
            if b > p.maxBatch {
                fits = false
                why = p.maxBatch == 0
                    ? "no KV memory left at tensor parallel \(t): weights \(PerformanceError.gb(p.weightsBytesPerGPU)) + reserve \(PerformanceError.gb(p.runtimeReserveBytesPerGPU)) per GPU of \(PerformanceError.gb(p.usableBytesPerGPU)) usable"
                    : "batch \(b) exceeds the maximum batch \(p.maxBatch) at tensor parallel \(t)"
            }
        case .maximum, .withinTPOT:
            if p.maxBatch == 0 {
                fits = false
                why = "no KV memory left at tensor parallel \(t): weights \(PerformanceError.gb(p.weightsBytesPerGPU)) + reserve \(PerformanceError.gb(p.runtimeReserveBytesPerGPU)) per GPU of \(PerformanceError.gb(p.usableBytesPerGPU)) usable"
                batch = 1
            } else if case let .withinTPOT(target) = choice {
                var fixedTP = d
                fixedTP.tensorParallel = t
                batch = try chooseBatch(for: fixedTP, shape: shape, tpotTarget: target)
            } else {
                batch = p.maxBatch
            }
        }

        let ell = shape.meanResidentTokens
        let s = try step(m, g, d, t, batch, ell)
        let pre = try prefillTime(m, g, d, t, shape.inputTokens)
        let ttft = pre.totalSeconds + assumptions.ttftOverheadSeconds
        let e2e = ttft + Double(shape.outputTokens - 1) * s.totalSeconds
        let tokensPerSecond = Double(batch) / s.totalSeconds
        let kvTok = LLMMemory.kvBytesPerToken(layers: m.layers, kvHeads: m.kvHeads, headDim: m.headDim, kvPrecision: d.kvPrecision)
        let weights = LLMMemory.weightsBytes(parameters: m.totalParams, precision: d.precision)
        let result = LLMPerformanceResult(
            modelID: m.id, gpuID: g.id, precision: d.precision, kvPrecision: d.kvPrecision, tensorParallel: t,
            weightsBytes: weights, weightsBytesPerGPU: p.weightsBytesPerGPU,
            runtimeReserveBytesPerGPU: p.runtimeReserveBytesPerGPU,
            kvBytesPerToken: kvTok, kvBytesPerTokenPerGPU: p.kvBytesPerTokenPerGPU,
            kvBytesPerSequence: kvTok * ell, kvCapacityTokensPerGPU: p.kvCapacityTokens,
            maxBatch: p.maxBatch, batch: batch, bound: s.bound,
            prefillSeconds: pre.totalSeconds, ttftSeconds: ttft, tpotSeconds: s.totalSeconds, e2eSeconds: e2e,
            tokensPerSecond: tokensPerSecond, tokensPerSecondPerGPU: tokensPerSecond / Double(t),
            requestsPerSecond: Double(batch) / e2e,
            communicationSecondsPerStep: s.communicationSeconds, tensorParallelEfficiency: s.tensorParallelEfficiency,
            fits: fits, whyNotFit: why)
        try Self.checkFinite(result)
        return result
    }

    // MARK: - Internals (inputs already checked)

    func plan(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, _ shape: LLMRequestShape) -> LLMMemoryPlan {
        let usable = assumptions.memoryFraction * g.memoryBytes
        let wGPU = LLMMemory.weightsBytes(parameters: m.totalParams, precision: d.precision) / Double(t)
        let kvTok = LLMMemory.kvBytesPerToken(layers: m.layers, kvHeads: m.kvHeads, headDim: m.headDim, kvPrecision: d.kvPrecision)
        let kvGPU = LLMMemory.kvBytesPerTokenPerGPU(kvBytesPerToken: kvTok, kvHeads: m.kvHeads, tensorParallel: t)
        let free = Swift.max(0, usable - wGPU - assumptions.runtimeReserveBytesPerGPU)
        let page = assumptions.kvPageTokens
        let rawTokens = Swift.min((free / kvGPU).rounded(.down), 1e12)
        let tokens = (Int(rawTokens) / page) * page
        let byMemory = Int((Double(tokens) / shape.meanResidentTokens).rounded(.down))
        return LLMMemoryPlan(tensorParallel: t, usableBytesPerGPU: usable, weightsBytesPerGPU: wGPU,
                             runtimeReserveBytesPerGPU: assumptions.runtimeReserveBytesPerGPU, kvBytesPerGPU: free,
                             kvBytesPerTokenPerGPU: kvGPU, kvCapacityTokens: tokens,
                             maxBatch: Swift.min(assumptions.maxNumSeqs, byMemory))
    }

    func fits(_ p: LLMMemoryPlan, shape: LLMRequestShape, batch: Int) -> Bool {
        Double(p.kvCapacityTokens) >= shape.meanResidentTokens * Double(batch)
    }

    /// Peak FLOP/s and MFU for the math precision.
    func peak(_ g: GPUFigures, _ p: Precision) throws -> (flops: Double, mfu: Double) {
        switch p {
        case .fp32: throw PerformanceError.unsupportedPrecision(gpu: g.id, precision: p)
        case .fp8:
            guard let f = g.fp8FLOPS else { throw PerformanceError.unsupportedPrecision(gpu: g.id, precision: p) }
            return (f, assumptions.mfuFP8)
        case .bf16, .int8, .int4: return (g.bf16FLOPS, assumptions.mfuBF16)
        }
    }

    /// Ring all-reduce time of m bytes over t GPUs, times 2 per layer. 0 at t = 1.
    func communication(_ m: LLMShape, _ g: GPUFigures, _ t: Int, tokens: Int) throws -> Double {
        guard t >= 2 else { return 0 }
        guard let link = g.linkBytesPerSecond else {
            throw PerformanceError.missingFigure(entry: g.id, field: "interconnect.linkGBpsPerDirection")
        }
        let bytes = Double(tokens) * Double(m.dModel) * 2
        let tAR = assumptions.allReduceLatencySeconds
            + 2 * Double(t - 1) / Double(t) * bytes / (link * assumptions.linkEfficiency)
        return 2 * Double(m.layers) * tAR
    }

    func tpEfficiency(_ g: GPUFigures, _ t: Int) -> Double {
        guard t >= 2 else { return 1 }
        return g.scaleUpFabric ? assumptions.tensorParallelEfficiencyNVLink : assumptions.tensorParallelEfficiencyPCIe
    }

    func step(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, _ b: Int, _ ell: Double) throws -> DecodeStep {
        let (p, mfu) = try peak(g, d.precision)
        let B = Double(b), T = Double(t)
        let flops = B * (2 * m.activeParams + 4 * Double(m.layers) * m.attentionWidth * ell)
        let compute = flops / (T * p * mfu)
        let kvTok = LLMMemory.kvBytesPerToken(layers: m.layers, kvHeads: m.kvHeads, headDim: m.headDim, kvPrecision: d.kvPrecision)
        let kvGPU = LLMMemory.kvBytesPerTokenPerGPU(kvBytesPerToken: kvTok, kvHeads: m.kvHeads, tensorParallel: t)
        let bytes = LLMMemory.weightsBytes(parameters: m.activeParams, precision: d.precision) / T + B * ell * kvGPU
        let memory = bytes / (g.bandwidthBytesPerSecond * assumptions.decodeMBU)
        let comm = try communication(m, g, t, tokens: b)
        let eta = tpEfficiency(g, t)
        return DecodeStep(computeSeconds: compute, memorySeconds: memory, communicationSeconds: comm,
                          tensorParallelEfficiency: eta, totalSeconds: Swift.max(compute, memory) / eta + comm,
                          bound: memory >= compute ? .memory : .compute)
    }

    func prefillTime(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, _ s: Int) throws -> PrefillTime {
        let (p, mfu) = try peak(g, d.precision)
        let S = Double(s), T = Double(t)
        let flops = 2 * m.activeParams * S + 2 * Double(m.layers) * m.attentionWidth * S * S
        let compute = flops / (T * p * mfu)
        let kvTok = LLMMemory.kvBytesPerToken(layers: m.layers, kvHeads: m.kvHeads, headDim: m.headDim, kvPrecision: d.kvPrecision)
        let kvGPU = LLMMemory.kvBytesPerTokenPerGPU(kvBytesPerToken: kvTok, kvHeads: m.kvHeads, tensorParallel: t)
        let memory = (LLMMemory.weightsBytes(parameters: m.activeParams, precision: d.precision) / T + S * kvGPU)
            / (g.bandwidthBytesPerSecond * assumptions.decodeMBU)
        let comm = try communication(m, g, t, tokens: s)
        return PrefillTime(computeSeconds: compute, memorySeconds: memory, communicationSeconds: comm,
                           totalSeconds: Swift.max(compute, memory) + comm)
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
                          ("tokens/s", r.tokensPerSecond), ("requests/s", r.requestsPerSecond)] where !(v.isFinite && v >= 0) {
            throw PerformanceError.invalidInput(name: name, value: "\(v)", expected: "a finite result; check the catalog figures")
        }
    }
}
