/// Approximate metrics of a G/G/c queue by the Allen–Cunneen formula: general inter-arrival and
/// service distributions described by their squared coefficients of variation.
///
///     k      = (c_a² + c_s²) / 2                     (the variability factor; 1 for M/M/c)
///     E[W_q] ≈ C(c, a)/(cμ − λ) × k                   C = Erlang C, a = λ·E[S]
///     L_q    ≈ λ·E[W_q] = C·a/(c − a) × k
///     P(W_q > t) ≈ C·exp(−t·C/E[W_q]) = C·e^{−θt/k}  θ = cμ − λ
///     w_p    ≈ max(0, ln(C/(1 − p)) / (θ/k))
///
/// P(wait) is approximated by the M/M/c value C. With `arrivalSCV = serviceSCV = 1` every field
/// equals `MMcMetrics` exactly, bit for bit. With both 0 (D/D/c) every wait is 0.
///
/// Derivation and references: docs/capacity-math.md, "General distributions"; Allen,
/// *Probability, Statistics and Queueing Theory* (Allen–Cunneen); Whitt, "What You Should Know
/// About Queueing Models" (2019).
public struct AllenCunneenMetrics: Sendable, Equatable {
    /// λ, requests per second.
    public let arrivalRate: Double
    /// E[S], seconds.
    public let meanServiceTime: Double
    /// c, servers.
    public let servers: Int
    /// c_a², variance/mean² of inter-arrival times (1 for Poisson arrivals).
    public let arrivalSCV: Double
    /// c_s², variance/mean² of service times (1 for exponential service).
    public let serviceSCV: Double
    /// k = (c_a² + c_s²)/2.
    public let variabilityFactor: Double
    /// a = λ·E[S], erlangs.
    public let offeredLoad: Double
    /// ρ = a/c, in [0, 1).
    public let utilization: Double
    /// C(c, a), the M/M/c probability of waiting, used as the approximation.
    public let probabilityOfWait: Double
    /// E[W_q] ≈ C/θ × k, seconds.
    public let meanWait: Double
    /// L_q ≈ C·a/(c − a) × k.
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
    ///   - arrivalSCV: c_a²; 0 … `QueueingLimits.maximumSquaredCoefficientOfVariation`.
    ///   - serviceSCV: c_s²; same range.
    /// - Throws: `QueueingError.unstable` when `λ·E[S] >= c`; `.invalidArrivalRate`,
    ///   `.invalidServiceTime`, `.invalidServers`, `.invalidSquaredCoefficientOfVariation`.
    /// - Complexity: O(10·√a + (c − a)).
    public init(arrivalRate: Double, meanServiceTime: Double, servers: Int,
                arrivalSCV: Double, serviceSCV: Double) throws {
        // The M/M/c computation validates λ, E[S], c and stability, and supplies a, ρ and C.
        let base = try MMcMetrics(arrivalRate: arrivalRate, meanServiceTime: meanServiceTime, servers: servers)
        let ca2 = try QueueingValidation.squaredCoefficientOfVariation(arrivalSCV, name: "ca2")
        let cs2 = try QueueingValidation.squaredCoefficientOfVariation(serviceSCV, name: "cs2")
        let k = (ca2 + cs2) / 2
        self.arrivalRate = base.arrivalRate
        self.meanServiceTime = base.meanServiceTime
        self.servers = base.servers
        self.arrivalSCV = ca2
        self.serviceSCV = cs2
        variabilityFactor = k
        offeredLoad = base.offeredLoad
        utilization = base.utilization
        probabilityOfWait = base.probabilityOfWait
        tail = ExponentialWaitTail(
            delayProbability: base.probabilityOfWait, servers: base.servers, offeredLoad: base.offeredLoad,
            meanServiceTime: base.meanServiceTime, variabilityFactor: k)
        meanWait = base.meanWait * k
        meanQueueLength = base.meanQueueLength * k
        waitP50 = tail.percentile(0.5)
        waitP95 = tail.percentile(0.95)
        waitP99 = tail.percentile(0.99)
    }

    /// θ/k, per second: the decay rate of the approximate wait tail (+∞ when k = 0).
    public var decayRate: Double { tail.decayRate }

    /// The p-th percentile of the wait in queue, seconds: `max(0, ln(C/(1 − p))·k/θ)`.
    ///
    /// - Parameter p: in (0, 1); 0.99 for p99.
    /// - Returns: seconds, finite, at least 0; exactly 0 when C ≤ 1 − p or k = 0.
    /// - Throws: `QueueingError.invalidPercentile`.
    public func waitPercentile(_ p: Double) throws -> Double {
        tail.percentile(try QueueingValidation.percentile(p))
    }

    /// Approximate probability that a request waits in queue longer than `t`: `C·e^{−θt/k}`.
    ///
    /// - Parameter t: seconds, finite, at least 0; `t = 0` gives C.
    /// - Returns: A probability in [0, 1].
    /// - Throws: `QueueingError.invalidTime`.
    public func waitTailProbability(exceeding t: Double) throws -> Double {
        tail.probability(exceeding: try QueueingValidation.time(t))
    }
}
