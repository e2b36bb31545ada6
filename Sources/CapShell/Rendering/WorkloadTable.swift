import CapPlan

/// Workloads as tables and JSON (`show workloads`, `show workload`, `export csv workloads`).
enum WorkloadTable {
    static func cellQuantity(_ x: Double?, _ dimension: Dimension, unit: String? = nil) -> Table.Cell {
        guard let x else { return .empty }
        let q = Quantity(x, dimension, unit: unit.flatMap { UnitTable.unit($0) })
        let raw = unit.flatMap { UnitTable.unit($0) }.map { x / $0.factor } ?? x
        return Table.Cell(q.formatted(), value: .number(raw))
    }

    static func cellText(_ s: String?) -> Table.Cell {
        guard let s else { return .empty }
        return .text(s)
    }

    static func list(_ session: Session) -> Table {
        var table = Table(name: "workloads", columns: [
            .init("workload", key: "name"),
            .init("rate", key: "rate_rps", alignment: .right),
            .init("peak", alignment: .right),
            .init("in", key: "input_tokens", alignment: .right),
            .init("out", key: "output_tokens", alignment: .right),
            .init("model"),
            .init("gpu"),
            .init("per instance", key: "per_instance", alignment: .right),
            .init("sla"),
        ])
        for w in session.workloads {
            let perInstance = w.perInstanceIsTokens ? cellQuantity(w.perInstance, .tokenRate, unit: "tok/s") : cellQuantity(w.perInstance, .rate, unit: "rps")
            table.rows.append([
                .text(w.name),
                cellQuantity(w.rate, .rate, unit: "rps"),
                w.peakMultiplier.map { .number($0, NumberFormat.decimal($0) + "x") } ?? .empty,
                w.inputTokens.map { .number($0, NumberFormat.decimal($0)) } ?? .empty,
                w.outputTokens.map { .number($0, NumberFormat.decimal($0)) } ?? .empty,
                cellText(w.model),
                cellText(w.gpu),
                perInstance,
                .text(slaText(w.sla)),
            ])
        }
        if session.workloads.isEmpty { table.footnotes = ["(no workloads; add one with 'add workload NAME key=value...')"] }
        return table
    }

    static func slaText(_ sla: ServiceLevel) -> String {
        var parts: [String] = []
        if let t = sla.ttft { parts.append("ttft " + Quantity(t, .time).formatted()) }
        if let t = sla.tpot { parts.append("tpot " + Quantity(t, .time).formatted()) }
        if let t = sla.e2e { parts.append("e2e " + Quantity(t, .time).formatted()) }
        if parts.isEmpty { return "" }
        let q = sla.quantile.map { " (" + NumberFormat.percentile($0) + ")" } ?? ""
        return parts.joined(separator: ", ") + q
    }

    /// Every key of one workload, with inherited session defaults marked.
    static func detail(_ w: Workload, settings: Settings) -> Table {
        var table = Table(name: "workload", title: "workload \(w.name)", columns: [.init("key"), .init("value"), .init("source")])
        // By index: each key is a struct of closures, costly to copy out of the array.
        for i in WorkloadKeys.all.indices {
            guard let text = WorkloadKeys.all[i].render(w), let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let value = String(text[text.utf8.index(after: equals)...])
            table.rows.append([.text(WorkloadKeys.all[i].spec.key), .text(value), .text("set")])
        }
        func inherited(_ key: String, _ value: String) {
            table.rows.append([.text(key), .text(value), .text("session default")])
        }
        if w.headroom == nil { inherited("headroom", SettingKeys.percentText(settings.headroom)) }
        if w.spares == nil { inherited("spares", "\(settings.spares)") }
        if w.zones == nil { inherited("zones", "\(settings.zones)") }
        if w.pricing == nil { inherited("pricing", settings.pricing.rawValue) }
        if w.sla.quantile == nil && !w.sla.isEmpty { inherited("sla.quantile", NumberFormat.percentile(settings.quantile)) }
        if w.peakMultiplier == nil { inherited("peak", "1x") }
        return table
    }

    static func json(_ w: Workload) -> JSONValue {
        .object([
            ("name", .string(w.name)),
            ("rate_rps", .number(w.rate)),
            ("token_rate_tps", .number(w.tokenRate)),
            ("input_tokens", .number(w.inputTokens)),
            ("output_tokens", .number(w.outputTokens)),
            ("peak", .number(w.peakMultiplier)),
            ("model", .string(w.model)),
            ("gpu", .string(w.gpu)),
            ("precision", .string(w.precision)),
            ("pricing", .string(w.pricing)),
            ("price_per_instance_hour", .number(w.pricePerInstanceHour)),
            ("per_instance", .number(w.perInstance)),
            ("per_instance_unit", w.perInstance == nil ? .null : .string(w.perInstanceIsTokens ? "tok/s" : "rps")),
            ("sla_ttft_s", .number(w.sla.ttft)),
            ("sla_tpot_s", .number(w.sla.tpot)),
            ("sla_e2e_s", .number(w.sla.e2e)),
            ("sla_quantile", .number(w.sla.quantile)),
            ("headroom", .number(w.headroom)),
            ("spares", .number(w.spares.map(Double.init))),
            ("zones", .number(w.zones.map(Double.init))),
            ("cpu", .number(w.cpuPerInstance)),
            ("ram_bytes", .number(w.ramPerInstance)),
            ("weight", .number(w.weight)),
        ])
    }
}
