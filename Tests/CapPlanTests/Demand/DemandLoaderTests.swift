import Foundation
import Testing
@testable import CapPlan

/// The real files are ../shared/data (SOURCES.md there); the test file path is resolved through
/// symlinks so that scratch packages find them too.
struct DemandLoaderTests {
    /// ../shared/data beside the repository (CI clones it there), or `CAPPLAN_SHARED_DATA`.
    static let sharedDirectory: URL? = {
        if let path = ProcessInfo.processInfo.environment["CAPPLAN_SHARED_DATA"] { return URL(fileURLWithPath: path) }
        let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    /// Whether the real files are there; tests that need them are skipped (and say so) when not,
    /// e.g. in a clone without the shared folder beside it.
    static let sharedDataAvailable: Bool = sharedDirectory.map {
        FileManager.default.fileExists(atPath: $0.appendingPathComponent("azure_llm_2023_conv.csv").path)
    } ?? false

    static func shared(_ name: String) throws -> [UInt8] {
        guard let directory = sharedDirectory else { throw CocoaError(.fileNoSuchFile) }
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    @Test(.enabled(if: DemandLoaderTests.sharedDataAvailable, "needs ../shared/data beside the repository"))
    func azureTraceLoadsAsARequestLog() throws {
        // CRLF, no final newline, 7 fractional digits, no zone. 19,367 lines = header + 19,366
        // requests (Python's csv module agrees), from 18:15:46.68059 to 19:14:08.402527 UTC.
        let log = try DemandLoader.requestLog(try Self.shared("azure_llm_2023_conv.csv"), fileName: "azure.csv")
        #expect(log.count == 19_366)
        #expect(abs(log.times[0] - 1_700_158_546.68059) < 1e-6)
        #expect(abs(log.span - 3_501.721937) < 1e-3)   // 58 min 21.7 s
        #expect(log.inputTokens?.first == 374)
        #expect(log.outputTokens?.last == 183)
        #expect(log.notes.first == "columns: time 'TIMESTAMP', input tokens 'ContextTokens', output tokens 'GeneratedTokens'")
    }

    @Test(.enabled(if: DemandLoaderTests.sharedDataAvailable, "needs ../shared/data beside the repository"))
    func taxiSeriesLoadsAtThirtyMinutes() throws {
        let s = try DemandLoader.csvSeries(try Self.shared("nyc_taxi_30min.csv"), fileName: "taxi.csv")
        #expect(s.count == 10_320)                   // 215 days × 48
        #expect(s.step == .seconds(1_800))
        #expect(s.start == 1_404_172_800)            // 2014-07-01 00:00 UTC
        #expect(s.values.first == 10_844)
        #expect(s.gaps.isEmpty && s.missingValues == 0)
    }

    @Test(.enabled(if: DemandLoaderTests.sharedDataAvailable, "needs ../shared/data beside the repository"))
    func pedestrianFileNeedsAValueColumn() throws {
        let bytes = try Self.shared("pedestrians_hourly.csv")
        #expect(throws: DemandError.ambiguousValueColumn(file: "ped.csv", candidates: ["location_4", "location_41"])) {
            try DemandLoader.csvSeries(bytes, fileName: "ped.csv")
        }
        let s = try DemandLoader.csvSeries(bytes, fileName: "ped.csv", options: .init(valueColumn: "LOCATION_41"))
        #expect(s.count == 720 && s.step == .seconds(3_600))
        #expect(s.values.first == 975)
    }

    @Test(.enabled(if: DemandLoaderTests.sharedDataAvailable, "needs ../shared/data beside the repository"))
    func retailSalesLoadAsCalendarMonths() throws {
        let s = try DemandLoader.csvSeries(try Self.shared("retail_sales_monthly.csv"), fileName: "retail.csv")
        #expect(s.count == 293 && s.step == .months(1))
        #expect(s.start == 694_224_000)              // 1992-01-01
        #expect(s.values.first == 146_376)
    }

    @Test func badValueNamesLineColumnAndText() {
        let text = "time,value\r\n2023-11-16 00:00,5\r\n2023-11-16 00:01,5 rps\r\n"
        #expect(throws: DemandError.invalidNumber(
            text: "5 rps", column: "value", at: .init(file: "f.csv", line: 3, column: 18, lineText: "2023-11-16 00:01,5 rps"))) {
            try DemandLoader.csvSeries(Array(text.utf8), fileName: "f.csv")
        }
        let badTime = "ts,n\n2023-11-16,1\n2023-02-29,2"
        #expect(throws: DemandError.invalidTimestamp(
            text: "2023-02-29", column: "ts", reason: "day 29 is not in 2023-02, which has 28 days",
            at: .init(file: "f.csv", line: 3, column: 1, lineText: "2023-02-29,2"))) {
            try DemandLoader.csvSeries(Array(badTime.utf8), fileName: "f.csv")
        }
    }

    @Test func headerlessEpochFileWithMissingValues() throws {
        let s = try DemandLoader.csvSeries(Array("0,1\n60,NA\n120,\"3\"\n".utf8), fileName: "f.csv")
        #expect(s.values == [1, nil, 3])
        #expect(s.missingValues == 1)
    }

    @Test func requestColumnsAreFoundCaseInsensitively() throws {
        let text = "request_id,Time,Prompt_Tokens,completion_tokens\n1,2024-01-01T00:00:01Z,10,3\n2,2024-01-01T00:00:00Z,20,4"
        let log = try DemandLoader.requestLog(Array(text.utf8), fileName: "r.csv")
        #expect(log.times == [1_704_067_200, 1_704_067_201])
        #expect(log.inputTokens! == [20, 10])
        #expect(log.outputTokens! == [4, 3])
        #expect(log.notes.first == "sorted 1 request that was out of time order")
    }

    static let twoSeries = """
        {"status":"success","data":{"resultType":"matrix","result":[
         {"metric":{"job":"api","instance":"a:9090"},"values":[[1700000000,"1.5"],[1700000060,"NaN"],[1700000120,"2.5"]]},
         {"metric":{"job":"api","instance":"b:9090"},"values":[[1700000000,"7"]]}]}}
        """

    @Test func prometheusSeveralSeriesListThemOrTakeASelector() throws {
        let bytes = Array(Self.twoSeries.utf8)
        #expect(throws: DemandError.severalSeries(
            file: "p.json", series: ["{instance=\"a:9090\", job=\"api\"}", "{instance=\"b:9090\", job=\"api\"}"])) {
            try DemandLoader.prometheus(bytes, fileName: "p.json")
        }
        let s = try DemandLoader.prometheus(bytes, fileName: "p.json", options: .init(series: "instance=a:9090"))
        #expect(s.kind == .rate && s.step == .seconds(60))
        #expect(s.values == [1.5, nil, 2.5])
        #expect(s.missingValues == 1)
        // One sample cannot show its step: it must be given.
        #expect(throws: DemandError.stepNeeded(source: "p.json")) {
            try DemandLoader.prometheus(bytes, fileName: "p.json", options: .init(series: "{instance=\"b:9090\"}"))
        }
        let braces = try DemandLoader.prometheus(
            bytes, fileName: "p.json", options: .init(series: "{instance=\"b:9090\"}", step: .seconds(60)))
        #expect(braces.values == [7])
    }

    @Test func prometheusRejectsInstantQueriesAndFailures() {
        let vector = #"{"status":"success","data":{"resultType":"vector","result":[]}}"#
        #expect(throws: DemandError.notAMatrix(file: "p.json", resultType: "vector")) {
            try DemandLoader.prometheus(Array(vector.utf8), fileName: "p.json")
        }
        let failed = #"{"status":"error","errorType":"bad_data","error":"parse error"}"#
        #expect(throws: DemandError.prometheusQueryFailed(file: "p.json", errorType: "bad_data", error: "parse error")) {
            try DemandLoader.prometheus(Array(failed.utf8), fileName: "p.json")
        }
    }
}
