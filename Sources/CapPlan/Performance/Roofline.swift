/// Service time of one request of a non-LLM model (BERT, Whisper, SDXL) on one GPU.
public struct RooflineResult: Sendable, Hashable {
    /// flops / (P_peak · MFU), seconds.
    public var computeSeconds: Double
    /// bytes / (BW · MBU), seconds.
    public var memorySeconds: Double
    /// max(compute, memory), seconds.
    public var serviceSeconds: Double
    public var bound: PerformanceBound
    /// 1 / service time: requests per second one GPU serves back to back.
    public var requestsPerSecond: Double
}

/// The roofline for workloads described by compute and bytes per request.
public struct Roofline: Sendable {
    public var assumptions: PerformanceAssumptions

    public init(assumptions: PerformanceAssumptions = PerformanceAssumptions()) {
        self.assumptions = assumptions
    }

    /// Service time of one request.
    ///
    ///     S = max( flops / (P_peak · MFU), bytes / (BW · MBU) )
    ///
    /// P_peak and MFU: the FP8 peak with `mfuFP8` at fp8, else the BF16 peak with `mfuBF16`;
    /// MBU is `decodeMBU`.
    /// - Parameters:
    ///   - flops: FLOPs per request (one SDXL image, one BERT sequence), ≥ 0 and finite.
    ///   - bytes: bytes moved per request (weights read + activations), ≥ 0 and finite.
    ///   - Not both zero.
    /// - Throws: `PerformanceError.invalidInput`, `.missingFigure`, `.unsupportedPrecision`.
    public func serviceTime(flops: Double, bytes: Double, gpu: Accelerator, precision: Precision = .bf16) throws -> RooflineResult {
        try assumptions.validate()
        for (name, v) in [("flops", flops), ("bytes", bytes)] where !(v.isFinite && v >= 0) {
            throw PerformanceError.invalidInput(name: name, value: "\(v)", expected: "a finite number ≥ 0")
        }
        guard flops > 0 || bytes > 0 else {
            throw PerformanceError.invalidInput(name: "flops and bytes", value: "0", expected: "at least one of them positive")
        }
        let g = try GPUFigures(gpu)
        let (p, mfu) = try LLMPerformanceModel(assumptions: assumptions).peak(g, precision)
        let compute = flops / (p * mfu)
        let memory = bytes / (g.bandwidthBytesPerSecond * assumptions.decodeMBU)
        let s = Swift.max(compute, memory)
        return RooflineResult(computeSeconds: compute, memorySeconds: memory, serviceSeconds: s,
                              bound: memory >= compute ? .memory : .compute, requestsPerSecond: 1 / s)
    }
}
