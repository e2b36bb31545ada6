/// Why a workload cannot be sized, in words that say what to add or change.
public enum SizingError: Error, Sendable, Hashable {
    case missingDemand(workload: String)
    case missingTokenDemand(workload: String)
    case missingCapacity(workload: String)
    case missingTokens(workload: String)
    case missingGPU(workload: String)
    case cpuOnlyNeedsMeasuredThroughput(workload: String)
    case notAnLLM(workload: String, model: String)
    case noPrice(gpu: String, pricing: PricingMode)
    case noAcceleratorMeetsSLA(workload: String, tried: Int, reasons: [String])
    case tooLarge(workload: String, instances: Double)
    case invalidPrecision(String)

    public var message: String {
        switch self {
        case .missingDemand(let w):
            return "workload '\(w)' has no request rate"
        case .missingTokenDemand(let w):
            return "workload '\(w)' is measured in tokens per instance but has no token demand"
        case .missingCapacity(let w):
            return "workload '\(w)' has no way to size it"
        case .missingTokens(let w):
            return "LLM workload '\(w)' needs tokens per request (in= and out=)"
        case .missingGPU(let w):
            return "workload '\(w)' needs an accelerator"
        case .cpuOnlyNeedsMeasuredThroughput(let w):
            return "CPU-only workload '\(w)' needs a measured throughput per instance"
        case .notAnLLM(let w, let m):
            return "workload '\(w)': '\(m)' is not an LLM; size it with flops= and bytes= per request, or per_instance="
        case .noPrice(let gpu, let pricing):
            return "the catalog has no \(pricing.rawValue) price for \(gpu)"
        case .noAcceleratorMeetsSLA(let w, let tried, _):
            return "no accelerator in the catalog serves '\(w)' within its SLA (tried \(tried))"
        case .tooLarge(let w, let instances):
            return "workload '\(w)' would need \(NumberFormat.decimal(instances)) instances, more than capplan sizes"
        case .invalidPrecision(let p):
            return "unknown precision '\(p)'"
        }
    }

    public var hint: String? {
        switch self {
        case .missingDemand(let w):
            return "give it one: set workload \(w) rps=100 (or rph=, rpm=, rpd=, rate=)"
        case .missingTokenDemand(let w):
            return "give tpm= (tokens per minute), or rps= with in= and out=: set workload \(w) tpm=300k"
        case .missingCapacity(let w):
            return "give per_instance= (measured), model= with gpu= (LLM), or flops= with gpu= (roofline): set workload \(w) per_instance=5rps"
        case .missingTokens(let w):
            return "set workload \(w) in=1200 out=250"
        case .missingGPU(let w):
            return "set workload \(w) gpu=h100, or pass gpu= to size"
        case .cpuOnlyNeedsMeasuredThroughput(let w):
            return "set workload \(w) per_instance=200rps"
        case .noPrice(let gpu, _):
            return "set one with 'set price \(gpu) on_demand=$2.50/h' (or spot=, reserved_1y=, reserved_3y=), or give the workload price="
        case .noAcceleratorMeetsSLA(_, _, let reasons):
            return reasons.prefix(3).joined(separator: "; ")
        case .tooLarge:
            return "check the rate and the throughput per instance for a unit mistake"
        case .notAnLLM, .invalidPrecision:
            return nil
        }
    }
}

extension SizingError: UserFacingError {
    public var userHint: String? { hint }
}
