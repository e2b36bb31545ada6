/// Every default of the LLM performance model and the roofline, in one overridable value.
///
/// The defaults reproduce the medians of public measured benchmarks (docs/capacity-math.md,
/// "What measured benchmarks imply"); the worked examples in that document use more optimistic
/// illustrative values (`PerformanceAssumptions.capacityMathWorkedExamples`).
public struct PerformanceAssumptions: Sendable, Hashable {
    /// The serving engine whose scheduler and memory defaults apply (`EngineProfile`). The
    /// engine-owned figures below follow it unless overridden; `adopt(_:)` also clears the
    /// overrides.
    public var engine: ServingEngine = .vllm

    /// Switches to `engine` and takes all of its defaults: the overrides of engine-owned
    /// figures (memory fraction, sequence cap, token budget, page size, overheads) are cleared.
    /// `set engine` does this; `perf engine=` only switches, keeping the session's overrides.
    public mutating func adopt(_ engine: ServingEngine) {
        self.engine = engine
        memoryFractionOverride = nil
        maxNumSeqsOverride = nil
        tokenBudgetOverride = nil
        kvPageTokensOverride = nil
        stepOverheadOverride = nil
        requestOverheadOverride = nil
    }

    /// These assumptions for a workload that names its own engine (`engine=`): the engine
    /// switches, the session's overrides stay. Sizing and the fleet simulator both use this.
    public func serving(_ w: Workload) -> PerformanceAssumptions {
        guard let e = w.engine else { return self }
        var a = self
        a.engine = e
        return a
    }

    /// The engine's profile.
    public var profile: EngineProfile { engine.profile }

    // Engine-owned figures: nil follows the engine, a value is the user's override.
    private var memoryFractionOverride: Double?
    private var maxNumSeqsOverride: Int?
    private var tokenBudgetOverride: Int?
    private var kvPageTokensOverride: Int?
    private var stepOverheadOverride: Double?
    private var requestOverheadOverride: Double?

    /// Share of GPU memory the engine gives weights + KV (u_mem), 0 < u ≤ 1, on the engine's
    /// `MemoryFractionBasis`. Default: the engine's (vLLM `gpu_memory_utilization` 0.9).
    public var memoryFraction: Double {
        get { memoryFractionOverride ?? profile.memoryFraction }
        set { memoryFractionOverride = newValue }
    }

    /// Whether `memoryFraction` was set rather than taken from the engine.
    public var memoryFractionIsOverridden: Bool { memoryFractionOverride != nil }

    /// Most concurrent sequences per instance, or nil for the engine's rule (which depends on
    /// the GPU's memory: `EngineProfile.maxNumSeqs(gpuMemoryBytes:)`).
    public var maxNumSeqs: Int? {
        get { maxNumSeqsOverride }
        set { maxNumSeqsOverride = newValue }
    }

    /// Most tokens one step processes (chunked-prefill budget), or nil for the engine's rule.
    public var tokenBudget: Int? {
        get { tokenBudgetOverride }
        set { tokenBudgetOverride = newValue }
    }

    /// KV-cache page size, tokens; free KV tokens are rounded down to whole pages.
    public var kvPageTokens: Int {
        get { kvPageTokensOverride ?? profile.kvPageTokens }
        set { kvPageTokensOverride = newValue }
    }

    /// Fixed time every step costs besides its kernels (scheduling, sampling, launches), seconds.
    public var stepOverheadSeconds: Double {
        get { stepOverheadOverride ?? profile.stepOverheadSeconds }
        set { stepOverheadOverride = newValue }
    }

    /// Fixed per-request time before the prefill (HTTP, tokenisation, routing), seconds; it adds
    /// to TTFT and end-to-end latency but holds no GPU.
    public var ttftOverheadSeconds: Double {
        get { requestOverheadOverride ?? profile.requestOverheadSeconds }
        set { requestOverheadOverride = newValue }
    }

    /// The sequence cap on a GPU of `gpuMemoryBytes`: the override, else the engine's rule.
    public func maxNumSeqs(gpuMemoryBytes: Double) -> Int {
        maxNumSeqsOverride ?? profile.maxNumSeqs(gpuMemoryBytes: gpuMemoryBytes)
    }

    /// The per-step token budget on a GPU of `gpuMemoryBytes`: the override, else the engine's rule.
    public func tokenBudget(gpuMemoryBytes: Double) -> Int {
        tokenBudgetOverride ?? profile.tokenBudget(gpuMemoryBytes: gpuMemoryBytes)
    }

    /// CUDA context, CUDA graphs and library workspaces per GPU, bytes: the fixed part of the
    /// runtime reserve. The activation part grows with the model (`LLMMemory.activationBytes`).
    /// Source: capacity-math.md §1 ("≈ 1–3 GB" in all); nvidia-smi shows ≈ 0.5 GiB of CUDA
    /// context per process, and vLLM logs 0.3–1 GiB of CUDA graphs.
    public var runtimeReserveBytesPerGPU: Double = 1_073_741_824

    /// Memory-bandwidth utilisation (MBU): the share of peak HBM bandwidth the weight GEMMs and
    /// the attention achieve when they stream weights and KV, 0 < MBU ≤ 1.
    /// Source: fitted to scripts/accuracy.d/measurements.csv (concurrency-1 TPOT of
    /// Llama-3.3-70B FP8 TP2 on H100, NIM: 18.6–18.9 ms; maximum throughput of dense models).
    public var decodeMBU: Double = 0.65

    /// Model-FLOPs utilisation of the BF16 dense peak for 16-bit (and int8/int4 weight-only) math.
    /// Source: fitted to scripts/accuracy.d/measurements.csv (TensorRT-LLM A100 BF16 prefill).
    public var mfuBF16: Double = 0.5

    /// Model-FLOPs utilisation of the FP8 dense peak when running FP8.
    /// Source: fitted to scripts/accuracy.d/measurements.csv (TensorRT-LLM H100/H200/L40S FP8
    /// concurrency-1 TTFT, 128 and 2,048 prompt tokens).
    public var mfuFP8: Double = 0.5

    /// All-reduce latency floor α per operation, seconds.
    /// Source: capacity-math.md §1 "Tensor-parallel communication", α ≈ 8–10 µs.
    public var allReduceLatencySeconds: Double = 8e-6

    /// Achieved share of the per-direction link bandwidth in collectives, 0 < e ≤ 1.
    /// Source: capacity-math.md, "BW_link ≈ 450 GB/s × ~0.8 (H100 NVLink)".
    public var linkEfficiency: Double = 0.8

    /// Bytes per second a new replica reads its weights at (storage to GPU), for the cold start
    /// `T_ready = W/BW + T_init`. Source: capacity-math.md §4: ServerlessLLM (OSDI 2024)
    /// measured an 84 s LLaMA-2-70B (130 GB) load with standard loaders, ≈ 1.5 GB/s.
    public var weightLoadBandwidth: Double = 1.5e9

    /// Seconds a replica needs after its weights are loaded (engine start, CUDA graph capture,
    /// warm-up) before it serves: the `T_init` of capacity-math.md §4. An assumption: engines
    /// log tens of seconds for graph capture; measure yours.
    public var replicaInitSeconds: Double = 30

    /// Tensor-parallel degrees tried, smallest first (one NVLink domain: ≤ 8).
    /// Source: capacity-math.md §1 "Minimum GPUs".
    public var tensorParallelDegrees: [Int] = [1, 2, 4, 8]

    /// The defaults above (measured medians).
    public init() {}

    /// The illustrative efficiencies of capacity-math.md's worked examples: MFU 0.5 (BF16 and
    /// FP8), MBU 0.7, α = 10 µs, link efficiency 0.8 (450 GB/s × 0.8 = 360 GB/s on H100), no
    /// per-step or per-request overhead, no sequence cap, a token budget that never binds and
    /// no runtime reserve beyond what each example sets.
    public static var capacityMathWorkedExamples: PerformanceAssumptions {
        var a = PerformanceAssumptions()
        a.mfuBF16 = 0.5
        a.mfuFP8 = 0.5
        a.decodeMBU = 0.7
        a.allReduceLatencySeconds = 10e-6
        a.stepOverheadSeconds = 0
        a.ttftOverheadSeconds = 0
        a.maxNumSeqs = 100_000
        a.tokenBudget = 10_000_000
        a.activationReserve = false
        return a
    }

    /// Efficiency factors measured for particular model × GPU × engine combinations
    /// (`calibrate`); they replace MBU and MFU for those combinations (`efficiencies`).
    public var calibrations: [EfficiencyCalibration] = []

    /// Whether the activation memory of one step (`LLMMemory.activationBytes`) is reserved on
    /// top of `runtimeReserveBytesPerGPU`. Off only for capacity-math.md's worked examples.
    public var activationReserve = true

    /// Checks every field is finite and in range.
    /// - Throws: `PerformanceError.invalidAssumption`.
    public func validate() throws {
        func unit(_ name: String, _ v: Double) throws {
            guard v.isFinite, v > 0, v <= 1 else { throw PerformanceError.invalidAssumption(name: name, value: "\(v)", expected: "a number in (0, 1]") }
        }
        func nonNegative(_ name: String, _ v: Double) throws {
            guard v.isFinite, v >= 0 else { throw PerformanceError.invalidAssumption(name: name, value: "\(v)", expected: "a finite number ≥ 0") }
        }
        try unit("memoryFraction", memoryFraction)
        try unit("decodeMBU", decodeMBU)
        try unit("mfuBF16", mfuBF16)
        try unit("mfuFP8", mfuFP8)
        try unit("linkEfficiency", linkEfficiency)
        try nonNegative("runtimeReserveBytesPerGPU", runtimeReserveBytesPerGPU)
        try nonNegative("ttftOverheadSeconds", ttftOverheadSeconds)
        try nonNegative("stepOverheadSeconds", stepOverheadSeconds)
        try nonNegative("allReduceLatencySeconds", allReduceLatencySeconds)
        for c in calibrations {
            if let v = c.mbu { try unit("MBU of \(c.modelID) on \(c.gpuID)", v) }
            if let v = c.mfu { try unit("MFU of \(c.modelID) on \(c.gpuID)", v) }
        }
        guard kvPageTokens >= 1 else { throw PerformanceError.invalidAssumption(name: "kvPageTokens", value: "\(kvPageTokens)", expected: "an integer ≥ 1") }
        if let n = maxNumSeqs, n < 1 { throw PerformanceError.invalidAssumption(name: "maxNumSeqs", value: "\(n)", expected: "an integer ≥ 1") }
        if let k = tokenBudget, k < 1 { throw PerformanceError.invalidAssumption(name: "tokenBudget", value: "\(k)", expected: "an integer ≥ 1") }
        guard !tensorParallelDegrees.isEmpty, tensorParallelDegrees.allSatisfy({ (1...64).contains($0) }) else {
            throw PerformanceError.invalidAssumption(name: "tensorParallelDegrees", value: "\(tensorParallelDegrees)", expected: "degrees in 1...64")
        }
    }
}
