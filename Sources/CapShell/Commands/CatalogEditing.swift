import CapPlan
import Foundation

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
        return Accelerator(names: names, memoryGiB: none, bf16TFLOPS: none, fp8TFLOPS: none, int8TOPS: none,
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

    /// The entry `catalog add` edits: the one `name` names exactly (`old`), emptied when replace=yes,
    /// or else a new empty entry with id `name`.
    static func startingEntry<E>(_ name: String, in entries: [E], names: (E) -> CatalogNames, replace: Bool,
                                 empty: (CatalogNames) -> E) -> (old: E?, entry: E) {
        let existingIndex = CatalogLookup.exactIndex(name, in: entries.map(names))
        let old = existingIndex.map { entries[$0] }
        return (old, old.map { replace ? empty(names($0)) : $0 } ?? empty(CatalogNames(id: name, display: name)))
    }

    static func addGPU(_ context: inout CommandContext, _ arguments: Arguments) throws -> CommandResult {
        let name = arguments.name("name") ?? ""
        let span = arguments.positional("name")?.span
        let catalog = context.session.catalog
        let replace = arguments.flag("replace") ?? false
        let (old, start) = startingEntry(name, in: catalog.gpus, names: \.names, replace: replace, empty: emptyGPU)
        var entry = start
        let given = try apply(CatalogKeys.gpu, arguments, to: &entry)
        try checkGiven(given, replace: replace, kind: "gpu", arguments: arguments)
        context.session.catalog = try CatalogLookup.located(span) { try catalog.adding(gpu: entry) }
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
        let (old, start) = startingEntry(name, in: catalog.models, names: \.names, replace: replace, empty: emptyModel)
        var entry = start
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
        context.session.catalog = try CatalogLookup.located(span) { try catalog.adding(model: entry) }
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
        if g.memoryGiB.value == nil { out.append("memory") }
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
}
