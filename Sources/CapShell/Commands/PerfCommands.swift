import CapPlan

/// `perf MODEL gpu=GPU ...`: the LLM performance model on its own (as LLM-Viewer does): memory
/// breakdown, maximum batch, bound, TTFT, TPOT, end-to-end latency and throughput.
///
/// The numbers are `LLMPerformanceModel`'s. `PerfInput` reads the arguments,
/// PerfCommands+Rendering.swift renders the result and `PerfDerivation` writes the derivation
/// `explain perf ...` shows (with the model's own step times).
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
            OptionSpec("tp", .count, "Tensor-parallel degree (GPUs per instance).", derived: "smallest that fits"),
            OptionSpec("precision", .choice(precisions), "Weight precision.", derived: "the model's"),
            OptionSpec("kv", .choice(precisions), "KV-cache precision.", derived: "bf16/fp8: the weights'; int8/int4: bf16"),
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
}
