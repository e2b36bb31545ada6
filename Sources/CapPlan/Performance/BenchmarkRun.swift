/// What a serving benchmark measured, read from a client's result file (`BenchmarkReader`): one
/// point per load level the client ran. `calibrate` fits efficiencies to these points.
public struct BenchmarkRun: Sendable, Hashable {
    /// The client that wrote the file.
    public var tool: BenchmarkTool
    public var points: [BenchmarkPoint]

    public init(tool: BenchmarkTool, points: [BenchmarkPoint]) {
        self.tool = tool
        self.points = points
    }
}

/// The benchmark clients whose result files `BenchmarkReader` reads.
public enum BenchmarkTool: String, Sendable, Hashable, CaseIterable {
    /// GuideLLM (`guidellm benchmark ... --output-path x.json`).
    case guidellm
    /// NVIDIA AIPerf (`aiperf profile`, profile_export_aiperf.json).
    case aiperf
    /// NVIDIA GenAI-Perf (`genai-perf profile`, profile_export_genai_perf.json).
    case genaiPerf = "genai-perf"
    /// vLLM's serving benchmark (`vllm bench serve --save-result`).
    case vllm = "vllm bench serve"
}

/// One load level of a benchmark and its measured means.
public struct BenchmarkPoint: Sendable, Hashable {
    /// How the client loaded the server.
    public enum Load: Sendable, Hashable {
        /// A closed loop of N concurrent requests (GuideLLM `synchronous` is N = 1).
        case concurrency(Int)
        /// An open loop at this many requests per second.
        case rate(Double)
        /// Every request sent at once: the server's maximum throughput.
        case maximum

        /// How the performance model is asked about this load.
        public var batchChoice: LLMBatchChoice {
            switch self {
            case let .concurrency(n): return .concurrency(n)
            case let .rate(r): return .rate(r)
            case .maximum: return .maximum
            }
        }
    }

    public var load: Load
    /// Mean prompt tokens per request.
    public var inputTokens: Double
    /// Mean generated tokens per request.
    public var outputTokens: Double
    /// Mean time to first token, seconds.
    public var ttftSeconds: Double?
    /// Mean time between output tokens (inter-token latency), seconds.
    public var tpotSeconds: Double?
    /// Output tokens per second over the run.
    public var outputTokensPerSecond: Double?
    /// Where in the file the point is (`benchmarks[2]`), for messages.
    public var origin: String

    public init(load: Load, inputTokens: Double, outputTokens: Double, ttftSeconds: Double?, tpotSeconds: Double?,
                outputTokensPerSecond: Double?, origin: String) {
        self.load = load
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.ttftSeconds = ttftSeconds
        self.tpotSeconds = tpotSeconds
        self.outputTokensPerSecond = outputTokensPerSecond
        self.origin = origin
    }

    /// The load as a person says it: "concurrency 8", "4 rps", "maximum throughput".
    public var loadDescription: String {
        switch load {
        case let .concurrency(n): return "concurrency \(n)"
        case let .rate(r): return NumberFormat.decimal(r, significantDigits: 4) + " rps"
        case .maximum: return "maximum throughput"
        }
    }
}

/// A benchmark result file that cannot be read; each case names the file.
public enum BenchmarkFileError: Error, Sendable, Hashable {
    case notJSON(file: String)
    /// The JSON is none of the formats `BenchmarkReader` knows.
    case unknownFormat(file: String, topLevelKeys: [String])
    /// A key the format needs is absent; `path` is where it was expected.
    case missingKey(file: String, tool: BenchmarkTool, path: String)
    /// A value is not a finite, positive number (or the expected type).
    case invalidValue(file: String, path: String, value: String, expected: String)
    /// The file holds no load point with a measurement.
    case noPoints(file: String, tool: BenchmarkTool)

    public var message: String {
        switch self {
        case let .notJSON(file):
            return "\(file): not a JSON document"
        case let .unknownFormat(file, keys):
            let shown = keys.prefix(8).joined(separator: ", ")
            return "\(file): not a benchmark result capplan knows (top-level keys: \(keys.isEmpty ? "none" : shown)\(keys.count > 8 ? ", ..." : ""))"
        case let .missingKey(file, tool, path):
            return "\(file): no \"\(path)\" (read as a \(tool.rawValue) result)"
        case let .invalidValue(file, path, value, expected):
            return "\(file): \(path) is \(value); expected \(expected)"
        case let .noPoints(file, tool):
            return "\(file): the \(tool.rawValue) result holds no load point with latency or throughput"
        }
    }

    public var hint: String {
        switch self {
        case .notJSON, .unknownFormat:
            return "give the JSON a client writes: guidellm --output-path x.json, aiperf or genai-perf profile_export_*.json, or vllm bench serve --save-result"
        case .missingKey, .invalidValue:
            return "the file may be truncated or from an unsupported version of the client; nothing was calibrated"
        case .noPoints:
            return "run the benchmark to completion (successful requests) and save its result again"
        }
    }
}
