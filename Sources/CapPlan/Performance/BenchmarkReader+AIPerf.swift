/// The profile exports of NVIDIA AIPerf (profile_export_aiperf.json) and GenAI-Perf
/// (profile_export_genai_perf.json): one run per file, each metric a top-level object with its
/// unit and statistics, and the command's configuration under "input_config":
///
///     {"time_to_first_token": {"unit": "ms", "avg": 41.2, "p50": …, "p99": …},
///      "inter_token_latency": {…}, "output_token_throughput": {"unit": "tokens/sec", "avg": …},
///      "input_sequence_length": {"unit": "tokens", "avg": …}, "output_sequence_length": {…},
///      "input_config": {…}}
///
/// Where the load is, by version:
/// - AIPerf ≥ 0.9: `input_config.phases[]`, the phase of `"kind": "profiling"`, with
///   `"type": "concurrency"` and `concurrency`, or `poisson|constant|gamma` and `rate`;
/// - AIPerf ≤ 0.8: `input_config.loadgen.concurrency` or `.request_rate` (only what was set
///   is written; neither means AIPerf's default, concurrency 1);
/// - GenAI-Perf ≥ 0.0.13: `input_config.perf_analyzer.stimulus.concurrency|request_rate`;
///   earlier: `input_config.concurrency|request_rate` (unset values are null or "").
/// Sources: ai-dynamo/aiperf (aiperf/exporters/metrics_json_exporter.py,
/// aiperf/common/models/export_models.py, 0.3.0 and 0.13.0 wheels);
/// triton-inference-server/perf_analyzer @ 263c5f6e, genai-perf/genai_perf/export_data/
/// json_exporter.py and config/input/base_config.py. Fixtures: Tests/calibrate/fixtures.
extension BenchmarkReader {
    /// AIPerf or GenAI-Perf, from the keys of a profile export; nil when it is neither.
    static func profileExportTool(_ object: [String: Any]) -> BenchmarkTool? {
        let metric = ["time_to_first_token", "inter_token_latency", "request_latency", "output_token_throughput"]
            .contains { (object[$0] as? [String: Any])?["unit"] != nil }
        guard metric else { return nil }
        let config = object["input_config"] as? [String: Any] ?? [:]
        if object["aiperf_version"] != nil || object["schema_version"] != nil || config["phases"] != nil || config["loadgen"] != nil {
            return .aiperf
        }
        return .genaiPerf
    }

    /// The load of a profile export (see the type's list).
    static func profileLoad(_ root: JSONCursor) throws -> BenchmarkPoint.Load {
        let config = try root.require("input_config")
        func load(concurrency: JSONCursor?, rate: JSONCursor?) throws -> BenchmarkPoint.Load? {
            if let r = rate, let x = r.number, x.isFinite, x > 0 { return .rate(x) }
            if let c = concurrency, let n = c.number {
                guard n >= 1, n <= 1_000_000, n == n.rounded() else {
                    throw BenchmarkFileError.invalidValue(file: root.file, path: c.path, value: "\(n)", expected: "a whole number of concurrent requests")
                }
                return .concurrency(Int(n))
            }
            return nil
        }
        if let phases = config["phases"] {
            let all = try phases.elements()
            guard let profiling = all.first(where: { $0["kind"]?.string == "profiling" }) ?? all.last(where: { $0["exclude_from_results"]?.value as? Bool != true }) else {
                throw BenchmarkFileError.missingKey(file: root.file, tool: root.tool, path: "input_config.phases[kind=profiling]")
            }
            let type = profiling["type"]?.string ?? "concurrency"
            if type == "concurrency", let l = try load(concurrency: profiling["concurrency"], rate: nil) { return l }
            if let l = try load(concurrency: profiling["concurrency"], rate: profiling["rate"]) { return l }
            throw BenchmarkFileError.missingKey(file: root.file, tool: root.tool, path: "\(profiling.path).concurrency or .rate")
        }
        if let loadgen = config["loadgen"] {
            return try load(concurrency: loadgen["concurrency"], rate: loadgen["request_rate"]) ?? .concurrency(1)
        }
        let stimulus = config["perf_analyzer"]?["stimulus"] ?? config
        return try load(concurrency: stimulus["concurrency"], rate: stimulus["request_rate"]) ?? .concurrency(1)
    }

    static func profileExport(_ root: JSONCursor) throws -> BenchmarkRun {
        let metrics = root
        /// A metric's mean in seconds (time units) or as is (tokens, tokens/s).
        func average(_ names: String...) throws -> Double? {
            for name in names {
                guard let m = metrics[name] else { continue }
                let value = try m.first("avg", "mean").map { try $0.finite() } ?? nil
                guard let v = value else { return nil }
                switch (m["unit"]?.string ?? "").lowercased() {
                case "ms": return v / 1e3
                case "us", "µs": return v / 1e6
                case "ns": return v / 1e9
                case "s", "sec": return v
                default: return v
                }
            }
            return nil
        }
        func required(_ name: String) throws -> Double {
            guard metrics[name] != nil else { throw BenchmarkFileError.missingKey(file: root.file, tool: root.tool, path: (metrics.path.isEmpty ? "" : metrics.path + ".") + name) }
            guard let v = try average(name) else {
                throw BenchmarkFileError.missingKey(file: root.file, tool: root.tool, path: (metrics.path.isEmpty ? "" : metrics.path + ".") + name + ".avg")
            }
            return v
        }
        let input = try required("input_sequence_length")
        let output = try required("output_sequence_length")
        let load = try profileLoad(root)
        let ttft = try average("time_to_first_token")
        let itl = try average("inter_token_latency")
        let throughput = try average("output_token_throughput")
        guard ttft != nil || itl != nil || throughput != nil else { return BenchmarkRun(tool: root.tool, points: []) }
        return BenchmarkRun(tool: root.tool, points: [BenchmarkPoint(load: load, inputTokens: input, outputTokens: output, ttftSeconds: ttft,
                                                                     tpotSeconds: itl, outputTokensPerSecond: throughput, origin: "the run")])
    }
}
