import CapPlan

/// The `perf` table and JSON.
extension PerfCommands {
    static func gb(_ bytes: Double) -> String { NumberFormat.decimal(bytes / 1e9, significantDigits: 4) + " GB" }
    static func ms(_ seconds: Double) -> String { NumberFormat.decimal(seconds * 1e3, significantDigits: 4) + " ms" }
    static func count(_ x: Int) -> String { NumberFormat.integer(Double(x)) }
    static func rate(_ x: Double, _ unit: String) -> String { NumberFormat.decimal(x, significantDigits: 4) + " " + unit }
    static func data(_ bytes: Double) -> String { Quantity(bytes, .data).formatted(significantDigits: 4) }
    static func time(_ seconds: Double) -> String { Quantity(seconds, .time).formatted(significantDigits: 4) }

    static func table(_ input: PerfInput, _ r: LLMPerformanceResult, queued: Int) -> Table {
        let title = "perf \(r.modelID) on \(r.tensorParallel) × \(r.gpuID): \(r.precision.rawValue) weights, \(r.kvPrecision.rawValue) KV, "
            + "in \(count(input.shape.inputTokens)), out \(count(input.shape.outputTokens))"
        var table = Table(name: "perf", title: title, columns: [.init("quantity"), .init("value", alignment: .right), .init("note")])
        func row(_ name: String, _ text: String, _ value: Double?, _ note: String = "") {
            table.rows.append([.text(name), Table.Cell(text, value: .number(value)), .text(note)])
        }
        row("tensor parallel", count(r.tensorParallel), Double(r.tensorParallel), input.tensorParallel == nil ? "GPUs per instance (smallest that fits)" : "GPUs per instance (tp=)")
        row("weights per GPU", gb(r.weightsBytesPerGPU), r.weightsBytesPerGPU / 1e9, "\(gb(r.weightsBytes)) in all")
        row("runtime reserve per GPU", gb(r.runtimeReserveBytesPerGPU), r.runtimeReserveBytesPerGPU / 1e9, "activations, CUDA graphs, context")
        row("KV cache per GPU", data(Double(r.kvCapacityTokensPerGPU) * r.kvBytesPerTokenPerGPU), Double(r.kvCapacityTokensPerGPU) * r.kvBytesPerTokenPerGPU / 1e9,
            "\(count(r.kvCapacityTokensPerGPU)) tokens (whole \(input.pageTokens)-token pages)")
        row("KV per token", count(Int(r.kvBytesPerToken)) + " B", r.kvBytesPerToken,
            r.tensorParallel > 1 ? "\(count(Int(r.kvBytesPerTokenPerGPU))) B per GPU" : "K and V, all layers")
        row("KV per sequence", data(r.kvBytesPerSequence), r.kvBytesPerSequence / 1e9, "ℓ̄ = in + out/2 = \(NumberFormat.decimal(input.shape.meanResidentTokens)) tokens")
        row("maximum batch", count(r.maxBatch), Double(r.maxBatch), r.maxBatch == input.maxNumSeqs ? "capped by max_num_seqs" : "limited by KV memory")
        let batchNote: String
        if let n = input.concurrency {
            batchNote = queued > 0 ? "concurrency \(count(n)): \(count(queued)) requests wait" : "concurrency \(count(n))"
        } else if input.batch != nil {
            batchNote = "set by batch="
        } else {
            batchNote = "throughput regime: the largest batch memory allows"
        }
        row("batch", count(r.batch), Double(r.batch), batchNote)
        table.rows.append([.text("bound"), .text(r.bound.rawValue), .text("decode step: the larger of compute and memory time")])
        row("prefill", ms(r.prefillSeconds), r.prefillSeconds * 1e3, "\(count(input.shape.inputTokens)) prompt tokens")
        row("TTFT", ms(r.ttftSeconds), r.ttftSeconds * 1e3, "prefill + overhead, no queueing")
        row("TPOT", ms(r.tpotSeconds), r.tpotSeconds * 1e3, "decode step at batch \(count(r.batch))")
        row("end-to-end", time(r.e2eSeconds), r.e2eSeconds * 1e3, "TTFT + (out − 1) × TPOT")
        row("tokens/s per instance", rate(r.tokensPerSecond, "tok/s"), r.tokensPerSecond, "batch / TPOT")
        row("tokens/s per GPU", rate(r.tokensPerSecondPerGPU, "tok/s"), r.tokensPerSecondPerGPU, "per instance / \(r.tensorParallel)")
        row("requests/s per instance", rate(r.requestsPerSecond, "rps"), r.requestsPerSecond, "batch / end-to-end (Little)")
        if !r.fits, let why = r.whyNotFit {
            table.footnotes.append("does not fit: \(why); timings are for batch \(count(r.batch)) as if it did.")
        } else if input.tensorParallel == nil, input.batch == nil, r.maxBatch < 16, r.maxBatch < input.maxNumSeqs {
            table.footnotes.append("tp \(r.tensorParallel) is the smallest degree that holds one sequence, and KV memory allows only \(count(r.maxBatch)); "
                + "a larger tp= leaves more memory per GPU for KV (try tp=\(r.tensorParallel * 2)).")
        }
        return table
    }

    static func json(_ r: LLMPerformanceResult, input: PerfInput, queued: Int) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("model", .string(r.modelID)),
            ("gpu", .string(r.gpuID)),
            ("tp", .number(Double(r.tensorParallel))),
            ("precision", .string(r.precision.rawValue)),
            ("batch", .number(Double(r.batch))),
            ("max_batch", .number(Double(r.maxBatch))),
            ("weights_gb", .number(r.weightsBytes / 1e9)),
            ("kv_gb_per_sequence", .number(r.kvBytesPerSequence / 1e9)),
            ("bound", .string(r.bound.rawValue)),
            ("ttft_ms", .number(r.ttftSeconds * 1e3)),
            ("tpot_ms", .number(r.tpotSeconds * 1e3)),
            ("tokens_per_s", .number(r.tokensPerSecond)),
            ("tokens_per_s_per_gpu", .number(r.tokensPerSecondPerGPU)),
            ("kv_precision", .string(r.kvPrecision.rawValue)),
            ("weights_gb_per_gpu", .number(r.weightsBytesPerGPU / 1e9)),
            ("runtime_reserve_gb", .number(r.runtimeReserveBytesPerGPU / 1e9)),
            ("kv_cache_gb_per_gpu", .number(Double(r.kvCapacityTokensPerGPU) * r.kvBytesPerTokenPerGPU / 1e9)),
            ("kv_capacity_tokens", .number(Double(r.kvCapacityTokensPerGPU))),
            ("prefill_ms", .number(r.prefillSeconds * 1e3)),
            ("e2e_ms", .number(r.e2eSeconds * 1e3)),
            ("requests_per_s", .number(r.requestsPerSecond)),
            ("fits", .bool(r.fits)),
        ]
        if input.concurrency != nil { pairs.append(("queued", .number(Double(queued)))) }
        return .object(pairs)
    }
}
