/// Decode step time at one batch and context (one output token for every sequence).
public struct DecodeStep: Sendable, Hashable {
    /// F / (t · P · MFU), seconds.
    public var computeSeconds: Double
    /// (W_active/t + B · ℓ · kv_tok_gpu) / (BW · MBU), seconds.
    public var memorySeconds: Double
    /// 2 · L · t_ar, seconds; 0 at t = 1.
    public var communicationSeconds: Double
    /// η applied (1 at t = 1).
    public var tensorParallelEfficiency: Double
    /// max(compute, memory) / η + communication, seconds.
    public var totalSeconds: Double
    public var bound: PerformanceBound
}

/// Prefill time for one prompt.
public struct PrefillTime: Sendable, Hashable {
    /// F_pre / (t · P · MFU), seconds.
    public var computeSeconds: Double
    /// (W_active/t + S · kv_tok_gpu) / (BW · MBU), seconds: only binds for very short prompts.
    public var memorySeconds: Double
    /// 2 · L · t_ar with m = S · d · 2 B, seconds.
    public var communicationSeconds: Double
    /// max(compute, memory) + communication, seconds.
    public var totalSeconds: Double
}

/// Per-GPU memory of one instance.
public struct LLMMemoryPlan: Sendable, Hashable {
    public var tensorParallel: Int
    /// u_mem × M_gpu, bytes.
    public var usableBytesPerGPU: Double
    /// W / t, bytes.
    public var weightsBytesPerGPU: Double
    public var runtimeReserveBytesPerGPU: Double
    /// M_kv = u·M − W/t − reserve, bytes (0 when negative).
    public var kvBytesPerGPU: Double
    /// KV bytes per token on each GPU.
    public var kvBytesPerTokenPerGPU: Double
    /// T_kv: free KV tokens, rounded down to whole pages.
    public var kvCapacityTokens: Int
    /// B_max = min(maxNumSeqs, floor(T_kv / ℓ̄)).
    public var maxBatch: Int
}

/// Everything `LLMPerformanceModel.evaluate` derives for one deployment and request shape.
/// All times in seconds, sizes in bytes, rates per second.
public struct LLMPerformanceResult: Sendable, Hashable {
    public var modelID: String
    public var gpuID: String
    public var precision: Precision
    public var kvPrecision: Precision
    /// Tensor-parallel degree t = GPUs per instance.
    public var tensorParallel: Int
    /// W over all GPUs (total parameters).
    public var weightsBytes: Double
    public var weightsBytesPerGPU: Double
    public var runtimeReserveBytesPerGPU: Double
    /// kv_tok over all GPUs.
    public var kvBytesPerToken: Double
    public var kvBytesPerTokenPerGPU: Double
    /// kv_tok × ℓ̄: the KV one average sequence holds, over all GPUs.
    public var kvBytesPerSequence: Double
    public var kvCapacityTokensPerGPU: Int
    public var maxBatch: Int
    /// The batch the timings are for.
    public var batch: Int
    public var bound: PerformanceBound
    /// Prefill of the prompt, without queueing or overhead.
    public var prefillSeconds: Double
    /// Prefill + fixed overhead (no queueing).
    public var ttftSeconds: Double
    /// Decode step at `batch` and ℓ̄.
    public var tpotSeconds: Double
    /// TTFT + (out − 1) · TPOT.
    public var e2eSeconds: Double
    /// batch / TPOT, output tokens per second per instance.
    public var tokensPerSecond: Double
    /// tokensPerSecond / t.
    public var tokensPerSecondPerGPU: Double
    /// batch / e2e (Little's law), requests per second per instance.
    public var requestsPerSecond: Double
    public var communicationSecondsPerStep: Double
    public var tensorParallelEfficiency: Double
    /// False when a fixed tensor parallelism or batch does not fit memory; `whyNotFit` says why.
    public var fits: Bool
    public var whyNotFit: String?
}
