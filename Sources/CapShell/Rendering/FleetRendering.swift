import CapPlan

/// Tables and JSON for `simulate fleet` and `validate size`.
enum FleetRendering {
    /// A duration for a table cell (SizingTables' format: 4 significant digits, "—" when absent).
    static func ms(_ s: Double?) -> String { SizingTables.ms(s) }

    static func title(_ input: FleetInput, _ command: String) -> String {
        let s = input.sizing
        return "\(command) \(input.workload.name): \(s.instances) × \(s.gpusPerInstance) \(s.gpu), batch \(s.batch.map(String.init) ?? "?"), "
            + "\(input.arrivalsText), \(input.simulation.routing.rawValue) routing, seed \(input.simulation.seed)"
    }

    static func fleet(_ r: FleetSimulationResult, input: FleetInput, explaining: Bool) -> Output {
        var table = Table(name: "fleet", title: title(input, "simulate fleet"), columns: [
            .init("latency"), .init("p50", alignment: .right), .init("p95", alignment: .right), .init("p99", alignment: .right),
            .init("p99 ± 95%", key: "p99_ci95", alignment: .right), .init("mean", alignment: .right),
        ])
        for (name, summary) in [("TTFT", r.ttft), ("TPOT", r.tpot), ("end to end", r.e2e)] {
            guard let s = summary else { table.rows.append([.text(name), .empty, .empty, .empty, .empty, .empty]); continue }
            table.rows.append([.text(name), .number(s.p50, ms(s.p50)), .number(s.p95, ms(s.p95)), .number(s.p99, ms(s.p99)),
                               s.p99HalfWidth95.map { .number($0, "± " + ms($0)) } ?? Table.Cell("—", value: .null),
                               .number(s.mean, ms(s.mean))])
        }
        let sized = input.sizing
        table.footnotes.append("\(NumberFormat.integer(Double(r.completed))) of \(NumberFormat.integer(Double(r.requests))) requests completed, "
                               + "\(NumberFormat.integer(Double(r.dropped.total))) dropped"
                               + (r.dropped.total > 0 ? " (KV cache \(r.dropped.exceedsKVCache), queue full \(r.dropped.queueFull), no replica \(r.dropped.noLiveReplica))" : "")
                               + "; measured \(NumberFormat.integer(Double(r.measuredRequests))) after a warm-up of \(NumberFormat.integer(Double(r.warmUpRequests)))")
        table.footnotes.append("batch slots used \(NumberFormat.percent(r.slotUtilization)) (size's utilisation \(NumberFormat.percent(sized.utilization))); "
                               + "mean batch \(NumberFormat.decimal(r.meanBatch, significantDigits: 3)); replicas busy \(NumberFormat.percent(r.utilization)); "
                               + "peak queue \(NumberFormat.integer(Double(r.peakQueue)))")
        if input.workload.sla.ttft != nil || input.workload.sla.e2e != nil {
            table.footnotes.append("over the SLA: \(NumberFormat.integer(Double(r.late))) of \(NumberFormat.integer(Double(r.measuredCompleted))) measured requests "
                                   + "(\(NumberFormat.percent(r.measuredCompleted > 0 ? Double(r.late) / Double(r.measuredCompleted) : 0, decimals: 2)))")
        }
        if input.failures > 0 {
            table.footnotes.append("\(input.failures) replica\(input.failures == 1 ? "" : "s") failed; \(NumberFormat.integer(Double(r.rerouted))) requests routed again; "
                                   + "\(r.liveReplicasAtEnd) live at the end")
        }
        let json = JSONValue.object([
            ("requests", .number(Double(r.requests))),
            ("ttft_p50_ms", msJSON(r.ttft?.p50)), ("ttft_p99_ms", msJSON(r.ttft?.p99)), ("tpot_p99_ms", msJSON(r.tpot?.p99)),
            ("e2e_p50_ms", msJSON(r.e2e?.p50)), ("e2e_p99_ms", msJSON(r.e2e?.p99)),
            ("utilization", .number(r.utilization)), ("max_queue", .number(Double(r.peakQueue))),
            ("workload", .string(input.workload.name)), ("replicas", .number(Double(sized.instances))), ("batch", .number(sized.batch.map(Double.init))),
            ("seed", .number(Double(input.simulation.seed))),
            ("completed", .number(Double(r.completed))), ("dropped", .number(Double(r.dropped.total))), ("late", .number(Double(r.late))),
            ("rerouted", .number(Double(r.rerouted))),
            ("ttft_p95_ms", msJSON(r.ttft?.p95)), ("tpot_p50_ms", msJSON(r.tpot?.p50)), ("e2e_p95_ms", msJSON(r.e2e?.p95)),
            ("e2e_p99_ci95_ms", msJSON(r.e2e?.p99HalfWidth95)), ("slot_utilization", .number(r.slotUtilization)),
            ("mean_batch", .number(r.meanBatch)), ("measured_requests", .number(Double(r.measuredRequests))),
        ])
        var output = Output(blocks: [.table(table)], json: json, exportTable: table)
        if explaining { output.derivation = derivation(r, input: input) }
        return output
    }

    static func timeCell(_ s: Double?) -> Table.Cell {
        guard let s else { return Table.Cell("—", value: .null) }
        return .number(s, ms(s))
    }

    static func msJSON(_ s: Double?) -> JSONValue { .number(s.map { $0 * 1000 }) }

    static func derivation(_ r: FleetSimulationResult, input: FleetInput) -> Derivation {
        let s = input.sizing, t = input.stepTimes
        var d = Derivation(title: "simulate fleet \(input.workload.name)")
        d.step("fleet", "size \(input.workload.name)", "\(s.instances) instances × TP \(t.tensorParallel) on \(s.gpu)", "batch \(s.batch.map(String.init) ?? "?")")
        d.step("KV cache", "T_kv per replica (whole pages)", "\(NumberFormat.integer(Double(t.kvCapacityTokens))) tokens", "admit while reserved + in + out ≤ T_kv")
        d.step("arrivals", "Poisson at λ_peak, or the log", input.arrivalsText, "\(NumberFormat.integer(Double(r.requests))) requests")
        d.step("step time", "Σ prefill(new prompts) + TPOT(B, ℓ̄)", "performance model, per step", "\(NumberFormat.integer(Double(r.steps))) steps")
        d.step("TTFT", "first token − arrival + overhead", "exact order statistics", "p99 " + ms(r.ttft?.p99))
        d.step("end to end", "finish − arrival + overhead", "exact order statistics", "p99 " + ms(r.e2e?.p99))
        d.assume("scheduling", "FCFS per replica, no preemption; a request reserves its whole context on admission", source: "vLLM-style continuous batching without eviction")
        d.assume("prefill", "not chunked: a step that admits prompts pays their prefill", source: "FleetStepTimes")
        return d
    }

    static func validation(_ r: FleetSimulationResult, input: FleetInput) -> Output {
        let s = input.sizing
        var table = Table(name: "validation", title: title(input, "validate size"), columns: [
            .init("p99"), .init("analytic (size)", key: "analytic", alignment: .right), .init("simulated", alignment: .right),
            .init("95% interval", key: "ci95", alignment: .right), .init("gap", alignment: .right), .init("analytic holds", key: "holds"),
        ])
        var gaps: [(String, JSONValue)] = [], holds: [(String, JSONValue)] = []
        for (key, name, analytic, summary) in [("ttft", "TTFT", s.ttftP99, r.ttft), ("e2e", "end to end", s.e2eP99, r.e2e)] {
            let simulated = summary?.p99, half = summary?.p99HalfWidth95
            let gap: Double? = { guard let a = analytic, let x = simulated, a > 0 else { return nil }; return (x - a) / a }()
            // The analytic figure holds when the simulation cannot show it is exceeded: it is at or
            // above the low end of the simulated p99's interval.
            let holdsValue: Bool? = { guard let a = analytic, let x = simulated else { return nil }; return a >= x - (half ?? 0) }()
            let none = Table.Cell("—", value: .null)
            let halfCell: Table.Cell = half.map { Table.Cell.number($0, "± " + ms($0)) } ?? none
            let gapCell: Table.Cell = gap.map { Table.Cell.number($0, ($0 >= 0 ? "+" : "") + NumberFormat.percent($0)) } ?? none
            let holdsCell: Table.Cell = holdsValue.map { Table.Cell($0 ? "yes" : "no: optimistic", value: .bool($0)) } ?? none
            table.rows.append([.text(name), timeCell(analytic), timeCell(simulated), halfCell, gapCell, holdsCell])
            gaps.append((key, .number(gap)))
            holds.append((key, holdsValue.map { .bool($0) } ?? .null))
        }
        table.footnotes.append("gap = (simulated − analytic) / analytic; the analytic p99 holds when it is at or above the low end of the simulated interval")
        if input.simulation.routing == .leastLoaded {
            table.footnotes.append("the analytic percentiles assume arrivals split at random across replicas; least-loaded routing sends bursts of new prompts to one replica (compare routing=random)")
        }
        let meets: Bool = {
            let ttftOK = input.workload.sla.ttft.map { objective in (r.ttft?.p99).map { $0 <= objective } ?? false } ?? true
            let e2eOK = input.workload.sla.e2e.map { objective in (r.e2e?.p99).map { $0 <= objective } ?? false } ?? true
            return ttftOK && e2eOK
        }()
        if input.workload.sla.ttft != nil || input.workload.sla.e2e != nil {
            table.footnotes.append("simulated p99 \(meets ? "meets" : "misses") the SLA (\([input.workload.sla.ttft.map { "TTFT ≤ " + ms($0) }, input.workload.sla.e2e.map { "end to end ≤ " + ms($0) }].compactMap { $0 }.joined(separator: ", ")))")
        }
        let json = JSONValue.object([
            ("workload", .string(input.workload.name)), ("replicas", .number(Double(s.instances))), ("requests", .number(Double(r.requests))),
            ("analytic", .object([("ttft_p99_ms", msJSON(s.ttftP99)), ("e2e_p99_ms", msJSON(s.e2eP99))])),
            ("simulated", .object([("ttft_p99_ms", msJSON(r.ttft?.p99)), ("ttft_p99_ci95_ms", msJSON(r.ttft?.p99HalfWidth95)),
                                   ("e2e_p99_ms", msJSON(r.e2e?.p99)), ("e2e_p99_ci95_ms", msJSON(r.e2e?.p99HalfWidth95))])),
            ("gap", .object(gaps)), ("holds", .object(holds)), ("meets_sla", .bool(meets)),
        ])
        return Output(blocks: [.table(table)], json: json, exportTable: table)
    }
}
