/// Why a simulation refused its input.
///
/// Queue parameters that the analytic model also rejects (an unstable queue, a service time or
/// server count out of range) throw `QueueingError`, as `queue mmc` does; this enum covers what
/// only a simulation needs. All message text lives in this file.
public enum SimulationError: Error, Sendable, Equatable {
    /// An arrival rate that is not a positive finite number of requests per second.
    case invalidArrivalRate(Double)
    /// A request count outside `MMcSimulation.requestRange`.
    case invalidRequestCount(Int)
    /// A warm-up count that leaves too few measured requests: it must be at least 0 and leave at
    /// least `MMcSimulation.minimumMeasuredRequests` of `requests`.
    case invalidWarmUp(warmUp: Int, requests: Int)
    /// A batch count outside `MMcSimulation.batchRange`.
    case invalidBatchCount(Int)

    /// What went wrong, one sentence, no trailing period.
    public var message: String {
        switch self {
        case let .invalidArrivalRate(value):
            return "a simulation needs an arrival rate above 0 requests per second; got \(value)"
        case let .invalidRequestCount(value):
            return "a simulation runs between \(Self.describe(MMcSimulation.requestRange.lowerBound)) and "
                + "\(Self.describe(MMcSimulation.requestRange.upperBound)) requests; got \(Self.describe(value))"
        case let .invalidWarmUp(warmUp, requests):
            return "a warm-up of \(Self.describe(warmUp)) requests leaves fewer than "
                + "\(Self.describe(MMcSimulation.minimumMeasuredRequests)) of \(Self.describe(requests)) to measure"
        case let .invalidBatchCount(value):
            return "batch means need between \(MMcSimulation.batchRange.lowerBound) and "
                + "\(MMcSimulation.batchRange.upperBound) batches; got \(value)"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .invalidArrivalRate:
            return "give the rate in requests per second, for example arrival=45rps"
        case let .invalidRequestCount(value):
            return value < MMcSimulation.requestRange.lowerBound
                ? "fewer requests cannot give a meaningful confidence interval; try requests=100k"
                : "use requests=1M or 10M: the confidence interval narrows as 1/√n, so more rarely helps"
        case .invalidWarmUp:
            return "leave warm-up unset (10% of the requests) or give a smaller count"
        case .invalidBatchCount:
            return "20 to 30 batches is the usual choice"
        }
    }

    /// An Int with thousands separators: 50000000 → "50,000,000".
    private static func describe(_ value: Int) -> String { NumberFormat.integer(Double(value)) }
}

extension SimulationError: UserFacingError {
    public var userHint: String? { hint }
}
