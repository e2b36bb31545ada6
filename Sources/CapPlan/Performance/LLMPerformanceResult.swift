/// Per-GPU memory of one instance.
public struct LLMMemoryPlan: Sendable, Hashable {
    public var tensorParallel: Int
    /// What weights, reserve and KV may occupy on each GPU: u × M_gpu (basis `.total`), or
    /// W/t + R + u × (M_gpu − W/t − R) (basis `.free`), bytes.
    public var usableBytesPerGPU: Double
    /// W / t, bytes.
    public var weightsBytesPerGPU: Double
    /// R = CUDA context and graphs + the activations of one step, bytes.
    public var runtimeReserveBytesPerGPU: Double
    /// The activation part of R (`LLMMemory.activationBytes`), bytes.
    public var activationBytesPerGPU: Double
    /// M_kv, bytes (0 when negative).
    public var kvBytesPerGPU: Double
    /// KV bytes per token on each GPU.
    public var kvBytesPerTokenPerGPU: Double
    /// T_kv: free KV tokens, rounded down to whole pages.
    public var kvCapacityTokens: Int
    /// The engine's sequence cap on this GPU.
    public var maxNumSeqs: Int
    /// K: the most tokens one step processes.
    public var tokenBudget: Int
    /// B_max = min(max_num_seqs, floor(T_kv / ℓ̄), the batch the token budget sustains).
    public var maxBatch: Int
    /// Which of the three set B_max.
    public var batchLimit: BatchLimit
}

/// What limits the batch.
public enum BatchLimit: String, Sendable, Hashable {
    /// KV-cache memory: floor(T_kv / ℓ̄).
    case kvMemory = "KV memory"
    /// The engine's sequence cap (max_num_seqs).
    case sequenceCap = "max_num_seqs"
    /// The per-step token budget cannot prefill prompts fast enough for a larger batch.
    case tokenBudget = "token budget"
}

/// A batch of B sequences running requests of S prompt and O output tokens, in steady state.
///
/// The other B − 1 sequences' prompts need p = (B − 1) · S / O prefill tokens per step. A step
/// that prefills carries a whole prompt, or several when they wait, up to the spare budget:
/// c = min(K − B, max(S, p)); a share f = min(1, p / c) of steps carries such a chunk:
///
///     TPOT     = f · t_step(B decodes + chunk c) + (1 − f) · t_step(B decodes)
///     prefill  = TPOT/2 (the step in progress, when others run)
///              + Σ over the request's own ceil(S / (K − B + 1)) chunks of t_step(B − 1 decodes + chunk)
///     slot     = prefill + (O − 1) · TPOT        (GPU time a request holds its place in the batch)
///     X        = B / slot                         (Little's law: requests/s, prefill counted)
public struct LLMSteadyState: Sendable, Hashable {
    public var batch: Int
    /// The request's own prefill while B − 1 others decode, seconds (TTFT without the request
    /// overhead and without queueing).
    public var prefillSeconds: Double
    /// Mean time between output tokens, seconds.
    public var tpotSeconds: Double
    /// A decode-only step, seconds.
    public var decodeStep: StepTime
    /// A step that also carries a prefill chunk, seconds (the slowest inter-token gap).
    public var chunkStep: StepTime
    /// f: the share of steps with a chunk.
    public var chunkShare: Double
    /// c: prompt tokens in a chunk step.
    public var chunkTokens: Double
    /// Chunks the request's own prompt takes.
    public var prefillChunks: Int
    /// prefill + (O − 1) · TPOT, seconds.
    public var slotSeconds: Double
    /// B / slot: requests per second of one instance.
    public var requestsPerSecond: Double
}

/// Everything `LLMPerformanceModel.evaluate` derives for one deployment and request shape.
/// All times in seconds, sizes in bytes, rates per second.
public struct LLMPerformanceResult: Sendable, Hashable {
    public var modelID: String
    public var gpuID: String
    public var engine: ServingEngine
    public var precision: Precision
    public var kvPrecision: Precision
    /// Tensor-parallel degree t = GPUs per instance.
    public var tensorParallel: Int
    /// W over all GPUs (total parameters).
    public var weightsBytes: Double
    /// kv_tok over all GPUs.
    public var kvBytesPerToken: Double
    /// kv_tok × ℓ̄: the KV one average sequence holds, over all GPUs.
    public var kvBytesPerSequence: Double
    public var memory: LLMMemoryPlan
    /// The batch the timings are for.
    public var batch: Int
    /// Concurrent requests (closed loop), when asked for; requests beyond the batch wait.
    public var concurrency: Int?
    /// The open-loop arrival rate asked for, requests/s.
    public var arrivalRate: Double?
    /// False when the arrival rate is at or above the instance's capacity (the queue grows
    /// without bound; the figures are those of the full batch).
    public var sustainable: Bool = true
    /// The instance's capacity at its maximum batch, requests/s.
    public var capacityRequestsPerSecond: Double = 0
    public var steady: LLMSteadyState
    /// Open loop below capacity: the latency percentiles at the arrival rate.
    public var latency: LLMLatency?
    /// Wait for a batch slot in a closed loop of `concurrency` users, seconds (0 otherwise).
    public var queueWaitSeconds: Double
    /// Request overhead + wait + prefill.
    public var ttftSeconds: Double
    /// TTFT + (O − 1) · TPOT.
    public var e2eSeconds: Double
    /// Requests per second of one instance.
    public var requestsPerSecond: Double
    /// Output tokens per second of one instance: requests/s × O.
    public var outputTokensPerSecond: Double
    /// False when a fixed tensor parallelism or batch does not fit memory; `whyNotFit` says why.
    public var fits: Bool
    public var whyNotFit: String?

    public var maxBatch: Int { memory.maxBatch }
    public var tpotSeconds: Double { steady.tpotSeconds }
    public var prefillSeconds: Double { steady.prefillSeconds }
    public var tokensPerSecondPerGPU: Double { outputTokensPerSecond / Double(tensorParallel) }
    public var weightsBytesPerGPU: Double { memory.weightsBytesPerGPU }
    public var runtimeReserveBytesPerGPU: Double { memory.runtimeReserveBytesPerGPU }
    public var kvBytesPerTokenPerGPU: Double { memory.kvBytesPerTokenPerGPU }
    public var kvCapacityTokensPerGPU: Int { memory.kvCapacityTokens }
    /// What bounds the decode-only step.
    public var bound: PerformanceBound { steady.decodeStep.bound }
}
