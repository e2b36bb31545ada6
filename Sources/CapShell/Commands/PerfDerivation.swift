import CapPlan

/// The steps of `explain perf ...`: memory, tensor parallelism, batch, prefill, decode, latency
/// and throughput, each with its formula and numbers; the step times are the model's own.
enum PerfDerivation {
    static func n(_ x: Double) -> String { NumberFormat.decimal(x, significantDigits: 6) }
    static func sci(_ x: Double) -> String { x >= 1e9 ? NumberFormat.scientific(x, significantDigits: 6) : n(x) }
    static func gb(_ bytes: Double) -> String { n(bytes / 1e9) + " GB" }
    static func ms(_ seconds: Double) -> String { n(seconds * 1e3) + " ms" }
    static func count(_ x: Int) -> String { NumberFormat.integer(Double(x)) }
    static func bytes(_ x: Double) -> String { n(x) + " B" }
    static func tflop(_ x: Double) -> String { n(x / 1e12) + " TFLOP" }

    static func build(_ input: PerfInput, _ r: LLMPerformanceResult, model: LLMPerformanceModel, queued: Int) throws -> Derivation {
        let a = model.assumptions
        let m = input.model, g = input.gpu
        let L = Double(m.layers.value ?? 0), dModel = Double(m.dModel.value ?? 0)
        let nH = m.queryHeads.value ?? 0, nKV = m.kvHeads.value ?? 0, dH = Double(m.headDim.value ?? 0)
        let nTotal = m.totalParams.value ?? 0, nActive = m.activeParams.value ?? nTotal
        let dAttn = Double(nH) * dH
        let bw = r.precision.bytesPerElement, bkv = r.kvPrecision.bytesPerElement
        let memory = (g.memoryGB.value ?? 0) * 1e9
        let bandwidth = (g.memoryBandwidthTBps.value ?? 0) * 1e12
        let fp8 = r.precision == .fp8
        let peak = (fp8 ? g.fp8TFLOPS.value : g.bf16TFLOPS.value) ?? 0
        let mfu = fp8 ? a.mfuFP8 : a.mfuBF16
        let t = r.tensorParallel, T = Double(t)
        let S = Double(input.shape.inputTokens), ell = input.shape.meanResidentTokens, B = Double(r.batch)
        var fixed = input.deployment
        fixed.tensorParallel = t
        let pre = try model.prefill(for: fixed, tensorParallel: t, promptTokens: input.shape.inputTokens)
        let step = try model.decodeStep(for: fixed, tensorParallel: t, batch: r.batch, contextTokens: ell)

        var d = Derivation(title: "perf \(r.modelID) on \(r.gpuID): tp \(t), \(r.precision.rawValue) weights, \(r.kvPrecision.rawValue) KV, batch \(count(r.batch)), in \(count(input.shape.inputTokens)), out \(count(input.shape.outputTokens))")
        let moe = nActive < nTotal
        d.step("weights", "W = N × b_w", "\(sci(nTotal)) × \(n(bw)) B", gb(r.weightsBytes))
        d.step("KV per token", "kv_tok = 2·L·n_kv·d_h·b_kv", "2 × \(n(L)) × \(nKV) × \(n(dH)) × \(n(bkv)) B", bytes(r.kvBytesPerToken))
        d.step("mean resident context", "ℓ̄ = in + out/2", "\(count(input.shape.inputTokens)) + \(count(input.shape.outputTokens))/2", n(ell) + " tokens")
        d.step("usable memory per GPU", "u_mem × M_gpu", "\(n(a.memoryFraction)) × \(gb(memory))", gb(a.memoryFraction * memory))

        // Tensor parallelism: each degree tried, or the one given.
        let targetBatch = input.batch ?? 1
        if let given = input.tensorParallel {
            d.step("tensor parallel", "t = tp=", "given", "t = \(given)")
        } else {
            for degree in a.tensorParallelDegrees.sorted() where nH % degree == 0 && degree <= t {
                let plan = try model.memoryPlan(for: input.deployment, tensorParallel: degree, shape: input.shape)
                let need = ell * Double(targetBatch)
                let fits = Double(plan.kvCapacityTokens) >= need
                d.step("tensor parallel t = \(degree)?", "T_kv(t) ≥ ℓ̄·B  with B = \(count(targetBatch)), t ∈ {\(a.tensorParallelDegrees.sorted().map(String.init).joined(separator: ", "))} dividing n_h = \(nH)",
                       "\(count(plan.kvCapacityTokens)) tokens vs \(n(ell)) × \(count(targetBatch)) = \(n(need))",
                       fits ? "fits: t = \(degree)" : "does not fit")
            }
        }
        if t > 1 {
            let headsPerGPU = t >= nKV ? 1 : (nKV + t - 1) / t
            d.step("KV per token per GPU", t >= nKV ? "kv_tok / n_kv  (t ≥ n_kv: heads replicated)" : "kv_tok × ceil(n_kv/t) / n_kv",
                   t >= nKV ? "\(bytes(r.kvBytesPerToken)) / \(nKV)" : "\(bytes(r.kvBytesPerToken)) × \(headsPerGPU) / \(nKV)", bytes(r.kvBytesPerTokenPerGPU))
        }
        let kvMemory = Swift.max(0, a.memoryFraction * memory - r.weightsBytesPerGPU - r.runtimeReserveBytesPerGPU)
        d.step("KV memory per GPU", "M_kv = u_mem·M_gpu − W/t − M_reserve",
               "\(gb(a.memoryFraction * memory)) − \(gb(r.weightsBytes)) / \(t) − \(gb(r.runtimeReserveBytesPerGPU))", gb(kvMemory))
        d.step("KV tokens", "T_kv = floor(M_kv / kv_tok_gpu), down to \(a.kvPageTokens)-token pages",
               "floor(\(sci(kvMemory)) B / \(bytes(r.kvBytesPerTokenPerGPU))) = \(count(Int((kvMemory / r.kvBytesPerTokenPerGPU).rounded(.down))))",
               "\(count(r.kvCapacityTokensPerGPU)) tokens")
        d.step("maximum batch", "B_max = min(max_num_seqs, floor(T_kv / ℓ̄))",
               "min(\(count(a.maxNumSeqs)), floor(\(count(r.kvCapacityTokensPerGPU)) / \(n(ell))))", "\(count(r.maxBatch)) sequences")
        let batchFormula: String, batchSubstitution: String
        if let c = input.concurrency {
            batchFormula = "B = min(concurrency, B_max)"
            batchSubstitution = "min(\(count(c)), \(count(r.maxBatch)))" + (queued > 0 ? "; \(count(queued)) requests wait" : "")
        } else if input.batch != nil {
            batchFormula = "B = batch="
            batchSubstitution = r.fits ? "given" : "given; exceeds B_max: does not fit"
        } else {
            batchFormula = "B = B_max  (throughput regime)"
            batchSubstitution = count(r.maxBatch)
        }
        d.step("batch", batchFormula, batchSubstitution, "\(count(r.batch)) sequences")

        // Prefill.
        let peakName = fp8 ? "P_fp8" : "P_bf16"
        let mfuName = fp8 ? "MFU_fp8" : "MFU"
        let fPre = 2 * nActive * S + 2 * L * dAttn * S * S
        d.step("prefill FLOPs", "F_pre = 2·N\(moe ? "_active" : "")·S + 2·L·d_attn·S²  (d_attn = n_h·d_h)",
               "2 × \(sci(nActive)) × \(count(input.shape.inputTokens)) + 2 × \(n(L)) × \(n(dAttn)) × \(count(input.shape.inputTokens))²", tflop(fPre))
        d.step("prefill compute time", "F_pre / (t·\(peakName)·\(mfuName))",
               "\(tflop(fPre)) / (\(t) × \(n(peak)) TFLOPS × \(n(mfu)))", ms(pre.computeSeconds))
        let wActive = nActive * bw
        d.step("prefill memory time", "(W\(moe ? "_active" : "")/t + S·kv_tok_gpu) / (BW·MBU)",
               "(\(gb(wActive)) / \(t) + \(count(input.shape.inputTokens)) × \(bytes(r.kvBytesPerTokenPerGPU))) / (\(n(bandwidth / 1e9)) GB/s × \(n(a.decodeMBU)))",
               ms(pre.memorySeconds))
        let link = (g.interconnect.linkGBpsPerDirection.value ?? 0) * 1e9
        func allReduce(_ tokens: Double) -> String {
            "2 × \(n(L)) × (\(n(a.allReduceLatencySeconds * 1e6)) µs + 2×\(t - 1)/\(t) × \(n(tokens)) × \(n(dModel)) × 2 B / (\(n(link / 1e9)) GB/s × \(n(a.linkEfficiency))))"
        }
        if t > 1 {
            d.step("prefill all-reduce", "2·L·(α + 2(t−1)/t · m/(BW_link·e_link)),  m = S·d·2 B", allReduce(S), ms(pre.communicationSeconds))
        }
        d.step("prefill time", t > 1 ? "t_pre = max(compute, memory) + all-reduce" : "t_pre = max(compute, memory)",
               t > 1 ? "max(\(ms(pre.computeSeconds)), \(ms(pre.memorySeconds))) + \(ms(pre.communicationSeconds))" : "max(\(ms(pre.computeSeconds)), \(ms(pre.memorySeconds)))",
               ms(pre.totalSeconds))
        d.step("TTFT", "TTFT = t_pre + overhead  (no queueing)", "\(ms(pre.totalSeconds)) + \(ms(a.ttftOverheadSeconds))", ms(r.ttftSeconds))

        // Decode.
        let fDec = B * (2 * nActive + 4 * L * dAttn * ell)
        d.step("decode FLOPs per step", "F = B·(2·N\(moe ? "_active" : "") + 4·L·d_attn·ℓ̄)",
               "\(count(r.batch)) × (2 × \(sci(nActive)) + 4 × \(n(L)) × \(n(dAttn)) × \(n(ell)))", tflop(fDec))
        d.step("decode compute time", "F / (t·\(peakName)·\(mfuName))", "\(tflop(fDec)) / (\(t) × \(n(peak)) TFLOPS × \(n(mfu)))", ms(step.computeSeconds))
        let q = wActive / T + B * ell * r.kvBytesPerTokenPerGPU
        d.step("decode bytes per step per GPU", "Q = W\(moe ? "_active" : "")/t + B·ℓ̄·kv_tok_gpu",
               "\(gb(wActive)) / \(t) + \(count(r.batch)) × \(n(ell)) × \(bytes(r.kvBytesPerTokenPerGPU))", gb(q))
        d.step("decode memory time", "Q / (BW·MBU)", "\(gb(q)) / (\(n(bandwidth / 1e9)) GB/s × \(n(a.decodeMBU)))", ms(step.memorySeconds))
        if t > 1 {
            d.step("decode all-reduce", "2·L·(α + 2(t−1)/t · m/(BW_link·e_link)),  m = B·d·2 B", allReduce(B), ms(step.communicationSeconds))
            d.step("TPOT", "max(compute, memory) / η + all-reduce  (η: TP efficiency)",
                   "max(\(ms(step.computeSeconds)), \(ms(step.memorySeconds))) / \(n(step.tensorParallelEfficiency)) + \(ms(step.communicationSeconds))",
                   "\(ms(r.tpotSeconds)), \(r.bound.rawValue)-bound")
        } else {
            d.step("TPOT", "max(compute, memory)", "max(\(ms(step.computeSeconds)), \(ms(step.memorySeconds)))", "\(ms(r.tpotSeconds)), \(r.bound.rawValue)-bound")
        }
        d.step("end-to-end", "E2E = TTFT + (out − 1)·TPOT", "\(ms(r.ttftSeconds)) + \(count(input.shape.outputTokens - 1)) × \(ms(r.tpotSeconds))", Quantity(r.e2eSeconds, .time).formatted(significantDigits: 6))
        d.step("tokens/s per instance", "X = B / TPOT", "\(count(r.batch)) / \(ms(r.tpotSeconds))", n(r.tokensPerSecond) + " tok/s")
        d.step("tokens/s per GPU", "X / t", "\(n(r.tokensPerSecond)) / \(t)", n(r.tokensPerSecondPerGPU) + " tok/s")
        d.step("requests/s per instance", "B / E2E  (Little's law)", "\(count(r.batch)) / \(Quantity(r.e2eSeconds, .time).formatted(significantDigits: 6))", n(r.requestsPerSecond) + " rps")

        assumptions(&d, a)
        catalogFigures(&d, m, g, fp8: fp8)
        d.notes.append("Formulas: docs/capacity-math.md §1 \"LLM inference performance model\" (Memory, Work per step, Latency and throughput, Tensor-parallel communication).")
        if !r.fits, let why = r.whyNotFit { d.notes.append("Does not fit: \(why).") }
        if moe { d.notes.append("Mixture of experts: memory uses all \(sci(nTotal)) parameters; FLOPs and decode bytes use the \(sci(nActive)) active ones.") }
        return d
    }

    /// Every setting the model used, its value, and where the default comes from.
    static func assumptions(_ d: inout Derivation, _ a: PerformanceAssumptions) {
        let base = PerformanceAssumptions()
        func pct(_ x: Double) -> String { NumberFormat.decimal(x * 100) + "%" }
        func source(_ setting: String?, _ value: Double, _ defaultValue: Double, _ origin: String) -> String {
            if value != defaultValue, let setting { return "set \(setting) (default from \(origin))" }
            return origin
        }
        let measured = "capacity-math.md §1 \"What measured benchmarks imply\""
        d.assume("memory fraction u_mem", pct(a.memoryFraction), source: source("memory_fraction", a.memoryFraction, base.memoryFraction, "vLLM gpu_memory_utilization default (vllm/config/cache.py)"))
        d.assume("runtime reserve M_reserve", gb(a.runtimeReserveBytesPerGPU) + " per GPU", source: source("runtime_reserve", a.runtimeReserveBytesPerGPU, base.runtimeReserveBytesPerGPU, "capacity-math.md §1 Memory (1–3 GB); issue 3"))
        d.assume("decode MBU", pct(a.decodeMBU), source: source("mbu", a.decodeMBU, base.decodeMBU, measured + ", median 0.55"))
        d.assume("prefill MFU (BF16 peak)", pct(a.mfuBF16), source: source("mfu", a.mfuBF16, base.mfuBF16, measured + ", 0.60–0.67 on A100"))
        d.assume("prefill MFU (FP8 peak)", pct(a.mfuFP8), source: source("mfu_fp8", a.mfuFP8, base.mfuFP8, measured + ", H100 FP8 0.33–0.46"))
        d.assume("TP efficiency η, NVLink", pct(a.tensorParallelEfficiencyNVLink), source: source("tp_efficiency_nvlink", a.tensorParallelEfficiencyNVLink, base.tensorParallelEfficiencyNVLink, measured + ", 70B TP 2–8"))
        d.assume("TP efficiency η, PCIe", pct(a.tensorParallelEfficiencyPCIe), source: source("tp_efficiency_pcie", a.tensorParallelEfficiencyPCIe, base.tensorParallelEfficiencyPCIe, measured + ", L40S TP4"))
        d.assume("TTFT overhead", ms(a.ttftOverheadSeconds), source: source("ttft_overhead", a.ttftOverheadSeconds, base.ttftOverheadSeconds, measured + ", 5–30 ms"))
        d.assume("all-reduce latency α", n(a.allReduceLatencySeconds * 1e6) + " µs", source: "capacity-math.md §1 \"Tensor-parallel communication\" (8–10 µs)")
        d.assume("link efficiency e_link", pct(a.linkEfficiency), source: "capacity-math.md §1 \"Tensor-parallel communication\" (450 GB/s × ~0.8)")
        d.assume("KV page", "\(a.kvPageTokens) tokens", source: "vLLM block_size default")
        d.assume("max_num_seqs", count(a.maxNumSeqs), source: "vLLM SchedulerConfig default")
        d.assume("TP degrees tried", a.tensorParallelDegrees.sorted().map(String.init).joined(separator: ", "), source: "capacity-math.md §1 \"Minimum GPUs\" (one NVLink domain)")
    }

    /// The catalog figures used, each with its source and date.
    static func catalogFigures(_ d: inout Derivation, _ m: ModelSpec, _ g: Accelerator, fp8: Bool) {
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
        add("\(g.id): memory M_gpu", g.memoryGB) { n($0) + " GB" }
        add("\(g.id): memory bandwidth BW", g.memoryBandwidthTBps) { n($0 * 1000) + " GB/s" }
        if fp8 { add("\(g.id): FP8 dense peak", g.fp8TFLOPS) { n($0) + " TFLOPS" } } else { add("\(g.id): BF16 dense peak", g.bf16TFLOPS) { n($0) + " TFLOPS" } }
        add("\(g.id): link per direction", g.interconnect.linkGBpsPerDirection) { n($0) + " GB/s (\(g.interconnect.kind.rawValue))" }
    }
}
