/// Which constraint decided the instance count.
public enum BindingConstraint: String, Sendable, Hashable {
    /// Throughput, with the batch limited by KV-cache memory.
    case memory
    /// Throughput at the batch the SLA allows.
    case throughput
    /// The latency percentile (queueing wait) needed more instances than throughput.
    case latency
}

/// How the capacity of one instance was found.
public enum CapacitySource: String, Sendable, Hashable {
    /// `per_instance=`: a measured throughput.
    case measured
    /// The LLM performance model (capacity-math.md §1).
    case llm
    /// The roofline of compute and bytes per request.
    case roofline
}

/// A sized fleet for one workload on one accelerator and pricing mode, with its derivation.
///
/// Counts are whole; rates are requests/s; times are seconds; money is USD; power is W.
public struct SizingResult: Sendable, Hashable {
    public var workload: String
    /// The catalog id of the accelerator, or "none" for CPU-only.
    public var gpu: String
    public var pricing: PricingMode
    public var source: CapacitySource

    // Demand, in requests/s, or tokens/s when `demandInTokens` (a workload measured in tokens).
    public var demandInTokens: Bool
    public var meanRate: Double
    public var peakRate: Double
    /// Demand sized for: peak × (1 + headroom).
    public var sizedRate: Double
    public var headroom: Double

    // Per instance.
    /// Throughput of one instance, requests/s.
    public var capacityPerInstance: Double
    public var gpusPerInstance: Int
    public var batch: Int?
    public var maxBatch: Int?
    public var tensorParallel: Int?

    // Counts.
    public var throughputInstances: Int
    public var latencyInstances: Int
    /// max(throughput, latency): before spares and zones.
    public var neededInstances: Int
    public var spares: Int
    public var zones: Int
    public var zoneFailures: Int
    /// Final count, after spares and the zone spread.
    public var instances: Int
    public var gpus: Int
    public var binding: BindingConstraint

    // Service quality at the final fleet.
    public var utilization: Double
    public var ttftP99: Double?
    public var tpot: Double?
    public var e2eP99: Double?
    public var meetsSLA: Bool
    /// Each objective missed, in words.
    public var slaMisses: [String]
    public var quantile: Double

    // Cost and power.
    public var pricePerInstanceHour: Double?
    public var costPerHour: Double?
    public var costPerMonth: Double?
    public var costPerYear: Double?
    public var costPerRequest: Double?
    public var costPerMillionTokens: Double?
    public var monthHours: Double
    public var powerWatts: Double?
    public var energyKWhPerMonth: Double?
    public var cpuCores: Double?
    public var ramBytes: Double?
    /// Tokens per request (in + out), when known.
    public var tokensPerRequest: Double?

    public var derivation: Derivation

    /// Fleet capacity at full throughput, requests/s.
    public var capacity: Double { Double(instances) * capacityPerInstance }
}
