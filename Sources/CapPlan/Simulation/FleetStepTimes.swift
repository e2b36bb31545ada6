/// How long one replica's iteration steps take: the only timing the fleet simulator needs.
///
/// A step of continuous batching (Orca, OSDI 2022) runs the prefill of the sequences admitted
/// at its start, then one decode token for every sequence in the batch, the new ones included:
///
///     t_step = Σ_{new i} prefillSeconds(S_i) + decodeStepSeconds(B, Σ_b ℓ_b)
///
/// `FleetLinearStepTimes` gives hand-checkable timings for tests; `FleetLLMStepTimes` adapts
/// `LLMPerformanceModel` (docs/capacity-math.md §1). Both must return finite times ≥ 0 for
/// every argument the simulator passes; `FleetSimulation.run()` throws
/// `FleetSimulationError.invalidStepTime` otherwise.
public protocol FleetStepTimes: Sendable {
    /// Time to prefill one prompt of `promptTokens` tokens (≥ 1), seconds.
    func prefillSeconds(promptTokens: Int) -> Double

    /// Time of one decode step for `batch` sequences (≥ 1) whose resident contexts add up to
    /// `totalContextTokens` (prompt plus tokens generated before this step, summed over the
    /// batch; ≥ `batch`), seconds.
    func decodeStepSeconds(batch: Int, totalContextTokens: Int) -> Double

    /// A fixed delay before a request reaches a replica's scheduler (tokenisation, HTTP,
    /// routing), seconds, ≥ 0. It adds the same amount to every TTFT and end-to-end latency and
    /// changes no queueing (it shifts every arrival by one constant). Default 0.
    var requestOverheadSeconds: Double { get }
}

extension FleetStepTimes {
    public var requestOverheadSeconds: Double { 0 }
}

/// Step times that are affine in their arguments: constants for hand-checked tests, or a
/// fitted line from measurements.
///
///     prefill(S)      = prefillBase + prefillPerToken · S
///     decode(B, ΣL)   = decodeBase + decodePerSequence · B + decodePerContextToken · ΣL
///
/// All coefficients in seconds (per token or per sequence where named), finite and ≥ 0.
public struct FleetLinearStepTimes: FleetStepTimes, Hashable {
    public var prefillBase: Double
    public var prefillPerToken: Double
    public var decodeBase: Double
    public var decodePerSequence: Double
    public var decodePerContextToken: Double
    public var requestOverheadSeconds: Double

    public init(prefillBase: Double = 0, prefillPerToken: Double = 0, decodeBase: Double,
                decodePerSequence: Double = 0, decodePerContextToken: Double = 0,
                requestOverheadSeconds: Double = 0) {
        self.prefillBase = prefillBase
        self.prefillPerToken = prefillPerToken
        self.decodeBase = decodeBase
        self.decodePerSequence = decodePerSequence
        self.decodePerContextToken = decodePerContextToken
        self.requestOverheadSeconds = requestOverheadSeconds
    }

    /// A constant prefill per prompt and a constant decode step, seconds.
    public static func constant(prefill: Double, decodeStep: Double) -> FleetLinearStepTimes {
        FleetLinearStepTimes(prefillBase: prefill, decodeBase: decodeStep)
    }

    public func prefillSeconds(promptTokens: Int) -> Double {
        prefillBase + prefillPerToken * Double(promptTokens)
    }

    public func decodeStepSeconds(batch: Int, totalContextTokens: Int) -> Double {
        decodeBase + decodePerSequence * Double(batch) + decodePerContextToken * Double(totalContextTokens)
    }
}
