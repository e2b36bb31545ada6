/// The accelerators and models capplan knows: the bundled, sourced catalog plus user
/// additions. A value type: adding an entry returns a new catalog.
public struct Catalog: Sendable, Hashable {
    /// Accelerators in catalog order.
    public private(set) var gpus: [Accelerator]
    /// Models in catalog order.
    public private(set) var models: [ModelSpec]
    /// Every source the entries cite, by key.
    public private(set) var sources: [String: Source]

    /// An empty catalog, or one built from entries (names must be unique; see `validate()`).
    public init(gpus: [Accelerator] = [], models: [ModelSpec] = [], sources: [String: Source] = [:]) {
        self.gpus = gpus
        self.models = models
        self.sources = sources
    }

    /// The catalog bundled with capplan (Resources/catalog.json, embedded in the binary).
    ///
    /// Decoding is checked by the test suite; should it ever fail, this is an empty catalog
    /// (never a crash), and `loadBundled()` reports the error.
    public static let bundled: Catalog = (try? loadBundled()) ?? Catalog()

    /// Decodes the embedded catalog resource.
    /// - Throws: `CatalogError.invalidJSON` when the resource does not decode.
    public static func loadBundled() throws -> Catalog {
        try Catalog(jsonBytes: PackageResources.catalog_json)
    }

    /// A catalog with `gpu` added, or replacing the entry with the same id (a user override).
    /// - Throws: `CatalogError.duplicateName` when one of its names belongs to another GPU;
    ///   `CatalogError.invalidID` for an empty or malformed id.
    public func adding(gpu: Accelerator) throws -> Catalog {
        try Self.checkID(gpu.names.id, kind: .gpu)
        try Self.checkNames(gpu.names, against: gpus.map(\.names), kind: .gpu)
        var copy = self
        if let i = copy.gpus.firstIndex(where: { $0.id == gpu.id }) {
            copy.gpus[i] = gpu
        } else {
            copy.gpus.append(gpu)
        }
        return copy
    }

    /// A catalog with `model` added, or replacing the entry with the same id (a user override).
    /// - Throws: `CatalogError.duplicateName` when one of its names belongs to another model;
    ///   `CatalogError.invalidID` for an empty or malformed id.
    public func adding(model: ModelSpec) throws -> Catalog {
        try Self.checkID(model.names.id, kind: .model)
        try Self.checkNames(model.names, against: models.map(\.names), kind: .model)
        var copy = self
        if let i = copy.models.firstIndex(where: { $0.id == model.id }) {
            copy.models[i] = model
        } else {
            copy.models.append(model)
        }
        return copy
    }

    /// This catalog with every entry of `other` added or overriding (for `catalog load`).
    /// - Throws: the first `CatalogError` an entry raises; the result is all or nothing.
    public func merging(_ other: Catalog) throws -> Catalog {
        var result = self
        for (k, v) in other.sources where result.sources[k] == nil { result.sources[k] = v }
        for g in other.gpus { result = try result.adding(gpu: g) }
        for m in other.models { result = try result.adding(model: m) }
        return result
    }

    static func checkID(_ id: String, kind: CatalogError.EntryKind) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")
        guard !id.isEmpty, id.allSatisfy({ allowed.contains($0) }) else {
            throw CatalogError.invalidID(kind: kind, id: id)
        }
    }

    /// A new entry's id and aliases must not be an id or alias of a *different* entry.
    static func checkNames(_ new: CatalogNames, against existing: [CatalogNames], kind: CatalogError.EntryKind) throws {
        let names = ([new.id] + new.aliases).map { ($0, NameKey.normalize($0)) }
        for other in existing where other.id != new.id {
            let taken = Set(([other.id] + other.aliases).map(NameKey.normalize))
            for (name, key) in names where taken.contains(key) {
                throw CatalogError.duplicateName(kind: kind, name: name, existing: other.id, new: new.id)
            }
        }
    }
}

/// How names compare: case-insensitive, with `_` and spaces read as `-` (catalog names and
/// pricing modes alike).
public enum NameKey {
    public static func normalize(_ s: String) -> String {
        // A scalar map rather than Foundation's replacingOccurrences: name resolution runs on
        // every catalog lookup and every sizing reads the session's pricing mode, and this is
        // several times faster.
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.map { $0 == "_" || $0 == " " ? "-" : $0 }))
    }
}
