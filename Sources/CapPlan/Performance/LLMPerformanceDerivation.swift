/// The steps of one `LLMPerformanceModel.evaluate`, with formulas and numbers, shared by
/// `explain perf` and `explain size` so both show the same derivation of the same numbers.
public enum LLMPerformanceDerivation {
    static func n(_ x: Double) -> String { NumberFormat.decimal(x, significantDigits: 6) }
    static func sci(_ x: Double) -> String { x >= 1e9 ? NumberFormat.scientific(x, significantDigits: 6) : n(x) }
    static func gib(_ bytes: Double) -> String { Quantity(bytes, .data, unit: UnitTable.unit("GiB")).formatted(significantDigits: 6) }
    static func ms(_ seconds: Double) -> String { n(seconds * 1e3) + " ms" }
    static func count(_ x: Int) -> String { NumberFormat.integer(Double(x)) }
    static func pct(_ x: Double) -> String { NumberFormat.decimal(x * 100, significantDigits: 4) + "%" }

    /// Appends the memory, batch, step, latency and throughput steps of `r` to `d`, and the
    /// assumptions and catalog figures they used.
    public static func append(to d: inout Derivation, _ r: LLMPerformanceResult, deployment: LLMDeployment,
                              shape: LLMRequestShape, model: LLMPerformanceModel) {
        guard d.isRecording else { return }
        let a = model.assumptions
        let m = deployment.model, g = deployment.gpu
        let p = r.memory, s = r.steady
        let t = r.tensorParallel
        let gpuBytes = (g.memoryGiB.value ?? 0) * 1_073_741_824
        let nKV = m.kvHeads.value ?? 0
        d.step("weights", "W = N × b_w", "\(sci(m.totalParams.value ?? 0)) × \(n(r.precision.bytesPerElement)) B", gib(r.weightsBytes))
        d.step("KV per token", "kv_tok = 2·L·n_kv·d_h·b_kv",
               "2 × \(m.layers.value ?? 0) × \(nKV) × \(m.headDim.value ?? 0) × \(n(r.kvPrecision.bytesPerElement)) B", n(r.kvBytesPerToken) + " B")
        if t > 1 {
            d.step("KV per token per GPU", t >= nKV ? "kv_tok / n_kv  (t ≥ n_kv: heads replicated)" : "kv_tok × ceil(n_kv/t) / n_kv",
                   "\(n(r.kvBytesPerToken)) B at t = \(t)", n(p.kvBytesPerTokenPerGPU) + " B")
        }
        d.step("runtime reserve per GPU", "R = M_ctx + K·(2·d_ffn/t + 4·d)·2 B + min(K, B_cap)·V·4 B",
               "\(gib(a.runtimeReserveBytesPerGPU)) + \(gib(p.activationBytesPerGPU)) (K = \(count(p.tokenBudget)))", gib(p.runtimeReserveBytesPerGPU))
        switch a.profile.memoryBasis {
        case .total:
            d.step("KV memory per GPU", "M_kv = u·M_gpu − W/t − R",
                   "\(n(a.memoryFraction)) × \(gib(gpuBytes)) − \(gib(p.weightsBytesPerGPU)) − \(gib(p.runtimeReserveBytesPerGPU))", gib(p.kvBytesPerGPU))
        case .free:
            d.step("KV memory per GPU", "M_kv = u·(M_gpu − W/t − R)",
                   "\(n(a.memoryFraction)) × (\(gib(gpuBytes)) − \(gib(p.weightsBytesPerGPU)) − \(gib(p.runtimeReserveBytesPerGPU)))", gib(p.kvBytesPerGPU))
        }
        d.step("KV tokens", "T_kv = floor(M_kv / kv_tok_gpu), whole \(a.kvPageTokens)-token pages",
               "\(gib(p.kvBytesPerGPU)) / \(n(p.kvBytesPerTokenPerGPU)) B", count(p.kvCapacityTokens) + " tokens")
        let held = shape.heldTokens(reservingFullContext: a.profile.reservesFullContext)
        let byMemory = Int((Double(p.kvCapacityTokens) / held).rounded(.down))
        let S = Double(shape.inputTokens), O = Double(shape.outputTokens)
        d.step("maximum batch", a.profile.reservesFullContext ? "B_max = min(max_num_seqs, T_kv / (in + out), (K·O + S)/(O + S))  (whole context reserved)"
                                                                : "B_max = min(max_num_seqs, T_kv / ℓ̄, (K·O + S)/(O + S)),  ℓ̄ = in + out/2",
               "min(\(count(p.maxNumSeqs)), \(count(byMemory)), \(n(((Double(p.tokenBudget) * O + S) / (O + S)).rounded(.down))))",
               "\(count(p.maxBatch)) (\(p.batchLimit.rawValue))")
        d.step("decode step", "t_gemm + t_attn + 2L·t_allreduce + o_step  (each kernel class on its roofline)",
               "\(ms(s.decodeStep.gemmSeconds)) + \(ms(s.decodeStep.attentionSeconds)) + \(ms(s.decodeStep.communicationSeconds)) + \(ms(s.decodeStep.overheadSeconds))",
               "\(ms(s.decodeStep.totalSeconds)) at B = \(count(r.batch)), \(s.decodeStep.bound.rawValue)-bound")
        if s.chunkShare > 0 {
            d.step("chunk step", "the decode step + c prompt tokens, c = min(K − B, max(S, (B − 1)·S/O))",
                   "c = \(n(s.chunkTokens)): \(ms(s.chunkStep.gemmSeconds)) + \(ms(s.chunkStep.attentionSeconds)) + \(ms(s.chunkStep.communicationSeconds)) + \(ms(s.chunkStep.overheadSeconds))",
                   ms(s.chunkStep.totalSeconds))
        }
        d.step("TPOT", "f·t_chunk + (1 − f)·t_decode,  f = min(1, (B − 1)·S/O / c)",
               "f = \(n(s.chunkShare))", ms(s.tpotSeconds))
        d.step("prefill", "TPOT/2 if others run (the step in progress) + Σ over ceil(S / (K − B + 1)) chunks of t_step(B − 1 decodes + chunk)",
               "\(count(s.prefillChunks)) chunk\(s.prefillChunks == 1 ? "" : "s") of \(count(shape.inputTokens)) prompt tokens", ms(s.prefillSeconds))
        if r.queueWaitSeconds > 0, let c = r.concurrency {
            d.step("wait for a slot", "N/X − o − slot  (closed loop, N > B)", "N = \(count(c)), B = \(count(r.batch))", ms(r.queueWaitSeconds))
        }
        d.step("TTFT", "o_request + wait + prefill", "\(ms(a.ttftOverheadSeconds)) + \(ms(r.queueWaitSeconds)) + \(ms(s.prefillSeconds))", ms(r.ttftSeconds))
        d.step("end to end", "TTFT + (O − 1)·TPOT", "\(ms(r.ttftSeconds)) + \(count(shape.outputTokens - 1)) × \(ms(s.tpotSeconds))", ms(r.e2eSeconds))
        d.step("slot time", "prefill + (O − 1)·TPOT", "\(ms(s.prefillSeconds)) + \(count(shape.outputTokens - 1)) × \(ms(s.tpotSeconds))", ms(s.slotSeconds))
        if let c = r.concurrency, c <= r.batch {
            d.step("requests/s per instance", "X = N / (o_request + slot)  (closed loop)", "\(count(c)) / (\(ms(a.ttftOverheadSeconds)) + \(ms(s.slotSeconds)))", n(r.requestsPerSecond) + " rps")
        } else {
            d.step("requests/s per instance", "X = B / slot  (Little's law, prefill counted)", "\(count(r.batch)) / \(ms(s.slotSeconds))", n(r.requestsPerSecond) + " rps")
        }
        d.step("output tokens/s per instance", "X × O", "\(n(r.requestsPerSecond)) × \(count(shape.outputTokens))", n(r.outputTokensPerSecond) + " tok/s")
        assumptions(&d, a, gpuBytes: gpuBytes, efficiencies: a.efficiencies(modelID: r.modelID, gpuID: r.gpuID, precision: r.precision))
        catalogFigures(&d, m, g, precision: r.precision)
        if (m.activeParams.value ?? 0) < (m.totalParams.value ?? 0) {
            d.notes.append("Mixture of experts: memory holds all \(sci(m.totalParams.value ?? 0)) parameters; FLOPs and the weights a step reads use the \(sci(m.activeParams.value ?? 0)) active ones (a small-batch approximation).")
        }
    }

    /// Every assumption the model used: the engine's figures with their sources, overrides named.
    static func assumptions(_ d: inout Derivation, _ a: PerformanceAssumptions, gpuBytes: Double, efficiencies e: StepEfficiencies) {
        let base = PerformanceAssumptions()
        let profile = a.profile
        func engineSource(_ setting: String) -> String {
            profile.sources.first { $0.setting == setting }?.source ?? "engine \(profile.engine.rawValue)"
        }
        func source(_ setting: String, overridden: Bool, _ origin: String) -> String {
            overridden ? "set \(setting) (default: \(origin))" : origin
        }
        d.assume("engine", a.engine.rawValue, source: "workload engine=, else setting engine (vllm, sglang, trtllm)")
        d.assume("memory fraction u", pct(a.memoryFraction) + (profile.memoryBasis == .free ? " of free memory" : " of GPU memory"),
                 source: source("memory_fraction", overridden: a.memoryFractionIsOverridden, engineSource("memory_fraction")))
        d.assume("max_num_seqs", count(a.maxNumSeqs(gpuMemoryBytes: gpuBytes)), source: source("max_num_seqs", overridden: a.maxNumSeqs != nil, engineSource("max_num_seqs")))
        d.assume("token budget K", count(a.tokenBudget(gpuMemoryBytes: gpuBytes)), source: source("token_budget", overridden: a.tokenBudget != nil, engineSource("token_budget")))
        d.assume("KV page", "\(a.kvPageTokens) tokens", source: engineSource("page_tokens"))
        d.assume("step overhead o_step", ms(a.stepOverheadSeconds), source: source("step_overhead", overridden: a.stepOverheadSeconds != profile.stepOverheadSeconds,
                                                                                   engineSource("step_overhead")))
        d.assume("request overhead o_request", ms(a.ttftOverheadSeconds), source: source("ttft_overhead", overridden: a.ttftOverheadSeconds != profile.requestOverheadSeconds,
                                                                                         engineSource("ttft_overhead")))
        d.assume("runtime reserve M_ctx", gib(a.runtimeReserveBytesPerGPU), source: source("runtime_reserve", overridden: a.runtimeReserveBytesPerGPU != base.runtimeReserveBytesPerGPU,
                                                                                           "CUDA context + graphs, capacity-math.md §1"))
        func calibrated(_ c: EfficiencyCalibration) -> String {
            "calibrate \(c.source), for \(c.modelID) on \(c.gpuID) (\(c.engine.rawValue), \(c.precision.rawValue))"
        }
        if let c = e.mbuCalibration {
            d.assume("MBU", pct(e.mbu), source: calibrated(c))
        } else {
            d.assume("MBU", pct(a.decodeMBU), source: source("mbu", overridden: a.decodeMBU != base.decodeMBU, "fitted to scripts/accuracy.d/measurements.csv"))
        }
        if let c = e.mfuCalibration {
            d.assume(EfficiencyCalibration.usesFP8Peak(c.precision) ? "MFU (FP8 peak)" : "MFU (BF16 peak)", pct(e.mfu), source: calibrated(c))
        } else {
            d.assume("MFU (BF16 peak)", pct(a.mfuBF16), source: source("mfu", overridden: a.mfuBF16 != base.mfuBF16, "fitted to scripts/accuracy.d/measurements.csv"))
            d.assume("MFU (FP8 peak)", pct(a.mfuFP8), source: source("mfu_fp8", overridden: a.mfuFP8 != base.mfuFP8, "fitted to scripts/accuracy.d/measurements.csv"))
        }
        d.assume("all-reduce latency α", n(a.allReduceLatencySeconds * 1e6) + " µs", source: "capacity-math.md §1 \"Tensor-parallel communication\" (8–10 µs)")
        d.assume("link efficiency", pct(a.linkEfficiency), source: "capacity-math.md §1 \"Tensor-parallel communication\" (450 GB/s × ~0.8)")
        d.assume("TP degrees tried", a.tensorParallelDegrees.sorted().map(String.init).joined(separator: ", "), source: "capacity-math.md §1 \"Minimum GPUs\" (one NVLink domain)")
    }

    /// The catalog figures used, each with its source and date.
    static func catalogFigures(_ d: inout Derivation, _ m: ModelSpec, _ g: Accelerator, precision: Precision) {
        func cite<V>(_ s: Sourced<V>) -> String {
            guard let source = s.source else { return s.note ?? "catalog" }
            return "\(source.title) (\(source.asOf))"
        }
        func add<V>(_ name: String, _ s: Sourced<V>, _ text: (V) -> String) {
            guard let v = s.value else { return }
            d.assume(name, text(v), source: cite(s))
        }
        add("\(m.id): layers L", m.layers) { "\($0)" }
        add("\(m.id): d_model", m.dModel) { count($0) }
        add("\(m.id): query heads n_h", m.queryHeads) { "\($0)" }
        add("\(m.id): KV heads n_kv", m.kvHeads) { "\($0)" }
        add("\(m.id): head dim d_h", m.headDim) { "\($0)" }
        add("\(m.id): parameters N", m.totalParams) { sci($0) }
        if (m.activeParams.value ?? 0) != (m.totalParams.value ?? 0) { add("\(m.id): active parameters", m.activeParams) { sci($0) } }
        add("\(g.id): memory M_gpu", g.memoryGiB) { n($0) + " GiB" }
        add("\(g.id): memory bandwidth BW", g.memoryBandwidthTBps) { n($0 * 1000) + " GB/s" }
        if precision == .fp8 { add("\(g.id): FP8 dense peak", g.fp8TFLOPS) { n($0) + " TFLOPS" } } else { add("\(g.id): BF16 dense peak", g.bf16TFLOPS) { n($0) + " TFLOPS" } }
        add("\(g.id): link per direction", g.interconnect.linkGBpsPerDirection) { n($0) + " GB/s (\(g.interconnect.kind.rawValue))" }
    }
}
