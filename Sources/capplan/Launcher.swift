import CapShell
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Chooses the mode and runs it: `-c`, files, piped stdin (batch), or the interactive shell.
struct Launcher {
    let command: CapplanCommand

    var isInteractive: Bool {
        command.c == nil && command.files.isEmpty && isatty(STDIN_FILENO) == 1
    }

    func makeShell(interactive: Bool) -> Shell {
        var session = Session()
        if let format = command.format, let f = Settings.Format(rawValue: format) { session.settings.format = f }
        let style: TableStyle = interactive && isatty(STDOUT_FILENO) == 1 ? .box : .plain
        let color = interactive && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
        let files = FileAccess(writesAllowed: !command.safe)
        return Shell(session: session, environment: ShellEnvironment(files: files, tableStyle: style, color: color))
    }

    func run() -> Int32 {
        if isInteractive {
            return InteractiveShell(launcher: self).run()
        }
        Terminal.exitOnInterruptInBatchMode()
        var shell = makeShell(interactive: false)
        let runner = ScriptRunner(options: .init(keepGoing: command.keepGoing, echo: command.echo), sink: Terminal.sink(color: false))
        var failures = 0
        if let statements = command.c {
            let status = runner.run(ScriptSource(file: "<command line>", text: statements), shell: &shell)
            failures += status.failures
        } else if command.files.isEmpty {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            let status = runner.run(ScriptSource(file: "<stdin>", text: String(decoding: data, as: UTF8.self)), shell: &shell)
            failures += status.failures
        } else {
            for file in command.files {
                let text: String
                do {
                    text = try FileAccess().readText(file)
                } catch {
                    Terminal.printError(Diagnostic(location: SourceLocation(file: file, line: 1, column: 1), message: error.message, hint: error.hint).rendered())
                    Terminal.flush()
                    return 1
                }
                let base = shell.environment.files
                shell.environment.files = base.relative(toFileAt: file)
                let status = runner.run(ScriptSource(file: file, text: text), shell: &shell)
                shell.environment.files = base
                failures += status.failures
                if status.quit || status.stopped { break }
            }
        }
        Terminal.flush()
        return failures > 0 ? 1 : 0
    }

    /// The start-up file: `--init FILE`, else `$XDG_CONFIG_HOME/capplan/rc` when it exists.
    var initFilePath: String? {
        if command.noInit { return nil }
        if let file = command.initFile { return file }
        let environment = ProcessInfo.processInfo.environment
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.config" }
        guard let config else { return nil }
        let path = config + "/capplan/rc"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
