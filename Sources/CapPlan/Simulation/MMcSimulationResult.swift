/// What `MMcSimulation.run()` measured, next to the analytic values. Times in seconds.
public struct MMcSimulationResult: Sendable, Equatable {
    /// N, requests simulated (arrivals), warm-up included.
    public let requests: Int
    /// w, leading requests not measured.
    public let warmUpRequests: Int
    /// n = N − w, requests whose waits are measured.
    public let measuredRequests: Int
    /// W̄, mean wait in queue over the measured requests, seconds.
    public let meanWait: Double
    /// Half-width of the 95% confidence interval for the mean wait, by batch means, seconds:
    /// t_{0.975,k−1}·s_batch/√k.
    public let meanWaitHalfWidth95: Double
    /// The nearest-rank 99th percentile of the measured waits, W_(⌈0.99·n⌉), seconds.
    public let waitP99: Double
    /// Half-width of the 95% confidence interval for the p99 wait, seconds: the t interval of
    /// the k per-batch p99s (batched quantiles).
    public let waitP99HalfWidth95: Double
    /// Fraction of measured requests that waited at all (compare Erlang C's C(c, a)).
    public let probabilityOfWait: Double
    /// Time-average number in system (waiting or in service), from the first measured arrival
    /// to the last arrival (compare L = L_q + a).
    public let meanNumberInSystem: Double
    /// Time-average fraction of servers busy over the same window (compare ρ = a/c).
    public let utilization: Double
    /// Erlang C for the same queue.
    public let analytic: MMcMetrics
    /// Events the loop handled (N arrivals + N departures).
    public let eventsProcessed: Int
    /// Conservation: `arrivals == served + inSystemAtEnd` (the queue drains, so the last is 0).
    public let arrivals: Int
    public let served: Int
    public let inSystemAtEnd: Int
    /// Simulated time at the last event, seconds.
    public let simulatedTime: Double
    /// k, batches used for the interval.
    public let batches: Int

    /// W̄ ± half-width, seconds.
    public var meanWaitInterval95: ClosedRange<Double> {
        (meanWait - meanWaitHalfWidth95)...(meanWait + meanWaitHalfWidth95)
    }

    /// Analytic L = L_q + a, the mean number in system.
    public var analyticMeanNumberInSystem: Double { analytic.meanQueueLength + analytic.offeredLoad }
}
