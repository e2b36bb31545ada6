/// A request log: one entry per request, with its arrival time and token sizes.
///
/// Aggregated per step it gives request counts and token sums (`requestSeries`, `tokenSeries`);
/// unaggregated it gives what only individual requests can show: inter-arrival variability and
/// token-size percentiles (`DemandProfile`).
public struct RequestLog: Sendable, Hashable {
    /// Where the data came from (a file name), for messages.
    public var source: String
    /// Arrival times, epoch seconds (UTC), ascending.
    public var times: [Double]
    /// Prompt (input) tokens per request, in `times` order; nil when the log has no such column.
    /// A missing size counts as 0 in sums and is left out of percentiles (`missingTokenValues`).
    public var inputTokens: [Double?]?
    /// Generated (output) tokens per request, as `inputTokens`.
    public var outputTokens: [Double?]?
    /// What was done on the way in, in words.
    public var notes: [String]

    public init(source: String, times: [Double], inputTokens: [Double?]? = nil, outputTokens: [Double?]? = nil, notes: [String] = []) {
        self.source = source
        self.times = times
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.notes = notes
    }

    /// Number of requests.
    public var count: Int { times.count }

    /// Seconds from the first request to the last.
    public var span: Double { (times.last ?? 0) - (times.first ?? 0) }

    /// The step used when none is given: the shortest of 1 s, 1 min, 1 h and 1 d that keeps the
    /// series at or under 100,000 steps (an hour-long trace gets 1 s, a month gets 1 min).
    public var defaultStep: TimeSeries.Step {
        for s in [1.0, 60, 3_600] where span / s <= 100_000 { return .seconds(s) }
        return .seconds(86_400)
    }

    /// Requests per step (kind count), steps aligned to the clock.
    public func requestSeries(step: TimeSeries.Step? = nil) throws -> TimeSeries {
        try series(step: step, values: nil, what: "requests")
    }

    /// Input or output tokens per step (kind count); nil when the log has no such column.
    public func tokenSeries(_ which: TokenDirection, step: TimeSeries.Step? = nil) throws -> TimeSeries? {
        guard let tokens = which == .input ? inputTokens : outputTokens else { return nil }
        return try series(step: step, values: tokens, what: "\(which.rawValue) tokens")
    }

    public enum TokenDirection: String, Sendable, Hashable, CaseIterable {
        case input, output
    }

    private func series(step: TimeSeries.Step?, values: [Double?]?, what: String) throws -> TimeSeries {
        guard !times.isEmpty else { throw DemandError.noData(source: source) }
        let rows = TimeSeries.Rows(
            times: times, values: values.map { $0.map { $0 ?? 0 } } ?? [Double](repeating: 1, count: times.count),
            hasValue: [Bool](repeating: true, count: times.count))
        let step = step ?? defaultStep
        var series = try TimeSeries.grid(
            rows: rows, kind: .count, dataStep: nil, step: step, aggregation: .sum,
            source: source, notes: notes, inheritedMissing: 0)
        // Steps without a request had no requests: zero, not missing.
        series.values = series.values.map { $0 ?? 0 }
        series.gaps = []
        series.notes = notes + ["\(what) per \(step) step, steps aligned to the clock (UTC); steps without requests are 0"]
        return series
    }
}
