/// One way to serve a workload, sized: a model on an accelerator at a precision, bought one way.
///
/// `optimize` and `pareto` choose among these; every one went through `Sizer.size` with the
/// workload's own demand and SLA, so a `ServingOption` always fits in memory, has a price and
/// meets the SLA (the ones that do not are `RejectedServingOption`s).
public struct ServingOption: Sendable, Hashable {
    public var workload: String
    /// Catalog model id, or nil for a workload measured per instance or by FLOPs.
    public var model: String?
    /// Catalog accelerator id ("none" for CPU-only).
    public var gpu: String
    /// The weight precision sized, or nil when the workload has no LLM.
    public var precision: Precision?
    public var pricing: PricingMode
    /// The model's catalog quality score, 0–100, or nil when it has none.
    public var quality: Double?
    public var sizing: SizingResult

    /// "llama-3-70b h100 fp8 spot": the parts that vary, in one order.
    public var label: String {
        [model, gpu == "unspecified" ? nil : gpu, precision?.rawValue, pricing.rawValue].compactMap { $0 }.joined(separator: " ")
    }

    /// Fleet throughput in tokens/s (instances × per-instance capacity × tokens per request),
    /// nil when the workload has no token counts.
    public var tokensPerSecond: Double? {
        if sizing.demandInTokens { return sizing.capacity }
        return sizing.tokensPerRequest.map { sizing.capacity * $0 }
    }
}

/// A combination the search sized and set aside, with the reason in words.
public struct RejectedServingOption: Sendable, Hashable {
    public var label: String
    public var reason: String

    public init(label: String, reason: String) {
        self.label = label
        self.reason = reason
    }
}
