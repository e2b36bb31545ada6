/// A model served on one kind of GPU at a precision: the "what" of a performance question.
public struct LLMDeployment: Sendable, Hashable {
    public var model: ModelSpec
    public var gpu: Accelerator
    /// Weight precision.
    public var precision: Precision
    /// KV-cache precision; defaults to `precision.defaultKVPrecision`.
    public var kvPrecision: Precision
    /// A fixed tensor-parallel degree, or nil to choose the smallest that fits.
    public var tensorParallel: Int?

    public init(model: ModelSpec, gpu: Accelerator, precision: Precision? = nil,
                kvPrecision: Precision? = nil, tensorParallel: Int? = nil) {
        self.model = model
        self.gpu = gpu
        let p = precision ?? model.defaultPrecision
        self.precision = p
        self.kvPrecision = kvPrecision ?? p.defaultKVPrecision
        self.tensorParallel = tensorParallel
    }
}

/// The tokens of one request.
public struct LLMRequestShape: Sendable, Hashable {
    /// Prompt tokens S, ≥ 1.
    public var inputTokens: Int
    /// Generated tokens, ≥ 1.
    public var outputTokens: Int

    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    /// ℓ̄ = prompt + output/2: the mean resident context of a sequence with paged KV, tokens.
    public var meanResidentTokens: Double { Double(inputTokens) + Double(outputTokens) / 2 }
}

/// How the batch (concurrent sequences per instance) is chosen.
public enum LLMBatchChoice: Sendable, Hashable {
    /// The largest batch KV memory allows (the throughput regime).
    case maximum
    /// Exactly this many concurrent sequences.
    case fixed(Int)
    /// The largest batch that fits memory and keeps TPOT ≤ the target, seconds.
    case withinTPOT(Double)
}

/// Which roofline side limits a step.
public enum PerformanceBound: String, Sendable, Hashable {
    case memory
    case compute
}
