import CapShell
import Foundation
import Synchronization

/// The session the Tab-completion callback reads; updated after every statement. A Mutex global
/// because libedit's C callback cannot capture Swift state (Swift 6 needs it Sendable).
private let completionState = Mutex<Session>(Session())

/// The interactive shell: a libedit prompt, history, completion, Ctrl-C that abandons the line,
/// Ctrl-D that quits.
struct InteractiveShell {
    let launcher: Launcher
    static let prompt = "capplan> "
    static let continuationPrompt = "     ...> "

    func run() -> Int32 {
        var shell = launcher.makeShell(interactive: true)
        // Ctrl-C while statements run stops the rest of the line (or a sourced file) at the
        // next statement; the flag is cleared before each prompt by the line editor.
        shell.environment.isCancelled = { Interrupts.isPending }
        let runner = ScriptRunner(options: .init(keepGoing: true), sink: Terminal.sink(color: shell.environment.color))

        var startupFiles = launcher.initFilePath.map { [$0] } ?? []
        let journal = Journal.path()
        if launcher.command.recover, let journal {
            if FileManager.default.fileExists(atPath: journal) {
                startupFiles.append(journal)
            } else {
                Terminal.printError("capplan: no journal to recover at \(journal)")
            }
        }
        for path in startupFiles {
            do {
                let text = try shell.environment.files.readText(path)
                let base = shell.environment.files
                shell.environment.files = base.relative(toFileAt: path)
                let status = runner.run(ScriptSource(file: path, text: text), shell: &shell)
                shell.environment.files = base
                Terminal.flush()
                if status.quit { return 0 }
                if path == journal { Terminal.write("recovered the session from \(path)") }
            } catch {
                Terminal.printError(Diagnostic(location: SourceLocation(file: path, line: 1, column: 1), message: error.message, hint: error.hint).rendered(color: shell.environment.color))
            }
        }

        Terminal.write("capplan 0.1 — capacity planning for AI fleets. 'help' lists commands; Tab completes; Ctrl-D quits.")
        Terminal.flush()

        let editor = LineEditor(historyPath: LineEditor.defaultHistoryPath())
        defer { editor.close() }
        completionState.withLock { $0 = shell.session }
        LineEditor.setCompletionProvider { line, wordStart, cursor in
            let session = completionState.withLock { $0 }
            let completer = Completer(session: session, paths: { completePath($0) })
            return InteractiveShell.adapt(completer.complete(line, cursor: cursor), line: line, editorWordStart: wordStart)
        }

        var pending = ""
        var lineNumber = 0
        var pendingFirstLine = 1
        while true {
            let input = editor.readLine(prompt: pending.isEmpty ? Self.prompt : Self.continuationPrompt)
            switch input {
            case .endOfFile:
                return 0
            case .interrupted:
                pending = ""
                continue
            case .line(let line):
                lineNumber += 1
                if pending.isEmpty { pendingFirstLine = lineNumber }
                pending += (pending.isEmpty ? "" : "\n") + line
                if ScriptSource.continues(line) { continue }
                let source = ScriptSource(file: "<stdin>", text: pending, firstLine: pendingFirstLine)
                pending = ""
                let status = runner.run(source, shell: &shell)
                Terminal.flush()
                completionState.withLock { $0 = shell.session }
                Journal.record(shell.session, at: journal)
                if status.quit { return 0 }
            }
        }
    }

    /// Re-bases the completer's candidates (which replace text from its own word start) onto the
    /// word start libedit chose (which also breaks at `=` and `,`).
    static func adapt(_ result: (wordStart: Int, candidates: [String]), line: String, editorWordStart: Int) -> [String] {
        let chars = Array(line)
        if editorWordStart == result.wordStart { return result.candidates }
        if editorWordStart > result.wordStart {
            let skipped = String(chars[result.wordStart..<Swift.min(editorWordStart, chars.count)])
            return result.candidates.filter { $0.hasPrefix(skipped) }.map { String($0.dropFirst(skipped.count)) }
        }
        let extra = String(chars[editorWordStart..<Swift.min(result.wordStart, chars.count)])
        return result.candidates.map { extra + $0 }
    }
}

/// The interactive journal: after every statement the session's replay script (what `save`
/// writes) replaces the journal file, written atomically, so a killed terminal loses nothing
/// and `capplan --recover` rebuilds the session. Batch runs keep no journal.
enum Journal {
    /// `$CAPPLAN_JOURNAL`, else `$XDG_STATE_HOME/capplan/journal.cap`, else
    /// `~/.local/state/capplan/journal.cap`; nil when `CAPPLAN_JOURNAL` is set but empty.
    static func path() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CAPPLAN_JOURNAL"] { return explicit.isEmpty ? nil : explicit }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment["HOME"].map { $0 + "/.local/state" }
        return state.map { $0 + "/capplan/journal.cap" }
    }

    static func record(_ session: Session, at path: String?) {
        guard let path else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        // Errors are ignored on purpose: a journal that cannot be written must never stop the shell.
        try? FileAccess(baseDirectory: directory).write(session.replayScript, to: path)
    }
}
