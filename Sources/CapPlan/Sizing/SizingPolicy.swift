/// The session-wide defaults the sizing pipeline applies where a workload does not override
/// them (design.md "Defaults"); every one is shown by `explain size`.
public struct SizingPolicy: Sendable, Hashable {
    /// Headroom as a share of demand: size for D × (1 + h), so u_target = 1/(1+h).
    public var headroom: Double = 0.2
    /// N+k spare instances.
    public var spares: Int = 0
    public var zones: Int = 1
    /// Zone failures survived; nil means 1 when zones > 1.
    public var zoneFailures: Int?
    /// SLA percentile (0.99 = p99).
    public var quantile: Double = 0.99
    public var pricing: PricingMode = .onDemand
    /// Hours in a month for costs (730 = 8,760 / 12).
    public var monthHours: Double = 730
    public var assumptions = PerformanceAssumptions()
    /// Whether to record the derivation (`explain`); off, sizing skips formatting its steps.
    public var recordsDerivation = true

    public init() {}
}

/// The knobs one sizing run may override (`size W gpu=h100 pricing=spot`).
public struct SizingOverrides: Sendable, Hashable {
    public var gpu: String?
    public var pricing: PricingMode?

    public init(gpu: String? = nil, pricing: PricingMode? = nil) {
        self.gpu = gpu
        self.pricing = pricing
    }
}
