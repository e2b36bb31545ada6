/// Steady-state metrics of an M/M/c queue: Poisson arrivals, exponential service, `c` identical
/// servers, one shared first-come-first-served queue.
///
///     a = λ·E[S]  (erlangs)        ρ = a/c                 μ = 1/E[S]
///     C = ErlangC(c, a)            θ = cμ − λ = (c − a)/E[S]
///     E[W_q] = C/θ                 L_q = C·ρ/(1 − ρ) = C·a/(c − a) = λ·E[W_q]
///     P(W_q > t) = C·e^{−θt}       w_p = max(0, ln(C/(1 − p))/θ)
///
/// Waiting times are in the queue, before service starts, over all requests (the ones that do not
/// wait count as 0), so `w_p` is exactly 0 whenever `P(wait) ≤ 1 − p`. For time in system
/// (wait + service) see `sojournPercentile(_:)`.
///
/// Derivation and references: docs/capacity-math.md, "Queueing"; Kleinrock, *Queueing Systems*
/// Vol. 1, §3.5 (M/M/m).
public struct MMcMetrics: Sendable, Equatable {
    /// λ, requests per second.
    public let arrivalRate: Double
    /// E[S], seconds.
    public let meanServiceTime: Double
    /// c, servers.
    public let servers: Int
    /// a = λ·E[S], erlangs (the mean number of busy servers).
    public let offeredLoad: Double
    /// ρ = a/c, in [0, 1).
    public let utilization: Double
    /// C(c, a), the probability that a request waits at all; in [0, 1].
    public let probabilityOfWait: Double
    /// E[W_q], mean wait in queue over all requests, seconds.
    public let meanWait: Double
    /// L_q, mean number of requests waiting (not in service).
    public let meanQueueLength: Double
    /// Median wait in queue, seconds.
    public let waitP50: Double
    /// 95th-percentile wait in queue, seconds.
    public let waitP95: Double
    /// 99th-percentile wait in queue, seconds.
    public let waitP99: Double

    let tail: ExponentialWaitTail

    /// Computes every metric.
    ///
    /// - Parameters:
    ///   - arrivalRate: λ in requests per second; finite, at least 0.
    ///   - meanServiceTime: E[S] in seconds; within `QueueingLimits.serviceTimeRange`.
    ///   - servers: c; 1 … `QueueingLimits.maximumServers`.
    /// - Throws: `QueueingError.unstable` when `λ·E[S] >= c` (with the servers stability needs);
    ///   `.invalidArrivalRate`, `.invalidServiceTime`, `.invalidServers`.
    /// - Complexity: O(10·√a + (c − a)).
    public init(arrivalRate: Double, meanServiceTime: Double, servers: Int) throws {
        let lambda = try QueueingValidation.arrivalRate(arrivalRate)
        let service = try QueueingValidation.serviceTime(meanServiceTime)
        let c = try QueueingValidation.servers(servers)
        let a = try QueueingValidation.offeredLoad(arrivalRate: lambda, meanServiceTime: service)
        try QueueingValidation.requireStable(servers: c, offeredLoad: a)
        let b = 1 / ErlangBRecursion.reciprocal(servers: c, offeredLoad: a)
        self.init(arrivalRate: lambda, meanServiceTime: service, servers: c, offeredLoad: a,
                  delayProbability: erlangC(servers: c, offeredLoad: a, erlangB: b))
    }

    /// From validated inputs and a known C (the minimum-servers search has it already).
    init(arrivalRate: Double, meanServiceTime: Double, servers: Int, offeredLoad: Double,
         delayProbability: Double) {
        self.arrivalRate = arrivalRate
        self.meanServiceTime = meanServiceTime
        self.servers = servers
        self.offeredLoad = offeredLoad
        utilization = offeredLoad / Double(servers)
        probabilityOfWait = delayProbability
        tail = ExponentialWaitTail(
            delayProbability: delayProbability, servers: servers, offeredLoad: offeredLoad,
            meanServiceTime: meanServiceTime, variabilityFactor: 1)
        meanWait = delayProbability / tail.decayRate
        meanQueueLength = delayProbability * offeredLoad / (Double(servers) - offeredLoad)
        waitP50 = tail.percentile(0.5)
        waitP95 = tail.percentile(0.95)
        waitP99 = tail.percentile(0.99)
    }

    /// θ = cμ − λ, per second: the rate at which the conditional wait decays.
    public var decayRate: Double { tail.decayRate }

    /// E[T] = E[W_q] + E[S], mean time in system, seconds.
    public var meanSojournTime: Double { meanWait + meanServiceTime }

    /// The p-th percentile of the wait in queue, seconds.
    ///
    ///     w_p = max(0, ln(C/(1 − p)) / θ)        exactly 0 when C ≤ 1 − p
    ///
    /// - Parameter p: in (0, 1); 0.99 for p99.
    /// - Returns: seconds, finite, at least 0.
    /// - Throws: `QueueingError.invalidPercentile`.
    public func waitPercentile(_ p: Double) throws -> Double {
        tail.percentile(try QueueingValidation.percentile(p))
    }

    /// Probability that a request waits in queue longer than `t`.
    ///
    ///     P(W_q > t) = C·e^{−θt}
    ///
    /// - Parameter t: seconds, finite, at least 0; `t = 0` gives P(wait).
    /// - Returns: A probability in [0, 1].
    /// - Throws: `QueueingError.invalidTime`.
    public func waitTailProbability(exceeding t: Double) throws -> Double {
        tail.probability(exceeding: try QueueingValidation.time(t))
    }
}
