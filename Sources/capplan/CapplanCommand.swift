import ArgumentParser
import CapShell
import Foundation

/// The command line: `capplan [run] [FILE...] [-c 'cmd; cmd'] [options]`.
///
/// With no file, no `-c` and a terminal on stdin, capplan is an interactive shell; otherwise it
/// runs the statements in batch (no prompt, no colour, the same output).
struct CapplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capplan",
        abstract: "An interactive planning shell for the capacity of AI inference and training fleets.",
        discussion: """
        Examples:
          capplan                          interactive shell
          capplan plan.cap                 run a session file (also: capplan run plan.cap)
          capplan -c 'add workload a rps=10 per_instance=2rps; show workloads'
          capplan < plan.cap               run statements from standard input
        Exit status: 0 success, 1 a statement failed, 2 usage error, 130 interrupted.
        """,
        version: "capplan 0.1.0"
    )

    @Argument(help: ArgumentHelp("Session files to run, in order ('run' may come first).", valueName: "file"))
    var files: [String] = []

    @Option(name: .short, help: ArgumentHelp("Run these statements (separated by ';') and exit.", valueName: "statements"))
    var c: String?

    @Flag(help: "Print each statement before its output.")
    var echo = false

    @Flag(name: .customLong("keep-going"), help: "Continue after a failing statement; exit 1 at the end if any failed.")
    var keepGoing = false

    @Option(help: ArgumentHelp("Result format: table, json (one document per line) or csv.", valueName: "format"))
    var format: String?

    @Option(name: .customLong("init"), help: ArgumentHelp("Run FILE before the first prompt instead of the start-up file.", valueName: "file"))
    var initFile: String?

    @Flag(name: .customLong("no-init"), help: "Skip the start-up file ($XDG_CONFIG_HOME/capplan/rc).")
    var noInit = false

    @Flag(help: "Rebuild the last interactive session from its journal ($XDG_STATE_HOME/capplan/journal.cap) before the first prompt.")
    var recover = false

    @Flag(help: "Refuse to write files (save, export).")
    var safe = false

    @Flag(help: "Print the command reference (docs/commands.md) generated from the registry, and exit.")
    var reference = false

    mutating func validate() throws {
        if files.first == "run" { files.removeFirst() }
        if let format, !["table", "json", "csv"].contains(format) {
            throw ValidationError("--format must be table, json or csv (got '\(format)')")
        }
        if c != nil && !files.isEmpty {
            throw ValidationError("give either -c or files, not both")
        }
    }
}
