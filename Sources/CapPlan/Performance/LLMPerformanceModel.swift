/// The LLM inference performance model of docs/capacity-math.md §1: one function prices an
/// engine step, and everything else (`perf`, `size`, the fleet simulator) is built on it.
///
/// A step of continuous batching with chunked prefill (vLLM V1, SGLang, TensorRT-LLM) decodes
/// one token for each running sequence and prefills up to the engine's token budget of prompt
/// tokens, in one forward pass (`StepLoad`). Its weight GEMMs and its attention are separate
/// kernels, each bound by its own roofline, and their times add:
///
///     t_gemm  = max(2 · N_active · (B + P) / (t · P_peak · MFU),  W_read(B + P) / (t · BW · MBU))
///     t_attn  = max(4 · L · d_attn · (Σℓ + Σpos) / (t · P_peak · MFU),  (Σℓ + P) · kv_tok_gpu / (BW · MBU))
///     t_step  = t_gemm + t_attn + 2 · L · t_allreduce((B + P) · d · 2 B) + o_step
///
/// W_read is every weight for a dense model and the shared weights plus the experts the step's
/// tokens touch for a mixture of experts (`LLMShape.parametersRead`).
///
/// Tensor parallelism is a cost, not a fudge factor: it splits compute and weights t ways and
/// adds two ring all-reduces per layer (`Collectives`). The steady state of a batch B with
/// requests of S prompt and O output tokens (`steadyState`) mixes decode-only steps with steps
/// that carry a prefill chunk, in the proportion the other B − 1 sequences' prompts need; its
/// mean step is the TPOT, its slot time (the request's own prefill chunks plus O − 1 steps) gives
/// the capacity B / slot time by Little's law, prefill counted.
public struct LLMPerformanceModel: Sendable {
    public var assumptions: PerformanceAssumptions

    public init(assumptions: PerformanceAssumptions = PerformanceAssumptions()) {
        self.assumptions = assumptions
    }

    // MARK: - Memory and tensor parallelism

    /// Per-GPU memory plan at tensor parallelism t.
    ///
    ///     R     = M_ctx + M_act(K, t)                        (`LLMMemory.activationBytes`)
    ///     M_kv  = u · M_gpu − W/t − R          (engine basis `.total`: vLLM, SGLang)
    ///           = u · (M_gpu − W/t − R)        (engine basis `.free`: TensorRT-LLM)
    ///     T_kv  = floor(floor(M_kv / kv_tok_gpu) / page) × page
    ///     B_max = min(max_num_seqs, floor(T_kv / ℓ), floor((K·O + S) / (O + S)))
    ///
    /// ℓ is ℓ̄ = S + O/2 with pages taken as tokens come (vLLM, SGLang), S + O when the engine
    /// reserves the whole context at admission (TensorRT-LLM). The last term is the batch whose prompts the token budget K can keep prefilling.
    /// - Throws: `PerformanceError` for invalid inputs or missing figures.
    public func memoryPlan(for d: LLMDeployment, tensorParallel t: Int, shape: LLMRequestShape) throws -> LLMMemoryPlan {
        try assumptions.validate()
        try Self.check(shape)
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        try Self.check(tensorParallel: t, model: m)
        return plan(m, g, d, t, shape)
    }

    /// The smallest t ∈ {1, 2, 4, 8} dividing the query heads whose KV memory holds
    /// `targetBatch` sequences of ℓ̄ tokens.
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
            if Double(p.kvCapacityTokens) >= shape.heldTokens(reservingFullContext: assumptions.profile.reservesFullContext) * Double(targetBatch) { return t }
        }
        let p = last ?? plan(m, g, d, 1, shape)
        throw PerformanceError.doesNotFit(model: m.id, gpu: g.id, maxTensorParallel: p.tensorParallel,
                                          neededBytesPerGPU: p.weightsBytesPerGPU + p.runtimeReserveBytesPerGPU
                                              + p.kvBytesPerTokenPerGPU * shape.meanResidentTokens * Double(targetBatch),
                                          availableBytesPerGPU: p.usableBytesPerGPU)
    }

    // MARK: - Time

    /// The time of one step carrying `load`, on an instance of t GPUs (see the type's formula).
    public func stepTime(for d: LLMDeployment, tensorParallel t: Int, load: StepLoad) throws -> StepTime {
        try assumptions.validate()
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        try Self.check(tensorParallel: t, model: m)
        for (name, v) in [("decode context", load.decodeContextTokens), ("prefill tokens", load.prefillTokens),
                          ("prefill attended tokens", load.prefillAttendedTokens)] where !(v.isFinite && v >= 0 && v <= 1e15) {
            throw PerformanceError.invalidInput(name: name, value: "\(v)", expected: "a finite number in 0...1e15")
        }
        guard load.decodeSequences >= 0, load.tokens > 0 else {
            throw PerformanceError.invalidInput(name: "step", value: "\(load.tokens) tokens", expected: "at least one token to decode or prefill")
        }
        return try step(m, g, d, t, load)
    }

    /// Prefill of one prompt of S tokens with nothing else running: ceil(S / K) chunk steps.
    public func prefill(for d: LLMDeployment, tensorParallel t: Int, promptTokens: Int) throws -> StepTime {
        try assumptions.validate()
        try Self.check(tokens: promptTokens, name: "prompt tokens")
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        try Self.check(tensorParallel: t, model: m)
        return try chunkedPrefill(m, g, d, t, prompt: promptTokens, decoding: 0, context: 0)
    }

    /// One decode step for `batch` sequences at a mean resident context of `contextTokens`,
    /// nothing prefilling.
    public func decodeStep(for d: LLMDeployment, tensorParallel t: Int, batch: Int, contextTokens: Double) throws -> StepTime {
        try Self.check(batch: batch)
        guard contextTokens.isFinite, contextTokens >= 0, contextTokens <= 1e8 else {
            throw PerformanceError.invalidInput(name: "context tokens", value: "\(contextTokens)", expected: "a finite number in 0...1e8")
        }
        return try stepTime(for: d, tensorParallel: t, load: .decode(batch: batch, context: contextTokens))
    }

    /// The steady state of `batch` sequences of `shape` (see `LLMSteadyState`).
    public func steadyState(for d: LLMDeployment, tensorParallel t: Int, batch: Int, shape: LLMRequestShape) throws -> LLMSteadyState {
        try assumptions.validate()
        try Self.check(shape)
        try Self.check(batch: batch)
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        try Self.check(tensorParallel: t, model: m)
        return try steady(m, g, d, t, batch, shape)
    }

    /// The batch to run: the largest ≤ B_max whose mean TPOT is ≤ `tpotTarget`; with no
    /// target, B_max. The mean TPOT never decreases with the batch: a binary search.
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
        return try largestBatch(try LLMShape(d.model), try GPUFigures(d.gpu), d, t, maxBatch: p.maxBatch, shape: shape, tpotTarget: target)
    }

    /// The largest batch ≤ `maxBatch` whose mean TPOT is ≤ `target` (inputs already checked).
    func largestBatch(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, maxBatch: Int, shape: LLMRequestShape, tpotTarget target: Double) throws -> Int {
        guard target.isFinite, target > 0 else {
            throw PerformanceError.invalidInput(name: "TPOT target", value: "\(target)", expected: "a positive, finite time in seconds")
        }
        let one = try meanTPOT(m, g, d, t, 1, shape).tpot
        guard one <= target else { throw PerformanceError.tpotTargetUnreachable(targetSeconds: target, tpotAtBatchOneSeconds: one) }
        var lo = 1, hi = maxBatch          // invariant: TPOT(lo) ≤ target
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if try meanTPOT(m, g, d, t, mid, shape).tpot <= target { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
