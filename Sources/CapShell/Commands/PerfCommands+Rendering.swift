import CapPlan

/// The `perf` table, the saturation curve and their JSON.
extension PerfCommands {
    static func gib(_ bytes: Double) -> String { Quantity(bytes, .data, unit: UnitTable.unit("GiB")).formatted(significantDigits: 4) }
    static func ms(_ seconds: Double) -> String { NumberFormat.decimal(seconds * 1e3, significantDigits: 4) + " ms" }
    static func count(_ x: Int) -> String { NumberFormat.integer(Double(x)) }
    static func rate(_ x: Double, _ unit: String) -> String { NumberFormat.decimal(x, significantDigits: 4) + " " + unit }
    static func time(_ seconds: Double) -> String { Quantity(seconds, .time).formatted(significantDigits: 4) }
    static let gibFactor = 1_073_741_824.0

    static func table(_ input: PerfInput, _ r: LLMPerformanceResult) -> Table {
        let title = "perf \(r.modelID) on \(r.tensorParallel) × \(r.gpuID) (\(r.engine.rawValue)): \(r.precision.rawValue) weights, \(r.kvPrecision.rawValue) KV, "
            + "in \(count(input.shape.inputTokens)), out \(count(input.shape.outputTokens))"
        var table = Table(name: "perf", title: title, columns: [.init("quantity"), .init("value", alignment: .right), .init("note")])
        func row(_ name: String, _ text: String, _ value: Double?, _ note: String = "") {
            table.rows.append([.text(name), Table.Cell(text, value: .number(value)), .text(note)])
        }
        let p = r.memory, s = r.steady
        row("tensor parallel", count(r.tensorParallel), Double(r.tensorParallel), input.tensorParallel == nil ? "GPUs per instance (smallest that fits)" : "GPUs per instance (tp=)")
        row("weights per GPU", gib(p.weightsBytesPerGPU), p.weightsBytesPerGPU / gibFactor, "\(gib(r.weightsBytes)) in all")
        row("runtime reserve per GPU", gib(p.runtimeReserveBytesPerGPU), p.runtimeReserveBytesPerGPU / gibFactor,
            "\(gib(p.activationBytesPerGPU)) activations of a \(count(p.tokenBudget))-token step + context and graphs")
        row("KV cache per GPU", gib(Double(p.kvCapacityTokens) * p.kvBytesPerTokenPerGPU), Double(p.kvCapacityTokens) * p.kvBytesPerTokenPerGPU / gibFactor,
            "\(count(p.kvCapacityTokens)) tokens (whole \(input.assumptions.kvPageTokens)-token pages)")
        row("KV per token", count(Int(r.kvBytesPerToken)) + " B", r.kvBytesPerToken,
            r.tensorParallel > 1 ? "\(count(Int(p.kvBytesPerTokenPerGPU))) B per GPU" : "K and V, all layers")
        row("KV per sequence", gib(r.kvBytesPerSequence), r.kvBytesPerSequence / gibFactor, "ℓ̄ = in + out/2 = \(NumberFormat.decimal(input.shape.meanResidentTokens)) tokens")
        row("maximum batch", count(p.maxBatch), Double(p.maxBatch), "limited by \(p.batchLimit.rawValue)")
        let batchNote: String
        if let rate = r.arrivalRate {
            batchNote = r.sustainable ? "open loop at \(self.rate(rate, "rps")): sequences in service (Little)" : "open loop: the full batch"
        } else if let n = r.concurrency {
            batchNote = n > r.batch ? "concurrency \(count(n)): \(count(n - r.batch)) requests wait" : "concurrency \(count(n))"
        } else if input.batch != nil {
            batchNote = "set by batch="
        } else {
            batchNote = "throughput regime: the largest batch the engine runs"
        }
        row("batch", count(r.batch), Double(r.batch), batchNote)
        row("decode step", ms(s.decodeStep.totalSeconds), s.decodeStep.totalSeconds * 1e3,
            "\(s.decodeStep.bound.rawValue)-bound, \(count(r.batch)) tokens")
        if s.chunkShare > 0 {
            row("step with a prefill chunk", ms(s.chunkStep.totalSeconds), s.chunkStep.totalSeconds * 1e3,
                "\(NumberFormat.integer(s.chunkTokens)) prompt tokens; \(NumberFormat.percent(s.chunkShare)) of steps")
        }
        row("prefill", ms(s.prefillSeconds), s.prefillSeconds * 1e3, "\(count(input.shape.inputTokens)) prompt tokens in \(count(s.prefillChunks)) step\(s.prefillChunks == 1 ? "" : "s")")
        row("TTFT", ms(r.ttftSeconds), r.ttftSeconds * 1e3, r.queueWaitSeconds > 0 ? "overhead + \(ms(r.queueWaitSeconds)) wait for a slot + prefill" : "request overhead + prefill, no queueing")
        row("TPOT", ms(r.tpotSeconds), r.tpotSeconds * 1e3, "mean step at batch \(count(r.batch))")
        if let l = r.latency {
            row("TTFT p50 / p90 / p99", "\(ms(l.ttft(quantile: 0.5))) / \(ms(l.ttft(quantile: 0.9))) / \(ms(l.ttft(quantile: 0.99)))", l.ttft(quantile: 0.99) * 1e3,
                "Poisson arrivals: the step in progress and the prompts that came with it (prefill load \(NumberFormat.percent(l.prefillUtilization)))")
            row("TPOT mean / p99", "\(ms(l.tpotMean)) / \(ms(l.tpot(quantile: 0.99)))", l.tpot(quantile: 0.99) * 1e3, "a request's mean time per output token")
        }
        row("end-to-end", time(r.e2eSeconds), r.e2eSeconds * 1e3, "TTFT + (out − 1) × TPOT")
        row("output tokens/s per instance", rate(r.outputTokensPerSecond, "tok/s"), r.outputTokensPerSecond, "requests/s × out")
        row("output tokens/s per GPU", rate(r.tokensPerSecondPerGPU, "tok/s"), r.tokensPerSecondPerGPU, "per instance / \(r.tensorParallel)")
        row("requests/s per instance", rate(r.requestsPerSecond, "rps"), r.requestsPerSecond,
            r.concurrency.map { $0 <= r.batch ? "users / (overhead + slot time)" : "batch / slot time" } ?? "batch / slot time (Little)")
        if let rate = r.arrivalRate, !r.sustainable {
            table.footnotes.append("\(self.rate(rate, "rps")) is at or above the capacity of one instance, \(self.rate(r.capacityRequestsPerSecond, "rps")): "
                + "the queue grows without bound; the figures are those of the full batch.")
        }
        if !r.fits, let why = r.whyNotFit {
            table.footnotes.append("does not fit: \(why); timings are for batch \(count(r.batch)) as if it did.")
        } else if input.tensorParallel == nil, input.batch == nil, p.maxBatch < 32, p.batchLimit == .kvMemory {
            table.footnotes.append("tp \(r.tensorParallel) is the smallest degree that holds one sequence, and KV memory allows only \(count(p.maxBatch)); "
                + "a larger tp= leaves more memory per GPU for KV (try tp=\(r.tensorParallel * 2)).")
        }
        return table
    }

    /// The saturation curve: one row per concurrency level; the knee is the first level whose
    /// TTFT exceeds twice the TTFT of the lowest level.
    static func curveTable(_ input: PerfInput, _ curve: [LLMPerformanceResult]) -> Table {
        let first = curve[0]
        let title = "perf \(first.modelID) on \(first.tensorParallel) × \(first.gpuID) (\(first.engine.rawValue)): \(first.precision.rawValue), "
            + "in \(count(input.shape.inputTokens)), out \(count(input.shape.outputTokens)), maximum batch \(count(first.maxBatch))"
        var table = Table(name: "perf", title: title, columns: [
            .init("concurrency", alignment: .right), .init("batch", alignment: .right), .init("TTFT", key: "ttft_ms", alignment: .right),
            .init("TPOT", key: "tpot_ms", alignment: .right), .init("tok/s", key: "output_tokens_per_s", alignment: .right),
            .init("tok/s/GPU", key: "output_tokens_per_s_per_gpu", alignment: .right), .init("req/s", key: "requests_per_s", alignment: .right),
            .init("note"),
        ])
        let knee = kneeIndex(curve)
        for (i, r) in curve.enumerated() {
            let c = r.concurrency ?? r.batch
            var note = c > r.batch ? "\(count(c - r.batch)) wait" : ""
            if i == knee { note = note.isEmpty ? "knee: TTFT leaves its floor" : note + "; knee" }
            table.rows.append([
                Table.Cell(count(c), value: .number(Double(c))), Table.Cell(count(r.batch), value: .number(Double(r.batch))),
                Table.Cell(ms(r.ttftSeconds), value: .number(r.ttftSeconds * 1e3)), Table.Cell(ms(r.tpotSeconds), value: .number(r.tpotSeconds * 1e3)),
                Table.Cell(NumberFormat.decimal(r.outputTokensPerSecond, significantDigits: 4), value: .number(r.outputTokensPerSecond)),
                Table.Cell(NumberFormat.decimal(r.tokensPerSecondPerGPU, significantDigits: 4), value: .number(r.tokensPerSecondPerGPU)),
                Table.Cell(NumberFormat.decimal(r.requestsPerSecond, significantDigits: 4), value: .number(r.requestsPerSecond)),
                .text(note),
            ])
        }
        table.footnotes.append("closed loop: each user sends its next request when the last ends; TTFT includes the wait for a batch slot.")
        return table
    }

    /// The first level whose TTFT is more than twice the lowest level's, if any.
    static func kneeIndex(_ curve: [LLMPerformanceResult]) -> Int? {
        guard let floor = curve.min(by: { ($0.concurrency ?? 0) < ($1.concurrency ?? 0) })?.ttftSeconds else { return nil }
        return curve.firstIndex { $0.ttftSeconds > 2 * floor }
    }

    static func json(_ r: LLMPerformanceResult, input: PerfInput) -> JSONValue {
        let p = r.memory, s = r.steady
        var pairs: [(String, JSONValue)] = [
            ("model", .string(r.modelID)),
            ("gpu", .string(r.gpuID)),
            ("engine", .string(r.engine.rawValue)),
            ("tp", .number(Double(r.tensorParallel))),
            ("precision", .string(r.precision.rawValue)),
            ("batch", .number(Double(r.batch))),
            ("max_batch", .number(Double(p.maxBatch))),
            ("batch_limit", .string(p.batchLimit.rawValue)),
            ("weights_gib", .number(r.weightsBytes / gibFactor)),
            ("kv_gib_per_sequence", .number(r.kvBytesPerSequence / gibFactor)),
            ("bound", .string(r.bound.rawValue)),
            ("ttft_ms", .number(r.ttftSeconds * 1e3)),
            ("tpot_ms", .number(r.tpotSeconds * 1e3)),
            ("output_tokens_per_s", .number(r.outputTokensPerSecond)),
            ("output_tokens_per_s_per_gpu", .number(r.tokensPerSecondPerGPU)),
            ("kv_precision", .string(r.kvPrecision.rawValue)),
            ("weights_gib_per_gpu", .number(p.weightsBytesPerGPU / gibFactor)),
            ("runtime_reserve_gib", .number(p.runtimeReserveBytesPerGPU / gibFactor)),
            ("kv_cache_gib_per_gpu", .number(Double(p.kvCapacityTokens) * p.kvBytesPerTokenPerGPU / gibFactor)),
            ("kv_capacity_tokens", .number(Double(p.kvCapacityTokens))),
            ("prefill_ms", .number(s.prefillSeconds * 1e3)),
            ("decode_step_ms", .number(s.decodeStep.totalSeconds * 1e3)),
            ("chunk_step_ms", .number(s.chunkShare > 0 ? s.chunkStep.totalSeconds * 1e3 : 0)),
            ("e2e_ms", .number(r.e2eSeconds * 1e3)),
            ("requests_per_s", .number(r.requestsPerSecond)),
            ("queue_wait_ms", .number(r.queueWaitSeconds * 1e3)),
            ("fits", .bool(r.fits)),
        ]
        if let c = r.concurrency { pairs.insert(("concurrency", .number(Double(c))), at: 6) }
        if let l = r.latency {
            for (key, p) in [("ttft_p50_ms", 0.5), ("ttft_p90_ms", 0.9), ("ttft_p99_ms", 0.99)] { pairs.append((key, .number(l.ttft(quantile: p) * 1e3))) }
            pairs.append(("tpot_p99_ms", .number(l.tpot(quantile: 0.99) * 1e3)))
        }
        if let rate = r.arrivalRate {
            pairs.append(("arrival_rate", .number(rate)))
            pairs.append(("capacity_requests_per_s", .number(r.capacityRequestsPerSecond)))
            pairs.append(("sustainable", .bool(r.sustainable)))
        }
        return .object(pairs)
    }

    static func curveJSON(_ curve: [LLMPerformanceResult], input: PerfInput) -> JSONValue {
        .object([("levels", .array(curve.map { json($0, input: input) }))])
    }
}
