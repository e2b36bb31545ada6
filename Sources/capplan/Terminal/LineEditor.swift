// The interactive line editor: libedit (BSD editline) through its readline-compatible API.
//
// Use it only when stdin is a terminal (`LineEditor.isTerminal`): on a pipe libedit reads one byte
// per system call and would record script lines in the history file.
//
// libedit's readline layer is process-global state, so there is at most one open LineEditor at a
// time; `close()` (or deinit) ends it and a new one may be created afterwards.

@preconcurrency import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What one call of `LineEditor.readLine(prompt:)` produced.
enum LineInput: Equatable, Sendable {
    /// A line the user accepted with Return (without the newline; may be empty).
    case line(String)
    /// Ctrl-C: the half-typed line was abandoned. Print a new prompt.
    case interrupted
    /// Ctrl-D on an empty line (or the terminal went away). Quit with status 0.
    case endOfFile
}

private let editorOpen = Atomic<Bool>(false)

final class LineEditor {
    /// The history file in use, nil when history is not kept.
    let historyPath: String?
    let historyLimit: Int

    private var history: HistoryFile?
    private var lastEntry: String?
    private var reportedHistoryError = false
    private var isClosed = false

    /// True when stdin and stdout are both terminals: the only case in which to use a LineEditor.
    static var isTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// The history file path from the environment: `$CAPPLAN_HISTORY` if set (set but empty
    /// means no history), else `$XDG_STATE_HOME/capplan/history`, else
    /// `~/.local/state/capplan/history`.
    static func defaultHistoryPath(
        environment: (String) -> String? = TerminalEnvironment.variable
    ) -> String? {
        HistoryFile.resolvePath(environment: environment)
    }

    /// Opens the editor: saves the terminal settings, installs the signal handlers (SIGINT as a
    /// flag, SIGTERM/SIGHUP restore the terminal and exit 143/129, SIGWINCH), initialises libedit
    /// (reading ~/.editrc) and loads the history. `historyPath` nil: no history file.
    init(historyPath: String?, historyLimit: Int = 1000) {
        let (first, _) = editorOpen.compareExchange(
            expected: false, desired: true, ordering: .acquiringAndReleasing)
        precondition(first, "only one LineEditor may be open at a time")
        self.historyPath = historyPath
        self.historyLimit = max(1, historyLimit)

        Self.selectLocale()
        TerminalState.save(fd: STDIN_FILENO)
        TerminalState.installExitHooks()
        Interrupts.install(restartSystemCalls: true)

        // Must be set before rl_initialize, which passes it to el_set(EL_SIGNAL).
        rl_catch_signals = 0
        rl_readline_name = UnsafePointer(readlineName)
        rl_initialize()
        Self.installCompletionHook()
        stifle_history(Int32(clamping: self.historyLimit))

        if let historyPath {
            var file = HistoryFile(path: historyPath, limit: self.historyLimit)
            let entries = file.load()
            for entry in entries { add_history(entry) }
            lastEntry = entries.last
            history = file
            reportHistoryError()
        }
    }

    deinit { close() }

    /// Shows `prompt`, lets the user edit a line, and returns it. On Ctrl-C ("^C") and on end of
    /// file (libedit shows "^D") it moves the cursor to a fresh line before returning.
    func readLine(prompt: String) -> LineInput {
        precondition(!isClosed, "LineEditor used after close()")
        if terminalResized.exchange(false, ordering: .acquiringAndReleasing) {
            rl_resize_terminal()
        }
        while true {
            Interrupts.consume()  // a Ctrl-C from before this prompt is not about this line
            Interrupts.install(restartSystemCalls: false)
            errno = 0
            editingLine.store(true, ordering: .releasing)
            let raw = readline(prompt)
            let readError = errno
            editingLine.store(false, ordering: .releasing)
            Interrupts.install(restartSystemCalls: true)

            guard let raw else {
                if Interrupts.consume() {
                    // Echo is off while editing, so show what happened (libedit itself shows ^D).
                    writeToTerminal("^C\n")
                    return .interrupted
                }
                if readError == EINTR {
                    continue  // another signal cut the read short: ask again
                }
                writeToTerminal("\n")
                return .endOfFile
            }
            let line = String(cString: raw)
            free(raw)
            // A Ctrl-C that libedit absorbed (e.g. at its "Display all N possibilities?" question)
            // did not abandon this line, so it must not cancel the command the line starts.
            Interrupts.consume()
            record(line)
            return .line(line)
        }
    }

    /// Restores the terminal settings saved at init and ends the editor. Idempotent.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        TerminalState.restore()
        Interrupts.uninstall()
        reportHistoryError()
        editorOpen.store(false, ordering: .releasing)
    }

    /// Adds an accepted line to the in-memory and on-disk history: not blank, not the same as
    /// the previous entry.
    private func record(_ line: String) {
        guard !HistoryFile.isBlank(line), line != lastEntry else { return }
        lastEntry = line
        add_history(line)
        history?.append(line)
        reportHistoryError()
    }

    private func reportHistoryError() {
        guard !reportedHistoryError, let message = history?.writeError else { return }
        reportedHistoryError = true
        writeToStandardError("capplan: warning: \(message)\n")
    }

    /// libedit decodes input with the C library's multibyte functions: without a UTF-8 LC_CTYPE
    /// it drops every non-ASCII byte. Use the user's locale, or C.UTF-8 when that is plain C.
    private static func selectLocale() {
        let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if chosen == "C" || chosen == "POSIX" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}

/// rl_readline_name: the program name libedit matches in ~/.editrc ("capplan:bind ...").
nonisolated(unsafe) private let readlineName: UnsafeMutablePointer<CChar> = strdup("capplan")!

private func writeToTerminal(_ text: String) {
    fflush(nil)
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

private func writeToStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
