import CapPlan

/// The normalized `.cap` text that rebuilds a session (`save`): settings that differ from the
/// defaults, then catalog changes, then variables, then workloads, each as the command a user
/// would type. Catalog changes come before the workloads that may name the entries.
enum SessionScript {
    static func render(_ session: Session) -> String {
        var lines = ["# capplan session, written by 'save'. Replay: capplan run FILE.cap"]
        let defaults = Settings()
        for key in SettingKeys.all {
            let value = key.current(session.settings)
            if value != key.current(defaults) { lines.append("set \(key.spec.key) \(value)") }
        }
        let catalog = catalogLines(session.catalog)
        if !catalog.isEmpty {
            lines.append("# catalog additions and overrides (values as entered or loaded; sources replay as 'user')")
            lines += catalog
        }
        // Calibrations after the catalog entries they name, as the factors (not the file).
        lines += session.settings.assumptions.calibrations.map(CalibrateCommands.sourceText)
        for (name, value) in session.variables {
            lines.append("let \(name) = \(value.sourceText)")
        }
        for workload in session.workloads {
            lines.append(WorkloadKeys.sourceText(workload))
        }
        // Histories after the workloads they belong to: the load, fit and forecast statements.
        for workload in session.workloads {
            if let history = session.histories[workload.name] { lines += history.replayLines }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The commands that turn `base` (the bundled catalog) into `catalog`, entry by entry in
    /// catalog order:
    /// - a new entry: `catalog add gpu|model ID key=value...` with every figure it has;
    /// - an entry of `base` with changed figures: `catalog add ... ID` with those figures, and for a
    ///   GPU's prices `set price ID ...`;
    /// - an entry that lost figures `base` has (a `catalog load` or `replace=yes` replaced it):
    ///   `catalog add ... ID replace=yes` with every figure it has.
    /// Entries loaded from a file are written this way too, so a saved plan never depends on
    /// where that file lives; their values replay exactly, their sources as "user (this session)".
    static func catalogLines(_ catalog: Catalog, base: Catalog = .bundled) -> [String] {
        var lines: [String] = []
        for g in catalog.gpus {
            let old = base.gpus.first { $0.id == g.id }
            lines += entryLines(noun: "gpu", id: g.id, entry: g, old: old, keys: CatalogKeys.gpu,
                                priceKeys: Set(CatalogKeys.priceKeys.map(\.spec.key)))
        }
        for m in catalog.models {
            let old = base.models.first { $0.id == m.id }
            lines += entryLines(noun: "model", id: m.id, entry: m, old: old, keys: CatalogKeys.model, priceKeys: [])
        }
        return lines
    }

    static func entryLines<E: Sendable & Equatable>(noun: String, id: String, entry: E, old: E?, keys: [CatalogKey<E>], priceKeys: Set<String>) -> [String] {
        let head = "catalog add \(noun) \(CatalogKeys.quotedIfNeeded(id))"
        guard let old else {
            let all = keys.compactMap { $0.render(entry) }
            return [([head] + (all.isEmpty ? ["replace=yes"] : all)).joined(separator: " ")]
        }
        if entry == old { return [] }
        let lost = keys.contains { $0.isFigure && $0.render(old) != nil && $0.render(entry) == nil }
        if lost {
            let all = keys.filter { $0.isFigure || $0.differs(old, entry) }.compactMap { $0.render(entry) }
            return [([head, "replace=yes"] + all).joined(separator: " ")]
        }
        let changed = keys.filter { $0.differs(old, entry) }
        var lines: [String] = []
        let figures = changed.filter { !priceKeys.contains($0.spec.key) }.compactMap { $0.render(entry) }
        if !figures.isEmpty { lines.append(([head] + figures).joined(separator: " ")) }
        let prices = changed.filter { priceKeys.contains($0.spec.key) }.compactMap { $0.render(entry) }
        if !prices.isEmpty { lines.append((["set price \(CatalogKeys.quotedIfNeeded(id))"] + prices).joined(separator: " ")) }
        return lines
    }
}
