import CapPlan

/// `perf MODEL gpu=GPU ...`: the LLM performance model on its own (as LLM-Viewer does): memory
/// breakdown, maximum batch, bound, TTFT, TPOT, end-to-end latency and throughput.
///
/// The numbers are `LLMPerformanceModel`'s; this file reads the arguments, renders the result and
/// writes the derivation `explain perf ...` shows (with the model's own step times).
enum PerfCommands {
    static let all = [perf]

    static let precisions = ["fp32", "bf16", "fp16", "fp8", "int8", "int4"]

    static let perf = CommandSpec(
        path: ["perf"], group: .sizing,
        abstract: "Run the LLM performance model alone: memory, maximum batch, bound, TTFT, TPOT, tokens/s.",
        discussion: """
        One instance of MODEL on GPU at tensor parallelism tp= (default: the smallest of 1, 2, 4, 8 \
        that fits). Without batch= or concurrency= it reports the throughput regime: the largest \
        batch KV memory allows. batch=N runs exactly N sequences (and says so when they do not \
        fit); concurrency=N runs min(N, maximum batch) and the rest wait. TTFT is prefill plus the \
        fixed overhead, without queueing (see 'queue mmc' for the wait). The efficiencies are the \
        session's ('show settings': mbu, mfu, mfu_fp8, tp_efficiency_*, ttft_overhead, \
        runtime_reserve, memory_fraction). JSON keys: model, gpu, tp, precision, batch, max_batch, \
        weights_gb (all weights of the instance), kv_gb_per_sequence (K and V of one sequence of \
        in + out/2 tokens, all GPUs), bound, ttft_ms, tpot_ms, tokens_per_s (per instance), \
        tokens_per_s_per_gpu, then kv_precision, weights_gb_per_gpu, runtime_reserve_gb, \
        kv_cache_gb_per_gpu, kv_capacity_tokens, prefill_ms, e2e_ms, requests_per_s, fits.
        """,
        positionals: [OptionSpec("model", .name(.model), "The catalog model.", required: true)],
        options: [
            OptionSpec("gpu", .name(.gpu), "The catalog GPU (required)."),
            OptionSpec("tp", .count, "Tensor-parallel degree (GPUs per instance).", default: "smallest that fits"),
            OptionSpec("precision", .choice(precisions), "Weight precision.", default: "the model's"),
            OptionSpec("kv", .choice(precisions), "KV-cache precision.", default: "bf16/fp8: the weights'; int8/int4: bf16"),
            OptionSpec("batch", .count, "Exactly this many concurrent sequences."),
            OptionSpec("concurrency", .count, "Concurrent requests; the batch is min(concurrency, maximum batch)."),
            OptionSpec("in", .count, "Prompt tokens per request (required)."),
            OptionSpec("out", .count, "Generated tokens per request (required)."),
        ],
        examples: [
            "perf llama-3-8b gpu=l4 in=1000 out=250",
            "perf llama-2-70b gpu=h100 tp=8 batch=64 in=2048 out=256",
            "perf llama-3-70b gpu=h100 precision=fp8 concurrency=32 in=1200 out=250",
        ]
    ) { context, arguments in
        let input = try PerfInput(arguments, catalog: context.session.catalog, assumptions: context.session.settings.assumptions)
        let model = LLMPerformanceModel(assumptions: context.session.settings.assumptions)
        let result: LLMPerformanceResult
        var queued = 0
        do {
        if let n = input.concurrency {
            // The instance the throughput regime would pick, then as many sequences as it holds.
            let widest = try model.evaluate(input.deployment, shape: input.shape, batch: .maximum)
            var fixed = input.deployment
            fixed.tensorParallel = widest.tensorParallel
            let b = Swift.max(1, Swift.min(n, widest.maxBatch))
            result = try model.evaluate(fixed, shape: input.shape, batch: .fixed(b))
            queued = Swift.max(0, n - b)
        } else {
            result = try model.evaluate(input.deployment, shape: input.shape, batch: input.batch.map { .fixed($0) } ?? .maximum)
        }
        } catch let error as PerformanceError {
            throw LanguageError(.command, error.message, hint: error.hint, span: input.span(for: error, in: arguments))
        }
        var output = Output.table(table(input, result, queued: queued), json: json(result, input: input, queued: queued))
        if context.explaining { output.derivation = try PerfDerivation.build(input, result, model: model, queued: queued) }
        return CommandResult(output)
    }

    // MARK: - Rendering

    static func gb(_ bytes: Double) -> String { NumberFormat.decimal(bytes / 1e9, significantDigits: 4) + " GB" }
    static func ms(_ seconds: Double) -> String { NumberFormat.decimal(seconds * 1e3, significantDigits: 4) + " ms" }
    static func count(_ x: Int) -> String { NumberFormat.integer(Double(x)) }
    static func rate(_ x: Double, _ unit: String) -> String { NumberFormat.decimal(x, significantDigits: 4) + " " + unit }
    static func data(_ bytes: Double) -> String { Quantity(bytes, .data).formatted(significantDigits: 4) }
    static func time(_ seconds: Double) -> String { Quantity(seconds, .time).formatted(significantDigits: 4) }

    static func table(_ input: PerfInput, _ r: LLMPerformanceResult, queued: Int) -> Table {
        let title = "perf \(r.modelID) on \(r.tensorParallel) × \(r.gpuID): \(r.precision.rawValue) weights, \(r.kvPrecision.rawValue) KV, "
            + "in \(count(input.shape.inputTokens)), out \(count(input.shape.outputTokens))"
        var table = Table(name: "perf", title: title, columns: [.init("quantity"), .init("value", alignment: .right), .init("note")])
        func row(_ name: String, _ text: String, _ value: Double?, _ note: String = "") {
            table.rows.append([.text(name), Table.Cell(text, value: .number(value)), .text(note)])
        }
        row("tensor parallel", count(r.tensorParallel), Double(r.tensorParallel), input.tensorParallel == nil ? "GPUs per instance (smallest that fits)" : "GPUs per instance (tp=)")
        row("weights per GPU", gb(r.weightsBytesPerGPU), r.weightsBytesPerGPU / 1e9, "\(gb(r.weightsBytes)) in all")
        row("runtime reserve per GPU", gb(r.runtimeReserveBytesPerGPU), r.runtimeReserveBytesPerGPU / 1e9, "activations, CUDA graphs, context")
        row("KV cache per GPU", data(Double(r.kvCapacityTokensPerGPU) * r.kvBytesPerTokenPerGPU), Double(r.kvCapacityTokensPerGPU) * r.kvBytesPerTokenPerGPU / 1e9,
            "\(count(r.kvCapacityTokensPerGPU)) tokens (whole \(input.pageTokens)-token pages)")
        row("KV per token", count(Int(r.kvBytesPerToken)) + " B", r.kvBytesPerToken,
            r.tensorParallel > 1 ? "\(count(Int(r.kvBytesPerTokenPerGPU))) B per GPU" : "K and V, all layers")
        row("KV per sequence", data(r.kvBytesPerSequence), r.kvBytesPerSequence / 1e9, "ℓ̄ = in + out/2 = \(NumberFormat.decimal(input.shape.meanResidentTokens)) tokens")
        row("maximum batch", count(r.maxBatch), Double(r.maxBatch), r.maxBatch == input.maxNumSeqs ? "capped by max_num_seqs" : "limited by KV memory")
        let batchNote: String
        if let n = input.concurrency {
            batchNote = queued > 0 ? "concurrency \(count(n)): \(count(queued)) requests wait" : "concurrency \(count(n))"
        } else if input.batch != nil {
            batchNote = "set by batch="
        } else {
            batchNote = "throughput regime: the largest batch memory allows"
        }
        row("batch", count(r.batch), Double(r.batch), batchNote)
        table.rows.append([.text("bound"), .text(r.bound.rawValue), .text("decode step: the larger of compute and memory time")])
        row("prefill", ms(r.prefillSeconds), r.prefillSeconds * 1e3, "\(count(input.shape.inputTokens)) prompt tokens")
        row("TTFT", ms(r.ttftSeconds), r.ttftSeconds * 1e3, "prefill + overhead, no queueing")
        row("TPOT", ms(r.tpotSeconds), r.tpotSeconds * 1e3, "decode step at batch \(count(r.batch))")
        row("end-to-end", time(r.e2eSeconds), r.e2eSeconds * 1e3, "TTFT + (out − 1) × TPOT")
        row("tokens/s per instance", rate(r.tokensPerSecond, "tok/s"), r.tokensPerSecond, "batch / TPOT")
        row("tokens/s per GPU", rate(r.tokensPerSecondPerGPU, "tok/s"), r.tokensPerSecondPerGPU, "per instance / \(r.tensorParallel)")
        row("requests/s per instance", rate(r.requestsPerSecond, "rps"), r.requestsPerSecond, "batch / end-to-end (Little)")
        if !r.fits, let why = r.whyNotFit {
            table.footnotes.append("does not fit: \(why); timings are for batch \(count(r.batch)) as if it did.")
        } else if input.tensorParallel == nil, input.batch == nil, r.maxBatch < 16, r.maxBatch < input.maxNumSeqs {
            table.footnotes.append("tp \(r.tensorParallel) is the smallest degree that holds one sequence, and KV memory allows only \(count(r.maxBatch)); "
                + "a larger tp= leaves more memory per GPU for KV (try tp=\(r.tensorParallel * 2)).")
        }
        return table
    }

    static func json(_ r: LLMPerformanceResult, input: PerfInput, queued: Int) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("model", .string(r.modelID)),
            ("gpu", .string(r.gpuID)),
            ("tp", .number(Double(r.tensorParallel))),
            ("precision", .string(r.precision.rawValue)),
            ("batch", .number(Double(r.batch))),
            ("max_batch", .number(Double(r.maxBatch))),
            ("weights_gb", .number(r.weightsBytes / 1e9)),
            ("kv_gb_per_sequence", .number(r.kvBytesPerSequence / 1e9)),
            ("bound", .string(r.bound.rawValue)),
            ("ttft_ms", .number(r.ttftSeconds * 1e3)),
            ("tpot_ms", .number(r.tpotSeconds * 1e3)),
            ("tokens_per_s", .number(r.tokensPerSecond)),
            ("tokens_per_s_per_gpu", .number(r.tokensPerSecondPerGPU)),
            ("kv_precision", .string(r.kvPrecision.rawValue)),
            ("weights_gb_per_gpu", .number(r.weightsBytesPerGPU / 1e9)),
            ("runtime_reserve_gb", .number(r.runtimeReserveBytesPerGPU / 1e9)),
            ("kv_cache_gb_per_gpu", .number(Double(r.kvCapacityTokensPerGPU) * r.kvBytesPerTokenPerGPU / 1e9)),
            ("kv_capacity_tokens", .number(Double(r.kvCapacityTokensPerGPU))),
            ("prefill_ms", .number(r.prefillSeconds * 1e3)),
            ("e2e_ms", .number(r.e2eSeconds * 1e3)),
            ("requests_per_s", .number(r.requestsPerSecond)),
            ("fits", .bool(r.fits)),
        ]
        if input.concurrency != nil { pairs.append(("queued", .number(Double(queued)))) }
        return .object(pairs)
    }
}

// MARK: - Input

/// The arguments of `perf`, read and checked, with catalog names resolved.
struct PerfInput {
    var model: ModelSpec
    var gpu: Accelerator
    var deployment: LLMDeployment
    var shape: LLMRequestShape
    var tensorParallel: Int?
    var batch: Int?
    var concurrency: Int?
    var pageTokens: Int
    var maxNumSeqs: Int

    init(_ arguments: Arguments, catalog: Catalog, assumptions: PerformanceAssumptions) throws {
        pageTokens = assumptions.kvPageTokens
        maxNumSeqs = assumptions.maxNumSeqs
        let usage = "e.g. perf llama-3-8b gpu=l4 in=1000 out=250"
        let modelArgument = arguments.positional("model")
        do {
            model = try catalog.model(named: arguments.name("model") ?? "")
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.hint, span: modelArgument?.span)
        }
        guard let gpuArgument = arguments.option("gpu"), let gpuName = gpuArgument.value.name else {
            throw LanguageError(.command, "'perf' needs gpu= (the accelerator to run on)", hint: usage, span: QueueInput.end(arguments))
        }
        do {
            gpu = try catalog.gpu(named: gpuName)
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.hint, span: QueueInput.valueSpan(gpuArgument))
        }
        func whole(_ key: String, _ range: ClosedRange<Int>, _ what: String) throws -> Int? {
            guard let argument = arguments.option(key), let x = argument.value.quantity?.value else { return nil }
            guard x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
                throw LanguageError(.bind, "\(key)= must be \(what) from \(NumberFormat.integer(Double(range.lowerBound))) to \(NumberFormat.integer(Double(range.upperBound))); got \(NumberFormat.decimal(x))",
                                    span: QueueInput.valueSpan(argument))
            }
            return Int(x)
        }
        guard let input = try whole("in", 1...10_000_000, "a token count"), let output = try whole("out", 1...10_000_000, "a token count") else {
            let missing = arguments.option("in") == nil ? "in=" : "out="
            throw LanguageError(.command, "'perf' needs \(missing) (\(missing == "in=" ? "prompt" : "generated") tokens per request)", hint: usage, span: QueueInput.end(arguments))
        }
        shape = LLMRequestShape(inputTokens: input, outputTokens: output)
        tensorParallel = try whole("tp", 1...64, "a tensor-parallel degree")
        batch = try whole("batch", 1...1_000_000, "a batch")
        concurrency = try whole("concurrency", 1...1_000_000, "a number of requests")
        if let b = arguments.option("batch"), let c = arguments.option("concurrency") {
            throw LanguageError(.command, "give batch= or concurrency=, not both",
                                hint: "batch= runs exactly that many sequences; concurrency= runs as many as fit and queues the rest",
                                span: Swift.min(b.span.lowerBound, c.span.lowerBound)..<Swift.max(b.span.upperBound, c.span.upperBound))
        }
        let precision = arguments.name("precision").flatMap(Precision.init(parsing:))
        let kv = arguments.name("kv").flatMap(Precision.init(parsing:))
        deployment = LLMDeployment(model: model, gpu: gpu, precision: precision, kvPrecision: kv, tensorParallel: tensorParallel)
    }

    /// The argument a performance-model error is about, for the caret.
    func span(for error: PerformanceError, in arguments: Arguments) -> Range<Int>? {
        func value(_ key: String) -> Range<Int>? { QueueInput.valueSpan(arguments.option(key)) }
        switch error {
        case .unsupportedPrecision: return value("precision") ?? value("gpu")
        case .invalidTensorParallel: return value("tp")
        case .doesNotFit: return value("tp") ?? value("gpu")
        case .contextTooLong: return value("in")
        case .notAnLLM, .missingFigure: return arguments.positional("model")?.span
        case .invalidInput, .invalidAssumption, .tpotTargetUnreachable: return nil
        }
    }
}

// MARK: - Derivation

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
