/// Why a fleet simulation refused its input, or stopped. All message text lives in this file.
///
/// Kept apart from `SimulationError` (the M/M/c simulation's), so adding a fleet case never
/// changes what the queue simulation's callers must handle.
public enum FleetSimulationError: Error, Sendable, Equatable {
    /// A replica count outside `FleetSimulation.replicaRange`.
    case invalidReplicaCount(Int)
    /// A maximum batch outside `FleetSimulation.batchRange`.
    case invalidMaxBatch(Int)
    /// A KV capacity that is not a positive number of tokens.
    case invalidKVCapacity(Int)
    /// A Poisson rate that is not a positive finite number of requests per second.
    case invalidArrivalRate(Double)
    /// A request count outside `FleetSimulation.requestRange`.
    case invalidRequestCount(Int)
    /// A token count outside `FleetSimulation.tokenRange`; `request` is nil for Poisson arrivals.
    case invalidTokens(what: String, value: Int, request: Int?)
    /// A trace whose arrays differ in length.
    case traceLengthsDiffer(arrivals: Int, inputTokens: Int, outputTokens: Int)
    /// A trace arrival time that is not finite or is negative.
    case invalidArrivalTime(request: Int, seconds: Double)
    /// A warm-up fraction outside [0, 1).
    case invalidWarmUp(Double)
    /// A queue limit below 1.
    case invalidQueueLimit(Int)
    /// An SLA objective that is not a positive finite time.
    case invalidSLA(what: String, seconds: Double)
    /// A failure of a replica that does not exist, at a time that is not finite and ≥ 0, or of
    /// a replica already listed.
    case invalidFailure(replica: Int, seconds: Double, replicas: Int)
    /// A batch count for the confidence interval outside `MMcSimulation.batchRange`.
    case invalidBatchCount(Int)
    /// The step times returned a negative or non-finite time (thrown by `run()`).
    case invalidStepTime(what: String, batch: Int, tokens: Int, seconds: Double)

    /// What went wrong, one sentence, no trailing period.
    public var message: String {
        switch self {
        case let .invalidReplicaCount(n):
            return "a fleet simulation needs \(FleetSimulation.replicaRange.lowerBound) to "
                + "\(Self.describe(FleetSimulation.replicaRange.upperBound)) replicas; got \(Self.describe(n))"
        case let .invalidMaxBatch(n):
            return "the maximum batch must be \(FleetSimulation.batchRange.lowerBound) to "
                + "\(Self.describe(FleetSimulation.batchRange.upperBound)) sequences; got \(Self.describe(n))"
        case let .invalidKVCapacity(n):
            return "a replica needs room for at least 1 KV-cache token; got \(Self.describe(n))"
        case let .invalidArrivalRate(value):
            return "Poisson arrivals need a rate above 0 requests per second; got \(value)"
        case let .invalidRequestCount(n):
            return "a fleet simulation runs \(FleetSimulation.requestRange.lowerBound) to "
                + "\(Self.describe(FleetSimulation.requestRange.upperBound)) requests; got \(Self.describe(n))"
        case let .invalidTokens(what, value, request):
            let whose = request.map { "request \(Self.describe($0 + 1)) has" } ?? "got"
            return "\(what) must be \(FleetSimulation.tokenRange.lowerBound) to "
                + "\(Self.describe(FleetSimulation.tokenRange.upperBound)); \(whose) \(Self.describe(value))"
        case let .traceLengthsDiffer(a, i, o):
            return "the request log has \(Self.describe(a)) arrival times but \(Self.describe(i)) input "
                + "and \(Self.describe(o)) output token counts"
        case let .invalidArrivalTime(request, seconds):
            return "request \(Self.describe(request + 1)) arrives at \(seconds) s; arrival times must be finite and at least 0"
        case let .invalidWarmUp(value):
            return "the warm-up fraction must be at least 0 and below 1; got \(value)"
        case let .invalidQueueLimit(n):
            return "a queue limit must allow at least 1 waiting request per replica; got \(Self.describe(n))"
        case let .invalidSLA(what, seconds):
            return "the \(what) objective must be a positive, finite time; got \(seconds) s"
        case let .invalidFailure(replica, seconds, replicas):
            return "cannot fail replica \(replica) at \(seconds) s: replicas are numbered 0 to \(replicas - 1), "
                + "each fails at most once, at a finite time ≥ 0"
        case let .invalidBatchCount(n):
            return "batch means need between \(MMcSimulation.batchRange.lowerBound) and "
                + "\(MMcSimulation.batchRange.upperBound) batches; got \(n)"
        case let .invalidStepTime(what, batch, tokens, seconds):
            return "the \(what) time for batch \(Self.describe(batch)) and \(Self.describe(tokens)) tokens is \(seconds) s; "
                + "step times must be finite and at least 0"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .invalidReplicaCount(let n):
            return n < 1 ? "size the workload first: `size W` gives the replica count" : "simulate a representative slice of the fleet at the same per-replica rate"
        case .invalidMaxBatch:
            return "use the batch `size` or `perf` chose (vLLM's max_num_seqs defaults to 256)"
        case .invalidKVCapacity:
            return "the model's weights leave no KV memory on this GPU: use more tensor parallelism or a bigger GPU"
        case .invalidArrivalRate:
            return "give the rate in requests per second, for example rate=20rps"
        case .invalidRequestCount(let n):
            return n < 1 ? "simulate at least one request" : "1M requests is plenty: percentiles settle long before 50M"
        case .invalidTokens:
            return "token counts are whole numbers of tokens; check the request log's columns"
        case .traceLengthsDiffer:
            return "give one arrival time, input and output count per request"
        case .invalidArrivalTime:
            return "use seconds from the start of the log"
        case .invalidWarmUp:
            return "leave warm-up unset (10% of the requests) or give a fraction such as 0.05"
        case .invalidQueueLimit:
            return "leave the queue limit unset for unlimited queues"
        case .invalidSLA:
            return "give the objective as a duration, for example 2s or 500ms"
        case .invalidFailure:
            return "name each failing replica once, by its index"
        case .invalidBatchCount:
            return "20 to 30 batches is the usual choice"
        case .invalidStepTime:
            return "check the step-time model: it must give a finite, non-negative time for every batch and context"
        }
    }

    /// An Int with thousands separators: 50000000 → "50,000,000".
    private static func describe(_ value: Int) -> String { NumberFormat.integer(Double(value)) }
}

extension FleetSimulationError: UserFacingError {
    public var userHint: String? { hint }
}
