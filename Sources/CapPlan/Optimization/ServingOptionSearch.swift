/// Every candidate way to serve one workload (capacity-math.md §7, "Options"): each candidate
/// model × accelerator × precision × pricing mode, sized by `Sizer.size` with the workload's
/// demand and SLA. Combinations that do not fit, miss the SLA or have no price are rejected,
/// with the reason.
///
/// What varies, and the defaults when the caller does not say:
/// - models: the workload's `models=` list, else its one `model=` (or none: a measured or
///   FLOP-sized workload still varies by accelerator and pricing);
/// - accelerators: `gpus`, else the workload's `gpus=` list, else the whole catalog (a
///   workload's one `gpu=` describes today's deployment, not a constraint on the plan);
/// - precisions: `precisions`, else the workload's `precision=` when set, else the model's
///   default precision plus FP8 where the accelerator has FP8 tensor cores. FP8 (weights and
///   activations) keeps the BF16 quality score: Kurtic et al., "Give Me BF16 or Give Me
///   Death? Accuracy-Performance Trade-Offs in LLM Quantization" (2024, arXiv:2411.02355)
///   measured FP8 W8A8 as essentially lossless on Llama 3.1 8B–405B. Integer formats are
///   considered only when asked for, with the same score (a stated simplification);
/// - pricing: `pricings`, else the workload's `pricing=` when set, else all four modes.
///
/// A workload with a measured throughput (`per_instance=`) keeps its own accelerator: the
/// measurement holds for that hardware only. With its own `price=` per instance-hour, pricing
/// does not vary either: it has exactly one option.
public struct ServingOptionSearch: Sendable {
    public var catalog: Catalog
    public var policy: SizingPolicy
    /// Accelerators to try (names resolve through the catalog); nil uses the defaults above.
    public var gpus: [String]?
    public var precisions: [Precision]?
    public var pricings: [PricingMode]?

    public init(catalog: Catalog, policy: SizingPolicy, gpus: [String]? = nil,
                precisions: [Precision]? = nil, pricings: [PricingMode]? = nil) {
        self.catalog = catalog
        var policy = policy
        // Hundreds of candidates are sized; their derivations are never shown.
        policy.recordsDerivation = false
        self.policy = policy
        self.gpus = gpus
        self.precisions = precisions
        self.pricings = pricings
    }

    /// The workload's options in a fixed order (model, accelerator in catalog order, precision,
    /// pricing mode) and the rejected combinations in the same order.
    public func options(for workload: Workload) -> (options: [ServingOption], rejected: [RejectedServingOption]) {
        var options: [ServingOption] = []
        var rejected: [RejectedServingOption] = []
        let models: [String?] = workload.models.flatMap { $0.isEmpty ? nil : $0.map(Optional.some) } ?? [workload.model]
        let measured = workload.perInstance != nil
        let gpuNames: [String?] = measured ? [workload.gpu]
            : (gpus ?? (workload.gpus.flatMap { $0.isEmpty ? nil : $0 } ?? catalog.gpus.map(\.id)))
        var pricingModes: [PricingMode] = pricings ?? (workload.pricing.flatMap(PricingMode.init(parsing:)).map { [$0] } ?? PricingMode.allCases)
        if measured, workload.pricePerInstanceHour != nil {
            pricingModes = [workload.pricing.flatMap(PricingMode.init(parsing:)) ?? policy.pricing]
        }
        for modelName in models {
            let model = modelName.flatMap { try? catalog.model(named: $0) }
            if let modelName, model == nil {
                rejected.append(RejectedServingOption(label: modelName, reason: "not in the catalog"))
                continue
            }
            for gpuName in gpuNames {
                var gpu: Accelerator?
                if let gpuName, gpuName.lowercased() != "none" {
                    gpu = try? catalog.gpu(named: gpuName)
                    if gpu == nil {
                        rejected.append(RejectedServingOption(label: [modelName, gpuName].compactMap { $0 }.joined(separator: " "),
                                                              reason: "not in the catalog"))
                        continue
                    }
                }
                for precision in candidatePrecisions(workload, model: model, gpu: gpu) {
                    for pricing in pricingModes {
                        var candidate = workload
                        candidate.model = model?.id
                        if let precision { candidate.precision = precision.rawValue }
                        let label = [model?.id, gpu?.id ?? gpuName, precision?.rawValue, pricing.rawValue].compactMap { $0 }.joined(separator: " ")
                        let result: SizingResult
                        do {
                            result = try Sizer.size(candidate, catalog: catalog, policy: policy,
                                                    overrides: SizingOverrides(gpu: gpu?.id ?? gpuName, pricing: pricing))
                        } catch let error as UserFacingError {
                            rejected.append(RejectedServingOption(label: label, reason: "does not fit: " + error.message))
                            continue
                        } catch {
                            rejected.append(RejectedServingOption(label: label, reason: "does not fit: \(error)"))
                            continue
                        }
                        guard result.costPerMonth != nil else {
                            rejected.append(RejectedServingOption(label: label, reason: "no \(pricing.rawValue) price for \(gpu?.id ?? "it")"))
                            continue
                        }
                        guard result.meetsSLA else {
                            rejected.append(RejectedServingOption(label: label, reason: "misses the SLA: " + result.slaMisses.joined(separator: "; ")))
                            continue
                        }
                        options.append(ServingOption(workload: workload.name, model: model?.id, gpu: result.gpu, precision: precision,
                                                     pricing: pricing, quality: model?.quality.value, sizing: result))
                    }
                }
            }
        }
        return (options, rejected)
    }

    /// The precisions to size on this accelerator; `[nil]` when precision does not apply.
    func candidatePrecisions(_ workload: Workload, model: ModelSpec?, gpu: Accelerator?) -> [Precision?] {
        guard let model, model.kind == .llm, workload.perInstance == nil, workload.flopsPerRequest == nil else { return [nil] }
        if let precisions { return precisions }
        if let typed = workload.precision.flatMap(Precision.init(parsing:)) { return [typed] }
        var list: [Precision] = [model.defaultPrecision]
        if model.defaultPrecision == .bf16, gpu?.fp8TFLOPS.value != nil { list.append(.fp8) }
        return list
    }
}
