import CapPlan
import Foundation
import Synchronization
@testable import CapShell

/// Runs statements on a session that already holds a demand history (put there directly, so these
/// tests do not depend on `load history`), as `capplan --keep-going` would print them.
enum ForecastShellHarness {
    /// 2021-01-01T00:00:00Z.
    static let start2021 = 1_609_459_200.0
    /// 2024-01-01T00:00:00Z.
    static let start2024 = 1_704_067_200.0

    static func session(workload: String = "w", keys: (inout Workload) -> Void = { _ in }, history: TimeSeries?) -> Session {
        var session = Session()
        var w = Workload(name: workload)
        w.rate = 1
        w.perInstance = 10
        w.pricePerInstanceHour = 1
        keys(&w)
        session.addWorkload(w)
        if let history {
            session.histories[workload] = DemandHistory(series: history, loadCommand: "load history \(workload) data/test.csv")
        }
        return session
    }

    static func run(_ text: String, session: Session, format: Settings.Format = .table) -> (output: String, shell: Shell) {
        let buffer = Mutex<String>("")
        let sink = ScriptRunner.Sink(output: { text in buffer.withLock { $0 += text + "\n" } },
                                     error: { d in buffer.withLock { $0 += d.rendered() + "\n" } })
        var start = session
        start.settings.format = format
        var shell = Shell(session: start, environment: ShellEnvironment(files: FileAccess(baseDirectory: NSTemporaryDirectory())))
        let runner = ScriptRunner(options: .init(keepGoing: true, echo: false), sink: sink)
        _ = runner.run(ScriptSource(file: "<test>", text: text), shell: &shell)
        return (buffer.withLock { $0 }, shell)
    }

    /// The last JSON object the statements printed.
    static func json(_ text: String, session: Session) -> [String: Any] {
        let output = run(text, session: session, format: .json).output
        let line = output.split(separator: "\n").last { $0.hasPrefix("{") }.map(String.init) ?? ""
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }

    static func monthly(_ values: [Double], start: Double = start2021) -> TimeSeries {
        TimeSeries(source: "test", kind: .count, start: start, step: .months(1), values: values.map { Optional($0) })
    }

    static func hourly(_ values: [Double], start: Double = start2024) -> TimeSeries {
        TimeSeries(source: "test", kind: .count, start: start, step: .seconds(3_600), values: values.map { Optional($0) })
    }

    static func daily(_ values: [Double], kind: TimeSeries.Kind, start: Double = start2024) -> TimeSeries {
        TimeSeries(source: "test", kind: kind, start: start, step: .seconds(86_400), values: values.map { Optional($0) })
    }

    static func number(_ object: [String: Any], _ key: String) -> Double {
        (object[key] as? NSNumber)?.doubleValue ?? .nan
    }
}
