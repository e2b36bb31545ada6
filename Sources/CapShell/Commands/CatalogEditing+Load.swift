import CapPlan
import Foundation

/// `catalog load FILE.json`: checks the whole file, then merges its entries into the session's catalog.
extension CatalogEditing {
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
