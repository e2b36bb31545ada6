import CapPlan
import Foundation
import Testing
@testable import CapShell

/// `load history`, `show history`, `set workload W from=history` through the shell, on small
/// files written to a temporary folder.
@Suite struct DemandCommandTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "capplan-demand-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
    }

    func run(_ script: String, format: Settings.Format = .table) -> (output: String, status: ScriptRunner.Status, shell: Shell) {
        Transcript.run(script, file: "t.cap", directory: directory, format: format)
    }

    /// The JSON document of the last line of `output` (json format, no echo).
    func lastJSON(_ output: String) throws -> [String: Any] {
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    /// Azure-style: CRLF, 7 fractional digits, no final newline, one row out of order.
    static let azure = "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
        + "2023-11-16 18:15:46.6805900,374,44\r\n"
        + "2023-11-16 18:15:50.9951690,396,109\r\n"
        + "2023-11-16 18:15:48.1000000,100,10\r\n"
        + "2023-11-16 18:15:59.0000000,1000,200"

    @Test func loadsACRLFRequestLogByItsColumns() throws {
        try write("azure.csv", Self.azure)
        let (output, status, shell) = run("add workload chat\nload history chat azure.csv")
        #expect(status.failures == 0, "\(output)")
        let history = try #require(shell.session.histories["chat"])
        let log = try #require(history.requestLog)
        #expect(log.count == 4)
        #expect(log.times == log.times.sorted())
        #expect(history.series.step == .seconds(1))
        #expect(output.contains("requests              4"))
        #expect(output.contains("sorted") || log.notes.contains { $0.contains("order") })
        #expect(history.loadCommand == "load history chat \"azure.csv\"")
    }

    @Test func loadsAHeaderlessEpochSeries() throws {
        try write("epoch.csv", "1700002800,5\n1700006400,7\n1700010000,\n1700013600,9\n")
        let (output, status, shell) = run("add workload api\nload history api epoch.csv")
        #expect(status.failures == 0, "\(output)")
        let series = try #require(shell.session.histories["api"]?.series)
        #expect(series.step == .seconds(3600))
        #expect(series.values == [5, 7, nil, 9])
        #expect(series.kind == .count)
        #expect(output.contains("1 empty value"))
        // fill= fills the empty value.
        let filled = run("add workload api\nload history api epoch.csv fill=linear")
        #expect(filled.shell.session.histories["api"]?.series.values == [5, 7, 8, 9])
    }

    @Test func loadsAPrometheusMatrix() throws {
        let json = """
        {"status":"success","data":{"resultType":"matrix","result":[
          {"metric":{"job":"api","instance":"a"},"values":[[1700000000,"1.5"],[1700000060,"2.5"],[1700000120,"3.5"]]},
          {"metric":{"job":"api","instance":"b"},"values":[[1700000000,"9"],[1700000060,"9"],[1700000120,"9"]]}]}}
        """
        try write("metrics.json", json)
        let ambiguous = run("add workload api\nload history api metrics.json")
        #expect(ambiguous.status.failures > 0)
        #expect(ambiguous.output.contains("series="))
        let (output, status, shell) = run("add workload api\nload history api metrics.json series=instance=a")
        #expect(status.failures == 0, "\(output)")
        let series = try #require(shell.session.histories["api"]?.series)
        #expect(series.kind == .rate)
        #expect(series.values == [1.5, 2.5, 3.5])
        #expect(output.contains("2.5 per s"))
    }

    @Test func aMalformedRowPointsIntoTheFileAndChangesNothing() throws {
        try write("good.csv", "time,requests\n2024-01-01T00:00:00Z,5\n2024-01-01T01:00:00Z,6\n")
        try write("bad.csv", "time,requests\n2024-01-01T00:00:00Z,5\n2024-01-01T01:00:00Z,six\n")
        let (output, status, shell) = run("add workload api\nload history api good.csv\nload history api bad.csv")
        #expect(status.failures > 0)
        #expect(output.contains("bad.csv:3:22: error: cannot read 'six' in column 'requests' as a number"), "\(output)")
        #expect(output.contains("  2024-01-01T01:00:00Z,six\n                       ^\n"), "\(output)")
        #expect(output.contains("included from t.cap:3"))
        // The earlier history is still there, untouched.
        #expect(shell.session.histories["api"]?.series.values == [5, 6])
        #expect(shell.session.histories["api"]?.loadCommand == "load history api \"good.csv\"")

        let quote = run("add workload api\nload history api q.csv")
        #expect(quote.output.contains("no such file 'q.csv'"))
        try write("quote.csv", "time,requests\r\n2024-01-01T00:00:00Z,\"5\r\n")
        let unterminated = run("add workload api\nload history api quote.csv")
        #expect(unterminated.output.contains("quote.csv:2:22: error: the quoted field that starts here is never closed"), "\(unterminated.output)")
        #expect(unterminated.shell.session.histories.isEmpty)
    }

    @Test func unknownWorkloadsAndMisplacedOptionsAreErrors() throws {
        try write("good.csv", "time,requests\n2024-01-01T00:00:00Z,5\n2024-01-01T01:00:00Z,6\n")
        let typo = run("add workload chat\nload history chta good.csv")
        #expect(typo.output.contains("unknown workload 'chta'"))
        #expect(typo.output.contains("did you mean 'chat'?"))
        let misplaced = run("add workload chat\nload history chat good.csv input=prompt format=csv")
        #expect(misplaced.output.contains("input= does not apply to format=csv"))
        let noHistory = run("add workload chat\nset workload chat from=history\nshow history chat")
        #expect(noHistory.output.contains("no history loaded for workload 'chat'"))
        #expect(noHistory.shell.session.workload(named: "chat")?.rate == nil)
    }

    /// Requests at known times: 60 in the first minute, 120 in the second, 60 in the third.
    static func threeMinuteLog() -> String {
        let t0 = 1_700_000_040.0  // a whole minute
        var rows = ["time,input_tokens,output_tokens"]
        for i in 0..<60 { rows.append("\(Int(t0) + i),100,20") }
        for i in 0..<120 { rows.append("\(t0 + 60 + Double(i) * 0.5),200,20") }
        for i in 0..<60 { rows.append("\(Int(t0) + 120 + i),100,20") }
        return rows.joined(separator: "\n")
    }

    @Test func showHistoryJSONHasTheContractKeys() throws {
        try write("log.csv", Self.threeMinuteLog())
        let (output, status, _) = run("add workload chat\nload history chat log.csv\nshow history chat", format: .json)
        #expect(status.failures == 0, "\(output)")
        let json = try lastJSON(output)
        for key in ["points", "step_s", "start", "end", "mean_rate", "peak_rate", "peak_to_mean", "gaps",
                    "requests", "interarrival_cv", "input_tokens_p50", "input_tokens_p99", "output_tokens_p50", "output_tokens_p99"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["requests"] as? Double == 240)
        #expect(json["points"] as? Double == 180)
        #expect(json["step_s"] as? Double == 1)
        #expect(json["output_tokens_p50"] as? Double == 20)
    }

    @Test func fromHistoryMatchesAHandComputation() throws {
        try write("log.csv", Self.threeMinuteLog())
        let (output, status, shell) = run("""
            add workload chat model=llama-3-8b
            load history chat log.csv
            set workload chat from=history peak_window=1min
            explain size chat gpu=h100
            """)
        #expect(status.failures == 0, "\(output)")
        let w = try #require(shell.session.workload(named: "chat"))
        // 240 requests over 180 one-second steps; the busiest minute has 120: 2 rps.
        #expect(w.rate == 1.333)               // 240 / 180, to 4 significant digits
        #expect(w.peakMultiplier == 1.5)       // 2 rps / (4/3 rps)
        #expect(w.inputTokens == 150)          // (120 × 100 + 120 × 200) / 240
        #expect(w.outputTokens == 20)
        #expect(output.contains("rate, peak"))
        #expect(output.contains("busiest 1 min of 3"))

        // Explicit keys override what from=history fills; typing a rate drops the note.
        let override = run("""
            add workload chat
            load history chat log.csv
            set workload chat from=history peak=2x
            set workload chat rps=5
            """)
        #expect(override.shell.session.workload(named: "chat")?.peakMultiplier == 2)
        #expect(override.shell.session.workload(named: "chat")?.demandSource == nil)

        // A window shorter than the data's step is an error; nothing changes.
        try write("hourly.csv", "time,requests\n2024-01-01T00:00:00Z,5\n2024-01-01T01:00:00Z,6\n2024-01-01T02:00:00Z,6\n")
        let short = run("add workload api rps=3\nload history api hourly.csv\nset workload api from=history peak_window=1min")
        #expect(short.output.contains("does not fit the data's 1 h step"), "\(short.output)")
        #expect(short.shell.session.workload(named: "api")?.rate == 3)
    }

    @Test func saveReplaysTheHistoryAfterTheWorkloads() throws {
        try write("log.csv", Self.threeMinuteLog())
        let first = run("""
            add workload chat
            load history chat log.csv step=10s
            set workload chat from=history peak_window=1min
            save saved.cap
            """)
        #expect(first.status.failures == 0, "\(first.output)")
        let saved = try String(contentsOfFile: directory + "/saved.cap", encoding: .utf8)
        let lines = saved.split(separator: "\n").map(String.init)
        let add = try #require(lines.firstIndex { $0.hasPrefix("add workload chat") })
        let load = try #require(lines.firstIndex { $0 == "load history chat \"log.csv\" step=10s" })
        #expect(add < load)
        #expect(!saved.contains("from=history"))

        let replay = run(saved)
        #expect(replay.status.failures == 0, "\(replay.output)")
        let a = try #require(first.shell.session.workload(named: "chat"))
        let b = try #require(replay.shell.session.workload(named: "chat"))
        #expect(a.rate == b.rate && a.peakMultiplier == b.peakMultiplier && a.inputTokens == b.inputTokens && a.outputTokens == b.outputTokens)
        #expect(first.shell.session.histories["chat"]?.series == replay.shell.session.histories["chat"]?.series)
    }
}

@Suite struct TerminalChartTests {
    @Test func rendersDeterministicPlainASCII() {
        let values: [Double?] = [0, 1, 2, 3, nil, 5, 6, 7, 8, 9]
        let chart = TerminalChart.render(series: [(label: "demand", values: values, symbol: "*")],
                                         xLabels: ("jan", "oct"), width: 10, height: 5)
        #expect(chart == TerminalChart.render(series: [(label: "demand", values: values, symbol: "*")],
                                              xLabels: ("jan", "oct"), width: 10, height: 5))
        #expect(chart == """
              9 |        **
                |      **
            4.5 |     *
                |  **
              0 |**
                +----------
                 jan    oct
                 * demand
            """)
        #expect(chart.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func drawsABandBeneathTheSeries() {
        let history: [Double?] = [4, 4, 4, nil, nil]
        let forecast: [Double?] = [nil, nil, 4, 4, 4]
        let band = TerminalChart.Band(label: "80% interval", lower: [nil, nil, 4, 2, 0], upper: [nil, nil, 4, 6, 8])
        let chart = TerminalChart.render(series: [(label: "history", values: history, symbol: "*"), (label: "forecast", values: forecast, symbol: "o")],
                                         band: band, xLabels: ("a", "b"), width: 20, height: 5)
        let lines = chart.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 8)
        #expect(lines[0].hasSuffix("|    ."))
        #expect(lines.last == "   * history   o forecast   . 80% interval")
        #expect(TerminalChart.render(series: [(label: "x", values: [nil, nil], symbol: "*")], xLabels: ("", "")) == "(no data to chart)")
    }
}
