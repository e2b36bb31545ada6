/// The single source of truth for commands (style.md section 9): the parser, `help`,
/// completion and docs/commands.md all read `CommandRegistry.all`.
public enum CommandRegistry {
    /// Every command, by capability. A capability adds its commands in its own file's `all`.
    public static let all: [CommandSpec] = WorkloadCommands.all + CalculatorCommands.all + CatalogCommands.all
        + DemandCommands.all + ForecastCommands.all + SizingCommands.all + PerfCommands.all + CalibrateCommands.all + QueueCommands.all + CostCommands.all + OptimizeCommands.all + SimulationCommands.all + FleetCommands.all + AutoscaleCommands.all + AutoscaleExport.all + PurchaseCommand.all + ExplainCommand.all + SessionCommands.all + FileCommands.all + HelpCommands.all

    /// Words that start statements but are not registry commands (`let`, `assert`).
    public static let statementKeywords = StatementForm.all.compactMap(\.keyword)

    /// Every first word (verbs and aliases), for "did you mean" and completion.
    public static let verbs: [String] = {
        var seen: [String] = []
        for spec in all {
            for path in [spec.path] + spec.aliases where !seen.contains(path[0]) { seen.append(path[0]) }
        }
        return seen + statementKeywords
    }()

    /// The command whose path matches the most leading words (case-insensitive), with the number
    /// of words it used.
    public static func match(_ words: [String]) -> (CommandSpec, Int)? {
        guard let first = words.first, let candidates = byFirstWord[first] ?? byFirstWord[first.lowercased()] else { return nil }
        // Indices, not specs, while searching: a CommandSpec is large to copy.
        var best: (index: Int, used: Int)?
        for (index, path) in candidates where path.count <= words.count && path.count > (best?.used ?? 0) {
            if (1..<path.count).allSatisfy({ words[$0] == path[$0] || words[$0].lowercased() == path[$0] }) {
                best = (index, path.count)
            }
        }
        return best.map { (all[$0.index], $0.used) }
    }

    /// Every command path (and alias) by its first word, with the command's index in `all`:
    /// a replayed plan matches every statement, so this lookup stays a dictionary hit.
    static let byFirstWord: [String: [(Int, [String])]] = {
        var index: [String: [(Int, [String])]] = [:]
        for (i, spec) in all.enumerated() {
            for path in [spec.path] + spec.aliases { index[path[0], default: []].append((i, path)) }
        }
        return index
    }()

    /// Commands whose first word is `verb` (to say "show what?" when the rest does not match).
    public static func commands(startingWith verb: String) -> [CommandSpec] {
        all.filter { spec in ([spec.path] + spec.aliases).contains { $0.first == verb.lowercased() } }
    }

    /// The statement form `help` knows by `name` (`let`, `assert`, `expression`).
    public static func statementForm(named name: String) -> StatementForm? {
        StatementForm.all.first { $0.name == name.lowercased() }
    }

    public static func spec(named name: String) -> CommandSpec? {
        let words = name.split(separator: " ").map(String.init)
        guard let (spec, used) = match(words), used == words.count else { return nil }
        return spec
    }
}
