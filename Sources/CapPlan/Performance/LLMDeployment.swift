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

    /// KV tokens one sequence holds in the engine's accounting: ℓ̄ when pages are taken as
    /// tokens are generated, in + out when the whole context is reserved at admission.
    public func heldTokens(reservingFullContext full: Bool) -> Double {
        full ? Double(inputTokens) + Double(outputTokens) : meanResidentTokens
    }
}

/// How the batch (concurrent sequences per instance) is chosen.
public enum LLMBatchChoice: Sendable, Hashable {
    /// The largest batch KV memory allows (the throughput regime).
    case maximum
    /// Exactly this many concurrent sequences.
    case fixed(Int)
    /// The largest batch that fits memory and keeps the mean TPOT ≤ the target, seconds.
    case withinTPOT(Double)
    /// N users in a closed loop (each sends its next request when the last one ends, as
    /// benchmark clients do): the batch is min(N, B_max) and the rest wait for a slot.
    case concurrency(Int)
    /// Open loop: requests arrive at this rate (per second, Poisson). Below capacity the batch
    /// is what Little's law holds and TTFT adds the M/M/c wait for one of B_max slots; at or
    /// above capacity the result runs at B_max and says the rate is not sustainable.
    case rate(Double)
}

/// Which roofline side limits a step.
public enum PerformanceBound: String, Sendable, Hashable {
    case memory
    case compute
}
