/// The work of one engine step under continuous batching with chunked prefill (vLLM V1,
/// SGLang and TensorRT-LLM all schedule this way by default): some sequences each decode one
/// token, and some prompt tokens are prefilled, all in one forward pass.
///
/// The simulator builds one per step from its batch; the analytic model builds the average
/// step of a steady state. `LLMPerformanceModel.stepTime(_:)` prices both the same way.
public struct StepLoad: Sendable, Hashable {
    /// Sequences that generate one token in this step.
    public var decodeSequences: Int
    /// Σ resident context of those sequences (prompt + tokens generated), tokens.
    public var decodeContextTokens: Double
    /// Prompt tokens prefilled in this step (whole prompts or chunks).
    public var prefillTokens: Double
    /// Σ over the prefilled tokens of the context each attends to (its position in its prompt):
    /// S²/2 for a whole prompt of S tokens. Sets the prefill's attention FLOPs.
    public var prefillAttendedTokens: Double

    public init(decodeSequences: Int = 0, decodeContextTokens: Double = 0, prefillTokens: Double = 0, prefillAttendedTokens: Double = 0) {
        self.decodeSequences = decodeSequences
        self.decodeContextTokens = decodeContextTokens
        self.prefillTokens = prefillTokens
        self.prefillAttendedTokens = prefillAttendedTokens
    }

    /// A step that prefills `tokens` tokens of one prompt, from position `from` (0 for the
    /// prompt's first chunk), with nothing decoding.
    public static func prefill(tokens: Double, from start: Double = 0) -> StepLoad {
        StepLoad(prefillTokens: tokens, prefillAttendedTokens: tokens * (start + tokens / 2))
    }

    /// A step where `batch` sequences of mean context `context` decode one token each.
    public static func decode(batch: Int, context: Double) -> StepLoad {
        StepLoad(decodeSequences: batch, decodeContextTokens: Double(batch) * context)
    }

    /// Tokens the step's forward pass processes.
    public var tokens: Double { Double(decodeSequences) + prefillTokens }

    /// This step with `other`'s work added.
    public func adding(_ other: StepLoad) -> StepLoad {
        StepLoad(decodeSequences: decodeSequences + other.decodeSequences,
                 decodeContextTokens: decodeContextTokens + other.decodeContextTokens,
                 prefillTokens: prefillTokens + other.prefillTokens,
                 prefillAttendedTokens: prefillAttendedTokens + other.prefillAttendedTokens)
    }
}

/// The time of one step and what it is made of, seconds.
public struct StepTime: Sendable, Hashable {
    /// All FLOPs / (t · P_peak · MFU).
    public var computeSeconds: Double
    /// All bytes read and written / (BW · MBU).
    public var memorySeconds: Double
    /// The weight GEMMs: max(2·N_active·(B + P) / (t·P·MFU), W_read / (t·BW·MBU)).
    public var gemmSeconds: Double
    /// The attention: max(4·L·d_attn·(Σℓ + Σpos) / (t·P·MFU), (Σℓ + P)·kv_tok_gpu / (BW·MBU)).
    public var attentionSeconds: Double
    /// Tensor-parallel all-reduces: 2 per layer.
    public var communicationSeconds: Double
    /// The engine's fixed cost per step.
    public var overheadSeconds: Double
    /// gemm + attention + communication + overhead.
    public var totalSeconds: Double
    public var bound: PerformanceBound
}
