/// vLLM's serving benchmark result (`vllm bench serve --save-result`, earlier
/// benchmarks/benchmark_serving.py): one run per file.
///
///     {"request_rate": "inf" | 4.0, "max_concurrency": 8 | null, "completed": 200,
///      "total_input_tokens": …, "total_output_tokens": …, "output_throughput": …,
///      "mean_ttft_ms": …, "mean_tpot_ms": …, "mean_itl_ms": …, …}
///
/// The load: a finite `request_rate` is an open loop at that rate; an infinite one with
/// `max_concurrency` is a closed loop of that many; with neither, every prompt is sent at once
/// (the maximum). Inter-token latency is `mean_itl_ms` (every gap of every request), else
/// `mean_tpot_ms`. Source: vllm-project/vllm, vllm/benchmarks/serve.py (`result_json`).
extension BenchmarkReader {
    static func vllm(_ root: JSONCursor) throws -> BenchmarkRun {
        let completed = try root.require("completed").finite()
        let input = try root.require("total_input_tokens").finite() / completed
        let output = try root.require("total_output_tokens").finite() / completed
        let rate = root["request_rate"]?.number ?? .infinity
        let load: BenchmarkPoint.Load
        if rate.isFinite, rate > 0 {
            load = .rate(rate)
        } else if let c = root["max_concurrency"] {
            let n = try c.finite()
            guard n <= 1_000_000, n == n.rounded() else {
                throw BenchmarkFileError.invalidValue(file: root.file, path: c.path, value: "\(n)", expected: "a whole number of concurrent requests")
            }
            load = .concurrency(Int(n))
        } else {
            load = .maximum
        }
        let ttft = try root["mean_ttft_ms"].map { try $0.finite() / 1000 }
        let itl = try root.first("mean_itl_ms", "mean_tpot_ms").map { try $0.finite() / 1000 }
        let throughput = try root["output_throughput"].map { try $0.finite() }
        guard ttft != nil || itl != nil || throughput != nil else { return BenchmarkRun(tool: .vllm, points: []) }
        return BenchmarkRun(tool: .vllm, points: [BenchmarkPoint(load: load, inputTokens: input, outputTokens: output, ttftSeconds: ttft,
                                                                 tpotSeconds: itl, outputTokensPerSecond: throughput, origin: "the run")])
    }
}
