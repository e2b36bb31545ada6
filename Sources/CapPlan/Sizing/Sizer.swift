/// The sizing pipeline (design.md "The sizing pipeline"), one order for every command that
/// sizes:
///
/// 1. demand at peak = rate × peak; size for D = peak × (1 + h);
/// 2. instances = max(throughput count ceil(D / X), latency count);
/// 3. add N+k spares, then spread over zones: Z × ceil(R / (Z − f));
/// 4. GPUs = instances × GPUs per instance; cost from the catalog's per-GPU-hour price or the
///    workload's `price=` per instance-hour.
///
/// Every result carries its `Derivation`.
public enum Sizer {
    /// Largest fleet capplan sizes; beyond it a unit mistake is far likelier than a real plan.
    static let maximumInstances = 1_000_000_000

    public static func size(_ w: Workload, catalog: Catalog, policy: SizingPolicy, overrides: SizingOverrides = SizingOverrides()) throws -> SizingResult {
        let pricing = try overrides.pricing ?? w.pricing.map(parsePricing) ?? policy.pricing
        let gpuName = overrides.gpu ?? w.gpu
        let cpuOnly = gpuName?.lowercased() == "none" || (gpuName == nil && w.cpuPerInstance != nil && w.model == nil && w.flopsPerRequest == nil)
        var gpu: Accelerator?
        if let name = gpuName, !cpuOnly { gpu = try catalog.gpu(named: name) }

        // An LLM without a fixed instance size: size it at every tensor-parallel degree and keep
        // the best whole fleet (latency count, spares and zones included), not just the best
        // throughput: meeting the SLA first, then the fewest GPUs, then the smaller degree.
        if w.perInstance == nil, w.flopsPerRequest == nil, w.gpusPerInstance == nil, let gpu, let modelName = w.model {
            let model = try catalog.model(named: modelName)
            if model.kind == .llm {
                return try sizeOverTensorParallel(w, model: model, gpu: gpu, catalog: catalog, policy: policy, overrides: overrides)
            }
        }

        // Step 1: demand.
        var d = Derivation(title: "size \(w.name)", recording: policy.recordsDerivation)
        let q = w.sla.quantile ?? policy.quantile
        let h = w.headroom ?? policy.headroom
        let tokensPerRequest: Double? = {
            guard let i = w.inputTokens, let o = w.outputTokens else { return nil }
            return i + o
        }()
        let measuredInTokens = w.perInstance != nil && w.perInstanceIsTokens
        let rate: Double
        if measuredInTokens {
            guard let tokenRate = w.tokenRate ?? tokensPerRequest.flatMap({ t in w.rate.map { $0 * t } }) else {
                throw SizingError.missingTokenDemand(workload: w.name)
            }
            rate = tokenRate
        } else if let r = w.rate {
            rate = r
        } else if let tokenRate = w.tokenRate, let t = tokensPerRequest, t > 0 {
            rate = tokenRate / t
        } else {
            throw SizingError.missingDemand(workload: w.name)
        }
        let peak = w.peakMultiplier ?? 1
        if let source = w.demandSource { d.assume("rate, peak", "measured", source: "set workload \(w.name) from=history: " + source) }
        let peakRate = rate * peak
        let sizedRate = peakRate * (1 + h)
        let unitName = measuredInTokens ? "tok/s" : "rps"
        let dimension: Dimension = measuredInTokens ? .tokenRate : .rate
        func demand(_ x: Double) -> String { Quantity(x, dimension, unit: UnitTable.unit(unitName)).formatted(significantDigits: 4) }
        d.step("mean demand", "λ = rate", "λ = \(demand(rate))", demand(rate))
        d.step("peak demand", "λ_peak = λ × peak", "\(demand(rate)) × \(NumberFormat.decimal(peak))", demand(peakRate))
        d.step("demand sized for", "D = λ_peak × (1 + h)", "\(demand(peakRate)) × (1 + \(NumberFormat.percent(h)))", demand(sizedRate))

        // Step 2a: what one instance does.
        var capacity: InstanceCapacity
        if w.perInstance != nil {
            capacity = InstanceCapacity.measured(w, gpu: gpu, cpuOnly: cpuOnly, recording: policy.recordsDerivation)
        } else if let modelName = w.model, w.flopsPerRequest == nil {
            let model = try catalog.model(named: modelName)
            guard model.kind == .llm else { throw SizingError.notAnLLM(workload: w.name, model: model.id) }
            guard let gpu else { throw cpuOnly ? SizingError.cpuOnlyNeedsMeasuredThroughput(workload: w.name) : SizingError.missingGPU(workload: w.name) }
            let precision = try w.precision.map(parsePrecision) ?? model.defaultPrecision
            let kv = try w.kvPrecision.map(parsePrecision)
            capacity = try InstanceCapacity.llm(w, model: model, gpu: gpu, precision: precision, kvPrecision: kv,
                                                sizedRate: sizedRate, quantile: q, assumptions: policy.assumptions.serving(w), recording: policy.recordsDerivation)
        } else if w.flopsPerRequest != nil || w.model != nil {
            guard let gpu else { throw cpuOnly ? SizingError.cpuOnlyNeedsMeasuredThroughput(workload: w.name) : SizingError.missingGPU(workload: w.name) }
            var roofline = w
            if roofline.flopsPerRequest == nil, let name = w.model {
                let model = try catalog.model(named: name)
                roofline.flopsPerRequest = model.flopsPerRequest.value
                if roofline.flopsPerRequest == nil { throw SizingError.missingCapacity(workload: w.name) }
            }
            let precision = try w.precision.map(parsePrecision) ?? .bf16
            capacity = try InstanceCapacity.roofline(roofline, gpu: gpu, precision: precision, assumptions: policy.assumptions, recording: policy.recordsDerivation)
        } else {
            throw SizingError.missingCapacity(workload: w.name)
        }
        d.steps += capacity.derivation.steps
        d.assumptions += capacity.derivation.assumptions

        // Step 2b: throughput and latency counts.
        let ratio = sizedRate / capacity.unitsPerSecond
        guard sizedRate.isFinite, ratio.isFinite, ratio <= Double(maximumInstances) else {
            throw SizingError.tooLarge(workload: w.name, instances: ratio.isFinite ? ratio : .greatestFiniteMagnitude)
        }
        let throughput = sizedRate > 0 ? requiredCount(ratio) : 0
        d.step("throughput count", "R_tp = ceil(D / X)", "ceil(\(demand(sizedRate)) / \(demand(capacity.unitsPerSecond)))", "\(NumberFormat.integer(Double(throughput))) instances")

        var misses = capacity.intrinsicMisses
        var latency = 0
        let queueRate = measuredInTokens ? 0 : sizedRate
        let ca2 = w.arrivalSCV ?? 1
        let cs2 = w.serviceSCV ?? 1
        if let s = capacity.serviceTime, queueRate > 0 {
            var objectives: [(String, Double, Double)] = []   // (name, objective, no-queue latency)
            if let ttft = w.sla.ttft, let base = capacity.baseTTFT { objectives.append(("TTFT", ttft, base)) }
            if let e2e = w.sla.e2e, let base = capacity.baseE2E { objectives.append(("end-to-end", e2e, base)) }
            for (name, objective, base) in objectives {
                let budget = objective - base
                // An objective below the no-queue latency cannot be met; the fleet is still sized
                // so that (almost) nobody waits, so a tighter SLA never buys fewer GPUs.
                let impossible = budget <= 0
                if impossible {
                    misses.append("\(name) without any queueing is \(InstanceCapacity.ms(base)), above the SLA \(InstanceCapacity.ms(objective))")
                }
                guard let count = try latencyInstances(arrivalRate: queueRate, serviceTime: s, slotsPerInstance: capacity.slots,
                                                       percentile: q, waitBudget: impossible ? 1e-9 : budget, arrivalSCV: ca2, serviceSCV: cs2) else {
                    continue
                }
                d.step("latency count (\(name))", "R_lat = ceil(c* / slots), c* = min c with w_\(pText(q))(c) ≤ SLA − \(name)₀",
                       "budget \(InstanceCapacity.ms(objective)) − \(InstanceCapacity.ms(base)) = \(InstanceCapacity.ms(budget)), slots \(NumberFormat.decimal(capacity.slots))",
                       "\(NumberFormat.integer(Double(count))) instances")
                latency = Swift.max(latency, count)
            }
        }
        var needed = Swift.max(throughput, latency, sizedRate > 0 ? 1 : 0)
        // An LLM's percentiles at its operating point (LLMLatency): the fewest instances whose
        // TTFT and end-to-end percentiles at λ_peak / R meet the objectives, when the queue of
        // batch slots alone (above) does not already give them.
        var operatingPoints: [Int: LLMLatency?] = [:]
        func operatingPoint(_ r: Int) -> LLMLatency? {
            if let known = operatingPoints[r] { return known }
            let op = capacity.latencyAt?(peakRate / Double(r))
            operatingPoints[r] = op
            return op
        }
        if capacity.latencyAt != nil, queueRate > 0, w.sla.ttft != nil || w.sla.e2e != nil {
            func meets(_ r: Int) -> Bool {
                guard let op = operatingPoint(r) else { return false }
                if let o = w.sla.ttft, op.ttft(quantile: q) > o { return false }
                if let o = w.sla.e2e, op.e2e(quantile: q) > o { return false }
                return true
            }
            // One probe at the largest fleet first: an objective its floor (no waiting at all)
            // misses cannot be bought with instances, and the search would only run to the cap.
            if !meets(needed), capacity.intrinsicMisses.isEmpty, meets(maximumInstances) {
                var lo = needed, hi = needed
                while !meets(hi), hi < maximumInstances { lo = hi; hi = Swift.min(maximumInstances, hi * 2) }
                if meets(hi) {
                    while hi - lo > 1 { let mid = (lo + hi) / 2; if meets(mid) { hi = mid } else { lo = mid } }
                    d.step("latency count (operating point)", "R = min R with TTFT_\(pText(q)) and E2E_\(pText(q)) at λ_peak / R within the SLA",
                           "\(NumberFormat.integer(Double(needed))) instances miss it", "\(NumberFormat.integer(Double(hi))) instances")
                    latency = Swift.max(latency, hi)
                    needed = hi
                }
            }
        }
        let binding: BindingConstraint = latency > throughput ? .latency : (capacity.memoryLimited ? .memory : .throughput)
        d.step("instances needed", "R = max(R_tp, R_lat)", "max(\(NumberFormat.integer(Double(throughput))), \(NumberFormat.integer(Double(latency))))", "\(NumberFormat.integer(Double(needed))) (\(binding.rawValue) binds)")

        // Step 3: spares, then zones.
        let k = w.spares ?? policy.spares
        let zones = w.zones ?? policy.zones
        let failures = zones > 1 ? Swift.min(zones - 1, w.zoneFailures ?? policy.zoneFailures ?? 1) : 0
        let instances = redundantInstances(needed: needed, spares: k, zones: zones, zoneFailures: failures)
        if k > 0 { d.step("spares (N+k)", "R₁ = R + k", "\(NumberFormat.integer(Double(needed))) + \(k)", NumberFormat.integer(Double(needed + k))) }
        if zones > 1 {
            d.step("zone spread", "R = Z × ceil(R₁ / (Z − f))", "\(zones) × ceil(\(NumberFormat.integer(Double(needed + k))) / (\(zones) − \(failures)))", NumberFormat.integer(Double(instances)))
        }

        // Step 4: GPUs, service quality at the final fleet, cost, power.
        let gpus = instances * capacity.gpusPerInstance
        d.step("GPUs", "GPUs = R × g", "\(NumberFormat.integer(Double(instances))) × \(capacity.gpusPerInstance)", NumberFormat.integer(Double(gpus)))
        let fleetCapacity = Double(instances) * capacity.unitsPerSecond
        let utilization = fleetCapacity > 0 ? peakRate / fleetCapacity : 0
        d.step("utilisation at peak", "u = λ_peak / (R × X)", "\(demand(peakRate)) / \(demand(fleetCapacity))", NumberFormat.percent(utilization))

        var ttftP99: Double?
        var e2eP99: Double?
        var tpot = capacity.tpot
        if capacity.latencyAt != nil, peakRate > 0 {
            if let op = operatingPoint(instances) {
                ttftP99 = op.ttft(quantile: q)
                e2eP99 = op.e2e(quantile: q)
                tpot = op.tpot(quantile: q)
                d.step("operating point at peak", "λ_i = λ_peak / R; n = λ_i · slot(n) (Little)", "λ_i = \(demand(peakRate / Double(instances)))",
                       "n = \(op.batch), prefill load \(NumberFormat.percent(op.prefillUtilization))")
                d.step("TTFT \(pText(q))", "o + own prompt steps + (step in progress + prompts with it) + wait for a slot",
                       "\(InstanceCapacity.ms(op.requestOverheadSeconds)) + \(InstanceCapacity.ms(op.ownPrefillSeconds)) + waits (P(slot wait) = \(NumberFormat.percent(op.slotWaitProbability)))",
                       InstanceCapacity.ms(op.ttft(quantile: q)))
                d.step("TPOT \(pText(q))", "E[T] + z·sd(T)/√(O − 1),  E[T] = mean step with prompts arriving", "E[T] = \(InstanceCapacity.ms(op.meanStepSeconds))",
                       InstanceCapacity.ms(op.tpot(quantile: q)))
                d.step("end to end \(pText(q))", "TTFT_p + (O − 1)·TPOT_p", "", InstanceCapacity.ms(op.e2e(quantile: q)))
            } else {
                misses.append("an instance cannot keep up at \(demand(peakRate / Double(instances))) (prefill or batch saturated)")
            }
        } else if let s = capacity.serviceTime, !measuredInTokens {
            // Slots = X × S from measured figures can be anything: a count past 10⁹ servers (or
            // not finite) has no queue worth computing.
            if let servers = Int(checked: Double(instances) * capacity.slots, rounding: .down, limit: 1e9),
               let wait = fleetWaitPercentile(arrivalRate: peakRate, serviceTime: s, servers: servers, percentile: q, arrivalSCV: ca2, serviceSCV: cs2) {
                if let base = capacity.baseTTFT { ttftP99 = base + wait }
                if let base = capacity.baseE2E { e2eP99 = base + wait }
                d.step("wait \(pText(q)) at peak", "w_p = ln(C / (1 − p)) / θ, M/M/c with c = R × slots", "c = \(NumberFormat.integer(Double(servers))), λ = \(demand(peakRate))", InstanceCapacity.ms(wait))
            } else {
                misses.append("the fleet is unstable at peak demand")
            }
        }
        if let objective = w.sla.ttft, let value = ttftP99, value > objective * (1 + 1e-9) {
            misses.append("TTFT \(pText(q)) \(InstanceCapacity.ms(value)) exceeds \(InstanceCapacity.ms(objective))")
        }
        if let objective = w.sla.e2e, let value = e2eP99, value > objective * (1 + 1e-9) {
            misses.append("end-to-end \(pText(q)) \(InstanceCapacity.ms(value)) exceeds \(InstanceCapacity.ms(objective))")
        }
        if let objective = w.sla.tpot, let value = tpot, value > objective * (1 + 1e-9), !misses.contains(where: { $0.hasPrefix("TPOT") }) {
            misses.append("TPOT \(InstanceCapacity.ms(value)) exceeds \(InstanceCapacity.ms(objective))")
        }
        if (w.sla.ttft != nil || w.sla.e2e != nil) && capacity.serviceTime == nil && !measuredInTokens {
            d.notes.append("latency objectives are not checked: give service_time= for a measured workload")
        }

        let cost = FleetCost(workload: w, gpu: gpu, pricing: pricing, instances: instances, gpusPerInstance: capacity.gpusPerInstance,
                             meanRate: rate, measuredInTokens: measuredInTokens, tokensPerRequest: tokensPerRequest, monthHours: policy.monthHours,
                             recording: policy.recordsDerivation)
        d.steps += cost.derivation.steps
        d.notes += cost.notes

        d.assume("headroom", NumberFormat.percent(h), source: w.headroom == nil ? "session setting headroom (u = 1/(1+h) = \(NumberFormat.percent(1 / (1 + h))))" : "workload headroom=")
        d.assume("spares", "N+\(k)", source: w.spares == nil ? "session setting spares" : "workload spares=")
        d.assume("zones", zones > 1 ? "\(zones), surviving \(failures) zone failure\(failures == 1 ? "" : "s")" : "1", source: w.zones == nil ? "session setting zones" : "workload zones=")
        d.assume("SLA percentile", pText(q), source: w.sla.quantile == nil ? "session setting sla.quantile" : "workload sla.quantile=")
        d.assume("pricing", pricing.rawValue, source: overrides.pricing != nil ? "size pricing=" : (w.pricing == nil ? "session setting pricing" : "workload pricing="))
        d.assume("month", "\(NumberFormat.decimal(policy.monthHours)) h", source: "session setting month (8,760 h / 12)")
        if capacity.serviceTime != nil {
            d.assume("arrivals and service", ca2 == 1 && cs2 == 1 ? "Poisson, exponential (M/M/c)" : "Allen–Cunneen, ca² = \(NumberFormat.decimal(ca2)), cs² = \(NumberFormat.decimal(cs2))", source: "capacity-math.md §2")
        }
        if let gpu { d.assume("accelerator", gpu.names.display, source: gpu.memoryGiB.source.map { "\($0.title) (\($0.asOf))" } ?? "catalog") }
        if misses.isEmpty {
            d.notes.insert("meets the SLA; \(binding.rawValue) binds", at: 0)
        } else {
            d.notes.insert("misses the SLA: " + misses.joined(separator: "; "), at: 0)
        }

        return SizingResult(
            workload: w.name, gpu: cpuOnly ? "none" : (gpu?.id ?? "unspecified"), pricing: pricing, source: capacity.source,
            demandInTokens: measuredInTokens, meanRate: rate, peakRate: peakRate, sizedRate: sizedRate, headroom: h,
            capacityPerInstance: capacity.unitsPerSecond, gpusPerInstance: capacity.gpusPerInstance,
            batch: capacity.batch, maxBatch: capacity.maxBatch, tensorParallel: capacity.tensorParallel,
            throughputInstances: throughput, latencyInstances: latency, neededInstances: needed,
            spares: k, zones: zones, zoneFailures: failures, instances: instances, gpus: gpus, binding: binding,
            utilization: utilization, ttftP99: ttftP99, tpot: tpot, e2eP99: e2eP99,
            meetsSLA: misses.isEmpty, slaMisses: misses, quantile: q,
            pricePerInstanceHour: cost.pricePerInstanceHour, costPerHour: cost.perHour, costPerMonth: cost.perMonth,
            costPerYear: cost.perYear, costPerRequest: cost.perRequest, costPerMillionTokens: cost.perMillionTokens,
            monthHours: policy.monthHours, powerWatts: cost.powerWatts, energyKWhPerMonth: cost.energyKWhPerMonth,
            cpuCores: w.cpuPerInstance.map { $0 * Double(instances) }, ramBytes: w.ramPerInstance.map { $0 * Double(instances) },
            tokensPerRequest: tokensPerRequest, derivation: d)
    }

    /// Sizes an LLM workload at each tensor-parallel degree (1, 2, 4, 8 dividing the query heads)
    /// and keeps the best fleet: meeting the SLA first, then the fewest GPUs, then the smaller
    /// degree. Degrees that do not fit are skipped; if none fits, the last error is thrown.
    static func sizeOverTensorParallel(_ w: Workload, model: ModelSpec, gpu: Accelerator, catalog: Catalog,
                                       policy: SizingPolicy, overrides: SizingOverrides) throws -> SizingResult {
        let heads = model.queryHeads.value ?? 1
        let degrees = policy.assumptions.tensorParallelDegrees.sorted().filter { heads % $0 == 0 }
        var candidates: [SizingResult] = []
        var lastError: Error?
        for t in degrees {
            var fixed = w
            fixed.gpusPerInstance = t
            do {
                candidates.append(try size(fixed, catalog: catalog, policy: policy, overrides: overrides))
            } catch {
                lastError = error
            }
        }
        guard var best = candidates.first else {
            throw lastError ?? SizingError.missingCapacity(workload: w.name)
        }
        for r in candidates.dropFirst() {
            let better = (r.meetsSLA && !best.meetsSLA) || (r.meetsSLA == best.meetsSLA && r.gpus < best.gpus)
            if better { best = r }
        }
        if policy.recordsDerivation {
            let tried = candidates.map { "t=\($0.tensorParallel ?? 0): \(NumberFormat.integer(Double($0.gpus))) GPUs\($0.meetsSLA ? "" : " (misses)")" }
            best.derivation.notes.append("tensor parallel \(best.tensorParallel ?? 0) chosen: meets the SLA with the fewest GPUs among " + tried.joined(separator: ", "))
        }
        return best
    }

    /// Without `gpu=`: every catalog accelerator is sized, and the cheapest per month that meets
    /// the SLA wins (fewer GPUs on a tie). Accelerators without a price for the pricing mode, or
    /// on which the model does not fit, are skipped.
    public static func sizeOnCheapest(_ w: Workload, catalog: Catalog, policy: SizingPolicy, pricing: PricingMode? = nil) throws -> SizingResult {
        var best: SizingResult?
        var reasons: [String] = []
        for gpu in catalog.gpus {
            do {
                let r = try size(w, catalog: catalog, policy: policy, overrides: SizingOverrides(gpu: gpu.id, pricing: pricing))
                guard r.meetsSLA else { reasons.append("\(gpu.id): " + r.slaMisses.joined(separator: ", ")); continue }
                guard let cost = r.costPerMonth else { reasons.append("\(gpu.id): no price"); continue }
                if let current = best, let currentCost = current.costPerMonth {
                    if cost < currentCost - 1e-9 || (abs(cost - currentCost) <= 1e-9 && r.gpus < current.gpus) { best = r }
                } else {
                    best = r
                }
            } catch let error as UserFacingError {
                reasons.append("\(gpu.id): \(error.message)")
            }
        }
        guard var chosen = best else {
            throw SizingError.noAcceleratorMeetsSLA(workload: w.name, tried: catalog.gpus.count, reasons: reasons)
        }
        chosen.derivation.notes.append("accelerator: \(chosen.gpu), the cheapest per month of \(catalog.gpus.count) in the catalog that meets the SLA")
        return chosen
    }

    static func parsePricing(_ text: String) throws -> PricingMode {
        guard let mode = PricingMode(parsing: text) else { throw SizingError.noPrice(gpu: text, pricing: .onDemand) }
        return mode
    }

    static func parsePrecision(_ text: String) throws -> Precision {
        guard let p = Precision(parsing: text) else { throw SizingError.invalidPrecision(text) }
        return p
    }

    static func pText(_ q: Double) -> String { NumberFormat.percentile(q) }
}
