import CapPlan

/// What a session knows about one workload's traffic: the loaded history, its profile, the fitted
/// growth model and the latest forecast (issue 4), each with the command that produced it so
/// `save` can replay them in order.
public struct DemandHistory: Sendable {
    /// The per-step series sized and fitted from (requests, or the value column).
    public var series: TimeSeries
    /// The request log, when the history was loaded from one (`format=requests`).
    public var requestLog: RequestLog?
    /// The `load history ...` statement that loaded it, as typed (paths relative to the script).
    public var loadCommand: String
    public var fit: GrowthFit?
    public var fitCommand: String?
    public var forecast: Forecast?
    public var forecastCommand: String?

    public init(series: TimeSeries, requestLog: RequestLog? = nil, loadCommand: String) {
        self.series = series
        self.requestLog = requestLog
        self.loadCommand = loadCommand
    }

    /// The statements that rebuild this history, in order.
    var replayLines: [String] {
        [loadCommand] + [fitCommand, forecastCommand].compactMap { $0 }
    }
}
