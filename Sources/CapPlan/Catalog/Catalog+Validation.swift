import Foundation

/// One problem `Catalog.validate()` found.
public struct CatalogIssue: Sendable, Hashable, CustomStringConvertible {
    /// The entry id, e.g. `"h100-sxm"`.
    public var entry: String
    /// The field, e.g. `"memoryGiB"`, or `"names"`.
    public var field: String
    public var problem: String

    public var description: String { "\(entry).\(field): \(problem)" }
}

extension Catalog {
    /// Checks the catalog's provenance and names; an empty array means it is valid.
    ///
    /// - every present figure has a source with a non-empty title and an as-of date
    ///   (`YYYY-MM` or `YYYY-MM-DD`);
    /// - every absent figure has a note saying why;
    /// - ids, aliases and display names are unique (case-insensitive) within GPUs and within models;
    /// - quality scores lie in 0…100 and physical figures are positive.
    public func validate() -> [CatalogIssue] {
        var issues: [CatalogIssue] = []
        func check(_ id: String, _ figures: [(field: String, value: String?, source: Source?, note: String?)]) {
            for f in figures {
                if f.value == nil {
                    if (f.note ?? "").isEmpty {
                        issues.append(CatalogIssue(entry: id, field: f.field, problem: "absent without a note"))
                    }
                    continue
                }
                guard let s = f.source else {
                    issues.append(CatalogIssue(entry: id, field: f.field, problem: "has no source"))
                    continue
                }
                if s.title.trimmingCharacters(in: .whitespaces).isEmpty {
                    issues.append(CatalogIssue(entry: id, field: f.field, problem: "source has no title"))
                }
                if !Self.isAsOfDate(s.asOf) {
                    issues.append(CatalogIssue(entry: id, field: f.field, problem: "source '\(s.key)' has no as-of date (got '\(s.asOf)')"))
                }
                if let v = Double(f.value ?? ""), f.field != "quality", v <= 0 {
                    issues.append(CatalogIssue(entry: id, field: f.field, problem: "must be positive"))
                }
            }
        }
        for g in gpus { check(g.id, g.figures) }
        for m in models {
            check(m.id, m.figures)
            if let q = m.quality.value, !(0...100).contains(q) {
                issues.append(CatalogIssue(entry: m.id, field: "quality", problem: "\(q) is outside 0-100"))
            }
        }
        issues += Self.duplicateNames(gpus.map(\.names))
        issues += Self.duplicateNames(models.map(\.names))
        return issues
    }

    static func duplicateNames(_ entries: [CatalogNames]) -> [CatalogIssue] {
        var owner: [String: String] = [:]
        var issues: [CatalogIssue] = []
        for e in entries {
            for name in Set(e.all.map(NameKey.normalize)) {
                if let other = owner[name], other != e.id {
                    issues.append(CatalogIssue(entry: e.id, field: "names", problem: "'\(name)' is also a name of '\(other)'"))
                } else {
                    owner[name] = e.id
                }
            }
        }
        return issues.sorted { $0.description < $1.description }
    }

    /// "YYYY-MM" or "YYYY-MM-DD" with a plausible month and day.
    static func isAsOfDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts[0].count == 4, let y = Int(parts[0]), (1990...2100).contains(y),
              parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return false }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...31).contains(d) else { return false }
        }
        return true
    }
}
