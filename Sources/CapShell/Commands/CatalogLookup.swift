import CapPlan
import Foundation

/// Looks catalog names up for commands and turns `CatalogError`s into located errors.
enum CatalogLookup {
    enum Entry { case gpu(Accelerator), model(ModelSpec) }

    static func gpu(_ arguments: Arguments, key: String, in catalog: Catalog) throws -> Accelerator {
        try located((arguments.positional(key) ?? arguments.option(key))?.span) { try catalog.gpu(named: arguments.name(key) ?? "") }
    }

    static func model(_ arguments: Arguments, key: String, in catalog: Catalog) throws -> ModelSpec {
        try located((arguments.positional(key) ?? arguments.option(key))?.span) { try catalog.model(named: arguments.name(key) ?? "") }
    }

    /// Runs a catalog operation and turns a `CatalogError` it throws into a command error at `span`.
    static func located<T>(_ span: Range<Int>?, _ operation: () throws -> T) throws -> T {
        do {
            return try operation()
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.hint, span: span)
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

    static func normalize(_ s: String) -> String { NameKey.normalize(s) }
}
