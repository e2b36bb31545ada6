/// A seeded discrete-event simulation of the M/M/c FCFS queue that `MMcMetrics` solves
/// analytically: the bridge between the analytic and the simulated worlds, and the first client
/// of `EventLoop`; the fleet simulator (`FleetSimulation`) runs on the same loop.
///
///     run N requests (events: N arrivals + N departures; the queue drains after the last arrival)
///     drop the first w (warm-up, default ⌊N/10⌋); measure n = N − w waits W_i
///     mean wait  W̄ = (1/n) Σ W_i,  95% CI  W̄ ± t_{0.975,k−1}·s_batch/√k    (batch means, k batches)
///     wait p99   W_(⌈0.99·n⌉)  (exact order statistic),  95% CI ± t·s/√k of the k batch p99s
///     P(wait)    #{W_i > 0}/n
///     L          (1/T) ∫ N(t) dt,  ρ̂ = (1/(c·T)) ∫ busy(t) dt   over first measured → last arrival
///
/// Compare with Erlang C (docs/capacity-math.md §2): E[W_q] = C/(cμ − λ),
/// w_p = max(0, ln(C/(1−p))/(cμ − λ)), L = L_q + a. Deterministic: the same parameters and
/// seed give an identical result on every machine (`SplitMix64`, FIFO tie-breaking).
///
/// Sources: Law, *Simulation Modeling and Analysis* (5th ed.) §1.4 and §9.5.3 (batch means);
/// Kleinrock, *Queueing Systems* Vol. 1 §3.5 (M/M/c).
public struct MMcSimulation: Sendable {
    /// Allowed total requests N: at least 1,000 (fewer give no useful interval), at most 50M
    /// (memory: one Double per measured wait).
    public static let requestRange = 1_000...50_000_000
    /// Fewest measured requests (after warm-up).
    public static let minimumMeasuredRequests = 500
    /// Allowed batch counts (t table: 1 … 30 degrees of freedom).
    public static let batchRange = 2...31
    /// Default number of batches for batch means.
    public static let defaultBatches = 20

    /// λ, requests per second.
    public let arrivalRate: Double
    /// E[S], seconds.
    public let meanServiceTime: Double
    /// c, servers.
    public let servers: Int
    /// N, requests simulated (arrivals), warm-up included.
    public let requests: Int
    /// w, leading requests whose waits are not measured.
    public let warmUp: Int
    /// k, batches for the confidence interval.
    public let batches: Int
    /// Seed of the `SplitMix64` stream.
    public let seed: UInt64
    /// The analytic values (Erlang C) for the same queue.
    public let analytic: MMcMetrics

    /// Validates a simulation of the M/M/c queue.
    ///
    /// - Parameters:
    ///   - arrivalRate: λ in requests per second; finite, above 0.
    ///   - meanServiceTime: E[S] in seconds; within `QueueingLimits.serviceTimeRange`.
    ///   - servers: c; 1 … `QueueingLimits.maximumServers`.
    ///   - requests: N, in `requestRange`.
    ///   - warmUp: requests dropped before measuring; default ⌊N/10⌋; must leave at least
    ///     `minimumMeasuredRequests` (and at least `batches`).
    ///   - batches: k for batch means, in `batchRange`; default 20.
    ///   - seed: any value; the same seed gives the same result.
    /// - Throws: `SimulationError` for λ ≤ 0, N, w or k out of range; `QueueingError` for what
    ///   `MMcMetrics` rejects, notably `.unstable` when ρ = λ·E[S]/c ≥ 1.
    public init(arrivalRate: Double, meanServiceTime: Double, servers: Int, requests: Int,
                warmUp: Int? = nil, batches: Int = MMcSimulation.defaultBatches, seed: UInt64) throws {
        // The simulated span (requests / λ) must be a finite time: a rate of 5e-324 is positive
        // but its gaps are infinite.
        guard arrivalRate.isFinite, arrivalRate > 0, (Double(requests) / arrivalRate * 1e3).isFinite else { throw SimulationError.invalidArrivalRate(arrivalRate) }
        guard Self.requestRange.contains(requests) else { throw SimulationError.invalidRequestCount(requests) }
        guard Self.batchRange.contains(batches) else { throw SimulationError.invalidBatchCount(batches) }
        let w = warmUp ?? requests / 10
        guard w >= 0, requests - w >= max(Self.minimumMeasuredRequests, batches) else {
            throw SimulationError.invalidWarmUp(warmUp: w, requests: requests)
        }
        analytic = try MMcMetrics(arrivalRate: arrivalRate, meanServiceTime: meanServiceTime, servers: servers)
        self.arrivalRate = arrivalRate
        self.meanServiceTime = meanServiceTime
        self.servers = servers
        self.requests = requests
        self.warmUp = w
        self.batches = batches
        self.seed = seed
    }

    /// Runs the simulation.
    /// - Complexity: O(N log c) time, O(N) memory (the measured waits).
    public func run() -> MMcSimulationResult {
        var loop = EventLoop(
            model: MMcQueueModel(arrivalRate: arrivalRate, meanServiceTime: meanServiceTime, servers: servers,
                                 requests: requests, warmUp: warmUp, seed: seed),
            events: EventQueue(capacity: servers + 1))
        loop.model.start(&loop.events)
        loop.run()
        return summarize(loop)
    }

    func summarize(_ loop: EventLoop<MMcQueueModel>) -> MMcSimulationResult {
        let model = loop.model
        var waits = model.waits
        let n = waits.count
        let meanWait = waits.reduce(0, +) / Double(n)
        let halfWidth = BatchMeans.halfWidth95(waits, batches: batches)
        let p99HalfWidth = BatchMeans.quantileHalfWidth95(waits, 0.99, batches: batches)
        let p99 = OrderStatistic.nearestRank(&waits, 0.99)
        let duration = model.measureEnd - model.measureStart
        return MMcSimulationResult(
            requests: requests, warmUpRequests: warmUp, measuredRequests: n,
            meanWait: meanWait, meanWaitHalfWidth95: halfWidth, waitP99: p99,
            waitP99HalfWidth95: p99HalfWidth,
            probabilityOfWait: Double(model.delayed) / Double(n),
            meanNumberInSystem: duration > 0 ? model.areaInSystem / duration : 0,
            utilization: duration > 0 ? model.areaBusy / (Double(servers) * duration) : 0,
            analytic: analytic, eventsProcessed: loop.eventsProcessed,
            arrivals: model.arrivals, served: model.departures, inSystemAtEnd: model.inSystem,
            simulatedTime: loop.now, batches: batches)
    }
}
