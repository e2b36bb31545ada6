import CapPlan

/// Tab completion from the registry and the session: command words, option keys, option values
/// by kind (choices, workload/GPU/model names, settings), variables and functions, and file
/// paths through a closure (CapShell does no I/O of its own here).
public struct Completer: Sendable {
    public var session: Session
    /// File-system completion of a path prefix.
    public var paths: @Sendable (String) -> [String]

    public init(session: Session, paths: @escaping @Sendable (String) -> [String] = { _ in [] }) {
        self.session = session
        self.paths = paths
    }

    /// Candidates for the word that ends at `cursor`: each is the whole replacement of the text
    /// from `wordStart` (the returned offset) to the cursor.
    public func complete(_ line: String, cursor: Int) -> (wordStart: Int, candidates: [String]) {
        let chars = Array(line.prefix(cursor))
        // The statement being typed starts after the last `;`.
        var statementStart = 0
        for (i, c) in chars.enumerated() where c == ";" { statementStart = i + 1 }
        var wordStart = chars.count
        while wordStart > statementStart, chars[wordStart - 1] != " ", chars[wordStart - 1] != "\t" { wordStart -= 1 }
        let current = String(chars[wordStart...])
        let before = String(chars[statementStart..<wordStart]).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)

        // key=value: complete the value after '='.
        if let eq = current.firstIndex(of: "="), !before.isEmpty {
            let key = String(current[..<eq])
            let partial = String(current[current.index(after: eq)...])
            guard let (spec, _) = CommandRegistry.match(before), let option = spec.option(named: key) else { return (wordStart, []) }
            let values = values(for: option.kind, partial: partial)
            return (wordStart, values.map { key + "=" + $0 })
        }

        if before.isEmpty {
            let words = CommandRegistry.verbs + session.variables.map(\.name) + FunctionRegistry.all.map { $0.name + "(" }
            return (wordStart, filter(words, current, space: true))
        }

        // Next word of a command path: "add wor" → "workload".
        let pathWords = CommandRegistry.all.flatMap { [$0.path] + $0.aliases }
            .filter { $0.count > before.count && Array($0.prefix(before.count)) == before.map { $0.lowercased() } }
            .map { $0[before.count] }
        var candidates = filter(Array(Set(pathWords)).sorted(), current, space: true)

        if let (spec, used) = CommandRegistry.match(before) {
            let rest = Array(before.dropFirst(used))
            let positionalCount = rest.filter { !$0.contains("=") }.count
            if positionalCount < spec.positionals.count || (spec.lastPositionalRepeats && !spec.positionals.isEmpty) {
                let positional = spec.positionals[Swift.min(positionalCount, spec.positionals.count - 1)]
                candidates += values(for: positional.kind, partial: current, settingNames: true)
            }
            let used = Set(rest.compactMap { $0.split(separator: "=").first.map(String.init) })
            let keys = spec.options.map(\.key).filter { !used.contains($0) }.map { $0 + "=" }
            candidates += filter(keys, current, space: false)
        }
        return (wordStart, candidates)
    }

    /// Bare candidates: the line editor appends a space after a unique completion itself.
    private func filter(_ words: [String], _ prefix: String, space: Bool) -> [String] {
        words.filter { $0.hasPrefix(prefix) }
    }

    private func values(for kind: ValueKind, partial: String, settingNames: Bool = false) -> [String] {
        switch kind {
        case .choice(let words): return filter(words, partial, space: true)
        case .name(let nameKind): return filter(names(nameKind), partial, space: true)
        case .list(let nameKind):
            let head = partial.contains(",") ? String(partial[...partial.lastIndex(of: ",")!]) : ""
            let last = partial.contains(",") ? String(partial[partial.index(after: partial.lastIndex(of: ",")!)...]) : partial
            return filter(names(nameKind), last, space: false).map { head + $0 }
        case .flag: return filter(["yes", "no"], partial, space: true)
        case .path: return paths(partial)
        default: return []
        }
    }

    private func names(_ kind: NameKind) -> [String] {
        switch kind {
        case .workload: return session.workloadNames
        case .setting: return SettingKeys.names
        case .variable: return session.variables.map(\.name)
        case .command: return Array(Set(CommandRegistry.all.map { $0.path[0] })).sorted() + ["functions", "units", "keys"]
        case .table: return ExportTables.names
        case .pricing: return ["on-demand", "spot", "reserved-1y", "reserved-3y"]
        case .precision: return ["fp32", "bf16", "fp16", "fp8", "int8", "int4"]
        case .gpu, .model:
            // The session's catalog, bundled plus this session's additions: ids, then aliases.
            let entries = kind == .gpu ? session.catalog.gpus.map(\.names) : session.catalog.models.map(\.names)
            return entries.map(\.id) + entries.flatMap(\.aliases)
        case .generic: return []
        }
    }
}
