import CapPlan

/// `set KEY VALUE`, `show settings`, `undo`, `reset`, `history`, `quit`.
enum SessionCommands {
    static let all = [set, showSettings, undo, reset, history, quit]

    static let set = CommandSpec(
        path: ["set"], group: .session,
        abstract: "Change a session setting (format, headroom, spares, zones, pricing, month, ...).",
        discussion: "'show settings' lists every setting with its current value and default.",
        positionals: [
            OptionSpec("setting", .name(.setting), "The setting's name.", required: true),
            OptionSpec("value", .text, "The new value.", required: true),
        ],
        examples: ["set headroom 30%", "set format json", "set month 720h", "set spares 1"],
        mutatesSession: true
    ) { context, arguments in
        guard let keyArgument = arguments.positional("setting"), let valueArgument = arguments.positional("value") else {
            return CommandResult()
        }
        let keyName = keyArgument.text
        guard let key = SettingKeys.key(named: keyName) else {
            throw LanguageError(.command, "unknown setting '\(keyName)'",
                                hint: Suggestions.hint(for: keyName, in: SettingKeys.names) ?? "settings: " + SettingKeys.names.joined(separator: ", "),
                                span: keyArgument.span)
        }
        let value = try ValueReader(session: context.session).read(valueArgument.text, quoted: false, kind: key.spec.kind, key: key.spec.key, span: valueArgument.span)
        do {
            try key.apply(&context.session.settings, value)
        } catch let error as WorkloadKeys.RangeError {
            throw LanguageError(.bind, error.message, hint: error.userHint, span: valueArgument.span)
        }
        return CommandResult()
    }

    static let showSettings = CommandSpec(
        path: ["show", "settings"], group: .session,
        abstract: "List the session settings with their values and defaults.",
        examples: ["show settings"]
    ) { context, _ in
        var table = Table(name: "settings", columns: [.init("setting"), .init("value"), .init("default"), .init("meaning")])
        for key in SettingKeys.all {
            let value = key.current(context.session.settings)
            table.rows.append([.text(key.spec.key), .text(value), .text(key.spec.defaultValue ?? ""), .text(key.spec.abstract)])
        }
        return CommandResult(.table(table, json: .object(SettingKeys.all.map { ($0.spec.key, .string($0.current(context.session.settings))) })))
    }

    static let undo = CommandSpec(
        path: ["undo"], group: .session,
        abstract: "Restore the session as it was before the last change.",
        discussion: "Undo takes back changes to the plan (workloads, variables, settings, catalog, histories); the last result, which 'export' and result() read, stays.",
        examples: ["undo"]
    ) { _, _ in CommandResult(effect: .undo) }

    static let reset = CommandSpec(
        path: ["reset"], group: .session,
        abstract: "Start a new, empty session (undo brings the old one back).",
        examples: ["reset"]
    ) { _, _ in CommandResult(effect: .reset) }

    static let history = CommandSpec(
        path: ["history"], group: .session,
        abstract: "List the statements run in this session, numbered.",
        examples: ["history"]
    ) { context, _ in
        var table = Table(name: "history", columns: [.init("#", key: "number", alignment: .right), .init("statement")])
        for (i, line) in context.transcript.enumerated() {
            table.rows.append([.number(Double(i + 1), "\(i + 1)"), .text(line)])
        }
        return CommandResult(.table(table))
    }

    static let quit = CommandSpec(
        path: ["quit"], aliases: [["exit"]], group: .session,
        abstract: "Leave capplan (Ctrl-D on an empty line does the same).",
        examples: ["quit"]
    ) { _, _ in CommandResult(effect: .quit) }
}
