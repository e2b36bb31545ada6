import CapPlan

/// `perf MODEL gpu=GPU ...`: the LLM performance model on its own (as LLM-Viewer does): memory
/// breakdown, maximum batch, step times, TTFT, TPOT, end-to-end latency and throughput; with
/// several `concurrency=` levels, the saturation curve.
///
/// The numbers are `LLMPerformanceModel`'s, the same function `size` and `simulate fleet` use.
/// `PerfInput` reads the arguments, PerfCommands+Rendering.swift renders the result, and
/// `LLMPerformanceDerivation` (CapPlan) writes what `explain perf ...` shows.
enum PerfCommands {
    static let all = [perf]

    static let precisions = Precision.spellings

    static let perf = CommandSpec(
        path: ["perf"], group: .sizing,
        abstract: "Run the LLM performance model alone: memory, batch, step times, TTFT, TPOT, throughput, saturation.",
        discussion: """
        One instance of MODEL on GPU at tensor parallelism tp= (default: the smallest of 1, 2, 4, 8 \
        that fits), served by engine= (default: the session's 'engine' setting). Steps mix decode \
        with chunked prefill, as vLLM, SGLang and TensorRT-LLM schedule them; throughput counts \
        the prefill. Without batch= or concurrency= it reports the throughput regime: the largest \
        batch that KV memory, the engine's max_num_seqs and its token budget allow. batch=N runs \
        exactly N sequences (and says so when they do not fit). concurrency=N is a closed loop of \
        N users, as benchmark clients run: min(N, maximum batch) run and the rest wait, and TTFT \
        includes the wait. rate=R is an open loop of Poisson arrivals: below capacity the batch is \
        what Little's law holds and TTFT adds the wait for a slot; at or above capacity it says so. Several levels (concurrency=1,8,32,64) print one row each, the \
        saturation curve, and mark the knee where TTFT leaves its floor. The efficiencies are the \
        session's ('show settings'). JSON keys: model, gpu, engine, tp, precision, batch, \
        max_batch, batch_limit, weights_gib (all weights of the instance), kv_gib_per_sequence, \
        bound, ttft_ms, tpot_ms, output_tokens_per_s (per instance), output_tokens_per_s_per_gpu, \
        then kv_precision, weights_gib_per_gpu, runtime_reserve_gib, kv_cache_gib_per_gpu, \
        kv_capacity_tokens, prefill_ms, decode_step_ms, chunk_step_ms, e2e_ms, requests_per_s, \
        queue_wait_ms, fits; a curve is {"levels": [...]} of these objects with concurrency.
        """,
        positionals: [OptionSpec("model", .name(.model), "The catalog model.", required: true)],
        options: [
            OptionSpec("gpu", .name(.gpu), "The catalog GPU (required)."),
            OptionSpec("tp", .count, "Tensor-parallel degree (GPUs per instance).", derived: "smallest that fits"),
            OptionSpec("precision", .choice(precisions), "Weight precision.", derived: "the model's"),
            OptionSpec("kv", .choice(precisions), "KV-cache precision.", derived: "bf16/fp8: the weights'; int8/int4: bf16"),
            OptionSpec("engine", .choice(ServingEngine.allCases.map(\.rawValue)), "Serving engine whose defaults apply.", derived: "setting engine"),
            OptionSpec("batch", .count, "Exactly this many concurrent sequences."),
            OptionSpec("concurrency", .counts, "Closed-loop users; several levels give the saturation curve."),
            OptionSpec("rate", .quantity(dimensions: [.rate], impliedUnit: "rps", context: .count), "Open-loop arrival rate (a plain number is requests per second)."),
            OptionSpec("in", .count, "Prompt tokens per request (required)."),
            OptionSpec("out", .count, "Generated tokens per request (required)."),
        ],
        examples: [
            "perf llama-3-8b gpu=l4 in=1000 out=250",
            "perf llama-2-70b gpu=h100 tp=8 batch=64 in=2048 out=256",
            "perf llama-3-70b gpu=h100 precision=fp8 concurrency=32 in=1200 out=250",
            "perf llama-3.1-8b gpu=h100 engine=trtllm concurrency=1,8,32,64,128,256 in=1000 out=1000",
            "perf llama-3.1-70b gpu=h100 tp=4 rate=4rps in=467 out=256",
        ]
    ) { context, arguments in
        let input = try PerfInput(arguments, catalog: context.session.catalog, assumptions: context.session.settings.assumptions)
        let model = LLMPerformanceModel(assumptions: input.assumptions)
        do {
            if let levels = input.concurrency, levels.count > 1 {
                let curve = try levels.map { try model.evaluate(input.deployment, shape: input.shape, batch: .concurrency($0)) }
                return CommandResult(Output.table(curveTable(input, curve), json: curveJSON(curve, input: input)))
            }
            let choice: LLMBatchChoice = input.rate.map { .rate($0) } ?? input.concurrency.map { .concurrency($0[0]) } ?? input.batch.map { .fixed($0) } ?? .maximum
            let result = try model.evaluate(input.deployment, shape: input.shape, batch: choice)
            var output = Output.table(table(input, result), json: json(result, input: input))
            if context.explaining {
                var d = Derivation(title: "perf \(result.modelID) on \(result.tensorParallel) × \(result.gpuID): \(result.precision.rawValue) weights, "
                    + "\(result.kvPrecision.rawValue) KV, batch \(count(result.batch)), in \(count(input.shape.inputTokens)), out \(count(input.shape.outputTokens))")
                var fixed = input.deployment
                fixed.tensorParallel = result.tensorParallel
                LLMPerformanceDerivation.append(to: &d, result, deployment: fixed, shape: input.shape, model: model)
                d.notes.append("Formulas: docs/capacity-math.md §1 \"LLM inference performance model\".")
                if !result.fits, let why = result.whyNotFit { d.notes.append("Does not fit: \(why).") }
                output.derivation = d
            }
            return CommandResult(output)
        } catch let error as PerformanceError {
            throw LanguageError(.command, error.message, hint: error.hint, span: input.span(for: error, in: arguments))
        }
    }
}
