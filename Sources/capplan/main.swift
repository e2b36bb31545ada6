import ArgumentParser
import CapShell
import Foundation

// The only target that touches the terminal: parse the command line, pick batch or interactive
// mode, and turn outcomes into exit statuses (0 ok, 1 a statement failed, 2 usage, 130 SIGINT).


// A parent may start us with signals blocked (some test runners and process launchers do);
// Ctrl-C, SIGTERM and SIGHUP must reach capplan's handlers.
var unblocked = sigset_t()
sigemptyset(&unblocked)
for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH] { sigaddset(&unblocked, signalNumber) }
sigprocmask(SIG_UNBLOCK, &unblocked, nil)

let command: CapplanCommand
do {
    command = try CapplanCommand.parse()
} catch {
    // swift-argument-parser exits 64 on usage errors; capplan promises 2 (help and version: 0).
    let code = CapplanCommand.exitCode(for: error)
    let message = CapplanCommand.fullMessage(for: error)
    if code == .success {
        print(message)
        fflush(nil)
        exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

if command.reference {
    print(HelpGenerator.markdownReference(), terminator: "")
    fflush(nil)
    exit(0)
}

let launcher = Launcher(command: command)
exit(launcher.run())
