import Foundation
import Synchronization
@testable import CapShell

/// Runs `.cap` text in-process exactly as `capplan --echo --keep-going FILE 2>&1` prints it:
/// echoed statements, results, and diagnostics in order.
enum Transcript {
    static func run(_ text: String, file: String = "<test>", directory: String? = nil, keepGoing: Bool = true,
                    echo: Bool = true, format: Settings.Format = .table) -> (output: String, status: ScriptRunner.Status, shell: Shell) {
        let buffer = Mutex<String>("")
        let sink = ScriptRunner.Sink(output: { text in buffer.withLock { $0 += text + "\n" } },
                                     error: { d in buffer.withLock { $0 += d.rendered() + "\n" } })
        var session = Session()
        session.settings.format = format
        var shell = Shell(session: session, environment: ShellEnvironment(files: FileAccess(baseDirectory: directory ?? NSTemporaryDirectory())))
        let runner = ScriptRunner(options: .init(keepGoing: keepGoing, echo: echo), sink: sink)
        let status = runner.run(ScriptSource(file: file, text: text), shell: &shell)
        return (buffer.withLock { $0 }, status, shell)
    }

    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A scratch copy of sessions/ so that `save` and `export` in a session write nowhere real.
    static func scratchCopyOfSessions() throws -> URL {
        let target = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("capplan-sessions-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("sessions"), to: target)
        return target
    }
}
