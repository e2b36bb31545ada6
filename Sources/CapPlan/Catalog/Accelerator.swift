/// How GPUs of one kind talk to each other inside a server.
public struct Interconnect: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case nvlink
        case pcie
        case infinityFabric = "infinity-fabric"
    }

    public var kind: Kind
    /// Link bandwidth per GPU per direction, GB/s (1e9 B/s). NVLink 4 on H100 is 450.
    public var linkGBpsPerDirection: Sourced<Double>
    /// Whether tensor parallelism up to 8 GPUs runs over a scale-up fabric (NVLink, or
    /// Infinity Fabric on MI300X) rather than PCIe.
    public var tensorParallelOverNVLink: Sourced<Bool>

    public init(kind: Kind, linkGBpsPerDirection: Sourced<Double>, tensorParallelOverNVLink: Sourced<Bool>) {
        self.kind = kind
        self.linkGBpsPerDirection = linkGBpsPerDirection
        self.tensorParallelOverNVLink = tensorParallelOverNVLink
    }
}

/// Price of one GPU for one hour, USD, per pricing mode.
public struct GPUPrices: Sendable, Hashable {
    public var onDemand: Sourced<Double>
    public var spot: Sourced<Double>
    public var reserved1y: Sourced<Double>
    public var reserved3y: Sourced<Double>

    public init(onDemand: Sourced<Double>, spot: Sourced<Double>, reserved1y: Sourced<Double>, reserved3y: Sourced<Double>) {
        self.onDemand = onDemand
        self.spot = spot
        self.reserved1y = reserved1y
        self.reserved3y = reserved3y
    }

    public subscript(mode: PricingMode) -> Sourced<Double> {
        get {
            switch mode {
            case .onDemand: return onDemand
            case .spot: return spot
            case .reserved1y: return reserved1y
            case .reserved3y: return reserved3y
            }
        }
        set {
            switch mode {
            case .onDemand: onDemand = newValue
            case .spot: spot = newValue
            case .reserved1y: reserved1y = newValue
            case .reserved3y: reserved3y = newValue
            }
        }
    }
}

/// One accelerator type. All throughput figures are dense (no 2:4 sparsity).
public struct Accelerator: Sendable, Hashable, Identifiable {
    public var names: CatalogNames
    /// Device memory in GiB (2³⁰ B) as the driver reports it (nvidia-smi's MiB / 1024): HBM
    /// capacities are binary, so an "80 GB" H100 has 81,559 MiB = 79.65 GiB (85.5e9 B).
    public var memoryGiB: Sourced<Double>
    /// Dense BF16 (or FP16 where the part has no BF16) tensor throughput, TFLOPS (1e12 FLOP/s).
    public var bf16TFLOPS: Sourced<Double>
    /// Dense FP8 tensor throughput, TFLOPS; nil on parts without FP8 (A100, V100, T4, A10G).
    public var fp8TFLOPS: Sourced<Double>
    /// Dense INT8 tensor throughput, TOPS; informational (the model runs int8 weight-only).
    public var int8TOPS: Sourced<Double>
    /// Peak memory bandwidth, TB/s (1e12 B/s).
    public var memoryBandwidthTBps: Sourced<Double>
    /// Board power, W.
    public var tdpWatts: Sourced<Double>
    public var interconnect: Interconnect
    public var prices: GPUPrices
    public var notes: String?

    public var id: String { names.id }

    public init(names: CatalogNames, memoryGiB: Sourced<Double>, bf16TFLOPS: Sourced<Double>,
                fp8TFLOPS: Sourced<Double>, int8TOPS: Sourced<Double>, memoryBandwidthTBps: Sourced<Double>,
                tdpWatts: Sourced<Double>, interconnect: Interconnect, prices: GPUPrices, notes: String? = nil) {
        self.names = names
        self.memoryGiB = memoryGiB
        self.bf16TFLOPS = bf16TFLOPS
        self.fp8TFLOPS = fp8TFLOPS
        self.int8TOPS = int8TOPS
        self.memoryBandwidthTBps = memoryBandwidthTBps
        self.tdpWatts = tdpWatts
        self.interconnect = interconnect
        self.prices = prices
        self.notes = notes
    }

    /// Every figure with its field name, for validation and `catalog show`.
    public var figures: [(field: String, value: String?, source: Source?, note: String?)] {
        func d(_ name: String, _ s: Sourced<Double>) -> (String, String?, Source?, String?) {
            (name, s.value.map { "\($0)" }, s.source, s.note)
        }
        return [
            d("memoryGiB", memoryGiB), d("bf16TFLOPS", bf16TFLOPS), d("fp8TFLOPS", fp8TFLOPS),
            d("int8TOPS", int8TOPS), d("memoryBandwidthTBps", memoryBandwidthTBps), d("tdpWatts", tdpWatts),
            d("interconnect.linkGBpsPerDirection", interconnect.linkGBpsPerDirection),
            ("interconnect.tensorParallelOverNVLink", interconnect.tensorParallelOverNVLink.value.map { "\($0)" },
             interconnect.tensorParallelOverNVLink.source, interconnect.tensorParallelOverNVLink.note),
            d("price.onDemand", prices.onDemand), d("price.spot", prices.spot),
            d("price.reserved1y", prices.reserved1y), d("price.reserved3y", prices.reserved3y),
        ]
    }
}
