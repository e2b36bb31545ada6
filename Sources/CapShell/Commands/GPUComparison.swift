import CapPlan

/// The side-by-side table of `compare gpu`: one column per accelerator, one row per metric, the
/// best of each row marked with `*`, and a verdict.
struct GPUComparison {
    var table: Table
    var verdict: String
    var json: JSONValue
    var derivation: Derivation

    /// One accelerator's fleet for the compared workloads (summed for several).
    struct Column {
        var gpu: Accelerator
        var results: [SizingResult] = []
        var failure: String?
        var instances: Int { results.reduce(0) { $0 + $1.instances } }
        var gpus: Int { results.reduce(0) { $0 + $1.gpus } }
        var costPerMonth: Double? { results.allSatisfy { $0.costPerMonth != nil } && failure == nil ? results.compactMap(\.costPerMonth).reduce(0, +) : nil }
        var meets: Bool { failure == nil && results.allSatisfy(\.meetsSLA) }
        var perMillionTokens: Double? {
            guard failure == nil, let cost = costPerMonth else { return nil }
            let tokensPerHour = results.reduce(0.0) { $0 + $1.meanRate * ($1.tokensPerRequest ?? 0) * 3600 }
            guard tokensPerHour > 0, let monthHours = results.first?.monthHours else { return nil }
            return cost / monthHours / tokensPerHour * 1e6
        }
        var ttft: Double? { results.compactMap(\.ttftP99).max() }
        var tpot: Double? { results.compactMap(\.tpot).max() }
        var utilization: Double? {
            let capacity = results.reduce(0.0) { $0 + $1.capacity }
            return capacity > 0 ? results.reduce(0.0) { $0 + $1.peakRate } / capacity : nil
        }
    }

    static func run(gpus: [Accelerator], workloads: [Workload], scope: String, session: Session, pricing: PricingMode?) -> GPUComparison {
        var columns: [Column] = []
        for gpu in gpus {
            var column = Column(gpu: gpu)
            for w in workloads {
                do {
                    var policy = session.settings.sizingPolicy
                    policy.recordsDerivation = false
                    column.results.append(try Sizer.size(w, catalog: session.catalog, policy: policy,
                                                         overrides: SizingOverrides(gpu: gpu.id, pricing: pricing)))
                } catch let error as UserFacingError {
                    column.failure = "\(w.name): \(error.message)"
                    break
                } catch {
                    column.failure = "\(w.name): \(error)"
                    break
                }
            }
            columns.append(column)
        }

        var table = Table(name: "compare", title: "compare gpu for \(scope)", columns: [.init("metric")] + columns.map { .init($0.gpu.id, alignment: .right) })
        func addRow(_ name: String, _ values: [Double?], lowerIsBetter: Bool?, format: (Double) -> String) {
            let valid = values.enumerated().compactMap { i, v in v.map { (i, $0) } }
            var best: Double?
            if let lower = lowerIsBetter, valid.count > 1 {
                best = lower ? valid.map(\.1).min() : valid.map(\.1).max()
            }
            var row: [Table.Cell] = [.text(name)]
            for (i, v) in values.enumerated() {
                guard let v else { row.append(Table.Cell(columns[i].failure == nil ? "—" : "n/a", value: .null)); continue }
                let mark = best.map { abs($0 - v) <= 1e-9 * Swift.max(1, abs(v)) } == true && columns[i].meets ? " *" : ""
                row.append(.number(v, format(v) + mark))
            }
            table.rows.append(row)
        }
        addRow("instances", columns.map { $0.failure == nil ? Double($0.instances) : nil }, lowerIsBetter: nil) { NumberFormat.integer($0) }
        addRow("GPUs", columns.map { $0.failure == nil ? Double($0.gpus) : nil }, lowerIsBetter: true) { NumberFormat.integer($0) }
        addRow("cost per month", columns.map(\.costPerMonth), lowerIsBetter: true) { NumberFormat.money($0) }
        addRow("$ per 1M tokens", columns.map(\.perMillionTokens), lowerIsBetter: true) { NumberFormat.money($0) }
        addRow("TTFT p99", columns.map(\.ttft), lowerIsBetter: true) { SizingTables.ms($0) }
        addRow("TPOT", columns.map(\.tpot), lowerIsBetter: true) { SizingTables.ms($0) }
        addRow("utilisation", columns.map(\.utilization), lowerIsBetter: nil) { NumberFormat.percent($0) }
        table.rows.append([.text("meets SLA")] + columns.map { c in
            Table.Cell(c.failure != nil ? "no: does not fit" : (c.meets ? "yes" : "no"), value: .bool(c.meets))
        })
        for c in columns where c.failure != nil { table.footnotes.append("\(c.gpu.id): \(c.failure!)") }
        for c in columns where c.failure == nil && !c.meets {
            table.footnotes.append("\(c.gpu.id): " + c.results.flatMap(\.slaMisses).joined(separator: "; "))
        }

        let meeting = columns.filter { $0.meets && $0.costPerMonth != nil }
        let best = meeting.min { ($0.costPerMonth ?? .infinity, $0.gpus) < ($1.costPerMonth ?? .infinity, $1.gpus) }
        let verdict: String
        if let best, let cost = best.costPerMonth {
            let others = meeting.filter { $0.gpu.id != best.gpu.id }.compactMap { c -> String? in
                guard let other = c.costPerMonth, other > 0 else { return nil }
                return "\(NumberFormat.percent((other - cost) / other, decimals: 0)) less than \(c.gpu.id)"
            }
            verdict = "verdict: \(best.gpu.id) is the cheapest that meets every SLA, at \(NumberFormat.money(cost))/mo"
                + (others.isEmpty ? "" : " (" + others.joined(separator: ", ") + ")")
        } else {
            verdict = "verdict: none of these accelerators meets every SLA at a known price"
        }

        var derivation = Derivation(title: "compare gpu for \(scope)")
        for c in columns {
            if let failure = c.failure {
                derivation.step(c.gpu.id, "size on \(c.gpu.id)", failure, "does not fit")
            } else {
                derivation.step(c.gpu.id, "Σ size(W, gpu=\(c.gpu.id))", "\(NumberFormat.integer(Double(c.instances))) instances, \(NumberFormat.integer(Double(c.gpus))) GPUs",
                                c.costPerMonth.map { NumberFormat.money($0) + "/mo" } ?? "no price")
            }
        }
        derivation.notes.append(verdict)
        derivation.notes.append("each column is the sizing pipeline on that accelerator: 'explain size W gpu=GPU' shows one in full")

        let rows: [JSONValue] = columns.map { c in
            if c.results.count == 1 && c.failure == nil { return SizingTables.json(c.results[0]) }
            return .object([
                ("workload", .string(c.results.count == 1 ? c.results[0].workload : scope)), ("gpu", .string(c.gpu.id)),
                ("instances", c.failure == nil ? .number(Double(c.instances)) : .null), ("gpus", c.failure == nil ? .number(Double(c.gpus)) : .null),
                ("cost_per_month", .number(c.costPerMonth)), ("cost_per_million_tokens", .number(c.perMillionTokens)),
                ("ttft_ms", .number(c.ttft.map { $0 * 1000 })), ("tpot_ms", .number(c.tpot.map { $0 * 1000 })),
                ("utilization", .number(c.utilization)), ("meets_sla", .bool(c.meets)), ("error", .string(c.failure)),
            ])
        }
        let json = JSONValue.object([("rows", .array(rows)), ("best", .string(best?.gpu.id))])
        return GPUComparison(table: table, verdict: verdict, json: json, derivation: derivation)
    }
}
