/// A service to be sized: its demand, its model or measured throughput, its SLA and how it is
/// bought. Values are in base units (requests/s, tokens, seconds, bytes, $/h); `nil` means "not
/// given" so that session defaults (headroom, spares, zones, pricing) apply.
///
/// A workload can be described three ways (issue 3), all sized by the same pipeline:
/// 1. measured throughput per instance (`perInstance`), optionally CPU-only with cores and RAM;
/// 2. an LLM (`model`) on an accelerator (`gpu`), whose throughput the performance model derives;
/// 3. a non-LLM model with compute (`flopsPerRequest`) and bytes moved per request.
public struct Workload: Hashable, Sendable {
    public var name: String

    // Demand.
    /// Mean request rate, requests/s. The rate sized for is `rate × peakMultiplier`.
    public var rate: Double?
    /// Token demand, tokens/s (from `tpm=`), for workloads measured in tokens.
    public var tokenRate: Double?
    /// Prompt (input) tokens per request.
    public var inputTokens: Double?
    /// Generated (output) tokens per request.
    public var outputTokens: Double?
    /// Known percentiles of the prompt and output lengths (`in.p50= in.p90= in.p99=`, same for
    /// `out.`); with the means they make `inputLengths` and `outputLengths`.
    public var inputPercentiles: [TokenLengths.Percentile] = []
    public var outputPercentiles: [TokenLengths.Percentile] = []

    /// The prompt-length distribution: `inputTokens` with `inputPercentiles`; nil without a mean.
    /// - Throws: `TokenLengthsError` when the percentiles do not make a distribution.
    public func inputLengths() throws -> TokenLengths? {
        try inputTokens.map { try TokenLengths(mean: $0, percentiles: inputPercentiles) }
    }

    /// The output-length distribution: `outputTokens` with `outputPercentiles`.
    public func outputLengths() throws -> TokenLengths? {
        try outputTokens.map { try TokenLengths(mean: $0, percentiles: outputPercentiles) }
    }

    /// Both distributions, nil where the mean is missing. The workload keys check the
    /// percentiles against the means as they are set, so they make distributions whenever the
    /// means exist (sizing and the simulator read this).
    public var tokenLengths: (input: TokenLengths?, output: TokenLengths?) {
        ((try? inputLengths()) ?? nil, (try? outputLengths()) ?? nil)
    }
    /// Peak-to-mean multiplier applied to `rate` (default 1: the rate given is the rate sized for).
    public var peakMultiplier: Double?
    /// Where `rate` and `peakMultiplier` were measured (`set workload W from=history`), for
    /// `explain`; nil when they were typed.
    public var demandSource: String?

    // Service-level objective.
    public var sla = ServiceLevel()

    // What serves it.
    /// Catalog model name (an AI model, never a fitting method).
    public var model: String?
    /// Candidate models for `optimize`.
    public var models: [String]?
    public var precision: String?
    /// KV-cache precision (default: the weight precision for bf16/fp8, bf16 for int8/int4).
    public var kvPrecision: String?
    /// The serving engine whose defaults apply to this workload (default: the session's).
    public var engine: ServingEngine?
    /// Catalog accelerator name, or "none" for a CPU-only service.
    public var gpu: String?
    /// Candidate accelerators for `optimize`.
    public var gpus: [String]?
    /// GPUs per instance when given explicitly (otherwise derived, e.g. the TP degree).
    public var gpusPerInstance: Int?
    /// Measured throughput of one instance: requests/s, or tokens/s when `perInstanceIsTokens`.
    public var perInstance: Double?
    public var perInstanceIsTokens = false
    /// Compute per request (FLOP) and bytes moved per request, for a roofline-sized model.
    public var flopsPerRequest: Double?
    public var bytesPerRequest: Double?
    /// Mean service time of one request on one instance, seconds (for queueing), when measured.
    public var serviceTime: Double?

    // How it is bought and protected.
    public var pricing: String?
    /// Price of one instance-hour in $/h; overrides the catalog's per-GPU price.
    public var pricePerInstanceHour: Double?
    /// Headroom as a share of demand (0.2 = size for demand × 1.2).
    public var headroom: Double?
    /// N+k spare instances.
    public var spares: Int?
    /// Zones to spread over; survives `zoneFailures` of them.
    public var zones: Int?
    public var zoneFailures: Int?
    /// CPU cores and RAM (bytes) per instance, for CPU-only services.
    public var cpuPerInstance: Double?
    public var ramPerInstance: Double?
    /// Squared coefficients of variation of inter-arrival and service times (Allen–Cunneen);
    /// nil means 1 (Poisson arrivals, exponential service).
    public var arrivalSCV: Double?
    public var serviceSCV: Double?
    /// Importance in `optimize` (weighted total quality).
    public var weight: Double?

    public init(name: String) {
        self.name = name
    }
}

/// Latency objectives of a workload; each is a percentile (`quantile`, default p99) in seconds.
public struct ServiceLevel: Hashable, Sendable {
    public var ttft: Double?
    public var tpot: Double?
    public var e2e: Double?
    /// 0.99 for p99. `nil` uses the session default.
    public var quantile: Double?

    public init(ttft: Double? = nil, tpot: Double? = nil, e2e: Double? = nil, quantile: Double? = nil) {
        self.ttft = ttft
        self.tpot = tpot
        self.e2e = e2e
        self.quantile = quantile
    }

    public var isEmpty: Bool { ttft == nil && tpot == nil && e2e == nil }
}
