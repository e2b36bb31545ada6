/// Every default of the LLM performance model and the roofline, in one overridable value.
///
/// The defaults reproduce the medians of public measured benchmarks (docs/capacity-math.md,
/// "What measured benchmarks imply"); the worked examples in that document use more optimistic
/// illustrative values (`PerformanceAssumptions.capacityMathWorkedExamples`).
public struct PerformanceAssumptions: Sendable, Hashable {
    /// Share of GPU memory the engine may fill with weights + KV cache (u_mem), 0 < u ≤ 1.
    /// Source: vLLM `gpu_memory_utilization` default 0.9 (`vllm/config/cache.py`).
    public var memoryFraction: Double = 0.9

    /// Activations, CUDA graphs and CUDA context per GPU (M_act + M_ctx), bytes.
    /// Source: capacity-math.md §1 ("≈ 1–3 GB"); issue 3 sets 2 GB.
    public var runtimeReserveBytesPerGPU: Double = 2e9

    /// Decode memory-bandwidth utilisation (MBU) at small batch, 0 < MBU ≤ 1.
    /// Source: capacity-math.md, measured decode MBU 0.46–0.65, median ≈ 0.55.
    public var decodeMBU: Double = 0.55

    /// Model-FLOPs utilisation of the BF16 dense peak, used for prefill and for the compute
    /// side of the decode roofline when running 16-bit (or int8/int4 weight-only) math.
    /// Source: capacity-math.md, prefill of ~2k tokens at 0.60–0.67 of BF16 peak on A100.
    public var mfuBF16: Double = 0.6

    /// Model-FLOPs utilisation of the FP8 dense peak when running FP8.
    /// Source: capacity-math.md, H100 FP8 prefill 0.33–0.39 of the FP8 peak; NIM Llama-3.3-70B
    /// FP8 TP2 ≈ 0.46.
    public var mfuFP8: Double = 0.4

    /// Fixed per-request time added to TTFT (tokenisation, scheduling, first launch), seconds.
    /// Source: capacity-math.md, "short prompts: TTFT is dominated by a fixed overhead of
    /// roughly 5–30 ms"; issue 3 sets 15 ms.
    public var ttftOverheadSeconds: Double = 0.015

    /// All-reduce latency floor α per operation, seconds.
    /// Source: capacity-math.md §1 "Tensor-parallel communication", α ≈ 8–10 µs.
    public var allReduceLatencySeconds: Double = 8e-6

    /// Achieved share of the per-direction link bandwidth in all-reduce, 0 < e ≤ 1.
    /// Source: capacity-math.md, "BW_link ≈ 450 GB/s × ~0.8 (H100 NVLink)".
    public var linkEfficiency: Double = 0.8

    /// Tensor-parallel efficiency η over NVLink (or Infinity Fabric) for t ≥ 2.
    /// Divides the decode roofline time (see `LLMPerformanceModel.decodeStep`).
    /// Source: capacity-math.md, "about 0.55 over NVLink reproduces these medians" (70B TP 2–8
    /// throughput ≈ 0.32 of the ideal roofline).
    public var tensorParallelEfficiencyNVLink: Double = 0.55

    /// Tensor-parallel efficiency η over PCIe only for t ≥ 2.
    /// Source: capacity-math.md, L40S TP4 ≈ 0.16 of ideal, "a tensor-parallel efficiency near 0.3".
    public var tensorParallelEfficiencyPCIe: Double = 0.3

    /// Bytes per second a new replica reads its weights at (storage to GPU), for the cold start
    /// `T_ready = W/BW + T_init`. Source: capacity-math.md §4: ServerlessLLM (OSDI 2024)
    /// measured an 84 s LLaMA-2-70B (130 GB) load with standard loaders, ≈ 1.5 GB/s.
    public var weightLoadBandwidth: Double = 1.5e9

    /// Seconds a replica needs after its weights are loaded (engine start, CUDA graph capture,
    /// warm-up) before it serves: the `T_init` of capacity-math.md §4. An assumption: engines
    /// log tens of seconds for graph capture; measure yours.
    public var replicaInitSeconds: Double = 30

    /// KV-cache page size, tokens; free KV tokens are rounded down to whole pages.
    /// Source: vLLM default `block_size` 16 (`vllm/config/cache.py`).
    public var kvPageTokens: Int = 16

    /// Upper bound on concurrent sequences per instance (B_max ≤ this).
    /// Source: vLLM `max_num_seqs` default 256 (`SchedulerConfig`).
    public var maxNumSeqs: Int = 256

    /// Tensor-parallel degrees tried, smallest first (one NVLink domain: ≤ 8).
    /// Source: capacity-math.md §1 "Minimum GPUs".
    public var tensorParallelDegrees: [Int] = [1, 2, 4, 8]

    /// The defaults above (measured medians).
    public init() {}

    /// The illustrative efficiencies of capacity-math.md's worked examples: MFU 0.5 (BF16 and
    /// FP8), MBU 0.7, α = 10 µs, no TP efficiency factor, no TTFT overhead, link efficiency
    /// 0.8 (450 GB/s × 0.8 = 360 GB/s on H100). Runtime reserve and batch cap vary by example.
    public static var capacityMathWorkedExamples: PerformanceAssumptions {
        var a = PerformanceAssumptions()
        a.mfuBF16 = 0.5
        a.mfuFP8 = 0.5
        a.decodeMBU = 0.7
        a.allReduceLatencySeconds = 10e-6
        a.tensorParallelEfficiencyNVLink = 1
        a.tensorParallelEfficiencyPCIe = 1
        a.ttftOverheadSeconds = 0
        a.maxNumSeqs = 100_000
        return a
    }

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
        try unit("tensorParallelEfficiencyNVLink", tensorParallelEfficiencyNVLink)
        try unit("tensorParallelEfficiencyPCIe", tensorParallelEfficiencyPCIe)
        try nonNegative("runtimeReserveBytesPerGPU", runtimeReserveBytesPerGPU)
        try nonNegative("ttftOverheadSeconds", ttftOverheadSeconds)
        try nonNegative("allReduceLatencySeconds", allReduceLatencySeconds)
        guard kvPageTokens >= 1 else { throw PerformanceError.invalidAssumption(name: "kvPageTokens", value: "\(kvPageTokens)", expected: "an integer ≥ 1") }
        guard maxNumSeqs >= 1 else { throw PerformanceError.invalidAssumption(name: "maxNumSeqs", value: "\(maxNumSeqs)", expected: "an integer ≥ 1") }
        guard !tensorParallelDegrees.isEmpty, tensorParallelDegrees.allSatisfy({ (1...64).contains($0) }) else {
            throw PerformanceError.invalidAssumption(name: "tensorParallelDegrees", value: "\(tensorParallelDegrees)", expected: "degrees in 1...64")
        }
    }
}
