/// The profile exports of NVIDIA AIPerf (profile_export_aiperf.json) and GenAI-Perf
/// (profile_export_genai_perf.json): one run per file, each metric an object with its unit
/// and statistics, at the top level (GenAI-Perf) or under "records" (AIPerf):
///
///     {"time_to_first_token": {"unit": "ms", "avg": 41.2, "p50": …, "p99": …},
///      "inter_token_latency": {…}, "output_token_throughput": {"unit": "tokens/sec", "avg": …},
///      "input_sequence_length": {"unit": "tokens", "avg": …}, "output_sequence_length": {…},
///      "input_config": {… "concurrency": 8 … or … "request_rate": 4.0 …}}
///
/// The load is the `concurrency` or `request_rate` found in "input_config" (an open loop when
/// a rate is set). Sources: ai-dynamo/aiperf (aiperf/exporters/json_exporter.py,
/// aiperf/common/config/loadgen_config.py); triton-inference-server/perf_analyzer
/// (genai-perf/genai_perf/export_data/json_exporter.py).
extension BenchmarkReader {
    /// AIPerf or GenAI-Perf, from the keys of a profile export; nil when it is neither.
    static func profileExportTool(_ object: [String: Any]) -> BenchmarkTool? {
        if let records = object["records"] as? [String: Any], records["time_to_first_token"] != nil || records["request_latency"] != nil {
            return .aiperf
        }
        guard object["time_to_first_token"] != nil || object["request_latency"] != nil || object["output_token_throughput"] != nil else { return nil }
        if let config = object["input_config"] as? [String: Any], config["loadgen"] != nil || config["endpoint"] != nil && config["perf_analyzer"] == nil {
            return .aiperf
        }
        return .genaiPerf
    }

    static func profileExport(_ root: JSONCursor) throws -> BenchmarkRun {
        let metrics = root["records"] ?? root
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
        let config = try root.require("input_config")
        let load: BenchmarkPoint.Load
        if let rate = find("request_rate", in: config)?.number, rate.isFinite, rate > 0 {
            load = .rate(rate)
        } else if let c = find("concurrency", in: config), let n = c.number, n.isFinite, n >= 1 {
            guard n <= 1_000_000, n == n.rounded() else {
                throw BenchmarkFileError.invalidValue(file: root.file, path: c.path, value: "\(n)", expected: "a whole number of concurrent requests")
            }
            load = .concurrency(Int(n))
        } else {
            throw BenchmarkFileError.missingKey(file: root.file, tool: root.tool, path: "input_config … concurrency or request_rate")
        }
        let ttft = try average("time_to_first_token")
        let itl = try average("inter_token_latency")
        let throughput = try average("output_token_throughput")
        guard ttft != nil || itl != nil || throughput != nil else { return BenchmarkRun(tool: root.tool, points: []) }
        return BenchmarkRun(tool: root.tool, points: [BenchmarkPoint(load: load, inputTokens: input, outputTokens: output, ttftSeconds: ttft,
                                                                     tpotSeconds: itl, outputTokensPerSecond: throughput, origin: "the run")])
    }

    /// The first member named `key` in `cursor`'s object tree (breadth first, four levels).
    static func find(_ key: String, in cursor: JSONCursor) -> JSONCursor? {
        var level = [cursor]
        for _ in 0..<4 {
            var next: [JSONCursor] = []
            for c in level {
                if let hit = c[key] { return hit }
                if let object = c.value as? [String: Any] {
                    for k in object.keys.sorted() { if let child = c[k], child.value is [String: Any] { next.append(child) } }
                }
            }
            level = next
        }
        return nil
    }
}
