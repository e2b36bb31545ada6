import Foundation

/// Reads the result file of a serving benchmark client into load points (`BenchmarkRun`).
///
/// The format is recognised from the file's keys, not its name:
/// - GuideLLM: `{"benchmarks": [{…, "metrics": {"time_to_first_token_ms": …}}]}`
///   (`BenchmarkReader+GuideLLM.swift`);
/// - vLLM `bench serve --save-result`: one run per file, `mean_ttft_ms`, `output_throughput`
///   (`BenchmarkReader+VLLM.swift`);
/// - AIPerf and GenAI-Perf profile exports: one run per file, metric objects such as
///   `"time_to_first_token": {"unit": "ms", "avg": …}` (`BenchmarkReader+AIPerf.swift`).
///
/// Result files do not name the hardware: the caller says which model and GPU ran.
public enum BenchmarkReader {
    /// - Parameter fileName: the name used in messages.
    /// - Throws: `BenchmarkFileError` naming the file and, for a file of the wrong shape, the
    ///   missing key.
    public static func read(_ bytes: [UInt8], fileName: String) throws -> BenchmarkRun {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) } catch {
            throw BenchmarkFileError.notJSON(file: fileName)
        }
        guard let object = root as? [String: Any] else {
            throw BenchmarkFileError.unknownFormat(file: fileName, topLevelKeys: [])
        }
        let keys = Set(object.keys)
        let run: BenchmarkRun
        if keys.contains("benchmarks") {
            run = try guideLLM(JSONCursor(object, file: fileName, tool: .guidellm))
        } else if !keys.isDisjoint(with: ["mean_ttft_ms", "mean_itl_ms", "mean_tpot_ms", "output_throughput"]) {
            run = try vllm(JSONCursor(object, file: fileName, tool: .vllm))
        } else if let tool = profileExportTool(object) {
            run = try profileExport(JSONCursor(object, file: fileName, tool: tool))
        } else {
            throw BenchmarkFileError.unknownFormat(file: fileName, topLevelKeys: object.keys.sorted())
        }
        guard !run.points.isEmpty else { throw BenchmarkFileError.noPoints(file: fileName, tool: run.tool) }
        // Token counts the performance model can price (1 to 10M a request), before anything
        // rounds them to whole tokens.
        for p in run.points {
            for (name, tokens) in [("input tokens", p.inputTokens), ("output tokens", p.outputTokens)] where !(tokens >= 0.5 && tokens <= 10_000_000) {
                throw BenchmarkFileError.invalidValue(file: fileName, path: "\(p.origin): mean \(name)", value: NumberFormat.decimal(tokens, significantDigits: 4), expected: "1 to 10,000,000 tokens per request")
            }
        }
        return run
    }
}

/// A position in a parsed JSON document that knows its path, so a missing or malformed value
/// is reported as `benchmarks[1].metrics.time_to_first_token_ms`.
struct JSONCursor {
    let value: Any
    let path: String
    let file: String
    let tool: BenchmarkTool

    init(_ value: Any, file: String, tool: BenchmarkTool, path: String = "") {
        self.value = value
        self.path = path
        self.file = file
        self.tool = tool
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The member `key` of an object, or nil when absent or null.
    subscript(_ key: String) -> JSONCursor? {
        guard let object = value as? [String: Any], let v = object[key], !(v is NSNull) else { return nil }
        return JSONCursor(v, file: file, tool: tool, path: childPath(key))
    }

    /// The first of `keys` present, or nil.
    func first(_ keys: String...) -> JSONCursor? {
        for k in keys { if let c = self[k] { return c } }
        return nil
    }

    /// The member `key`, or an error naming where it was expected.
    func require(_ key: String) throws -> JSONCursor {
        guard let c = self[key] else { throw BenchmarkFileError.missingKey(file: file, tool: tool, path: childPath(key)) }
        return c
    }

    /// The elements of an array.
    func elements() throws -> [JSONCursor] {
        guard let array = value as? [Any] else {
            throw BenchmarkFileError.invalidValue(file: file, path: path, value: Self.describe(value), expected: "a list")
        }
        return array.enumerated().map { JSONCursor($1, file: file, tool: tool, path: "\(path)[\($0)]") }
    }

    var string: String? { value as? String }

    /// A number; "inf" and "Infinity" strings (how Python writes an unbounded rate) read as +∞.
    var number: Double? {
        if let n = value as? NSNumber { return n.doubleValue }
        if let s = value as? String, ["inf", "infinity", "+inf"].contains(s.lowercased()) { return .infinity }
        return nil
    }

    /// A finite number ≥ 0 (> 0 when `positive`).
    func finite(positive: Bool = true) throws -> Double {
        guard let x = number, x.isFinite, positive ? x > 0 : x >= 0 else {
            throw BenchmarkFileError.invalidValue(file: file, path: path, value: Self.describe(value),
                                                  expected: positive ? "a positive, finite number" : "a finite number ≥ 0")
        }
        return x
    }

    static func describe(_ v: Any) -> String {
        if let s = v as? String { return "\"\(s.prefix(40))\"" }
        if v is [Any] { return "a list" }
        if v is [String: Any] { return "an object" }
        return "\(v)"
    }
}
