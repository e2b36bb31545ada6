/// How long one replica's iteration steps take: the only timing the fleet simulator needs.
///
/// A step of continuous batching (Orca, OSDI 2022) prefills the prompts admitted at its start
/// and decodes one token for every sequence already running, in one forward pass; the new
/// sequences get their first token from their prefill. The simulator describes the step as a
/// `StepLoad` and asks for its time:
///
///     t_step = stepSeconds(StepLoad(decode: running sequences and their context,
///                                    prefill: Σ S_i over the new prompts, Σ S_i²/2 attended))
///
/// `FleetLinearStepTimes` gives hand-checkable timings for tests; `FleetLLMStepTimes` prices
/// the step with `LLMPerformanceModel` (docs/capacity-math.md §1), the function `perf` and
/// `size` use. Both must return finite times ≥ 0 for every load the simulator passes;
/// `FleetSimulation.run()` throws `FleetSimulationError.invalidStepTime` otherwise.
public protocol FleetStepTimes: Sendable {
    /// Time of one step carrying `load`, with `newPrompts` prompts prefilled in it, seconds.
    func stepSeconds(_ load: StepLoad, newPrompts: Int) -> Double

    /// A fixed delay before a request reaches a replica's scheduler (tokenisation, HTTP,
    /// routing), seconds, ≥ 0. It adds the same amount to every TTFT and end-to-end latency and
    /// changes no queueing (it shifts every arrival by one constant). Default 0.
    var requestOverheadSeconds: Double { get }

    /// Most tokens one step processes, decode tokens and prompt chunks together (the engine's
    /// chunked-prefill budget). Default: unbounded, so every admitted prompt is prefilled whole
    /// in its first step.
    var tokenBudget: Int { get }

    /// Whether a sequence holds KV for its whole context (prompt + output) from admission, or
    /// prompt + output/2 on average (pages taken as tokens come). Default: the whole context.
    var reservesFullContext: Bool { get }
}

extension FleetStepTimes {
    public var requestOverheadSeconds: Double { 0 }
    public var tokenBudget: Int { Int.max / 4 }
    public var reservesFullContext: Bool { true }
}

/// Step times that are affine in their arguments: constants for hand-checked tests, or a
/// fitted line from measurements. A step with n new prompts of Σ S tokens, B sequences in all
/// (new ones included) and ΣL tokens of context (prompts included):
///
///     t_step = n · prefillBase + prefillPerToken · Σ S
///            + decodeBase + decodePerSequence · B + decodePerContextToken · ΣL
///
/// All coefficients in seconds (per token or per sequence where named), finite and ≥ 0.
public struct FleetLinearStepTimes: FleetStepTimes, Hashable {
    public var prefillBase: Double
    public var prefillPerToken: Double
    public var decodeBase: Double
    public var decodePerSequence: Double
    public var decodePerContextToken: Double
    public var requestOverheadSeconds: Double
    /// Most tokens a step processes; unbounded by default (every prompt prefilled whole).
    public var tokenBudget: Int = Int.max / 4

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

    public func stepSeconds(_ load: StepLoad, newPrompts: Int) -> Double {
        let n = Double(newPrompts)
        let batch = Double(load.decodeSequences) + n
        let context = load.decodeContextTokens + load.prefillTokens
        return n * prefillBase + prefillPerToken * load.prefillTokens
            + decodeBase + decodePerSequence * batch + decodePerContextToken * context
    }
}
