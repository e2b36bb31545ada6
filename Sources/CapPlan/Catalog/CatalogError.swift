/// Everything that can go wrong looking up, adding or loading catalog entries.
/// Each case computes a one-line `message` and a `hint`; all text lives here.
public enum CatalogError: Error, Sendable, Hashable {
    /// What kind of entry a name was looked up as.
    public enum EntryKind: String, Sendable, Hashable {
        case gpu = "GPU"
        case model = "model"
    }

    /// No entry matches; `suggestions` are the closest names by edit distance, best first.
    case unknownName(kind: EntryKind, name: String, suggestions: [String])
    /// Several entries match a partial name; `candidates` are their ids.
    case ambiguousName(kind: EntryKind, name: String, candidates: [String])
    /// A name (id or alias) would refer to two different entries.
    case duplicateName(kind: EntryKind, name: String, existing: String, new: String)
    /// An entry's id is empty or contains characters other than letters, digits, `-`, `.`, `_`.
    case invalidID(kind: EntryKind, id: String)
    /// The catalog file is not valid JSON or does not have the expected shape.
    case invalidJSON(path: String, detail: String)
    /// A figure refers to a source key that the file does not define.
    case unknownSource(path: String, key: String)

    public var message: String {
        switch self {
        case let .unknownName(kind, name, _):
            return "unknown \(kind.rawValue) '\(name)'"
        case let .ambiguousName(kind, name, candidates):
            return "\(kind.rawValue) name '\(name)' is ambiguous: it matches \(candidates.map { "'\($0)'" }.joined(separator: ", "))"
        case let .duplicateName(kind, name, existing, new):
            return "\(kind.rawValue) name '\(name)' of '\(new)' is already used by '\(existing)'"
        case let .invalidID(kind, id):
            return "invalid \(kind.rawValue) id '\(id)'"
        case let .invalidJSON(path, detail):
            return path.isEmpty ? "catalog JSON: \(detail)" : "catalog JSON at \(path): \(detail)"
        case let .unknownSource(path, key):
            return "catalog JSON at \(path): unknown source '\(key)'"
        }
    }

    public var hint: String {
        switch self {
        case let .unknownName(kind, _, suggestions):
            if suggestions.isEmpty {
                return kind == .gpu ? "list the GPUs with `catalog gpus`" : "list the models with `catalog models`"
            }
            return "did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
        case .ambiguousName:
            return "type more of the name, or use one of the ids above"
        case .duplicateName:
            return "choose another name, or use the same id to override the existing entry"
        case .invalidID:
            return "use letters, digits, '-', '.' and '_' only, for example 'my-gpu'"
        case .invalidJSON:
            return "the file must be an object with \"gpus\" and/or \"models\" arrays in the bundled catalog's format"
        case .unknownSource:
            return "add the key to the file's \"sources\" object, or give the source inline as {\"title\": ..., \"asOf\": ...}"
        }
    }
}
