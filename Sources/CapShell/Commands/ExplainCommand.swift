import CapPlan

/// `explain COMMAND ...`: runs the command and prints its derivation instead of its result.
///
/// One mechanism for every command: a command that can explain itself puts a `Derivation` in
/// its `Output`; `explain` (handled by the statement interpreter, which strips the word and
/// runs the rest) renders it. The spec here is what `help`, completion and the reference read.
enum ExplainCommand {
    static let all = [explain]

    static let explain = CommandSpec(
        path: ["explain"], group: .help,
        abstract: "Show how a result is derived: each formula, with numbers, and the assumptions used.",
        discussion: "Works with any command that derives a number: explain size W, explain compare gpu a100 h100 for W, explain queue mmc ...",
        positionals: [OptionSpec("command", .text, "The command to explain, with its arguments.", required: true)],
        lastPositionalRepeats: true,
        examples: ["explain size chat", "explain queue mmc arrival=100rps service=2s servers=214"]
    ) { _, arguments in
        // Reached only when the words after `explain` are not a command (the interpreter runs
        // real commands itself).
        let words = arguments.allPositionals("command").map(\.text).joined(separator: " ")
        throw LanguageError(.command, "'\(words)' is not a command that can be explained",
                            hint: "e.g. explain size chat", span: arguments.allPositionals("command").first?.span)
    }

    /// The derivation as a table (steps) plus the assumptions and notes.
    static func render(_ derivation: Derivation) -> Output {
        var steps = Table(name: "derivation", title: derivation.title, columns: [
            .init("step"), .init("formula"), .init("with numbers", key: "substitution"), .init("result"),
        ])
        for s in derivation.steps {
            steps.rows.append([.text(s.label), .text(s.formula), .text(s.substitution), .text(s.result)])
        }
        var blocks: [Output.Block] = [.table(steps)]
        if !derivation.assumptions.isEmpty {
            var assumptions = Table(name: "assumptions", title: "assumptions", columns: [.init("name"), .init("value"), .init("source")])
            for a in derivation.assumptions { assumptions.rows.append([.text(a.name), .text(a.value), .text(a.source)]) }
            blocks.append(.table(assumptions))
        }
        if !derivation.notes.isEmpty { blocks.append(.text(derivation.notes.joined(separator: "\n"))) }
        let json = JSONValue.object([
            ("title", .string(derivation.title)),
            ("steps", .array(derivation.steps.map { .object([("step", .string($0.label)), ("formula", .string($0.formula)),
                                                             ("substitution", .string($0.substitution)), ("result", .string($0.result))]) })),
            ("assumptions", .array(derivation.assumptions.map { .object([("name", .string($0.name)), ("value", .string($0.value)), ("source", .string($0.source))]) })),
            ("notes", .array(derivation.notes.map { .string($0) })),
        ])
        return Output(blocks: blocks, json: json, exportTable: steps)
    }
}
