import CapPlan

/// Session-wide defaults (design.md "Defaults"), each visible in `show settings` and settable
/// with `set KEY VALUE`. Workloads override headroom, spares, zones, pricing and the SLA
/// percentile individually.
public struct Settings: Hashable, Sendable {
    public enum Format: String, Sendable, CaseIterable { case table, json, csv }

    public var format: Format = .table
    /// Headroom as a share of demand: size for demand × (1 + h), so u_target = 1/(1+h).
    public var headroom: Double = 0.2
    /// N+k spare instances.
    public var spares: Int = 0
    public var zones: Int = 1
    /// Zone failures survived; `nil` means 1 when zones > 1, else 0.
    public var zoneFailures: Int?
    /// SLA percentile, 0.99 for p99.
    public var quantile: Double = 0.99
    /// Parsed once when set: every sizing reads it.
    public var pricing: PricingMode = .onDemand
    /// Length of a month in hours for costs (730 = 8,760 / 12).
    public var monthHours: Double = 730
    /// Print timings of simulations (never in default output, so golden files stay stable).
    public var timer: Bool = false
    /// Performance-model defaults (efficiencies, memory fraction, TTFT overhead), each a setting.
    public var assumptions = PerformanceAssumptions()

    public init() {}

    public var conventions: UnitConventions { UnitConventions(monthSeconds: monthHours * 3600) }
}
