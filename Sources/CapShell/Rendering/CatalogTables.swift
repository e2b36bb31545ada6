import CapPlan

/// The catalog as tables and JSON: `catalog gpus`, `catalog models`, `catalog show`, and the
/// change report of `catalog add` and `set price`. Absent figures print as "—" and are null in
/// JSON; they are never filled in.
enum CatalogTables {
    static let absent = "—"

    static func cell(_ view: FigureView, unit: Bool = true) -> Table.Cell {
        guard let text = view.text else { return Table.Cell(absent, value: .null) }
        return Table.Cell(unit || view.unit == nil ? text : String(text.dropLast((view.unit?.count ?? 0) + 1)), value: view.raw)
    }

    static func gpuKey(_ key: String) -> CatalogKey<Accelerator> { CatalogKeys.gpu.first { $0.spec.key == key }! }
    static func modelKey(_ key: String) -> CatalogKey<ModelSpec> { CatalogKeys.model.first { $0.spec.key == key }! }

    // MARK: catalog gpus

    static func gpuList(_ catalog: Catalog) -> Table {
        var table = Table(name: "gpus", columns: [
            .init("GPU", key: "name"),
            .init("memory", key: "memory_gib", alignment: .right),
            .init("BF16 TFLOPS", key: "bf16_tflops", alignment: .right),
            .init("FP8 TFLOPS", key: "fp8_tflops", alignment: .right),
            .init("bandwidth", key: "bandwidth_tbps", alignment: .right),
            .init("TDP", key: "tdp_w", alignment: .right),
            .init("interconnect"),
            .init("$/h on-demand", key: "price_on_demand", alignment: .right),
            .init("spot", key: "price_spot", alignment: .right),
            .init("1y", key: "price_reserved_1y", alignment: .right),
            .init("3y", key: "price_reserved_3y", alignment: .right),
        ])
        for g in catalog.gpus {
            let link = gpuKey("link_bw").view(g)
            let interconnect = g.interconnect.kind.rawValue + (link.text.map { " " + $0 } ?? "")
            func price(_ key: String) -> Table.Cell {
                let v = gpuKey(key).view(g)
                guard let x = v.raw.numberValue else { return Table.Cell(absent, value: .null) }
                return Table.Cell(NumberFormat.money(x), value: v.raw)
            }
            table.rows.append([
                .text(g.id),
                cell(gpuKey("memory").view(g)),
                cell(gpuKey("bf16").view(g), unit: false),
                cell(gpuKey("fp8").view(g), unit: false),
                cell(gpuKey("bandwidth").view(g)),
                cell(gpuKey("tdp").view(g)),
                Table.Cell(interconnect, value: .string(g.interconnect.kind.rawValue)),
                price("on_demand"), price("spot"), price("reserved_1y"), price("reserved_3y"),
            ])
        }
        table.footnotes = ["prices: USD per GPU-hour; — = no sourced figure. 'catalog show GPU' gives sources and dates."]
        return table
    }

    static func gpuJSON(_ g: Accelerator) -> JSONValue {
        func raw(_ key: String) -> JSONValue { gpuKey(key).view(g).raw }
        return .object([
            ("id", .string(g.id)),
            ("display", .string(g.names.display)),
            ("aliases", .array(g.names.aliases.map { .string($0) })),
            ("memory_gib", raw("memory")),
            ("bf16_tflops", raw("bf16")),
            ("fp8_tflops", raw("fp8")),
            ("int8_tops", raw("int8")),
            ("bandwidth_tbps", raw("bandwidth")),
            ("tdp_w", raw("tdp")),
            ("interconnect", .string(g.interconnect.kind.rawValue)),
            ("link_gbps", raw("link_bw")),
            ("price_on_demand", raw("on_demand")),
            ("price_spot", raw("spot")),
            ("price_reserved_1y", raw("reserved_1y")),
            ("price_reserved_3y", raw("reserved_3y")),
        ])
    }

    // MARK: catalog models

    static func modelList(_ catalog: Catalog) -> Table {
        var table = Table(name: "models", columns: [
            .init("model", key: "name"),
            .init("kind"),
            .init("params", alignment: .right),
            .init("active", key: "active_params", alignment: .right),
            .init("layers", alignment: .right),
            .init("d_model", alignment: .right),
            .init("heads", alignment: .right),
            .init("KV heads", key: "kv_heads", alignment: .right),
            .init("head dim", key: "head_dim", alignment: .right),
            .init("KV B/tok", key: "kv_bytes_per_token", alignment: .right),
            .init("precision"),
            .init("context", alignment: .right),
            .init("quality", alignment: .right),
        ])
        for m in catalog.models {
            let kv = CatalogFunctions.kvBytesIfAny(m)
            table.rows.append([
                .text(m.id),
                .text(m.kind.rawValue),
                cell(modelKey("params").view(m)),
                cell(modelKey("active").view(m)),
                cell(modelKey("layers").view(m)),
                cell(modelKey("d_model").view(m)),
                cell(modelKey("heads").view(m)),
                cell(modelKey("kv_heads").view(m)),
                cell(modelKey("head_dim").view(m)),
                kv.map { .number($0, NumberFormat.integer($0)) } ?? Table.Cell(absent, value: .null),
                .text(m.defaultPrecision.rawValue),
                cell(modelKey("context").view(m)),
                cell(modelKey("quality").view(m)),
            ])
        }
        table.footnotes = qualityFootnote(catalog.models)
            + ["KV B/tok: KV-cache bytes per token at the default precision, 2 × layers × KV heads × head dim × bytes (decoder LLMs only)."]
        return table
    }

    /// "quality: MMLU 5-shot; gpt-3-175b: MMLU few-shot; ..." — the most common benchmark, then
    /// the exceptions, so nobody compares a GLUE score with an MMLU one.
    static func qualityFootnote(_ models: [ModelSpec]) -> [String] {
        let scored = models.filter { $0.quality.value != nil }
        guard !scored.isEmpty else { return [] }
        var counts: [String: Int] = [:]
        for m in scored { counts[m.qualityBenchmark ?? "unnamed benchmark", default: 0] += 1 }
        let common = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
        let exceptions = scored.filter { ($0.qualityBenchmark ?? "unnamed benchmark") != common }
            .map { "\($0.id): \($0.qualityBenchmark ?? "unnamed benchmark")" }
        return ["quality (0-100): " + ([common] + exceptions).joined(separator: "; ")]
    }

    static func modelJSON(_ m: ModelSpec) -> JSONValue {
        func raw(_ key: String) -> JSONValue { modelKey(key).view(m).raw }
        return .object([
            ("id", .string(m.id)),
            ("display", .string(m.names.display)),
            ("aliases", .array(m.names.aliases.map { .string($0) })),
            ("kind", .string(m.kind.rawValue)),
            ("params", raw("params")),
            ("active_params", raw("active")),
            ("layers", raw("layers")),
            ("d_model", raw("d_model")),
            ("heads", raw("heads")),
            ("kv_heads", raw("kv_heads")),
            ("head_dim", raw("head_dim")),
            ("kv_bytes_per_token", .number(CatalogFunctions.kvBytesIfAny(m))),
            ("precision", .string(m.defaultPrecision.rawValue)),
            ("context", raw("context")),
            ("quality", raw("quality")),
            ("quality_benchmark", .string(m.qualityBenchmark)),
        ])
    }

    // MARK: catalog show

    /// One row per figure: value, source key, as-of date, note; sources' titles under the table.
    static func figureTable(name: String, title: String, rows: [(String, FigureView)], names: CatalogNames, notes: String?) -> (Table, JSONValue) {
        var table = Table(name: name, title: title, columns: [.init("figure"), .init("value"), .init("source"), .init("as of"), .init("note")])
        var cited: [Source] = []
        var figures: [JSONValue] = []
        for (key, view) in rows {
            if let s = view.source, !cited.contains(s) { cited.append(s) }
            table.rows.append([
                .text(key),
                view.text.map { Table.Cell($0, value: view.raw) } ?? Table.Cell(absent, value: .null),
                view.source.map { .text(label(for: $0, in: cited)) } ?? Table.Cell(absent, value: .null),
                view.source.map { .text($0.asOf) } ?? Table.Cell(absent, value: .null),
                .text(view.note ?? (view.isSourced && view.text != nil && view.source == nil ? "no source given" : "")),
            ])
            figures.append(.object([
                ("figure", .string(key)),
                ("value", view.raw),
                ("unit", .string(view.unit)),
                ("text", .string(view.text)),
                ("source", view.source.map { s in .object([("key", .string(s.key)), ("title", .string(s.title)), ("url", .string(s.url)), ("as_of", .string(s.asOf))]) } ?? .null),
                ("note", .string(view.note)),
            ]))
        }
        table.footnotes.append("names: " + ([names.id] + names.aliases).joined(separator: ", "))
        if let notes { table.footnotes.append("notes: " + notes) }
        if !cited.isEmpty {
            table.footnotes.append("sources:")
            for s in cited {
                table.footnotes.append("  \(label(for: s, in: cited)): \(s.title)" + (s.url.map { " <\($0)>" } ?? "") + (s.asOf == UserFigures.source.asOf ? "" : ", as of \(s.asOf)"))
            }
        }
        let json: JSONValue = .object([(name, .object([
            ("id", .string(names.id)),
            ("display", .string(names.display)),
            ("aliases", .array(names.aliases.map { .string($0) })),
            ("figures", .array(figures)),
            ("notes", .string(notes)),
        ]))])
        return (table, json)
    }

    static func titleName(_ names: CatalogNames) -> String {
        names.display == names.id ? names.id : "\(names.id) (\(names.display))"
    }

    /// A source's key, numbered when two different sources share it (inline sources).
    static func label(for source: Source, in cited: [Source]) -> String {
        let same = cited.filter { $0.key == source.key }
        guard same.count > 1, let i = same.firstIndex(of: source) else { return source.key }
        return "\(source.key)-\(i + 1)"
    }

    static func showGPU(_ g: Accelerator) -> Output {
        let rows = CatalogKeys.gpuFigureKeys.map { ($0.spec.key, $0.view(g)) }
        let (table, json) = figureTable(name: "gpu", title: "GPU " + titleName(g.names), rows: rows, names: g.names, notes: g.notes)
        return .table(table, json: json)
    }

    static func showModel(_ m: ModelSpec) -> Output {
        var rows: [(String, FigureView)] = []
        for key in CatalogKeys.modelFigureKeys {
            let k = key.spec.key
            if (k == "experts" || k == "experts_per_token") && !m.isMixtureOfExperts && key.view(m).text == nil { continue }
            if k == "flops" && m.kind == .llm { continue }
            var view = key.view(m)
            if k == "quality", let benchmark = m.qualityBenchmark {
                view.note = [benchmark, view.note].compactMap { $0 }.joined(separator: "; ")
            }
            rows.append((k, view))
        }
        if let kv = CatalogFunctions.kvBytesIfAny(m), let l = m.layers.value, let h = m.kvHeads.value, let d = m.headDim.value {
            let p = m.defaultPrecision.defaultKVPrecision
            let derivation = "2 × \(l) layers × \(h) KV heads × \(d) × \(Quantity.shortest(p.bytesPerElement)) B (\(p.rawValue))"
            rows.append(("kv_bytes", FigureView(text: NumberFormat.integer(kv) + " B/token", raw: .number(kv), unit: "B",
                                                source: nil, note: "derived: " + derivation)))
        }
        let (table, json) = figureTable(name: "model", title: "model " + titleName(m.names), rows: rows, names: m.names, notes: m.notes)
        return .table(table, json: json)
    }

    // MARK: Change reports

    static func changeReport(kind: String, id: String, display: String, overrode: Bool, replaced: Bool,
                             changes: [CatalogEditing.Change], note: [String], verb: String? = nil) -> Output {
        let name = display == id ? "'\(id)'" : "'\(id)' (\(display))"
        let shown = changes.filter { $0.now.text != nil }.count
        let action: String
        let summary: String
        if let verb {
            action = "prices"
            summary = "set \(verb) \(kind) \(name)"
        } else if !overrode {
            action = "added"
            summary = "added \(kind) \(name) with \(shown) figure\(shown == 1 ? "" : "s") from the user"
        } else if replaced {
            action = "replaced"
            summary = "replaced \(kind) \(name): figures not given are now absent"
        } else {
            action = "overridden"
            summary = "overrode \(kind) \(name): \(changes.count) figure\(changes.count == 1 ? "" : "s") changed, the others keep their catalog values"
        }
        var table: Table
        if overrode {
            table = Table(name: "changes", columns: [.init("figure"), .init("was"), .init("now")])
            for c in changes {
                table.rows.append([.text(c.key), c.was.text.map { Table.Cell($0, value: c.was.raw) } ?? Table.Cell(absent, value: .null),
                                   c.now.text.map { Table.Cell($0, value: c.now.raw) } ?? Table.Cell(absent, value: .null)])
            }
        } else {
            table = Table(name: "changes", columns: [.init("figure"), .init("value")])
            for c in changes where c.now.text != nil {
                table.rows.append([.text(c.key), Table.Cell(c.now.text ?? absent, value: c.now.raw)])
            }
        }
        table.footnotes = note
        let json: JSONValue = .object([
            ("action", .string(action)),
            ("kind", .string(kind.lowercased())),
            ("id", .string(id)),
            ("changes", .array(changes.map { .object([("figure", .string($0.key)), ("was", $0.was.raw), ("now", $0.now.raw)]) })),
        ])
        var output = Output(blocks: [.text(summary)], json: json)
        if !table.rows.isEmpty || !note.isEmpty { output.blocks.append(.table(table)) }
        return output
    }
}

extension JSONValue {
    var numberValue: Double? { if case .number(let x) = self { return x }; return nil }
}
