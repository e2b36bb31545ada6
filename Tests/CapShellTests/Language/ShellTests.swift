import Foundation
import Testing
@testable import CapShell

/// Shell: a statement runs atomically (a failing command changes nothing), and `undo` puts the
/// previous session back.
struct ShellTests {
    static let setup = """
    add workload chat rps=10k in=1200 out=250 peak=2.5x sla.ttft=500ms pricing=spot
    add workload asr rph=3.6M per_instance=5rps
    set headroom 30%
    let peak = 12k rps
    """

    /// Runs `text` on `shell` and returns what it printed.
    static func run(_ text: String, on shell: inout Shell) -> (output: String, failures: Int) {
        let buffer = LanguageShellOutputBuffer()
        let sink = ScriptRunner.Sink(output: { buffer.append($0) }, error: { buffer.append($0.rendered()) })
        let status = ScriptRunner(options: .init(keepGoing: true), sink: sink).run(ScriptSource(file: "t.cap", text: text), shell: &shell)
        return (buffer.text, status.failures)
    }

    static func snapshot(_ shell: Shell) -> String {
        var copy = shell
        return run("show workloads\nshow workload chat\nshow workload asr\nshow settings\nshow variables", on: &copy).output
    }

    @Test(arguments: [
        "add workload chat rps=1",
        "add workload new rps=10 in=zz",
        "add workload new rps=10 rsp=5",
        "add workload new rps=10 zones=2 zone_failures=2",
        "set workload chat rps=20 peak=-1",
        "set workload chat in=5 sla.ttft=1 GB",
        "set workload chat rps=1e400",
        "set workload nosuch rps=1",
        "remove workload nosuch",
        "set headroom 5 s",
        "set month 10h",
        "set nosuch 1",
        "set zone_failures 5",
        "let peak = 1 / 0",
        "let peak = 10K rps",
        "source /nonexistent/dir/file.cap",
    ])
    func aFailingCommandChangesNothing(_ failing: String) {
        var shell = Transcript.run(Self.setup, echo: false).shell
        let before = Self.snapshot(shell)
        let result = Self.run(failing, on: &shell)
        #expect(result.failures == 1, "\(result.output)")
        #expect(Self.snapshot(shell) == before, "\(failing)")
    }

    @Test func failingStatementsBetweenGoodOnesLeaveTheSessionAsIfTheyWereNotThere() {
        let noisy = Self.setup + "\nadd workload bad rps=zz\nset workload chat peak=0\nset headroom -5%\nlet peak = peak / 0"
        var withErrors = Transcript.run(noisy, echo: false).shell
        var clean = Transcript.run(Self.setup, echo: false).shell
        #expect(Self.run("show workloads\nshow settings\nshow variables", on: &withErrors).output
                == Self.run("show workloads\nshow settings\nshow variables", on: &clean).output)
    }

    @Test func undoRestoresTheSessionBeforeTheLastChange() {
        var shell = Transcript.run(Self.setup, echo: false).shell
        let before = Self.snapshot(shell)
        _ = Self.run("set workload chat rps=20k peak=3x", on: &shell)
        #expect(Self.snapshot(shell) != before)
        let undo = Self.run("undo", on: &shell)
        #expect(undo.failures == 0)
        #expect(Self.snapshot(shell) == before)
    }

    @Test func undoKeepsTheLastResultAndFindsWorkloadsByNameAgain() {
        // Undo takes back the plan, not what was last shown: result() still reads the last
        // result. The name index comes back with the plan: the removed workload is found again,
        // the added one is gone, and a re-add after undo lands at the end.
        var shell = Transcript.run(Self.setup, echo: false).shell
        _ = Self.run("queue mmc arrival=100rps service=2s servers=214", on: &shell)
        _ = Self.run("remove workload chat", on: &shell)
        _ = Self.run("add workload extra rps=5 per_instance=1rps", on: &shell)
        #expect(Self.run("undo", on: &shell).failures == 0)
        #expect(Self.run("undo", on: &shell).failures == 0)
        #expect(shell.session.workload(named: "chat") != nil)
        #expect(shell.session.workload(named: "extra") == nil)
        #expect(shell.session.workloadNames == ["chat", "asr"])
        let servers = Self.run("result(servers)", on: &shell)
        #expect(servers.failures == 0 && servers.output.contains("214"), "\(servers.output)")
        _ = Self.run("add workload extra rps=5 per_instance=1rps", on: &shell)
        #expect(shell.session.workloadNames == ["chat", "asr", "extra"])
    }

    @Test func undoWalksBackThroughEveryChangeAndThenSaysNothingIsLeft() {
        var shell = Shell()
        let steps = ["add workload a rps=1", "set workload a rps=2", "set headroom 10%", "remove workload a"]
        var snapshots = [Self.snapshotOfAnything(shell)]
        for step in steps {
            _ = Self.run(step, on: &shell)
            snapshots.append(Self.snapshotOfAnything(shell))
        }
        for expected in snapshots.dropLast().reversed() {
            #expect(Self.run("undo", on: &shell).failures == 0)
            #expect(Self.snapshotOfAnything(shell) == expected)
        }
        let extra = Self.run("undo", on: &shell)
        #expect(extra.failures == 1)
        #expect(extra.output.contains("error: nothing to undo"))
    }

    @Test func undoAfterResetBringsTheOldSessionBack() {
        var shell = Transcript.run(Self.setup, echo: false).shell
        let before = Self.snapshot(shell)
        _ = Self.run("reset", on: &shell)
        #expect(shell.session.workloads.isEmpty)
        _ = Self.run("undo", on: &shell)
        #expect(Self.snapshot(shell) == before)
    }

    @Test func expressionsAndShowCommandsAreNotUndoneAsChanges() {
        var shell = Transcript.run("add workload a rps=1", echo: false).shell
        _ = Self.run("1 + 1\nshow workloads\nset workload a rps=2\n2 * 2\nundo", on: &shell)
        #expect(shell.session.workload(named: "a")?.rate == 1)
    }

    static func snapshotOfAnything(_ shell: Shell) -> String {
        var copy = shell
        return run("show workloads\nshow settings\nshow variables", on: &copy).output
    }
}

/// Collects runner output from a `@Sendable` sink.
final class LanguageShellOutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}
