/// The serving engines whose scheduler and memory defaults capplan models.
///
/// The engine decides how many sequences run at once, how many tokens one step may process
/// (the chunked-prefill budget), how much GPU memory goes to the KV cache and what each step
/// costs besides the kernels. `EngineProfile` holds those defaults with their sources; a session
/// setting (`set engine trtllm`) or a command option (`engine=`) picks the profile, and any
/// single figure can still be overridden (`set max_num_seqs 512`).
public enum ServingEngine: String, CaseIterable, Sendable, Hashable {
    case vllm
    case sglang
    case trtllm

    /// The engine's defaults.
    public var profile: EngineProfile {
        switch self {
        case .vllm: return .vllm
        case .sglang: return .sglang
        case .trtllm: return .trtllm
        }
    }
}

/// How an engine turns its memory fraction into KV-cache bytes.
public enum MemoryFractionBasis: String, Sendable, Hashable {
    /// KV = u × M_gpu − weights − reserve (vLLM `gpu_memory_utilization`, SGLang
    /// `mem_fraction_static`: a share of the whole GPU for weights plus KV).
    case total
    /// KV = u × (M_gpu − weights − reserve) (TensorRT-LLM `free_gpu_memory_fraction`: a share
    /// of the memory still free after the weights and activations are allocated).
    case free
}

/// The defaults of one serving engine. Every figure carries its source in `sources`, shown by
/// `show settings` and `explain`.
public struct EngineProfile: Sendable, Hashable {
    public var engine: ServingEngine
    /// Share of GPU memory the KV cache may reach, on `memoryBasis`.
    public var memoryFraction: Double
    public var memoryBasis: MemoryFractionBasis
    /// Most sequences running at once on a GPU with less than 70 GiB, and on one with more.
    public var maxNumSeqs: (small: Int, large: Int)
    /// Most tokens (decode tokens plus prefill chunk) one step processes: the chunked-prefill
    /// budget, on a GPU with less than 70 GiB and on one with more.
    public var tokenBudget: (small: Int, large: Int)
    /// KV-cache page size, tokens.
    public var kvPageTokens: Int
    /// Whether a sequence is admitted only when KV for its whole context (prompt + every
    /// output token) is free, so none is ever evicted: B_max = T_kv / (in + out). Otherwise
    /// pages are taken as tokens are generated, and B_max = T_kv / (in + out/2) on average.
    public var reservesFullContext: Bool
    /// Fixed time per step besides the kernels (scheduling, sampling, launch), seconds.
    public var stepOverheadSeconds: Double
    /// Fixed time per request before its prefill (HTTP, tokenisation, routing), seconds.
    public var requestOverheadSeconds: Double
    /// Where each figure comes from, by the setting's name.
    public var sources: [(setting: String, source: String)]

    public static func == (a: EngineProfile, b: EngineProfile) -> Bool { a.engine == b.engine }
    public func hash(into h: inout Hasher) { h.combine(engine) }

    /// GPUs at or above this memory get the `large` limits (vLLM's rule: "GPUs like H100 and
    /// MI300x", `device_memory >= 70 GiB` in `EngineArgs._set_default_args`).
    public static let largeGPUBytes = 70 * 1_073_741_824.0

    /// The sequence cap for a GPU of `memoryBytes`.
    public func maxNumSeqs(gpuMemoryBytes: Double) -> Int {
        gpuMemoryBytes >= Self.largeGPUBytes ? maxNumSeqs.large : maxNumSeqs.small
    }

    /// The per-step token budget for a GPU of `memoryBytes`.
    public func tokenBudget(gpuMemoryBytes: Double) -> Int {
        gpuMemoryBytes >= Self.largeGPUBytes ? tokenBudget.large : tokenBudget.small
    }

    /// vLLM (V1 engine, OpenAI-compatible server).
    public static let vllm = EngineProfile(
        engine: .vllm, memoryFraction: 0.9, memoryBasis: .total,
        maxNumSeqs: (256, 1024), tokenBudget: (2048, 8192), kvPageTokens: 16, reservesFullContext: false,
        stepOverheadSeconds: 0.002, requestOverheadSeconds: 0.015,
        sources: [
            ("memory_fraction", "vLLM gpu_memory_utilization default 0.9 (vllm/config/cache.py)"),
            ("max_num_seqs", "vLLM EngineArgs defaults for the API server: 256, or 1024 on GPUs with ≥ 70 GiB (vllm/engine/arg_utils.py)"),
            ("token_budget", "vLLM max_num_batched_tokens defaults for the API server: 2048, or 8192 on GPUs with ≥ 70 GiB (vllm/engine/arg_utils.py)"),
            ("page_tokens", "vLLM block_size default 16 (vllm/config/cache.py)"),
            ("step_overhead", "2 ms: vLLM V1 schedules on the CPU between steps (0.6 ms of host time per step measured at batch 32; 5–6 ms gaps before V1's async scheduling), docs/research/engine-profiles-2026.md"),
            ("ttft_overhead", "15 ms: HTTP, tokenisation and detokenisation of the OpenAI server, capacity-math.md §1 (5–30 ms measured)"),
        ])

    /// SGLang (`python -m sglang.launch_server`).
    public static let sglang = EngineProfile(
        engine: .sglang, memoryFraction: 0.88, memoryBasis: .total,
        maxNumSeqs: (4096, 4096), tokenBudget: (4096, 8192), kvPageTokens: 1, reservesFullContext: false,
        stepOverheadSeconds: 0.0015, requestOverheadSeconds: 0.015,
        sources: [
            ("memory_fraction", "SGLang mem_fraction_static, chosen from GPU memory and TP (sglang/srt/server_args.py); 0.88 on 80 GB GPUs"),
            ("max_num_seqs", "SGLang max_running_requests: no fixed cap, limited by the KV pool (sglang/srt/server_args.py); 4096 stands for 'KV-bound'"),
            ("token_budget", "SGLang chunked_prefill_size: 4096 below 80 GB, 8192 at 80 GB and above (sglang/srt/server_args.py)"),
            ("page_tokens", "SGLang page_size default 1 (radix cache)"),
            ("step_overhead", "1.5 ms: SGLang overlaps CPU scheduling with the GPU by default (docs/research/engine-profiles-2026.md); no published per-step figure"),
            ("ttft_overhead", "15 ms: HTTP and tokenisation, as vLLM's server, capacity-math.md §1"),
        ])

    /// TensorRT-LLM (`trtllm-serve` / `trtllm-bench`, PyTorch backend).
    public static let trtllm = EngineProfile(
        engine: .trtllm, memoryFraction: 0.9, memoryBasis: .free,
        maxNumSeqs: (2048, 2048), tokenBudget: (8192, 8192), kvPageTokens: 32, reservesFullContext: true,
        stepOverheadSeconds: 0.001, requestOverheadSeconds: 0.002,
        sources: [
            ("memory_fraction", "TensorRT-LLM KvCacheConfig.free_gpu_memory_fraction default 0.9 of the memory free after weights (tensorrt_llm/llmapi/llm_args.py)"),
            ("max_num_seqs", "TensorRT-LLM max_batch_size default 2048 (tensorrt_llm/llmapi/llm_args.py)"),
            ("token_budget", "TensorRT-LLM max_num_tokens default 8192 (tensorrt_llm/llmapi/llm_args.py)"),
            ("page_tokens", "TensorRT-LLM KvCacheConfig tokens_per_block default 32"),
            ("admission", "TensorRT-LLM CapacitySchedulerPolicy.GUARANTEED_NO_EVICT, trtllm-serve's default (tensorrt_llm/commands/serve.py): KV for in + out reserved at admission"),
            ("step_overhead", "1 ms: fitted to the TensorRT-LLM rows of scripts/accuracy.d/measurements.csv (concurrency-1 TTFT and TPOT)"),
            ("ttft_overhead", "2 ms: fitted to the TensorRT-LLM concurrency-1 TTFT rows (in-process benchmark, no HTTP)"),
        ])
}
