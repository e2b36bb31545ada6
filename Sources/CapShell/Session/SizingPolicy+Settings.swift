import CapPlan

extension Settings {
    /// The sizing pipeline's defaults, from the session settings.
    var sizingPolicy: SizingPolicy {
        var policy = SizingPolicy()
        policy.headroom = headroom
        policy.spares = spares
        policy.zones = zones
        policy.zoneFailures = zoneFailures
        policy.quantile = quantile
        policy.pricing = PricingMode(parsing: pricing) ?? .onDemand
        policy.monthHours = monthHours
        policy.assumptions = assumptions
        return policy
    }
}

extension Session {
    /// Sizes a workload by the session's rules: on its GPU (or `gpu`), or on the cheapest
    /// accelerator that meets its SLA when it names none.
    func size(_ workload: Workload, gpu: String? = nil, pricing: PricingMode? = nil, explaining: Bool = false) throws -> SizingResult {
        var policy = settings.sizingPolicy
        policy.recordsDerivation = explaining
        if gpu == nil && workload.gpu == nil && workload.perInstance == nil && workload.cpuPerInstance == nil {
            return try Sizer.sizeOnCheapest(workload, catalog: catalog, policy: policy, pricing: pricing)
        }
        return try Sizer.size(workload, catalog: catalog, policy: policy, overrides: SizingOverrides(gpu: gpu, pricing: pricing))
    }
}
