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
    /// An LLM instance's latency percentiles at a given arrival rate (requests/s), nil at or
    /// above its capacity: the operating point `size` reports (`LLMLatency`).
    var latencyAt: (@Sendable (Double) -> LLMLatency?)?
    /// The steps and assumptions of this part of the pipeline (recorded only under `explain`).
    var derivation = Derivation(title: "")
}

extension InstanceCapacity {
    /// Times, rates and sizes in derivations and tables keep four significant digits: enough
    /// to check by hand, few enough to read.
    static func ms(_ s: Double) -> String { Quantity(s, .time).formatted(significantDigits: 4) }
    static func rps(_ x: Double) -> String { Quantity(x, .rate, unit: UnitTable.unit("rps")).formatted(significantDigits: 4) }

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
        // The performance model's capacity, prefill counted (chunked prefill shares the steps):
        // the number `perf` prints for the same deployment and batch.
        var c = InstanceCapacity(source: .llm, unitsPerSecond: r.requestsPerSecond, gpusPerInstance: r.tensorParallel, gpu: gpu)
        c.derivation.isRecording = recording
        c.slots = Double(r.batch)
        // A slot is held for the slot time: B slots serve X requests/s (Little's law).
        c.serviceTime = r.steady.slotSeconds
        c.baseTTFT = r.ttftSeconds
        c.tpot = r.tpotSeconds
        c.baseE2E = r.e2eSeconds
        c.batch = r.batch
        c.maxBatch = r.maxBatch
        c.tensorParallel = r.tensorParallel
        // KV memory binds when it, not the engine's caps or the TPOT objective, set the batch.
        c.memoryLimited = r.batch == r.maxBatch && r.memory.batchLimit == .kvMemory
        if let miss = chosen.tpotMiss { c.intrinsicMisses.append(miss) }
        let fixed = LLMDeployment(model: model, gpu: gpu, precision: precision, kvPrecision: kvPrecision, tensorParallel: r.tensorParallel)
        let t = r.tensorParallel
        let lengths = w.tokenLengths
        if let latencyModel = try LLMLatencyModel(performance: perf, deployment: fixed, tensorParallel: t, shape: shape, batchCap: r.batch,
                                                  inputLengths: lengths.input, outputLengths: lengths.output) {
            c.latencyAt = { rate in latencyModel.at(rate) }
        }
        if recording {
            c.derivation.step("tensor parallel", "t = gpus_per_instance, or the degree of 1, 2, 4, 8 needing the fewest GPUs",
                              "tried: \(degrees.map(String.init).joined(separator: ", "))", "t = \(r.tensorParallel)")
            c.derivation.step("batch", w.sla.tpot == nil ? "B = B_max (no TPOT objective)" : "B = largest ≤ B_max with TPOT(B) ≤ SLA",
                              w.sla.tpot.map { "TPOT SLA \(ms($0))" } ?? "B_max = \(r.maxBatch)", "\(r.batch)")
            let d = LLMDeployment(model: model, gpu: gpu, precision: precision, kvPrecision: kvPrecision, tensorParallel: r.tensorParallel)
            LLMPerformanceDerivation.append(to: &c.derivation, r, deployment: d, shape: shape, model: perf)
            c.derivation.step("capacity per instance", "X = B / slot  (the performance model's requests/s)", "\(r.batch) / \(ms(r.steady.slotSeconds))", rps(r.requestsPerSecond))
            c.derivation.assume("precision", "\(precision.rawValue) weights, \(r.kvPrecision.rawValue) KV", source: "workload precision= or the model's default")
        }
        return c
    }
}
