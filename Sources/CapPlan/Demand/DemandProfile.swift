/// What a loaded history says about demand: the numbers `show history` prints and
/// `set workload W from=history` uses. Rates are per second; times are epoch seconds (UTC).
///
/// Formulas: docs/capacity-math.md §3 ("Peaks": PMR = max of the per-window rate ÷ mean).
public struct DemandProfile: Sendable, Hashable {
    /// Peak-to-mean ratio over windows of one length.
    public struct PeakToMean: Sendable, Hashable {
        /// Window length (the loaded step, or 1 min, 1 h, 1 d).
        public var window: TimeSeries.Step
        /// max over complete windows of the window's mean rate ÷ the overall mean rate.
        public var ratio: Double
        /// Complete windows measured.
        public var windows: Int
    }

    /// p50/p90/p99 and mean of a per-request size (tokens).
    public struct Percentiles: Sendable, Hashable {
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var mean: Double
        /// Requests with a value.
        public var count: Int
    }

    /// What only a request log shows.
    public struct Requests: Sendable, Hashable {
        public var count: Int
        /// Coefficient of variation of the times between consecutive requests, std/mean
        /// (1 for Poisson arrivals; its square is c_a² in Allen–Cunneen). nil below 3 requests.
        public var interarrivalCV: Double?
        public var inputTokens: Percentiles?
        public var outputTokens: Percentiles?
    }

    public var source: String
    public var kind: TimeSeries.Kind
    /// Start of the first step; for a request log, the first request.
    public var start: Double
    /// End of the last step; for a request log, the last request.
    public var end: Double
    /// `end − start`, seconds.
    public var span: Double { end - start }
    public var step: TimeSeries.Step
    /// Steps in the series (present or missing).
    public var points: Int
    /// Steps with no row, and runs of them.
    public var missingSteps: Int
    public var gaps: [TimeSeries.Gap]
    /// Rows without a value.
    public var missingValues: Int
    /// Mean rate per second over the present steps: Σ counts ÷ Σ their durations (counts), or the
    /// mean of the rates (rates).
    public var meanRate: Double
    /// Largest rate per second at the loaded step.
    public var peakRate: Double
    /// At the loaded step first, then 1 min, 1 h and 1 d where the data has two or more complete
    /// windows of that length.
    public var peakToMean: [PeakToMean]
    /// Request-log statistics; nil for a time series.
    public var requests: Requests?
    /// Mean rate in each hour of the day, 0–23 UTC; nil unless the step divides an hour and the
    /// data spans at least a day.
    public var daily: [Double?]?
    /// Mean rate on each day of the week, Monday first; nil unless the step divides a day and the
    /// data spans at least a week.
    public var weekly: [Double?]?
    public var notes: [String]
}

/// The measured peak multiplier over one window length, with what `explain` needs to show it.
public struct PeakMeasurement: Sendable, Hashable {
    /// Window length, seconds.
    public var window: Double
    /// Mean rate per second over the whole series (present steps).
    public var meanRate: Double
    /// Largest window mean rate per second.
    public var peakRate: Double
    /// `peakRate / meanRate`: the `peak=` multiplier.
    public var multiplier: Double
    /// Epoch seconds at which the busiest window starts.
    public var peakStart: Double
    /// Complete windows measured (windows are aligned to the clock when the steps allow).
    public var windows: Int
}
