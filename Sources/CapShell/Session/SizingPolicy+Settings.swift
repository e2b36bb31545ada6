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
        policy.pricing = pricing
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

extension Session {
    /// A new replica's cold start by the session's assumptions: the weights of the workload's
    /// LLM at its precision over `load_bandwidth`, plus `init_time`; `init_time` alone (no
    /// weights) for a workload without a catalog LLM. Autoscaling pays it for every new replica,
    /// `purchase` for every spot replacement.
    func coldStart(_ w: Workload) -> ColdStart {
        let assumptions = settings.assumptions
        if let name = w.model, let model = try? catalog.model(named: name), model.kind == .llm {
            let precision = w.precision.flatMap(Precision.init(parsing:)) ?? model.defaultPrecision
            return ColdStart(model: model, precision: precision, assumptions: assumptions)
        }
        return ColdStart(weightsBytes: 0, loadBandwidth: assumptions.weightLoadBandwidth, initSeconds: assumptions.replicaInitSeconds)
    }
}
