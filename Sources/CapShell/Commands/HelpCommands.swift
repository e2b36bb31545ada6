/// `help`, `help COMMAND`, `help functions|units|keys`.
enum HelpCommands {
    static let all = [help]

    static let help = CommandSpec(
        path: ["help"], group: .help,
        abstract: "List commands, or show one command's usage, options and examples.",
        positionals: [OptionSpec("topic", .name(.command), "A command (e.g. 'add workload'), a statement (let, assert, expression), or functions, units, keys.")],
        lastPositionalRepeats: true,
        examples: ["help", "help add workload", "help let", "help units"]
    ) { _, arguments in
        let words = arguments.allPositionals("topic").map(\.text)
        guard !words.isEmpty else { return CommandResult(.text(HelpGenerator.overview())) }
        switch words.joined(separator: " ").lowercased() {
        case "functions": return CommandResult(.text(HelpGenerator.functions()))
        case "units", "numbers": return CommandResult(.text(HelpGenerator.units()))
        case "keys", "workload keys": return CommandResult(.text(HelpGenerator.workloadKeys()))
        default: break
        }
        if words.count == 1, let form = CommandRegistry.statementForm(named: words[0]) {
            return CommandResult(.text(HelpGenerator.help(for: form)))
        }
        if let (spec, used) = CommandRegistry.match(words), used == words.count || spec.positionals.isEmpty {
            return CommandResult(.text(HelpGenerator.help(for: spec)))
        }
        let candidates = CommandRegistry.commands(startingWith: words[0])
        if !candidates.isEmpty {
            return CommandResult(.text(candidates.map { HelpGenerator.help(for: $0) }.joined(separator: "\n\n")))
        }
        let names = CommandRegistry.all.map(\.name)
        let span = arguments.allPositionals("topic").first?.span
        throw LanguageError(.command, "no help for '\(words.joined(separator: " "))'",
                            hint: Suggestions.hint(for: words.joined(separator: " "), in: names + StatementForm.all.map(\.name) + ["functions", "units", "keys"]) ?? "type 'help' for the list", span: span)
    }
}
