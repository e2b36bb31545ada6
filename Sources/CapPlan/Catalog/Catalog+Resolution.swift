extension Catalog {
    /// The GPU a user means by `name`.
    ///
    /// Order: exact id, exact alias, then case-insensitive id/alias/display name (`_` and
    /// spaces read as `-`), then a unique prefix, then a unique substring. `a100` is an alias
    /// of the 80 GB SXM part and `h100` of the SXM part, so they never count as ambiguous.
    /// - Throws: `CatalogError.ambiguousName` listing the candidates, or
    ///   `CatalogError.unknownName` with the closest names by edit distance.
    public func gpu(named name: String) throws -> Accelerator {
        let i = try Self.resolve(name, in: gpus.map(\.names), kind: .gpu)
        return gpus[i]
    }

    /// The model a user means by `name`; same rules as `gpu(named:)`.
    public func model(named name: String) throws -> ModelSpec {
        let i = try Self.resolve(name, in: models.map(\.names), kind: .model)
        return models[i]
    }

    /// Index of the entry `name` resolves to.
    static func resolve(_ name: String, in entries: [CatalogNames], kind: CatalogError.EntryKind) throws -> Int {
        if let i = entries.firstIndex(where: { $0.id == name }) { return i }
        if let i = entries.firstIndex(where: { $0.aliases.contains(name) }) { return i }
        let key = NameKey.normalize(name)
        guard !key.isEmpty else {
            throw CatalogError.unknownName(kind: kind, name: name, suggestions: [])
        }
        if let i = entries.firstIndex(where: { $0.all.map(NameKey.normalize).contains(key) }) { return i }

        for matches in [
            { (n: String) in n.hasPrefix(key) },
            { (n: String) in n.contains(key) },
        ] {
            let hits = entries.indices.filter { i in
                entries[i].all.map(NameKey.normalize).contains(where: matches)
            }
            if hits.count == 1 { return hits[0] }
            if hits.count > 1 {
                throw CatalogError.ambiguousName(kind: kind, name: name, candidates: hits.map { entries[$0].id })
            }
        }
        throw CatalogError.unknownName(kind: kind, name: name, suggestions: suggestions(for: key, in: entries))
    }

    /// Up to three names within an edit distance of max(2, length/3), closest first, one per
    /// entry (the entry's closest id or alias, as spelled in the catalog); ties keep catalog order.
    static func suggestions(for key: String, in entries: [CatalogNames]) -> [String] {
        let limit = Swift.max(2, key.count / 3)
        var scored: [(distance: Int, order: Int, name: String)] = []
        for (order, entry) in entries.enumerated() {
            let best = ([entry.id] + entry.aliases)
                .map { (distance: levenshtein(key, NameKey.normalize($0)), name: $0) }
                .min { $0.distance < $1.distance }
            if let best, best.distance <= limit {
                scored.append((best.distance, order, best.name))
            }
        }
        return scored.sorted { ($0.distance, $0.order) < ($1.distance, $1.order) }.prefix(3).map(\.name)
    }
}

/// Levenshtein edit distance (insertions, deletions, substitutions each cost 1).
///
/// - Complexity: O(m·n) time, O(n) memory.
func levenshtein(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}
