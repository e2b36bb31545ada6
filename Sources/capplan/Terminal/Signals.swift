// Signal handling for the interactive shell.
//
// libedit's own signal handling (EL_SIGNAL, `rl_catch_signals`) re-sends SIGINT/SIGTERM to the whole
// process group with kill(0, ...), so it is switched off and these handlers are used instead.
// Every handler only touches lock-free atomics and async-signal-safe calls (tcsetattr, _exit).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@preconcurrency import CLibEdit
import Synchronization

/// Set by the SIGINT handler, cleared by `Interrupts.consume()`.
private let interruptPending = Atomic<Bool>(false)
/// Set by the SIGWINCH handler; the editor resizes before the next prompt.
let terminalResized = Atomic<Bool>(false)
/// Whether the SIGINT handler is ours (installed by a LineEditor).
private let interruptHandlerInstalled = Atomic<Bool>(false)

/// Ctrl-C as a polled flag: a long computation checks `Interrupts.isPending` and stops, and the
/// line editor turns it into `LineInput.interrupted`. Ctrl-C never exits an interactive session.
enum Interrupts {
    /// True when Ctrl-C (SIGINT) arrived and nobody has consumed it yet.
    static var isPending: Bool { interruptPending.load(ordering: .acquiring) }

    /// Clears the flag; returns whether an interrupt was pending.
    @discardableResult
    static func consume() -> Bool { interruptPending.exchange(false, ordering: .acquiringAndReleasing) }

    /// Whether SIGINT is currently caught by this module (i.e. an interactive editor is open).
    static var isHandlerInstalled: Bool { interruptHandlerInstalled.load(ordering: .acquiring) }

    /// Installs the SIGINT handler. `restartSystemCalls: false` (used while reading a line) makes the
    /// blocking read() fail with EINTR so that libedit gives up the line; `true` (used while a
    /// command runs) keeps output writes from failing half way.
    static func install(restartSystemCalls: Bool) {
        installHandler(SIGINT, restart: restartSystemCalls) { _ in
            interruptPending.store(true, ordering: .releasing)
        }
        interruptHandlerInstalled.store(true, ordering: .releasing)
    }

    /// Gives SIGINT back its default action (terminate the process).
    static func uninstall() {
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = SIG_DFL
        #else
        action.__sigaction_handler.sa_handler = SIG_DFL
        #endif
        sigaction(SIGINT, &action, nil)
        interruptHandlerInstalled.store(false, ordering: .releasing)
    }
}

/// Terminal settings saved before libedit first touches the terminal, restored on close, at exit
/// and from the SIGTERM/SIGHUP handlers.
///
/// `nonisolated(unsafe)`: a signal handler cannot take a lock, so the saved termios lives in a raw
/// buffer that is written once (before `savedTerminalValid` is published with release ordering)
/// and only read afterwards.
nonisolated(unsafe) private let savedTerminal = UnsafeMutablePointer<termios>.allocate(capacity: 1)
private let savedTerminalValid = Atomic<Bool>(false)
private let savedTerminalFD = Atomic<Int32>(-1)
private let exitHooksInstalled = Atomic<Bool>(false)

enum TerminalState {
    /// Saves the settings of `fd` (once per process; later calls keep the first snapshot, which
    /// is the state the user's shell gave us).
    static func save(fd: Int32) {
        guard !savedTerminalValid.load(ordering: .acquiring) else { return }
        guard tcgetattr(fd, savedTerminal) == 0 else { return }
        savedTerminalFD.store(fd, ordering: .relaxed)
        savedTerminalValid.store(true, ordering: .releasing)
    }

    /// Restores the saved settings. Async-signal-safe.
    static func restore() {
        guard savedTerminalValid.load(ordering: .acquiring) else { return }
        _ = tcsetattr(savedTerminalFD.load(ordering: .relaxed), TCSANOW, savedTerminal)
    }

    /// SIGTERM and SIGHUP: restore the terminal and exit 128+signal (143, 129). SIGTSTP (Ctrl-Z):
    /// restore, stop, and resume editing on `fg`. SIGWINCH: note the new size. atexit: restore
    /// the terminal. Installed once.
    static func installExitHooks() {
        let (first, _) = exitHooksInstalled.compareExchange(
            expected: false, desired: true, ordering: .acquiringAndReleasing)
        guard first else { return }
        installHandler(SIGTERM, restart: true) { signal in
            TerminalState.restore()
            _exit(128 + signal)
        }
        if !isIgnored(SIGHUP) {  // nohup: stay ignored
            installHandler(SIGHUP, restart: true) { signal in
                TerminalState.restore()
                _exit(128 + signal)
            }
        }
        if !isIgnored(SIGTSTP) {  // no job control: stay ignored
            installHandler(SIGTSTP, restart: true, suspend)
        }
        // SA_RESTART: a resize must not abort the line being typed.
        installHandler(SIGWINCH, restart: true) { _ in
            terminalResized.store(true, ordering: .releasing)
        }
        atexit { TerminalState.restore() }
    }
}

/// True while libedit is reading a line (the terminal is in its editing mode).
let editingLine = Atomic<Bool>(false)
/// libedit's editing-mode settings, saved when Ctrl-Z stops the shell in the middle of a line.
nonisolated(unsafe) private let editingTerminal = UnsafeMutablePointer<termios>.allocate(capacity: 1)

/// SIGTSTP (Ctrl-Z). Without it the shell would stop with the terminal in libedit's mode and come
/// back (`fg`) in the mode the parent shell left, with echo on and editing dead. So: give the
/// terminal back, stop, and on SIGCONT return to editing mode and redraw the prompt and the
/// half-typed line. The redraw calls libedit from the handler, as libedit's own SIGCONT handler
/// does; it happens only while the main thread is blocked in libedit's read().
private func suspend(_ signal: Int32) {
    let fd = savedTerminalFD.load(ordering: .relaxed)
    let editing = editingLine.load(ordering: .acquiring)
        && savedTerminalValid.load(ordering: .acquiring)
        && tcgetattr(fd, editingTerminal) == 0
    if editing { TerminalState.restore() }

    var defaultAction = sigaction()
    sigemptyset(&defaultAction.sa_mask)
    #if canImport(Darwin)
    defaultAction.__sigaction_u.__sa_handler = SIG_DFL
    #else
    defaultAction.__sigaction_handler.sa_handler = SIG_DFL
    #endif
    sigaction(SIGTSTP, &defaultAction, nil)
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, SIGTSTP)
    sigprocmask(SIG_UNBLOCK, &mask, nil)
    raise(SIGTSTP)  // stops here until SIGCONT

    installHandler(SIGTSTP, restart: true, suspend)
    if editing && editingLine.load(ordering: .acquiring) {
        _ = tcsetattr(fd, TCSADRAIN, editingTerminal)
        rl_forced_update_display()
    }
}

private func isIgnored(_ signal: Int32) -> Bool {
    var current = sigaction()
    guard sigaction(signal, nil, &current) == 0 else { return false }
    #if canImport(Darwin)
    return unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    #else
    return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    #endif
}

private func installHandler(
    _ signal: Int32, restart: Bool, _ handler: @convention(c) (Int32) -> Void
) {
    var action = sigaction()
    sigemptyset(&action.sa_mask)
    #if canImport(Darwin)
    action.__sigaction_u.__sa_handler = handler
    #else
    action.__sigaction_handler.sa_handler = handler
    #endif
    action.sa_flags = restart ? Int32(SA_RESTART) : 0
    sigaction(signal, &action, nil)
}
