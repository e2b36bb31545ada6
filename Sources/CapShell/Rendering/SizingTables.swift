import CapPlan

/// Sizing results as tables and as the JSON contract of issue 3:
/// `workload, gpu, pricing, instances, gpus_per_instance, gpus, batch, utilization, capacity_rps,
/// peak_rps, ttft_ms, tpot_ms, e2e_p99_ms, meets_sla, binding, cost_per_hour, cost_per_month,
/// cost_per_request, cost_per_million_tokens, power_kw`.
enum SizingTables {
    /// Four significant digits, in ms below a second and s above: 67.64 ms, 8.947 s.
    static func ms(_ s: Double?) -> String { s.map { Quantity($0, .time).formatted(significantDigits: 4) } ?? "—" }
    static func money(_ x: Double?, _ suffix: String = "") -> String { x.map { NumberFormat.money($0) + suffix } ?? "—" }
    static func count(_ x: Int) -> String { NumberFormat.integer(Double(x)) }
    static func rate(_ r: SizingResult, _ x: Double) -> String {
        r.demandInTokens
            ? Quantity(x, .tokenRate, unit: UnitTable.unit("tok/s")).formatted(significantDigits: 4)
            : Quantity(x, .rate, unit: UnitTable.unit("rps")).formatted(significantDigits: 4)
    }

    static func json(_ r: SizingResult) -> JSONValue {
        .object([
            ("workload", .string(r.workload)),
            ("gpu", .string(r.gpu)),
            ("pricing", .string(r.pricing.rawValue)),
            ("instances", .number(Double(r.instances))),
            ("gpus_per_instance", .number(Double(r.gpusPerInstance))),
            ("gpus", .number(Double(r.gpus))),
            ("batch", .number(r.batch.map(Double.init))),
            ("utilization", .number(r.utilization)),
            ("capacity_rps", .number(r.capacity)),
            ("peak_rps", .number(r.peakRate)),
            ("ttft_ms", .number(r.ttftP99.map { $0 * 1000 })),
            ("tpot_ms", .number(r.tpot.map { $0 * 1000 })),
            ("e2e_p99_ms", .number(r.e2eP99.map { $0 * 1000 })),
            ("meets_sla", .bool(r.meetsSLA)),
            ("binding", .string(r.binding.rawValue)),
            ("cost_per_hour", .number(r.costPerHour)),
            ("cost_per_month", .number(r.costPerMonth)),
            ("cost_per_request", .number(r.costPerRequest)),
            ("cost_per_million_tokens", .number(r.costPerMillionTokens)),
            ("power_kw", .number(r.powerWatts.map { $0 / 1000 })),
            ("instances_needed", .number(Double(r.neededInstances))),
            ("spares", .number(Double(r.spares))),
            ("zones", .number(Double(r.zones))),
            ("cpu_cores", .number(r.cpuCores)),
            ("ram_gb", .number(r.ramBytes.map { $0 / 1e9 })),
            ("sla_misses", .array(r.slaMisses.map { .string($0) })),
        ])
    }

    /// One workload, one metric per line: what a design review reads.
    static func detail(_ r: SizingResult) -> Table {
        var t = Table(name: "size", title: headline(r), columns: [.init("metric"), .init("value", alignment: .right), .init("note")])
        func row(_ metric: String, _ value: String, _ note: String = "") { t.rows.append([.text(metric), .text(value), .text(note)]) }
        row("accelerator", r.gpu == "none" ? "none (CPU)" : (r.gpu == "unspecified" ? "unnamed GPU" : r.gpu), r.tensorParallel.map { "tensor parallel \($0)" } ?? "")
        row("pricing", r.pricing.rawValue)
        row("peak demand", rate(r, r.peakRate), "mean \(rate(r, r.meanRate))")
        row("sized for", rate(r, r.sizedRate), "headroom \(NumberFormat.percent(r.headroom))")
        row("capacity per instance", rate(r, r.capacityPerInstance), r.batch.map { "batch \($0) of max \(r.maxBatch ?? $0)" } ?? "")
        row("instances needed", count(r.neededInstances), "throughput \(count(r.throughputInstances)), latency \(count(r.latencyInstances)); \(r.binding.rawValue) binds")
        if r.spares > 0 { row("spares", "+" + count(r.spares), "N+\(r.spares)") }
        if r.zones > 1 { row("zones", "\(r.zones)", "survives \(r.zoneFailures) zone failure\(r.zoneFailures == 1 ? "" : "s")") }
        row("instances", count(r.instances))
        row("GPUs", count(r.gpus), "\(r.gpusPerInstance) per instance")
        if let cores = r.cpuCores { row("CPU cores", NumberFormat.decimal(cores)) }
        if let ram = r.ramBytes { row("RAM", Quantity(ram, .data).formatted()) }
        row("utilisation at peak", NumberFormat.percent(r.utilization))
        if r.ttftP99 != nil { row("TTFT \(p(r))", ms(r.ttftP99)) }
        if r.tpot != nil { row("TPOT", ms(r.tpot)) }
        if r.e2eP99 != nil { row("end to end \(p(r))", ms(r.e2eP99)) }
        row("SLA", r.meetsSLA ? "met" : "MISSED", r.slaMisses.joined(separator: "; "))
        row("cost per hour", money(r.costPerHour, "/h"), r.pricePerInstanceHour.map { NumberFormat.money($0) + "/h per instance" } ?? "")
        if r.spares > 0 || r.zones > 1, let price = r.pricePerInstanceHour {
            row("  without redundancy", money(Double(r.neededInstances) * price, "/h"), "\(count(r.neededInstances)) instances")
        }
        row("cost per month", money(r.costPerMonth, "/mo"), "\(NumberFormat.decimal(r.monthHours)) h")
        row("cost per year", money(r.costPerYear, "/yr"))
        if r.costPerRequest != nil { row("cost per request", money(r.costPerRequest)) }
        if r.costPerMillionTokens != nil { row("cost per 1M tokens", money(r.costPerMillionTokens)) }
        if let w = r.powerWatts {
            row("power (TDP)", Quantity(w, .power).formatted(), r.energyKWhPerMonth.map { NumberFormat.integer($0) + " kWh per month" } ?? "")
        }
        return t
    }

    static func p(_ r: SizingResult) -> String { NumberFormat.percentile(r.quantile) }

    static func headline(_ r: SizingResult) -> String {
        var text = "size \(r.workload): \(count(r.instances)) instance\(r.instances == 1 ? "" : "s")"
        if r.gpus > 0 { text += ", \(count(r.gpus)) GPU\(r.gpus == 1 ? "" : "s")" + (r.gpu == "unspecified" ? "" : " (\(r.gpu))") }
        if let c = r.costPerHour { text += ", " + NumberFormat.money(c) + "/h" }
        text += r.meetsSLA ? ", meets the SLA" : ", MISSES the SLA"
        return text
    }

    /// Several workloads, one row each, with a totals row (`size all`).
    static func summary(_ results: [SizingResult]) -> Table {
        var t = Table(name: "size", columns: [
            .init("workload"), .init("gpu"), .init("instances", alignment: .right), .init("GPUs", key: "gpus", alignment: .right),
            .init("util", key: "utilization", alignment: .right), .init("p99 latency", key: "latency_ms", alignment: .right),
            .init("SLA", key: "meets_sla"), .init("binding"), .init("$/h", key: "cost_per_hour", alignment: .right),
            .init("$/month", key: "cost_per_month", alignment: .right), .init("CPU cores", key: "cpu_cores", alignment: .right),
        ])
        for r in results {
            let latency = r.ttftP99 ?? r.e2eP99
            t.rows.append([
                .text(r.workload), .text(r.gpu),
                .number(Double(r.instances), count(r.instances)), .number(Double(r.gpus), count(r.gpus)),
                .number(r.utilization, NumberFormat.percent(r.utilization)),
                latency.map { .number($0 * 1000, ms($0)) } ?? .empty,
                Table.Cell(r.meetsSLA ? "met" : "MISSED", value: .bool(r.meetsSLA)), .text(r.binding.rawValue),
                r.costPerHour.map { .number($0, NumberFormat.money($0)) } ?? Table.Cell("—", value: .null),
                r.costPerMonth.map { .number($0, NumberFormat.money($0)) } ?? Table.Cell("—", value: .null),
                r.cpuCores.map { .number($0, NumberFormat.decimal($0)) } ?? .empty,
            ])
        }
        let instances = results.reduce(0) { $0 + $1.instances }
        let gpus = results.reduce(0) { $0 + $1.gpus }
        let hour = results.compactMap(\.costPerHour).reduce(0, +)
        let month = results.compactMap(\.costPerMonth).reduce(0, +)
        let cores = results.compactMap(\.cpuCores).reduce(0, +)
        let allPriced = results.allSatisfy { $0.costPerHour != nil }
        t.rows.append([
            .text("total"), .text(""), .number(Double(instances), count(instances)), .number(Double(gpus), count(gpus)), .empty, .empty,
            Table.Cell(results.allSatisfy(\.meetsSLA) ? "met" : "MISSED", value: .bool(results.allSatisfy(\.meetsSLA))), .empty,
            .number(hour, NumberFormat.money(hour) + (allPriced ? "" : "+")), .number(month, NumberFormat.money(month) + (allPriced ? "" : "+")),
            cores > 0 ? .number(cores, NumberFormat.decimal(cores)) : .empty,
        ])
        let ram = results.compactMap(\.ramBytes).reduce(0, +)
        if ram > 0 { t.footnotes.append("RAM total: " + Quantity(ram, .data).formatted()) }
        if !allPriced { t.footnotes.append("+ some workloads have no price; totals exclude them") }
        return t
    }
}
