import CapPlan

/// The plan as a table, the summary lines, the next-best alternatives, the JSON of
/// docs/json.md, and for `explain` the derivation with every candidate's fate.
extension OptimizeCommands {
    static func render(_ result: PlanResult, input: Input, explaining: Bool) -> Output {
        let perText = "/" + input.per
        let heading: String = {
            guard let budget = result.budget else { return "optimize cost: the cheapest plan that meets every SLA" }
            return "optimize budget \(NumberFormat.money(budget))\(perText), objective \(input.objective)"
        }()
        let considered = result.groups.reduce(0) { $0 + $1.candidates.count }
        var output: Output
        if let infeasible = result.infeasibility {
            output = infeasibleOutput(result, infeasible, input: input, heading: heading, perText: perText)
        } else {
            var blocks: [Output.Block] = []
            let plan = planTable(result, input: input, heading: heading + " (\(plural(result.chosen.count, "workload")), \(plural(considered, "option")))", perText: perText)
            blocks.append(.table(plan))
            blocks.append(.text(summary(result, input: input, perText: perText).joined(separator: "\n")))
            if let next = nextBestTable(result, input: input, perText: perText) { blocks.append(.table(next)) }
            output = Output(blocks: blocks, json: json(result, input: input), exportTable: plan)
        }
        if explaining {
            output.derivation = derivation(result, input: input, heading: heading, perText: perText)
            output.explanationTables = [candidateTable(result, input: input, perText: perText)]
        }
        return output
    }

    // MARK: the plan

    static func planTable(_ result: PlanResult, input: Input, heading: String, perText: String) -> Table {
        var columns: [Table.Column] = [.init("workload")]
        if let table = input.table {
            columns += [.init("option"), .init("cost" + perText, key: "cost", alignment: .right), .init("quality", alignment: .right)]
            columns += table.extraColumns.map { Table.Column($0) }
        } else {
            columns += [.init("model"), .init("GPU", key: "gpu"), .init("precision"), .init("pricing"),
                        .init("GPUs", key: "gpus", alignment: .right), .init("cost" + perText, key: "cost", alignment: .right),
                        .init("quality", alignment: .right)]
            columns.append(input.objective == "throughput" ? .init("tokens/s", key: "tokens_per_s", alignment: .right)
                                                           : .init("weight", alignment: .right))
        }
        var table = Table(name: "plan", title: heading, columns: columns)
        for c in result.chosen {
            var row: [Table.Cell] = [.text(c.workload)]
            if let t = input.table {
                let source = t.rows[c.payload]
                row += [.text(c.option), money(c.cost), quality(c.quality)]
                row += source.extras.map { .text($0) }
            } else {
                let o = input.options[c.payload]
                row += [Table.Cell(o.model ?? "-", value: .string(o.model)), Table.Cell(o.gpu == "unspecified" ? "-" : o.gpu, value: .string(o.gpu)),
                        Table.Cell(o.precision?.rawValue ?? "-", value: .string(o.precision?.rawValue)), .text(o.pricing.rawValue),
                        .number(Double(o.sizing.gpus), NumberFormat.integer(Double(o.sizing.gpus))), money(c.cost), quality(c.quality)]
                if input.objective == "throughput" {
                    row.append(.number(c.value, NumberFormat.integer(c.value)))
                } else {
                    let w = input.weights[c.workload] ?? 1
                    row.append(.number(w, NumberFormat.decimal(w)))
                }
            }
            table.rows.append(row)
        }
        if input.table == nil, result.chosen.contains(where: { $0.quality == nil }), input.objective == "quality" {
            table.footnotes.append("a workload without a catalog quality score counts 0 and gets its cheapest option")
        }
        return table
    }

    static func money(_ x: Double) -> Table.Cell { .number(x, NumberFormat.money(x)) }

    static func quality(_ q: Double?) -> Table.Cell {
        guard let q else { return Table.Cell("-", value: .null) }
        return .number(q, NumberFormat.decimal(q, significantDigits: 4))
    }

    /// Σ weight × quality of the chosen options (a missing score counts 0).
    static func weightedQuality(_ result: PlanResult, input: Input) -> Double {
        result.chosen.reduce(0) { $0 + (input.table == nil ? (input.weights[$1.workload] ?? 1) : 1) * ($1.quality ?? 0) }
    }

    static func valueText(_ v: Double, input: Input) -> String {
        input.objective == "throughput" ? NumberFormat.integer(v) + " tokens/s" : NumberFormat.decimal(v, significantDigits: 4)
    }

    static func summary(_ result: PlanResult, input: Input, perText: String) -> [String] {
        var lines: [String] = []
        // To the cent: the solver is exact in cents, and rounded figures would not add up.
        let total = NumberFormat.cents(result.totalCost) + perText
        if let budget = result.budget, let unused = result.unusedBudget {
            lines.append("total \(total) of \(NumberFormat.cents(budget))\(perText); unused \(NumberFormat.cents(unused))")
        } else {
            lines.append("total \(total)")
        }
        let valueName = input.objective == "throughput" ? "throughput" : (input.table == nil ? "weighted quality" : "quality")
        var valueLine = "\(valueName) \(valueText(result.totalValue, input: input))"
        if let s = result.solution {
            valueLine += " (the LP relaxation bounds any plan at \(valueText(s.relaxation.upperBound, input: input)))"
        }
        lines.append(valueLine)
        if let s = result.solution {
            let perThousand = s.marginalValuePerCent * 100_000
            if perThousand > 0 {
                lines.append("more budget: about \(valueText(perThousand, input: input)) more per extra $1,000\(perText) "
                             + "(the LP's slope at this budget; the exact plan moves in steps)")
            } else {
                lines.append("more budget buys nothing: every workload already has its most valuable option")
            }
        }
        return lines
    }

    static func nextBestTable(_ result: PlanResult, input: Input, perText: String) -> Table? {
        guard let s = result.solution, s.alternatives.contains(where: { $0 != nil }) else { return nil }
        var table = Table(name: "next_best", title: "next best: the best single substitution per workload, the rest unchanged", columns: [
            .init("workload"), .init("instead"), .init("cost change", key: "cost_change", alignment: .right),
            .init(input.objective == "throughput" ? "tokens/s change" : "value change", key: "value_change", alignment: .right),
        ])
        for (g, alternative) in s.alternatives.enumerated() {
            let group = result.groups[g]
            guard let a = alternative else {
                table.rows.append([.text(group.workload), Table.Cell("no other option fits the budget", value: .null), .empty, .empty])
                continue
            }
            let costChange = Double(a.costChange) / 100
            table.rows.append([.text(group.workload), .text(group.candidates[a.option].option),
                               .number(costChange, signed(NumberFormat.money(abs(costChange)), costChange)),
                               .number(a.valueChange, signed(valueText(abs(a.valueChange), input: input), a.valueChange))])
        }
        return table
    }

    static func plural(_ n: Int, _ noun: String) -> String { "\(NumberFormat.integer(Double(n))) \(noun)\(n == 1 ? "" : "s")" }

    static func signed(_ magnitude: String, _ x: Double) -> String { (x < 0 ? "-" : x > 0 ? "+" : "") + magnitude }

    static func infeasibleOutput(_ result: PlanResult, _ infeasible: PlanResult.Infeasibility, input: Input,
                                 heading: String, perText: String) -> Output {
        var table = Table(name: "plan", title: heading + ": infeasible", columns: [
            .init("workload"), .init("options", alignment: .right), .init("cheapest" + perText, key: "cheapest", alignment: .right), .init("why"),
        ])
        for g in result.groups {
            let cheapest = g.candidates.map(\.costCents).min().map { Double($0) / 100 }
            var why = ""
            if g.candidates.isEmpty {
                let reasons = input.rejected[g.workload] ?? []
                why = reasons.isEmpty ? "no options" : "nothing serves it: " + reasonSummary(reasons)
            }
            table.rows.append([.text(g.workload), .number(Double(g.candidates.count), NumberFormat.integer(Double(g.candidates.count))),
                               cheapest.map(money) ?? Table.Cell("-", value: .null), .text(why)])
        }
        let servedText = NumberFormat.money(infeasible.minimumBudget) + perText
        if !infeasible.unservedWorkloads.isEmpty {
            table.footnotes.append("no option serves " + infeasible.unservedWorkloads.joined(separator: ", ")
                                   + ": relax their SLA or add candidate models and accelerators")
            table.footnotes.append("the other workloads need at least \(servedText)")
        } else {
            table.footnotes.append("the cheapest option of every workload adds up to \(servedText): the smallest budget with a plan")
        }
        let json = JSONValue.object([
            ("budget", .number(result.budget)), ("per", .string(input.per)), ("objective", .string(input.objective)),
            ("feasible", .bool(false)), ("total_cost", .null), ("total_quality", .null), ("unused_budget", .null),
            ("choices", .array([])),
            ("unserved", .array(infeasible.unservedWorkloads.map { .string($0) })),
            ("minimum_budget", .number(infeasible.minimumBudget)),
        ])
        return Output(blocks: [.table(table)], json: json, exportTable: table)
    }

    /// "does not fit (12), misses the SLA (3)": rejections counted by the reason's first clause.
    static func reasonSummary(_ rejected: [RejectedServingOption]) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for r in rejected {
            let kind = r.reason.split(separator: ":", maxSplits: 1).first.map(String.init) ?? r.reason
            if counts[kind] == nil { order.append(kind) }
            counts[kind, default: 0] += 1
        }
        return order.map { "\($0) (\(counts[$0]!))" }.joined(separator: ", ")
    }

    // MARK: JSON

    static func json(_ result: PlanResult, input: Input) -> JSONValue {
        let choices: [JSONValue] = result.chosen.map { c in
            if let t = input.table {
                let row = t.rows[c.payload]
                var fields: [(String, JSONValue)] = [("workload", .string(c.workload)), ("option", .string(c.option)),
                                                     ("cost", .number(c.cost)), ("quality", .number(c.quality))]
                for (name, cell) in zip(t.extraColumns, row.extras) {
                    fields.append((name, Double(cell).map { $0.isFinite ? .number($0) : .string(cell) } ?? .string(cell)))
                }
                return .object(fields)
            }
            let o = input.options[c.payload]
            return .object([
                ("workload", .string(c.workload)), ("model", .string(o.model)), ("gpu", .string(o.gpu)),
                ("pricing", .string(o.pricing.rawValue)), ("gpus", .number(Double(o.sizing.gpus))),
                ("cost", .number(c.cost)), ("quality", .number(c.quality)),
                ("precision", .string(o.precision?.rawValue)), ("option", .string(c.option)),
                ("instances", .number(Double(o.sizing.instances))), ("weight", .number(input.weights[c.workload] ?? 1)),
                ("tokens_per_s", .number(o.tokensPerSecond)),
            ])
        }
        var fields: [(String, JSONValue)] = [
            ("budget", .number(result.budget)), ("per", .string(input.per)), ("objective", .string(input.objective)),
            ("feasible", .bool(true)), ("total_cost", .number(result.totalCost)),
            ("total_quality", .number(weightedQuality(result, input: input))),
            ("unused_budget", .number(result.unusedBudget)),
            ("choices", .array(choices)),
        ]
        if input.objective == "throughput" { fields.append(("total_tokens_per_s", .number(result.totalValue))) }
        if let s = result.solution {
            fields.append(("lp_bound", .number(s.relaxation.upperBound)))
            fields.append(("marginal_value_per_dollar", .number(s.marginalValuePerCent * 100)))
            fields.append(("next_best", .array(s.alternatives.enumerated().compactMap { g, a in
                guard let a else { return nil }
                return .object([("workload", .string(result.groups[g].workload)), ("option", .string(result.groups[g].candidates[a.option].option)),
                                ("total_cost", .number(Double(a.totalCost) / 100)), ("cost_change", .number(Double(a.costChange) / 100)),
                                ("value_change", .number(a.valueChange))])
            })))
        }
        fields.append(("options_considered", .number(Double(result.groups.reduce(0) { $0 + $1.candidates.count }))))
        fields.append(("options_rejected", .number(Double(input.rejected.values.reduce(0) { $0 + $1.count }))))
        return .object(fields)
    }

    // MARK: explain

    static func derivation(_ result: PlanResult, input: Input, heading: String, perText: String) -> Derivation {
        var d = Derivation(title: heading)
        for g in result.groups {
            let rejected = input.rejected[g.workload] ?? []
            let formula = input.table == nil ? "models × GPUs × precisions × pricing, each sized with the SLA" : "rows of \(input.table!.fileName)"
            let substitution = rejected.isEmpty ? plural(g.candidates.count, "option") : "\(g.candidates.count + rejected.count) sized; set aside: " + reasonSummary(rejected)
            d.step("options for \(g.workload)", formula, substitution, plural(g.candidates.count, "candidate"))
        }
        if result.budget != nil {
            let objective = input.objective == "throughput" ? "max Σ_i tokens/s_ij·x_ij" : "max Σ_i w_i·q_ij·x_ij"
            d.step("problem", objective + " s.t. Σ c_ij·x_ij ≤ B, one option per workload",
                   "B = \(result.budget.map(NumberFormat.money) ?? "-")\(perText), costs in whole cents", "multiple-choice knapsack")
        } else {
            d.step("problem", "min Σ c_ij·x_ij, one option per workload", "no budget couples the workloads", "cheapest per workload")
        }
        if let s = result.solution {
            for (g, record) in s.pruning.enumerated() where !record.isEmpty {
                var dominated = 0, unaffordable = 0, lp = 0
                for p in record {
                    switch p.reason {
                    case .dominated: dominated += 1
                    case .unaffordable: unaffordable += 1
                    case .lpDominated: lp += 1
                    }
                }
                d.step("pruning \(result.groups[g].workload)", "dominated: c′ ≤ c ∧ v′ ≥ v; unaffordable: c + Σ others' cheapest > B",
                       "\(dominated) dominated, \(unaffordable) unaffordable removed; \(lp) below the hull kept",
                       "\(result.groups[g].candidates.count - dominated - unaffordable) kept")
            }
            d.step("LP bound", "Sinha–Zoltners greedy over upper-hull increments", "slope λ = \(NumberFormat.decimal(s.marginalValuePerCent * 100, significantDigits: 4)) per $",
                   valueText(s.relaxation.upperBound, input: input))
            d.step("optimum", "dynamic programming over non-dominated (cost, value) states", "\(NumberFormat.integer(Double(s.statesExplored))) states kept",
                   valueText(s.totalValue, input: input))
            d.step("marginal value", "λ × $1,000", "\(NumberFormat.decimal(s.marginalValuePerCent * 100, significantDigits: 4)) × 1,000",
                   valueText(s.marginalValuePerCent * 100_000, input: input) + " per $1,000" + perText)
        }
        for c in result.chosen {
            d.step("choice \(c.workload)", c.option, NumberFormat.money(c.cost) + perText, c.quality.map { "quality " + NumberFormat.decimal($0, significantDigits: 4) } ?? "no quality score")
        }
        if !result.chosen.isEmpty {
            d.step("total", "Σ chosen cost", "\(result.chosen.count) workloads", NumberFormat.money(result.totalCost) + perText)
        }
        if input.table == nil {
            d.assume("fp8 quality", "equal to bf16", source: "Kurtic et al. 2024, arXiv:2411.02355: FP8 W8A8 essentially lossless on Llama 3.1")
            d.assume("quality", "the catalog's score × the workload's weight=", source: "catalog models (catalog show MODEL)")
        }
        d.assume("costs", "rounded to the cent; the solver is exact in cents", source: "capacity-math.md §7")
        d.notes.append("Pisinger 1995 (minimal MCKP algorithm); Sinha & Zoltners 1979 (LP relaxation); Kellerer, Pferschy & Pisinger 2004, ch. 11")
        return d
    }

    /// Every candidate with its fate: chosen, kept, dominated (by which), unaffordable, below
    /// the LP hull, or rejected before solving (and why).
    static func candidateTable(_ result: PlanResult, input: Input, perText: String) -> Table {
        var table = Table(name: "candidates", title: "candidates", columns: [
            .init("workload"), .init("option"), .init("cost" + perText, key: "cost", alignment: .right),
            .init(input.objective == "throughput" ? "tokens/s" : "value", key: "value", alignment: .right), .init("status"),
        ])
        let chosenIndex = Dictionary(uniqueKeysWithValues: result.chosen.map { ($0.workload, $0.payload) })
        for (g, group) in result.groups.enumerated() {
            var reasons: [Int: PruningReason] = [:]
            for p in result.solution?.pruning[g] ?? [] { reasons[p.option] = p.reason }
            for (j, c) in group.candidates.enumerated() {
                let status: String
                if chosenIndex[group.workload] == c.payload {
                    status = "chosen"
                } else if let reason = reasons[j] {
                    switch reason {
                    case .dominated(let by): status = "dominated by " + group.candidates[by].option
                    case .unaffordable(let total): status = "unaffordable: \(NumberFormat.money(Double(total) / 100)) with the others' cheapest"
                    case .lpDominated: status = "below the LP hull (kept)"
                    }
                } else {
                    status = result.budget == nil ? "costlier" : "kept"
                }
                table.rows.append([.text(group.workload), .text(c.option), money(c.cost), .number(c.value, valueText(c.value, input: input)), .text(status)])
            }
            for r in input.rejected[group.workload] ?? [] {
                table.rows.append([.text(group.workload), .text(r.label), Table.Cell("-", value: .null), Table.Cell("-", value: .null), .text("rejected: " + r.reason)])
            }
        }
        return table
    }
}
