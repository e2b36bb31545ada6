/// GuideLLM's benchmarks report (`guidellm benchmark ... --output-path x.json`):
///
///     {"benchmarks": [{"args": {"strategy": {"type_": "concurrent", "streams": 8}},      ≤ 0.3
///                      "config": {"strategy": {"type_": "concurrent", "streams": 8}},    ≥ 0.4
///                      "metrics": {"time_to_first_token_ms": {"successful": {"mean": …}},
///                                  "inter_token_latency_ms", "output_tokens_per_second",
///                                  "prompt_token_count", "output_token_count", …}}]}
///
/// Strategies: `synchronous` is concurrency 1, `concurrent` is `streams` users, `throughput`
/// sends everything at once (the maximum), `constant` and `poisson` (and `async` with a rate)
/// are open loops at `rate` requests/s. Source: guidellm 0.3.0, src/guidellm/benchmark/
/// benchmark.py (`GenerativeMetrics`) and scheduler/strategy.py (`type_`, `streams`, `rate`).
extension BenchmarkReader {
    static func guideLLM(_ root: JSONCursor) throws -> BenchmarkRun {
        var points: [BenchmarkPoint] = []
        for b in try root.require("benchmarks").elements() {
            let strategy = try b["config"]?.require("strategy") ?? b.require("args").require("strategy")
            let type = try strategy.require("type_")
            let load: BenchmarkPoint.Load
            switch type.string ?? "" {
            case "synchronous":
                load = .concurrency(1)
            case "concurrent":
                let streams = try strategy.require("streams").finite()
                guard streams <= 1_000_000, streams == streams.rounded() else {
                    throw BenchmarkFileError.invalidValue(file: root.file, path: "\(strategy.path).streams", value: "\(streams)", expected: "a whole number of streams")
                }
                load = .concurrency(Int(streams))
            case "throughput":
                load = .maximum
            case "constant", "poisson", "async":
                if let rate = strategy["rate"]?.number, rate.isFinite, rate > 0 { load = .rate(rate) } else { load = .maximum }
            default:
                throw BenchmarkFileError.invalidValue(file: root.file, path: type.path, value: JSONCursor.describe(type.value),
                                                      expected: "synchronous, concurrent, throughput, constant, poisson or async")
            }
            let metrics = try b.require("metrics")
            func mean(_ names: String...) throws -> Double? {
                for name in names {
                    guard let m = metrics[name] else { continue }
                    // An optional metric without successful requests is skipped; the token
                    // counts below are required.
                    guard let s = m["successful"], let v = s["mean"] else { return nil }
                    return try v.finite()
                }
                return nil
            }
            func required(_ name: String) throws -> Double {
                let m = try metrics.require(name).require("successful").require("mean")
                return try m.finite()
            }
            let input = try required("prompt_token_count")
            let output = try required("output_token_count")
            let ttft = try mean("time_to_first_token_ms").map { $0 / 1000 }
            let itl = try mean("inter_token_latency_ms", "time_per_output_token_ms").map { $0 / 1000 }
            let throughput = try mean("output_tokens_per_second")
            guard ttft != nil || itl != nil || throughput != nil else { continue }
            points.append(BenchmarkPoint(load: load, inputTokens: input, outputTokens: output, ttftSeconds: ttft, tpotSeconds: itl,
                                         outputTokensPerSecond: throughput, origin: b.path))
        }
        return BenchmarkRun(tool: .guidellm, points: points)
    }
}
