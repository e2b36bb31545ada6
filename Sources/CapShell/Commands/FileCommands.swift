import CapPlan

/// `save`, `source`, `export csv`, `export json`.
enum FileCommands {
    static let all = [save, source, exportCSV, exportJSON]

    static let save = CommandSpec(
        path: ["save"], group: .files,
        abstract: "Write the commands that rebuild this session to a .cap file.",
        discussion: "The file is normalized: non-default settings, catalog additions and price changes, variables, then workloads. 'capplan run FILE' rebuilds the same session.",
        positionals: [OptionSpec("file", .path, "The .cap file to write.", required: true)],
        examples: ["save plan.cap"]
    ) { context, arguments in
        let path = arguments.name("file") ?? ""
        do {
            try context.environment.files.write(SessionScript.render(context.session), to: path)
        } catch let error as FileError {
            throw error.languageError(arguments.positional("file")?.span)
        }
        return CommandResult(.text("saved \(path)"))
    }

    static let source = CommandSpec(
        path: ["source"], aliases: [["read"]], group: .files,
        abstract: "Run the statements of a .cap file in this session.",
        positionals: [OptionSpec("file", .path, "The .cap file to run.", required: true)],
        examples: ["source plan.cap"],
        mutatesSession: true
    ) { _, arguments in
        CommandResult(effect: .source(path: arguments.name("file") ?? "", span: arguments.positional("file")?.span))
    }

    static let tableArgument = OptionSpec("table", .choice(ExportTables.names), "Which table: the last result (default), workloads, settings.", default: "last")

    static let exportCSV = CommandSpec(
        path: ["export", "csv"], group: .files,
        abstract: "Write the last result (or a named table) as CSV (RFC 4180).",
        positionals: [OptionSpec("file", .path, "The CSV file to write.", required: true), tableArgument],
        examples: ["export csv plan.csv", "export csv workloads.csv workloads"]
    ) { context, arguments in
        let (table, _) = try ExportTables.resolve(arguments, session: context.session)
        let path = arguments.name("file") ?? ""
        do {
            try context.environment.files.write(CSVWriter.render(table), to: path)
        } catch let error as FileError {
            throw error.languageError(arguments.positional("file")?.span)
        }
        return CommandResult(.text("wrote \(table.rows.count) row\(table.rows.count == 1 ? "" : "s") to \(path)"))
    }

    static let exportJSON = CommandSpec(
        path: ["export", "json"], group: .files,
        abstract: "Write the last result (or a named table) as JSON.",
        positionals: [OptionSpec("file", .path, "The JSON file to write.", required: true), tableArgument],
        examples: ["export json plan.json", "export json workloads.json workloads"]
    ) { context, arguments in
        let (table, json) = try ExportTables.resolve(arguments, session: context.session)
        let path = arguments.name("file") ?? ""
        do {
            try context.environment.files.write(json.serialized() + "\n", to: path)
        } catch let error as FileError {
            throw error.languageError(arguments.positional("file")?.span)
        }
        return CommandResult(.text("wrote \(table.rows.count) row\(table.rows.count == 1 ? "" : "s") to \(path)"))
    }
}

/// The tables `export` can write, by name.
enum ExportTables {
    static let names = ["last", "workloads", "settings"]

    static func resolve(_ arguments: Arguments, session: Session) throws -> (Table, JSONValue) {
        switch arguments.name("table") ?? "last" {
        case "workloads":
            let table = WorkloadTable.list(session)
            return (table, .object([("workloads", .array(session.workloads.map(WorkloadTable.json)))]))
        case "settings":
            var table = Table(name: "settings", columns: [.init("setting"), .init("value")])
            for key in SettingKeys.all { table.rows.append([.text(key.spec.key), .text(key.current(session.settings))]) }
            return (table, .object(SettingKeys.all.map { ($0.spec.key, .string($0.current(session.settings))) }))
        default:
            guard let table = session.lastResult else {
                throw LanguageError(.command, "there is no result to export yet",
                                    hint: "run a command that prints a table first, or name one: export csv FILE workloads", span: arguments.span)
            }
            return (table, session.lastResultJSON ?? .object([(table.name, table.jsonRows)]))
        }
    }
}
