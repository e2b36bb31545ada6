import CapPlan
import Foundation

/// `catalog gpus`, `catalog models`, `catalog show [gpu|model] NAME`, `catalog add gpu|model`,
/// `catalog load FILE.json`, `set price GPU ...` (issue 3, "Catalog").
///
/// The keys `catalog add` takes are declared once in `CatalogKeys` (below): the parser, help,
/// the change report, `catalog show` and `save` all read them.
enum CatalogCommands {
    static let all: [CommandSpec] = [gpus, models, show, showGPU, showModel, addGPU, addModel, load, setPrice]

    // MARK: Listing

    static let gpus = CommandSpec(
        path: ["catalog", "gpus"], group: .catalog,
        abstract: "List the accelerators: memory, compute, bandwidth, power, interconnect and $/GPU-hour.",
        discussion: """
        Prices are USD per GPU-hour; a price the catalog lacks shows as '—' (null in JSON): it is \
        never invented. TFLOPS are dense (no sparsity). 'catalog show NAME' gives every figure's \
        source and as-of date. \
        JSON (stable keys): {"gpus": [{id, display, aliases, memory_gb, bf16_tflops, fp8_tflops, \
        int8_tops, bandwidth_tbps, tdp_w, interconnect, link_gbps, price_on_demand, price_spot, \
        price_reserved_1y, price_reserved_3y}]}; absent figures are null.
        """,
        examples: ["catalog gpus"]
    ) { context, _ in
        let table = CatalogTables.gpuList(context.session.catalog)
        return CommandResult(.table(table, json: .object([("gpus", .array(context.session.catalog.gpus.map(CatalogTables.gpuJSON)))])))
    }

    static let models = CommandSpec(
        path: ["catalog", "models"], group: .catalog,
        abstract: "List the models: kind, parameters, shape, KV bytes per token, precision, context, quality.",
        discussion: """
        'KV B/tok' is the KV cache per token of context at the model's default precision, \
        2 × layers × kv_heads × head_dim × bytes (the same number as kv_bytes(MODEL)); only \
        decoder LLMs have one. Quality is on a 0-100 scale; the footnote names the benchmark. \
        JSON (stable keys): {"models": [{id, display, aliases, kind, params, active_params, layers, \
        d_model, heads, kv_heads, head_dim, kv_bytes_per_token, precision, context, quality, \
        quality_benchmark}]}; absent figures are null.
        """,
        examples: ["catalog models"]
    ) { context, _ in
        let table = CatalogTables.modelList(context.session.catalog)
        return CommandResult(.table(table, json: .object([("models", .array(context.session.catalog.models.map(CatalogTables.modelJSON)))])))
    }

    // MARK: Showing one entry

    static let show = CommandSpec(
        path: ["catalog", "show"], group: .catalog,
        abstract: "Show every figure of one GPU or model with its source and as-of date.",
        discussion: """
        NAME is looked up among GPUs and models the way 'gpu=' and 'model=' look names up: id, \
        alias, display name, then a unique prefix or substring. A name that fits neither, or \
        several entries, is an error listing the candidates; 'catalog show gpu NAME' and \
        'catalog show model NAME' look in one list only. An absent figure shows the note that \
        says why. JSON: {"gpu"|"model": {id, display, aliases, figures: [{figure, value, unit, \
        text, source: {key, title, url, as_of} | null, note}], notes}}.
        """,
        positionals: [OptionSpec("name", .name(.generic), "A GPU or model name (h100, llama-3-70b).", required: true)],
        examples: ["catalog show h100", "catalog show llama-3-70b"]
    ) { context, arguments in
        let name = arguments.name("name") ?? ""
        let span = arguments.positional("name")?.span
        switch try CatalogLookup.either(name, in: context.session.catalog, span: span) {
        case .gpu(let g): return CommandResult(CatalogTables.showGPU(g))
        case .model(let m): return CommandResult(CatalogTables.showModel(m))
        }
    }

    static let showGPU = CommandSpec(
        path: ["catalog", "show", "gpu"], group: .catalog,
        abstract: "Show every figure of one GPU with its source and as-of date.",
        positionals: [OptionSpec("gpu", .name(.gpu), "The GPU's name.", required: true)],
        examples: ["catalog show gpu a100"]
    ) { context, arguments in
        let g = try CatalogLookup.gpu(arguments, key: "gpu", in: context.session.catalog)
        return CommandResult(CatalogTables.showGPU(g))
    }

    static let showModel = CommandSpec(
        path: ["catalog", "show", "model"], group: .catalog,
        abstract: "Show every figure of one model with its source and as-of date.",
        positionals: [OptionSpec("model", .name(.model), "The model's name.", required: true)],
        examples: ["catalog show model mixtral"]
    ) { context, arguments in
        let m = try CatalogLookup.model(arguments, key: "model", in: context.session.catalog)
        return CommandResult(CatalogTables.showModel(m))
    }

    // MARK: Adding and overriding

    static let addGPU = CommandSpec(
        path: ["catalog", "add", "gpu"], group: .catalog,
        abstract: "Add a GPU to this session's catalog, or override figures of an existing one.",
        discussion: """
        If NAME is already a GPU's id, alias or display name (exactly, ignoring case), the given \
        figures override that GPU's and the rest keep their catalog values and sources \
        (replace=yes starts from an empty entry instead); the output says which figures changed. \
        Otherwise a new GPU with id NAME is added; figures not given are absent (sizing needs \
        memory=, bandwidth= and bf16=). Every figure typed here has the source "user (this \
        session)". Units: a bare number is GB for memory=, TFLOPS for bf16=, fp8= and int8= (TOPS), \
        W for tdp= and $/h for prices; bandwidths need a unit (3.35TB/s, 450GB/s) because both \
        TB/s and GB/s are in common use. 'save' writes these changes back as commands.
        """,
        positionals: [OptionSpec("name", .name(.gpu), "The GPU's id (new) or any of its names (override).", required: true)],
        options: CatalogKeys.gpu.map(\.spec) + [CatalogEditing.replaceSpec],
        examples: [
            "catalog add gpu h100-nvl memory=94GB bandwidth=3.9TB/s bf16=835TFLOPS fp8=1670 tdp=400W link=nvlink link_bw=300GB/s price=$3.2/h",
            "catalog add gpu h100 memory=80GB price=$2.5/h",
        ],
        mutatesSession: true
    ) { context, arguments in
        try CatalogEditing.addGPU(&context, arguments)
    }

    static let addModel = CommandSpec(
        path: ["catalog", "add", "model"], group: .catalog,
        abstract: "Add a model to this session's catalog, or override figures of an existing one.",
        discussion: """
        Same rules as 'catalog add gpu': an existing name (exactly, ignoring case) is overridden \
        figure by figure, a new name is added with kind=llm and precision=bf16 unless given. \
        Counts take SI suffixes and B for billion (params=70B, context=128k). When params= changes \
        on a dense model, active= follows it. head_dim= defaults to d_model / heads for a new \
        model; kv_heads= is never guessed (it is 8 for most GQA models, heads for MHA). Every \
        figure typed here has the source "user (this session)".
        """,
        positionals: [OptionSpec("name", .name(.model), "The model's id (new) or any of its names (override).", required: true)],
        options: CatalogKeys.model.map(\.spec) + [CatalogEditing.replaceSpec],
        examples: [
            "catalog add model my-13b params=13B layers=40 d_model=5120 heads=40 kv_heads=8 context=32k quality=60",
            "catalog add model llama-3-70b quality=82",
        ],
        mutatesSession: true
    ) { context, arguments in
        try CatalogEditing.addModel(&context, arguments)
    }

    static let load = CommandSpec(
        path: ["catalog", "load"], group: .catalog,
        abstract: "Add the GPUs and models of a JSON catalog file (the bundled catalog's format).",
        discussion: """
        The file is {"sources": {...}, "gpus": [...], "models": [...]}, each figure \
        {"value": x, "source": KEY or {"title", "asOf"}, "note"} as in Sources/CapPlan/Resources/catalog.json; \
        it may cite the bundled catalog's source keys. An entry whose id is already in the catalog \
        replaces that entry whole. Nothing is added unless the whole file is valid; errors name the \
        file and the JSON path. 'save' writes the loaded entries as 'catalog add' lines (so the plan \
        does not depend on where the file lives); their values replay exactly, their sources replay \
        as "user (this session)".
        """,
        positionals: [OptionSpec("file", .path, "The JSON catalog file, relative to the script's directory.", required: true)],
        examples: ["catalog load my-gpus.json"],
        mutatesSession: true
    ) { context, arguments in
        try CatalogEditing.load(&context, arguments)
    }

    static let setPrice = CommandSpec(
        path: ["set", "price"], group: .catalog,
        abstract: "Set a GPU's $/GPU-hour prices for this session (on-demand, spot, reserved).",
        discussion: """
        Give at least one price; a bare number is $/h ($2.10/h and 2.1 are the same). The prices \
        get the source "user (this session)"; the rest keep theirs. A workload's price= (one \
        instance-hour) still overrides the catalog when sizing.
        """,
        positionals: [OptionSpec("gpu", .name(.gpu), "The GPU whose prices change.", required: true)],
        options: CatalogKeys.priceKeys.map(\.spec),
        examples: ["set price h100 spot=$2.10/h", "set price a100 on_demand=$3.5/h reserved_1y=2.2"],
        mutatesSession: true
    ) { context, arguments in
        try CatalogEditing.setPrice(&context, arguments)
    }
}

// MARK: - Name lookup

/// Looks catalog names up for commands and turns `CatalogError`s into located errors.
enum CatalogLookup {
    enum Entry { case gpu(Accelerator), model(ModelSpec) }

    static func gpu(_ arguments: Arguments, key: String, in catalog: Catalog) throws -> Accelerator {
        let name = arguments.name(key) ?? ""
        do {
            return try catalog.gpu(named: name)
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.hint, span: (arguments.positional(key) ?? arguments.option(key))?.span)
        }
    }

    static func model(_ arguments: Arguments, key: String, in catalog: Catalog) throws -> ModelSpec {
        let name = arguments.name(key) ?? ""
        do {
            return try catalog.model(named: name)
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.hint, span: (arguments.positional(key) ?? arguments.option(key))?.span)
        }
    }

    /// A name looked up among GPUs and models. An exact name (id, alias or display name) wins over
    /// a partial one; a name that matches in both lists equally well is ambiguous.
    static func either(_ name: String, in catalog: Catalog, span: Range<Int>?) throws -> Entry {
        let gpuResult = Result { try catalog.gpu(named: name) }
        let modelResult = Result { try catalog.model(named: name) }
        switch (gpuResult, modelResult) {
        case let (.success(g), .failure): return .gpu(g)
        case let (.failure, .success(m)): return .model(m)
        case let (.success(g), .success(m)):
            let gpuExact = exactIndex(name, in: catalog.gpus.map(\.names)) != nil
            let modelExact = exactIndex(name, in: catalog.models.map(\.names)) != nil
            if gpuExact && !modelExact { return .gpu(g) }
            if modelExact && !gpuExact { return .model(m) }
            throw LanguageError(.command, "name '\(name)' is ambiguous: it matches GPU '\(g.id)' and model '\(m.id)'",
                                hint: "say which: 'catalog show gpu \(name)' or 'catalog show model \(name)'", span: span)
        case let (.failure(ge), .failure(me)):
            let g = ge as? CatalogError, m = me as? CatalogError
            // An ambiguity is more useful than "unknown": it lists the candidates.
            for error in [g, m].compactMap({ $0 }) {
                if case .ambiguousName = error { throw LanguageError(.command, error.message, hint: error.hint, span: span) }
            }
            var suggestions: [String] = []
            for error in [g, m].compactMap({ $0 }) {
                if case let .unknownName(_, _, s) = error { suggestions += s }
            }
            let hint = suggestions.isEmpty
                ? "list them with 'catalog gpus' and 'catalog models'"
                : "did you mean \(suggestions.prefix(3).map { "'\($0)'" }.joined(separator: " or "))?"
            throw LanguageError(.command, "unknown GPU or model '\(name)'", hint: hint, span: span)
        }
    }

    /// The entry `name` names exactly: its id, an alias or its display name, compared the way
    /// the catalog compares names (case-insensitive, `_` and blanks read as `-`). `catalog add`
    /// overrides only on an exact name, never on a prefix (`h10` must not override `h100`).
    static func exactIndex(_ name: String, in entries: [CatalogNames]) -> Int? {
        let key = normalize(name)
        return entries.firstIndex { $0.all.contains { normalize($0) == key } }
    }

    static func normalize(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
    }
}

// MARK: - The keys of `catalog add`

/// The source of every figure typed in a session.
enum UserFigures {
    static let source = Source(key: "user", title: "user (this session)", asOf: "session")

    static func sourced<V>(_ value: V, note: String? = nil) -> Sourced<V> { Sourced(value, source: source, note: note) }

    /// A value in the catalog's stored unit, rounded to 15 significant digits so that unit
    /// conversion noise (3.35e12 / 1e12 = 3.3500000000000005) never reaches a table or `save`.
    static func snap(_ x: Double) -> Double { Double(String(format: "%.15g", x)) ?? x }
}

/// One `catalog add` key of an entry type: how it is read, shown, compared and saved.
struct CatalogKey<Entry: Sendable>: Sendable {
    var spec: OptionSpec
    /// Whether the key is a figure (reset by replace=yes) rather than a name.
    var isFigure = true
    /// Sets the entry from a typed value; throws a message when the value is out of range.
    var apply: @Sendable (inout Entry, Value) throws -> Void
    /// The value as `save` writes it (`memory=80GB`), nil when the entry lacks it.
    var render: @Sendable (Entry) -> String?
    /// The value as a person reads it (`80 GB`), its raw JSON value and its provenance.
    var view: @Sendable (Entry) -> FigureView
    /// Whether two entries differ here (value, source or note).
    var differs: @Sendable (Entry, Entry) -> Bool
}

/// A figure for display: absent when `text` is nil.
struct FigureView: Sendable {
    var text: String?
    var raw: JSONValue
    var unit: String?
    var source: Source?
    var note: String?
    /// False for choices and names (link, kind, precision, display), which carry no source.
    var isSourced = true
}

struct CatalogKeyError: UserFacingError {
    var message: String
    var userHint: String?
}

enum CatalogKeys {
    typealias GPUKey = CatalogKey<Accelerator>
    typealias ModelKey = CatalogKey<ModelSpec>

    // MARK: Builders

    static func dash(_ s: Sourced<Double>, _ text: (Double) -> String, unit: String?) -> FigureView {
        FigureView(text: s.value.map(text), raw: .number(s.value), unit: unit, source: s.source, note: s.note)
    }

    /// A real-valued figure stored in `unit` (the catalog file's unit for that field).
    static func real<E: Sendable>(_ key: String, _ path: WritableKeyPath<E, Sourced<Double>> & Sendable, kind: ValueKind, unit: String,
                                  display: String? = nil, abstract: String, aliases: [String] = [], renderBare: Bool = false,
                                  allowZero: Bool = false, maximum: Double? = nil) -> CatalogKey<E> {
        let conversion = UnitTable.unit(unit)
        let shown = display ?? unit
        let isMoney = unit.hasPrefix("$")
        @Sendable func text(_ v: Double) -> String {
            isMoney ? NumberFormat.money(v) + unit.dropFirst() : NumberFormat.decimal(v) + (shown.isEmpty ? "" : " " + shown)
        }
        return CatalogKey(spec: OptionSpec(key, kind, abstract, aliases: aliases)) { entry, value in
            let q = value.quantity ?? Quantity(0)
            let v = UserFigures.snap(conversion.map { q.value / $0.factor } ?? q.value)
            let range = maximum.map { " from 0 to \(NumberFormat.decimal($0))" }
            guard v.isFinite, allowZero ? v >= 0 : v > 0, v <= (maximum ?? .infinity) else {
                throw CatalogKeyError(message: "\(key)= must be" + (range ?? " greater than zero") + "; got \(NumberFormat.decimal(v))", userHint: nil)
            }
            entry[keyPath: path] = UserFigures.sourced(v)
        } render: { entry in
            guard let v = entry[keyPath: path].value else { return nil }
            if renderBare || conversion == nil { return "\(key)=\(Quantity.shortest(v))" }
            if isMoney { return "\(key)=$\(Quantity.shortest(v))\(unit.dropFirst())" }
            return "\(key)=\(Quantity.shortest(v))\(unit)"
        } view: { entry in
            dash(entry[keyPath: path], text, unit: shown.isEmpty ? nil : shown)
        } differs: { a, b in
            a[keyPath: path] != b[keyPath: path]
        }
    }

    static func data(_ impliedUnit: String?) -> ValueKind { .quantity(dimensions: [.data], impliedUnit: impliedUnit, context: .data) }
    static let bandwidth = ValueKind.quantity(dimensions: [.bandwidth], impliedUnit: nil, context: .count)
    static let compute = ValueKind.quantity(dimensions: [.compute], impliedUnit: "TFLOPS", context: .count)
    static let power = ValueKind.quantity(dimensions: [.power], impliedUnit: "W", context: .count)
    static let price = ValueKind.quantity(dimensions: [.moneyRate], impliedUnit: "$/h", context: .count)

    /// Text in quotes when it is not one name token, for `save`.
    static func quotedIfNeeded(_ s: String) -> String {
        if !s.isEmpty, s.unicodeScalars.allSatisfy(Lexer.isNameCharacter) { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func displayKey<E: Sendable>(_ names: WritableKeyPath<E, CatalogNames> & Sendable) -> CatalogKey<E> {
        CatalogKey(spec: OptionSpec("display", .text, "Display name (quote it if it has blanks: display=\"H100 NVL 94GB\")."),
                   isFigure: false) { entry, value in
            let text = value.name ?? ""
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw CatalogKeyError(message: "display= needs a name", userHint: nil) }
            entry[keyPath: names].display = text
        } render: { entry in
            let n = entry[keyPath: names]
            return n.display == n.id ? nil : "display=" + quotedIfNeeded(n.display)
        } view: { entry in
            let d = entry[keyPath: names].display
            return FigureView(text: d, raw: .string(d), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in
            a[keyPath: names].display != b[keyPath: names].display
        }
    }

    static func aliasesKey<E: Sendable>(_ names: WritableKeyPath<E, CatalogNames> & Sendable, kind: NameKind) -> CatalogKey<E> {
        CatalogKey(spec: OptionSpec("aliases", .list(.generic), "Other names that resolve to this entry (aliases=h100nvl,nvl)."),
                   isFigure: false) { entry, value in
            guard case .names(let list) = value else { return }
            entry[keyPath: names].aliases = list
        } render: { entry in
            let a = entry[keyPath: names].aliases
            return a.isEmpty ? nil : "aliases=" + a.joined(separator: ",")
        } view: { entry in
            let a = entry[keyPath: names].aliases
            return FigureView(text: a.joined(separator: ", "), raw: .array(a.map { .string($0) }), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in
            a[keyPath: names].aliases != b[keyPath: names].aliases
        }
    }

    // MARK: GPU keys

    static let priceKeys: [GPUKey] = [
        real("on_demand", \Accelerator.prices.onDemand, kind: price, unit: "$/h", abstract: "On-demand $/GPU-hour; a bare number is $/h.", aliases: ["price"]),
        real("spot", \Accelerator.prices.spot, kind: price, unit: "$/h", abstract: "Spot (preemptible) $/GPU-hour; a bare number is $/h."),
        real("reserved_1y", \Accelerator.prices.reserved1y, kind: price, unit: "$/h", abstract: "1-year reserved $/GPU-hour; a bare number is $/h."),
        real("reserved_3y", \Accelerator.prices.reserved3y, kind: price, unit: "$/h", abstract: "3-year reserved $/GPU-hour; a bare number is $/h."),
    ]

    static let linkKinds = ["nvlink", "pcie", "infinity-fabric"]

    static let gpu: [GPUKey] = [
        displayKey(\Accelerator.names),
        aliasesKey(\Accelerator.names, kind: .gpu),
        real("memory", \Accelerator.memoryGB, kind: data("GB"), unit: "GB", abstract: "Device memory; a bare number is GB (80 = 80GB)."),
        real("bandwidth", \Accelerator.memoryBandwidthTBps, kind: bandwidth, unit: "TB/s", abstract: "Memory bandwidth, with a unit: 3.35TB/s or 3350GB/s."),
        real("bf16", \Accelerator.bf16TFLOPS, kind: compute, unit: "TFLOPS", abstract: "Dense BF16/FP16 tensor TFLOPS; a bare number is TFLOPS."),
        real("fp8", \Accelerator.fp8TFLOPS, kind: compute, unit: "TFLOPS", abstract: "Dense FP8 tensor TFLOPS; a bare number is TFLOPS."),
        real("int8", \Accelerator.int8TOPS, kind: compute, unit: "TFLOPS", display: "TOPS", abstract: "Dense INT8 TOPS (informational); a bare number is TOPS.", renderBare: true),
        real("tdp", \Accelerator.tdpWatts, kind: power, unit: "W", abstract: "Board power; a bare number is W."),
        GPUKey(spec: OptionSpec("link", .choice(linkKinds), "Interconnect between GPUs of a server.")) { g, value in
            let kind = Interconnect.Kind(rawValue: value.name ?? "") ?? .pcie
            if kind != g.interconnect.kind {
                g.interconnect.kind = kind
                // The scale-up flag described the old link; it now follows the new one.
                g.interconnect.tensorParallelOverNVLink = .absent("follows link=\(kind.rawValue)")
            }
        } render: { g in
            "link=" + g.interconnect.kind.rawValue
        } view: { g in
            FigureView(text: g.interconnect.kind.rawValue, raw: .string(g.interconnect.kind.rawValue), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in a.interconnect.kind != b.interconnect.kind },
        real("link_bw", \Accelerator.interconnect.linkGBpsPerDirection, kind: bandwidth, unit: "GB/s",
             abstract: "Link bandwidth per GPU per direction, with a unit: 450GB/s."),
        GPUKey(spec: OptionSpec("scale_up", .flag, "Whether tensor parallelism runs over a scale-up fabric (default: yes unless link=pcie).")) { g, value in
            if case .flag(let b) = value { g.interconnect.tensorParallelOverNVLink = UserFigures.sourced(b) }
        } render: { g in
            g.interconnect.tensorParallelOverNVLink.value.map { "scale_up=" + ($0 ? "yes" : "no") }
        } view: { g in
            let s = g.interconnect.tensorParallelOverNVLink
            return FigureView(text: s.value.map { $0 ? "yes" : "no" }, raw: s.value.map { .bool($0) } ?? .null, unit: nil, source: s.source, note: s.note)
        } differs: { a, b in a.interconnect.tensorParallelOverNVLink != b.interconnect.tensorParallelOverNVLink },
    ] + priceKeys

    static let gpuFigureKeys: [GPUKey] = gpu.filter(\.isFigure)

    // MARK: Model keys

    static let precisionWords = ["fp32", "bf16", "fp16", "fp8", "int8", "int4"]

    /// A whole-number figure (layers, heads, ...), at least 1.
    static func whole(_ key: String, _ path: WritableKeyPath<ModelSpec, Sourced<Int>> & Sendable, _ abstract: String) -> ModelKey {
        ModelKey(spec: OptionSpec(key, .count, abstract)) { m, value in
            m[keyPath: path] = UserFigures.sourced(try wholeValue(key, value))
        } render: { m in
            m[keyPath: path].value.map { "\(key)=\($0)" }
        } view: { m in
            let s = m[keyPath: path]
            return FigureView(text: s.value.map { NumberFormat.integer(Double($0)) }, raw: .number(s.value.map(Double.init)), unit: nil, source: s.source, note: s.note)
        } differs: { a, b in a[keyPath: path] != b[keyPath: path] }
    }

    /// Like `whole`, for the optional mixture-of-experts figures.
    static func optionalWhole(_ key: String, _ path: WritableKeyPath<ModelSpec, Sourced<Int>?> & Sendable, _ abstract: String) -> ModelKey {
        ModelKey(spec: OptionSpec(key, .count, abstract)) { m, value in
            m[keyPath: path] = UserFigures.sourced(try wholeValue(key, value))
        } render: { m in
            m[keyPath: path]?.value.map { "\(key)=\($0)" }
        } view: { m in
            let s = m[keyPath: path]
            return FigureView(text: s?.value.map { NumberFormat.integer(Double($0)) }, raw: .number(s?.value.map(Double.init)), unit: nil,
                              source: s?.source, note: s == nil ? "dense model" : s?.note)
        } differs: { a, b in a[keyPath: path] != b[keyPath: path] }
    }

    static func wholeValue(_ key: String, _ value: Value) throws -> Int {
        let x = value.quantity?.value ?? 0
        guard x >= 1, x <= 1e12 else { throw CatalogKeyError(message: "\(key)= must be a whole number of at least 1", userHint: nil) }
        return Int(x)
    }

    /// A parameter count: shown as `70.6B`, saved exactly (`70B` when that reads back exactly).
    static func paramsKey(_ key: String, _ path: WritableKeyPath<ModelSpec, Sourced<Double>> & Sendable, _ abstract: String) -> ModelKey {
        ModelKey(spec: OptionSpec(key, .count, abstract)) { m, value in
            let x = value.quantity?.value ?? 0
            guard x >= 1 else { throw CatalogKeyError(message: "\(key)= must be at least 1 parameter", userHint: "write billions with B: \(key)=70B") }
            m[keyPath: path] = UserFigures.sourced(x)
        } render: { m in
            m[keyPath: path].value.map { "\(key)=" + paramsSourceText($0) }
        } view: { m in
            let s = m[keyPath: path]
            return FigureView(text: s.value.map(paramsText), raw: .number(s.value), unit: nil, source: s.source, note: s.note)
        } differs: { a, b in a[keyPath: path] != b[keyPath: path] }
    }

    /// `70.6B`, `340M`: three significant digits with a count suffix.
    static func paramsText(_ x: Double) -> String {
        if x >= 1e9 { return NumberFormat.decimal(x / 1e9, significantDigits: 3) + "B" }
        if x >= 1e6 { return NumberFormat.decimal(x / 1e6, significantDigits: 3) + "M" }
        return NumberFormat.decimal(x, significantDigits: 3)
    }

    /// `70B` when `70 × 1e9` reads back as exactly this count (the lexer computes number × 1e9),
    /// else every digit.
    static func paramsSourceText(_ x: Double) -> String {
        let billions = UserFigures.snap(x / 1e9)
        let text = Quantity.shortest(billions)
        if billions * 1e9 == x, text.count <= 8, !text.contains("e") { return text + "B" }
        return Quantity.shortest(x)
    }

    static let model: [ModelKey] = [
        displayKey(\ModelSpec.names),
        aliasesKey(\ModelSpec.names, kind: .model),
        ModelKey(spec: OptionSpec("kind", .choice(["llm", "encoder", "asr", "diffusion"]), "What the model is: llm (sized by the LLM model), encoder, asr, diffusion (roofline).", default: "llm")) { m, value in
            m.kind = ModelKind(rawValue: value.name ?? "llm") ?? .llm
        } render: { m in
            "kind=" + m.kind.rawValue
        } view: { m in
            FigureView(text: m.kind.rawValue, raw: .string(m.kind.rawValue), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in a.kind != b.kind },
        paramsKey("params", \ModelSpec.totalParams, "Total parameters, a count: 70B (B = billion), 340M."),
        paramsKey("active", \ModelSpec.activeParams, "Parameters used per token (MoE); defaults to params for a dense model."),
        optionalWhole("experts", \ModelSpec.experts, "Experts per MoE layer."),
        optionalWhole("experts_per_token", \ModelSpec.expertsPerToken, "Experts each token is routed to."),
        whole("layers", \ModelSpec.layers, "Transformer layers."),
        whole("d_model", \ModelSpec.dModel, "Hidden size (d_model)."),
        whole("heads", \ModelSpec.queryHeads, "Attention (query) heads."),
        whole("kv_heads", \ModelSpec.kvHeads, "KV heads (num_key_value_heads; 8 for most GQA models)."),
        whole("head_dim", \ModelSpec.headDim, "Head dimension (default for a new model: d_model / heads)."),
        whole("ffn", \ModelSpec.ffnSize, "Feed-forward (intermediate) size."),
        whole("vocab", \ModelSpec.vocabSize, "Vocabulary size."),
        ModelKey(spec: OptionSpec("precision", .choice(precisionWords), "Default weight precision.", default: "bf16")) { m, value in
            m.defaultPrecision = Precision(parsing: value.name ?? "bf16") ?? .bf16
        } render: { m in
            "precision=" + m.defaultPrecision.rawValue
        } view: { m in
            FigureView(text: m.defaultPrecision.rawValue, raw: .string(m.defaultPrecision.rawValue), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in a.defaultPrecision != b.defaultPrecision },
        whole("context", \ModelSpec.contextLength, "Maximum context, tokens (128k = 128,000)."),
        real("quality", \ModelSpec.quality, kind: .number, unit: "", abstract: "Quality score on 0-100 (name the benchmark with benchmark=).",
             renderBare: true, allowZero: true, maximum: 100),
        ModelKey(spec: OptionSpec("benchmark", .text, "What the quality score measures (benchmark=\"MMLU 5-shot\")."), isFigure: false) { m, value in
            m.qualityBenchmark = value.name
        } render: { m in
            m.qualityBenchmark.map { "benchmark=" + quotedIfNeeded($0) }
        } view: { m in
            FigureView(text: m.qualityBenchmark, raw: .string(m.qualityBenchmark), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in a.qualityBenchmark != b.qualityBenchmark },
        real("flops", \ModelSpec.flopsPerRequest, kind: .quantity(dimensions: [.work], impliedUnit: "FLOP", context: .count), unit: "FLOP",
             abstract: "Compute per request for non-LLM models; a bare number is FLOP (2TFLOP = 2e12).", renderBare: true),
    ]

    static let modelFigureKeys: [ModelKey] = model.filter(\.isFigure)
}

// MARK: - Handlers

/// What `catalog add`, `catalog load` and `set price` do to the session's catalog.
enum CatalogEditing {
    /// A row of the change report: figure, before, after.
    struct Change { var key: String; var was: FigureView; var now: FigureView }

    static func apply<E: Sendable>(_ keys: [CatalogKey<E>], _ arguments: Arguments, to entry: inout E) throws -> [String] {
        var given: [String] = []
        // Declaration order, not typing order: link= resets scale_up=, so scale_up= comes after.
        for key in keys {
            guard let option = arguments.option(key.spec.key) else { continue }
            do {
                try key.apply(&entry, option.value)
            } catch let error as CatalogKeyError {
                throw LanguageError(.bind, error.message, hint: error.userHint, span: option.span)
            }
            given.append(key.spec.key)
        }
        return given
    }

    static func changes<E: Sendable>(_ keys: [CatalogKey<E>], from old: E, to new: E) -> [Change] {
        keys.filter { $0.differs(old, new) }.map { Change(key: $0.spec.key, was: $0.view(old), now: $0.view(new)) }
    }

    static func emptyGPU(_ names: CatalogNames) -> Accelerator {
        let none = Sourced<Double>.absent("not given")
        let noPrice = Sourced<Double>.absent("no price given")
        return Accelerator(names: names, memoryGB: none, bf16TFLOPS: none, fp8TFLOPS: none, int8TOPS: none,
                           memoryBandwidthTBps: none, tdpWatts: none,
                           interconnect: Interconnect(kind: .pcie, linkGBpsPerDirection: none, tensorParallelOverNVLink: .absent("follows link=")),
                           prices: GPUPrices(onDemand: noPrice, spot: noPrice, reserved1y: noPrice, reserved3y: noPrice))
    }

    static func emptyModel(_ names: CatalogNames) -> ModelSpec {
        let none = Sourced<Int>.absent("not given")
        return ModelSpec(names: names, kind: .llm, layers: none, dModel: none, queryHeads: none, kvHeads: none, headDim: none,
                         ffnSize: none, vocabSize: none, totalParams: .absent("not given"), activeParams: .absent("not given"),
                         contextLength: none, flopsPerRequest: .absent("not given"), quality: .absent("not given"))
    }

    static let replaceSpec = OptionSpec("replace", .flag, "Start from an empty entry instead of the existing one's figures.", default: "no")

    static func addGPU(_ context: inout CommandContext, _ arguments: Arguments) throws -> CommandResult {
        let name = arguments.name("name") ?? ""
        let span = arguments.positional("name")?.span
        let catalog = context.session.catalog
        let replace = arguments.flag("replace") ?? false
        let existingIndex = CatalogLookup.exactIndex(name, in: catalog.gpus.map(\.names))
        let old = existingIndex.map { catalog.gpus[$0] }
        var entry = old.map { replace ? emptyGPU($0.names) : $0 } ?? emptyGPU(CatalogNames(id: name, display: name))
        let given = try apply(CatalogKeys.gpu, arguments, to: &entry)
        try checkGiven(given, replace: replace, kind: "gpu", arguments: arguments)
        do {
            context.session.catalog = try catalog.adding(gpu: entry)
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.hint, span: span)
        }
        let base = old ?? emptyGPU(entry.names)
        let report = changes(CatalogKeys.gpu, from: base, to: entry)
        return CommandResult(CatalogTables.changeReport(
            kind: "GPU", id: entry.id, display: entry.names.display, overrode: old != nil, replaced: replace,
            changes: report, note: newEntryNote(name: name, isNew: old == nil, fuzzy: { near(name, { try catalog.gpu(named: $0).id }) },
                                                missing: old == nil ? missingGPUFigures(entry) : [])))
    }

    static func addModel(_ context: inout CommandContext, _ arguments: Arguments) throws -> CommandResult {
        let name = arguments.name("name") ?? ""
        let span = arguments.positional("name")?.span
        let catalog = context.session.catalog
        let replace = arguments.flag("replace") ?? false
        let existingIndex = CatalogLookup.exactIndex(name, in: catalog.models.map(\.names))
        let old = existingIndex.map { catalog.models[$0] }
        var entry = old.map { replace ? emptyModel($0.names) : $0 } ?? emptyModel(CatalogNames(id: name, display: name))
        let wasDense = entry.activeParams.value == entry.totalParams.value
        let given = try apply(CatalogKeys.model, arguments, to: &entry)
        try checkGiven(given, replace: replace, kind: "model", arguments: arguments)
        // A dense model's active parameters are its parameters.
        if given.contains("params"), !given.contains("active"), wasDense || entry.activeParams.value == nil {
            entry.activeParams = Sourced(entry.totalParams.value, source: UserFigures.source, note: "dense: equals params")
        }
        // head_dim = d_model / heads is the config rule when a config omits head_dim.
        if old == nil || replace, !given.contains("head_dim"), let d = entry.dModel.value, let h = entry.queryHeads.value, h > 0, d % h == 0 {
            entry.headDim = Sourced(d / h, source: UserFigures.source, note: "d_model / heads")
        }
        if let a = entry.activeParams.value, let t = entry.totalParams.value, a > t {
            throw LanguageError(.command, "active= (\(CatalogKeys.paramsText(a))) cannot exceed params= (\(CatalogKeys.paramsText(t)))",
                                hint: "active counts the parameters one token passes through", span: (arguments.option("active") ?? arguments.option("params"))?.span)
        }
        do {
            context.session.catalog = try catalog.adding(model: entry)
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.hint, span: span)
        }
        let base = old ?? emptyModel(entry.names)
        let report = changes(CatalogKeys.model, from: base, to: entry)
        var missing: [String] = []
        if old == nil, entry.kind == .llm {
            missing = ["params", "layers", "kv_heads", "head_dim"].filter { key in
                CatalogKeys.model.first { $0.spec.key == key }?.view(entry).text == nil
            }
        }
        return CommandResult(CatalogTables.changeReport(
            kind: "model", id: entry.id, display: entry.names.display, overrode: old != nil, replaced: replace,
            changes: report, note: newEntryNote(name: name, isNew: old == nil, fuzzy: { near(name, { try catalog.model(named: $0).id }) }, missing: missing)))
    }

    static func checkGiven(_ given: [String], replace: Bool, kind: String, arguments: Arguments) throws {
        if given.isEmpty && !replace {
            throw LanguageError(.bind, "'catalog add \(kind)' needs at least one key=value",
                                hint: "see 'help catalog add \(kind)' for the keys", span: arguments.span.upperBound..<(arguments.span.upperBound + 1))
        }
    }

    static func missingGPUFigures(_ g: Accelerator) -> [String] {
        var out: [String] = []
        if g.memoryGB.value == nil { out.append("memory") }
        if g.memoryBandwidthTBps.value == nil { out.append("bandwidth") }
        if g.bf16TFLOPS.value == nil { out.append("bf16") }
        return out
    }

    /// Existing entries a new name is close to: what it resolves to by prefix, the candidates of
    /// an ambiguous prefix, or the did-you-mean suggestions.
    static func near(_ name: String, _ resolve: (String) throws -> String) -> [String] {
        do {
            return [try resolve(name)]
        } catch let CatalogError.ambiguousName(_, _, candidates) {
            return candidates
        } catch let CatalogError.unknownName(_, _, suggestions) {
            return suggestions
        } catch {
            return []
        }
    }

    /// A line under an addition: a near miss of an existing name, and the figures sizing needs.
    static func newEntryNote(name: String, isNew: Bool, fuzzy: () -> [String], missing: [String]) -> [String] {
        guard isNew else { return [] }
        var notes: [String] = []
        let near = fuzzy()
        if !near.isEmpty {
            notes.append("note: '\(name)' is a new entry; to override one use its exact name (close: \(near.prefix(3).joined(separator: ", ")))")
        }
        if !missing.isEmpty {
            notes.append("note: sizing with it needs " + missing.map { $0 + "=" }.joined(separator: ", "))
        }
        return notes
    }

    static func setPrice(_ context: inout CommandContext, _ arguments: Arguments) throws -> CommandResult {
        let old = try CatalogLookup.gpu(arguments, key: "gpu", in: context.session.catalog)
        guard !arguments.options.isEmpty else {
            throw LanguageError(.bind, "'set price' needs at least one price",
                                hint: "set price \(old.id) spot=$2.10/h (keys: on_demand, spot, reserved_1y, reserved_3y)",
                                span: arguments.span.upperBound..<(arguments.span.upperBound + 1))
        }
        var entry = old
        _ = try apply(CatalogKeys.priceKeys, arguments, to: &entry)
        context.session.catalog = try context.session.catalog.adding(gpu: entry)
        return CommandResult(CatalogTables.changeReport(
            kind: "GPU", id: entry.id, display: entry.names.display, overrode: true, replaced: false,
            changes: changes(CatalogKeys.priceKeys, from: old, to: entry), note: [], verb: "prices of"))
    }

    static func load(_ context: inout CommandContext, _ arguments: Arguments) throws -> CommandResult {
        let path = arguments.name("file") ?? ""
        let span = arguments.positional("file")?.span
        let data: Data
        do {
            data = try context.environment.files.readData(path)
        } catch {
            throw error.languageError(span)
        }
        func fail(_ message: String, _ hint: String?) -> LanguageError {
            LanguageError(.file, "\(path): \(message)", hint: hint, span: span)
        }
        let loaded: Catalog
        do {
            loaded = try Catalog(jsonBytes: Array(data), knownSources: context.session.catalog.sources)
        } catch let error as CatalogError {
            throw fail(error.message, error.hint)
        }
        if loaded.gpus.isEmpty && loaded.models.isEmpty {
            throw fail("the file has no GPUs or models", "give a \"gpus\" and/or \"models\" array")
        }
        // Provenance is the file's business (a user's own measurements may have no source), and
        // validate() checks ranges of sourced figures only; so keep its name checks and check
        // every value's range here.
        var problems = loaded.validate().filter { $0.field == "names" }.map(\.description)
        for g in loaded.gpus {
            for key in CatalogKeys.gpuFigureKeys {
                if let x = key.view(g).raw.numberValue, !(x > 0) {
                    problems.append("\(g.id).\(key.spec.key): must be greater than zero (got \(NumberFormat.decimal(x)))")
                }
            }
        }
        for m in loaded.models {
            for key in CatalogKeys.modelFigureKeys {
                guard let x = key.view(m).raw.numberValue else { continue }
                if key.spec.key == "quality" ? !(0...100).contains(x) : !(x > 0) {
                    problems.append("\(m.id).\(key.spec.key): " + (key.spec.key == "quality"
                        ? "must be from 0 to 100" : "must be greater than zero") + " (got \(NumberFormat.decimal(x)))")
                }
            }
        }
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            throw fail("\(first)\(more)", "fix the file and load it again; nothing was added")
        }
        let before = context.session.catalog
        do {
            context.session.catalog = try before.merging(loaded)
        } catch let error as CatalogError {
            throw fail(error.message, error.hint)
        }
        func describe(_ ids: [String], known: Set<String>, noun: String) -> String? {
            guard !ids.isEmpty else { return nil }
            let replaced = ids.filter { known.contains($0) }
            let added = ids.filter { !known.contains($0) }
            var parts: [String] = []
            if !added.isEmpty { parts.append("added " + added.joined(separator: ", ")) }
            if !replaced.isEmpty { parts.append("replaced " + replaced.joined(separator: ", ")) }
            return "\(ids.count) \(noun)\(ids.count == 1 ? "" : "s") (" + parts.joined(separator: "; ") + ")"
        }
        let summary = [
            describe(loaded.gpus.map(\.id), known: Set(before.gpus.map(\.id)), noun: "GPU"),
            describe(loaded.models.map(\.id), known: Set(before.models.map(\.id)), noun: "model"),
        ].compactMap { $0 }.joined(separator: ", ")
        let json: JSONValue = .object([
            ("file", .string(path)),
            ("gpus", .array(loaded.gpus.map { .string($0.id) })),
            ("models", .array(loaded.models.map { .string($0.id) })),
        ])
        return CommandResult(Output(blocks: [.text("loaded \(path): \(summary)")], json: json))
    }
}
