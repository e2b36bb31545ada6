/// What one instance of a workload can do: the throughput, the request slots and no-queue
/// latencies that the sizing pipeline turns into a count. Found one of three ways (issue 3,
/// "Workloads"): measured, the LLM performance model, or the roofline.
struct InstanceCapacity: Sendable {
    var source: CapacitySource
    /// Throughput of one instance in demand units per second (requests/s, or tokens/s for a
    /// workload measured in tokens).
    var unitsPerSecond: Double
    var gpusPerInstance: Int
    var gpu: Accelerator?
    /// Requests one instance serves at once (queueing servers per instance).
    var slots: Double = 1
    /// Mean time one request occupies a slot, seconds; nil when unknown (no latency count).
    var serviceTime: Double?
    /// Latencies with no queueing: TTFT (prefill + overhead), TPOT, end to end.
    var baseTTFT: Double?
    var tpot: Double?
    var baseE2E: Double?
    var batch: Int?
    var maxBatch: Int?
    var tensorParallel: Int?
    /// Whether KV memory, rather than the TPOT objective, capped the batch.
    var memoryLimited = false
    /// Objectives no fleet size can meet (TPOT at batch 1 above the SLA, ...).
    var intrinsicMisses: [String] = []
    /// The steps and assumptions of this part of the pipeline (recorded only under `explain`).
    var derivation = Derivation(title: "")
}

extension InstanceCapacity {
    /// Times, rates and sizes in derivations and tables keep four significant digits: enough
    /// to check by hand, few enough to read.
    static func ms(_ s: Double) -> String { Quantity(s, .time).formatted(significantDigits: 4) }
    static func rps(_ x: Double) -> String { Quantity(x, .rate, unit: UnitTable.unit("rps")).formatted(significantDigits: 4) }
    static func gb(_ b: Double) -> String { Quantity(b, .data, unit: UnitTable.unit("GB")).formatted(significantDigits: 4) }

    /// 1. Measured: `per_instance=` requests/s or tokens/s; GPUs per instance as given (1 by
    /// default, 0 for CPU-only); slots X·S by Little's law when a service time is known.
    static func measured(_ w: Workload, gpu: Accelerator?, cpuOnly: Bool, recording: Bool = true) -> InstanceCapacity {
        let x = w.perInstance ?? 0
        let g = w.gpusPerInstance ?? (cpuOnly ? 0 : 1)
        var c = InstanceCapacity(source: .measured, unitsPerSecond: x, gpusPerInstance: g, gpu: gpu)
        c.derivation.isRecording = recording
        let unit = w.perInstanceIsTokens ? "tok/s" : "rps"
        c.derivation.step("capacity per instance", "X = per_instance (measured)", "X = \(Quantity(x, w.perInstanceIsTokens ? .tokenRate : .rate, unit: UnitTable.unit(unit)).formatted())",
                             Quantity(x, w.perInstanceIsTokens ? .tokenRate : .rate, unit: UnitTable.unit(unit)).formatted())
        if let s = w.serviceTime, !w.perInstanceIsTokens {
            c.baseE2E = s
            if x * s >= 1 {
                c.serviceTime = s
                c.slots = x * s
                c.derivation.step("slots per instance", "k = X × S (Little's law)", "k = \(rps(x)) × \(Quantity(s, .time).formatted())", NumberFormat.decimal(c.slots))
            } else {
                // Fewer than one request in service at full throughput: the instance is one
                // server whose service time is 1/X (queueing it as a server of time S would
                // give it a capacity of 1/S > X).
                c.serviceTime = 1 / x
                c.slots = 1
                c.derivation.step("queueing server", "X × S < 1: one server of service time 1/X", "1 / \(rps(x))", Quantity(1 / x, .time).formatted(significantDigits: 4))
            }
        }
        return c
    }

    /// 3. Roofline: one request at a time, S = max(F/(P·MFU), Q/(BW·MBU)).
    static func roofline(_ w: Workload, gpu: Accelerator, precision: Precision, assumptions: PerformanceAssumptions, recording: Bool = true) throws -> InstanceCapacity {
        let result = try Roofline(assumptions: assumptions).serviceTime(flops: w.flopsPerRequest ?? 0, bytes: w.bytesPerRequest ?? 0, gpu: gpu, precision: precision)
        // One request per GPU at a time: an instance of g GPUs serves g requests at once.
        let g = w.gpusPerInstance ?? 1
        var c = InstanceCapacity(source: .roofline, unitsPerSecond: result.requestsPerSecond * Double(g), gpusPerInstance: g, gpu: gpu)
        c.derivation.isRecording = recording
        c.slots = Double(g)
        c.serviceTime = result.serviceSeconds
        c.baseE2E = result.serviceSeconds
        c.derivation.step("service time (roofline)", "S = max(F / (P·MFU), Q / (BW·MBU))",
                             "S = max(\(ms(result.computeSeconds)), \(ms(result.memorySeconds)))", ms(result.serviceSeconds) + " (\(result.bound.rawValue)-bound)")
        c.derivation.step("capacity per instance", "X = g / S", "X = \(g) / \(ms(result.serviceSeconds))", rps(result.requestsPerSecond * Double(g)))
        c.derivation.assume("MFU / MBU", "\(NumberFormat.percent(precision == .fp8 ? assumptions.mfuFP8 : assumptions.mfuBF16)) / \(NumberFormat.percent(assumptions.decodeMBU))", source: "capacity-math.md §1 (measured medians)")
        return c
    }

    /// 2. An LLM on an accelerator: for each tensor-parallel degree that fits, the batch is the
    /// largest that fits KV memory and keeps TPOT within the SLA; the degree kept is the one
    /// that needs the fewest GPUs for `sizedRate` (the smallest degree on a tie).
    static func llm(_ w: Workload, model: ModelSpec, gpu: Accelerator, precision: Precision, kvPrecision: Precision?,
                    sizedRate: Double, quantile: Double, assumptions: PerformanceAssumptions, recording: Bool = true) throws -> InstanceCapacity {
        guard let input = w.inputTokens, let output = w.outputTokens, output >= 1 else {
            throw SizingError.missingTokens(workload: w.name)
        }
        let perf = LLMPerformanceModel(assumptions: assumptions)
        let shape = LLMRequestShape(inputTokens: Int(input.rounded()), outputTokens: Int(output.rounded()))
        let heads = model.queryHeads.value ?? 1
        let degrees = w.gpusPerInstance.map { [$0] } ?? assumptions.tensorParallelDegrees.sorted().filter { heads % $0 == 0 }
        var best: (result: LLMPerformanceResult, gpus: Double, tpotMiss: String?)?
        var lastError: Error?
        for t in degrees {
            let d = LLMDeployment(model: model, gpu: gpu, precision: precision, kvPrecision: kvPrecision, tensorParallel: t)
            var tpotMiss: String?
            let result: LLMPerformanceResult
            do {
                if let target = w.sla.tpot {
                    do {
                        result = try perf.evaluate(d, shape: shape, batch: .withinTPOT(target))
                    } catch PerformanceError.tpotTargetUnreachable(let targetSeconds, let atOne) {
                        result = try perf.evaluate(d, shape: shape, batch: .fixed(1))
                        tpotMiss = "TPOT \(ms(atOne)) at batch 1 exceeds the SLA \(ms(targetSeconds))"
                    }
                } else {
                    result = try perf.evaluate(d, shape: shape, batch: .maximum)
                }
            } catch {
                lastError = error
                continue
            }
            guard result.fits, result.requestsPerSecond > 0 else { continue }
            let instances = Swift.max(1, requiredCount(sizedRate / result.requestsPerSecond))
            let gpus = Double(instances) * Double(t)
            // Prefer meeting TPOT, then fewer GPUs, then the smaller degree.
            if let current = best {
                let better = (current.tpotMiss != nil && tpotMiss == nil)
                    || ((current.tpotMiss == nil) == (tpotMiss == nil) && gpus < current.gpus)
                if !better { continue }
            }
            best = (result, gpus, tpotMiss)
        }
        guard let chosen = best else {
            throw lastError ?? PerformanceError.invalidInput(name: "tensor parallel", value: "\(degrees)", expected: "a degree that divides the query heads")
        }
        let r = chosen.result
        // Prefill takes GPU time from decoding (capacity-math.md §1, "Continuous batching"): an
        // instance serving X requests/s spends X·t_pre of each second on prefill, so decode runs
        // at (1 − X·t_pre) of X_dec, and X = X_dec / (1 + X_dec·t_pre).
        let decodeOnly = r.requestsPerSecond
        let withPrefill = decodeOnly / (1 + decodeOnly * r.prefillSeconds)
        var c = InstanceCapacity(source: .llm, unitsPerSecond: withPrefill, gpusPerInstance: r.tensorParallel, gpu: gpu)
        c.derivation.isRecording = recording
        c.slots = Double(r.batch)
        // A slot is held for E2E₀ and the prefill share stretches it: B slots serve X requests/s.
        c.serviceTime = Double(r.batch) / withPrefill
        c.baseTTFT = r.ttftSeconds
        c.tpot = r.tpotSeconds
        c.baseE2E = r.e2eSeconds
        c.batch = r.batch
        c.maxBatch = r.maxBatch
        c.tensorParallel = r.tensorParallel
        // KV memory binds when it, not the engine's sequence cap or the TPOT objective, set the batch.
        c.memoryLimited = r.batch == r.maxBatch && r.maxBatch < assumptions.maxNumSeqs
        if let miss = chosen.tpotMiss { c.intrinsicMisses.append(miss) }

        let b = NumberFormat.decimal
        c.derivation.step("weights", "W = N × b_w", "\(b((model.totalParams.value ?? 0) / 1e9, 6))G × \(b(precision.bytesPerElement, 6)) B", gb(r.weightsBytes))
        c.derivation.step("KV per token", "kv_tok = 2 × L × n_kv × d_h × b_kv",
                             "2 × \(model.layers.value ?? 0) × \(model.kvHeads.value ?? 0) × \(model.headDim.value ?? 0) × \(b(r.kvPrecision.bytesPerElement, 6))",
                             NumberFormat.integer(r.kvBytesPerToken) + " B")
        c.derivation.step("tensor parallel", "t = gpus_per_instance, or each of 1, 2, 4, 8 that fits (see notes)", "W/t = \(gb(r.weightsBytesPerGPU)) per GPU", "t = \(r.tensorParallel)")
        c.derivation.step("max batch (KV memory)", "B_max = floor(T_kv / ℓ̄), ℓ̄ = in + out/2",
                             "T_kv = \(NumberFormat.integer(Double(r.kvCapacityTokensPerGPU))) tokens, ℓ̄ = \(b(shape.meanResidentTokens, 6))", "\(r.maxBatch)")
        c.derivation.step("batch", w.sla.tpot == nil ? "B = B_max (no TPOT objective)" : "B = largest ≤ B_max with TPOT(B) ≤ SLA",
                             w.sla.tpot.map { "TPOT SLA \(ms($0))" } ?? "", "\(r.batch)")
        c.derivation.step("TPOT", "t_step = max(F/(t·P·MFU), Q/(t·BW·MBU)) / η_TP + t_comm", "bound: \(r.bound.rawValue), η_TP = \(b(r.tensorParallelEfficiency, 3)), t_comm = \(ms(r.communicationSecondsPerStep))", ms(r.tpotSeconds))
        c.derivation.step("TTFT without queueing", "TTFT₀ = prefill(in) + overhead", "\(ms(r.prefillSeconds)) + \(ms(assumptions.ttftOverheadSeconds))", ms(r.ttftSeconds))
        c.derivation.step("end to end without queueing", "E2E₀ = TTFT₀ + (out − 1) × TPOT", "\(ms(r.ttftSeconds)) + \(b(output - 1, 6)) × \(ms(r.tpotSeconds))", ms(r.e2eSeconds))
        c.derivation.step("decode capacity", "X_dec = B / E2E₀ (Little's law)", "\(r.batch) / \(ms(r.e2eSeconds))", rps(decodeOnly))
        c.derivation.step("capacity per instance", "X = X_dec / (1 + X_dec × t_prefill)  (prefill shares the GPUs)",
                          "\(rps(decodeOnly)) / (1 + \(rps(decodeOnly)) × \(ms(r.prefillSeconds)))", rps(withPrefill))
        c.derivation.assume("decode MBU", NumberFormat.percent(assumptions.decodeMBU), source: "capacity-math.md §1, measured median of public benchmarks (setting mbu)")
        c.derivation.assume("prefill MFU", "\(NumberFormat.percent(assumptions.mfuBF16)) of BF16 peak, \(NumberFormat.percent(assumptions.mfuFP8)) of FP8 peak", source: "capacity-math.md §1 (settings mfu, mfu_fp8)")
        c.derivation.assume("TP efficiency", "\(NumberFormat.percent(assumptions.tensorParallelEfficiencyNVLink)) NVLink, \(NumberFormat.percent(assumptions.tensorParallelEfficiencyPCIe)) PCIe", source: "capacity-math.md §1, 70B TP 2-8 medians (settings tp_efficiency_*)")
        c.derivation.assume("memory fraction", NumberFormat.percent(assumptions.memoryFraction), source: "vLLM gpu_memory_utilization default (setting memory_fraction)")
        c.derivation.assume("runtime reserve", gb(assumptions.runtimeReserveBytesPerGPU) + " per GPU", source: "capacity-math.md §1, 1-3 GB (setting runtime_reserve)")
        c.derivation.assume("TTFT overhead", ms(assumptions.ttftOverheadSeconds), source: "capacity-math.md §1, 5-30 ms measured (setting ttft_overhead)")
        c.derivation.assume("precision", "\(precision.rawValue) weights, \(r.kvPrecision.rawValue) KV", source: "workload precision= or the model's default")
        return c
    }
}
