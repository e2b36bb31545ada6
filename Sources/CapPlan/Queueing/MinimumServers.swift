import Foundation  // exp

/// The fewest servers whose p-th percentile wait in queue is at most `maximumWait`.
///
///     smallest c  with  a/c ≤ ρ_max,  a < c,  and  w_p(c) = max(0, ln(C(c,a)/(1 − p))·k/θ(c)) ≤ t
///     θ(c) = (c − a)/E[S],  k = (c_a² + c_s²)/2   (k = 1: exact M/M/c; otherwise Allen–Cunneen)
///
/// The wait is in the queue, before service starts (add the service or prefill time yourself).
/// `w_p(c)` falls monotonically in c (C falls, θ grows), so the search starts at the smallest
/// stable c that respects the utilisation cap and scans upward with a cheap, logarithm-free form
/// of the test until it is met; the exact test then confirms the answer (c passes, c − 1 fails),
/// with galloping (+1, +2, +4, …) and bisection as the fallback should rounding make the two
/// disagree. Erlang B for consecutive c comes from one recursion (`ErlangBLadder`), so a search
/// costs O(10·√a + (c* − c₀)) steps, not O(c) per probe. The result
/// agrees exactly with `MMcMetrics` / `AllenCunneenMetrics`: at the returned c their
/// `waitPercentile(p)` is at most `maximumWait`, and at c − 1 it is above (or c − 1 breaks ρ_max).
///
/// Reference point (docs/capacity-math.md): λ = 1,000/s, E[S] = 2 s, p99 ≤ 0.1 s → 2,055 servers.
///
/// - Parameters:
///   - arrivalRate: λ in requests per second; finite, at least 0.
///   - meanServiceTime: E[S] in seconds; within `QueueingLimits.serviceTimeRange`.
///   - percentile: p in (0, 1); 0.99 for p99.
///   - maximumWait: t in seconds; finite, at least 0 (0 asks that at most 1 − p of requests wait).
///   - maximumUtilization: ρ_max in (0, 1]; 1 means stability only (ρ < 1).
///   - arrivalSCV: c_a² in [0, 10,000]; 1 for Poisson arrivals.
///   - serviceSCV: c_s² in [0, 10,000]; 1 for exponential service.
/// - Returns: the server count c*, 1 … `QueueingLimits.maximumServers`.
/// - Throws: `QueueingError.unstable` when even `QueueingLimits.maximumServers` servers cannot
///   carry the load; `.noServerCountWithinLimit` when the target or cap needs more;
///   `.invalidArrivalRate`, `.invalidServiceTime`, `.invalidPercentile`, `.invalidTime`,
///   `.invalidUtilizationCap`, `.invalidSquaredCoefficientOfVariation`.
/// - Complexity: O(10·√a + (c* − c₀)) arithmetic and two logarithms (O(log(c* − c₀)) on the
///   fallback).
public func minimumServers(
    arrivalRate: Double, meanServiceTime: Double, percentile: Double, maximumWait: Double,
    maximumUtilization: Double = 1, arrivalSCV: Double = 1, serviceSCV: Double = 1
) throws -> Int {
    let p = try QueueingValidation.percentile(percentile)
    let target = try QueueingValidation.time(maximumWait)
    // w_p ≤ t  ⇔  P(W_q > t) ≤ 1 − p: the scan's estimate uses the probability form.
    return try MinimumServerSearch.run(
        arrivalRate: arrivalRate, meanServiceTime: meanServiceTime, maximumUtilization: maximumUtilization,
        arrivalSCV: arrivalSCV, serviceSCV: serviceSCV, waitLongerThan: target, probability: 1 - p
    ) { tail in tail.percentile(p) <= target }
}

/// The fewest servers for which at most a fraction ε of requests wait in queue longer than t.
///
///     smallest c  with  a/c ≤ ρ_max,  a < c,  and  P(W_q > t) = C(c,a)·e^{−θ(c)·t/k} ≤ ε
///
/// The same search as `minimumServers(arrivalRate:meanServiceTime:percentile:maximumWait:…)`;
/// mathematically `P(W_q > t) ≤ ε` ⇔ `w_{1−ε} ≤ t`. The result agrees exactly with
/// `waitTailProbability(exceeding:)` of `MMcMetrics` / `AllenCunneenMetrics`.
///
/// Reference point (docs/capacity-math.md): λ = 1,000/s, E[S] = 2 s, P(W_q > 0.1 s) ≤ 1% → 2,055.
///
/// - Parameters:
///   - waitLongerThan: t in seconds; finite, at least 0 (0 bounds P(wait) itself).
///   - maximumProbability: ε in (0, 1); 0.01 for 1%.
///   - Other parameters as in the percentile form.
/// - Returns: the server count c*, 1 … `QueueingLimits.maximumServers`.
/// - Throws: as the percentile form, with `.invalidProbability` for ε.
public func minimumServers(
    arrivalRate: Double, meanServiceTime: Double, waitLongerThan: Double, maximumProbability: Double,
    maximumUtilization: Double = 1, arrivalSCV: Double = 1, serviceSCV: Double = 1
) throws -> Int {
    let t = try QueueingValidation.time(waitLongerThan)
    let epsilon = try QueueingValidation.probability(maximumProbability)
    return try MinimumServerSearch.run(
        arrivalRate: arrivalRate, meanServiceTime: meanServiceTime, maximumUtilization: maximumUtilization,
        arrivalSCV: arrivalSCV, serviceSCV: serviceSCV, waitLongerThan: t, probability: epsilon
    ) { tail in tail.probability(exceeding: t) <= epsilon }
}

/// The search over c for a predicate on the wait tail that is monotone in c: a cheap upward scan
/// proposes c, the exact predicate confirms it (c passes, c − 1 fails); galloping + binary search
/// is the fallback wherever the two disagree.
enum MinimumServerSearch {
    /// - Parameters:
    ///   - waitLongerThan, probability: the target in probability form, P(W_q > t) ≤ ε, which the
    ///     scan tests without logarithms; `accepts` is the exact predicate that decides.
    static func run(
        arrivalRate: Double, meanServiceTime: Double, maximumUtilization: Double,
        arrivalSCV: Double, serviceSCV: Double, waitLongerThan t: Double, probability epsilon: Double,
        accepts: (ExponentialWaitTail) -> Bool
    ) throws -> Int {
        let lambda = try QueueingValidation.arrivalRate(arrivalRate)
        let service = try QueueingValidation.serviceTime(meanServiceTime)
        let cap = try QueueingValidation.utilizationCap(maximumUtilization)
        let ca2 = try QueueingValidation.squaredCoefficientOfVariation(arrivalSCV, name: "ca2")
        let cs2 = try QueueingValidation.squaredCoefficientOfVariation(serviceSCV, name: "cs2")
        let a = try QueueingValidation.offeredLoad(arrivalRate: lambda, meanServiceTime: service)
        let k = (ca2 + cs2) / 2
        let limit = QueueingLimits.maximumServers
        try QueueingValidation.requireStable(servers: limit, offeredLoad: a)
        guard let first = firstCandidate(offeredLoad: a, maximumUtilization: cap) else {
            throw QueueingError.noServerCountWithinLimit(limit: limit)
        }

        func meets(_ c: Int, reciprocal: Double) -> Bool {
            let c0 = erlangC(servers: c, offeredLoad: a, erlangB: 1 / reciprocal)
            return accepts(ExponentialWaitTail(
                delayProbability: c0, servers: c, offeredLoad: a, meanServiceTime: service,
                variabilityFactor: k))
        }

        let scan = estimate(offeredLoad: a, first: first, meanServiceTime: service, variabilityFactor: k,
                            waitLongerThan: t, probability: epsilon)
        if let scan, meets(scan.servers, reciprocal: scan.reciprocal),
           scan.servers == first || !meets(scan.servers - 1, reciprocal: scan.previousReciprocal) {
            return scan.servers
        }
        return try gallop(offeredLoad: a, first: first, meets: meets)
    }

    /// The first c ≥ `first` whose tail C(c, a)·e^{−θ(c)·t} is at most ε, found by stepping the
    /// Erlang B recursion one server at a time — `1/B(c)` from `ErlangBLadder`, with the bits the
    /// exact predicate will see. Per step it costs one division and a few
    /// multiplications: with r = 1/B, C = c/((c − a)·r + a), and e^{−θ(c)·t} is carried as a
    /// product (× e^{−t/(E[S]·k)} per server), so the test `c·e ≤ ε·((c − a)·r + a)` needs no
    /// logarithm. Rounding in that product can put the estimate one off near the boundary, which
    /// is why the caller confirms it. Nil when the scan reaches `QueueingLimits.maximumServers`.
    ///
    /// Scanning costs O(c* − first) = O(√a) steps (the Halfin–Whitt regime: c* − a ≈ β√a with β
    /// set by ε), the same order as the warm start, and replaces the ~2·log₂(c* − first) probes
    /// (each with a logarithm) of galloping and bisection.
    static func estimate(
        offeredLoad a: Double, first: Int, meanServiceTime service: Double, variabilityFactor k: Double,
        waitLongerThan t: Double, probability epsilon: Double
    ) -> (servers: Int, reciprocal: Double, previousReciprocal: Double)? {
        let limit = QueueingLimits.maximumServers
        // t = 0 bounds P(wait) itself (and keeps 0/0 out when k = 0, deterministic D/D/c).
        let decayPerServer = t == 0 ? 0 : t / service / k
        let factor = exp(-decayPerServer)
        var decay = exp(-(Double(first) - a) * decayPerServer)
        var ladder = ErlangBLadder(offeredLoad: a, first: first)
        var c = first
        var r = ladder.reciprocal(servers: first)
        var previous = r
        while true {
            let servers = Double(c)
            if servers * decay <= epsilon * ((servers - a) * r + a) {
                return (c, r, previous)
            }
            if c == limit { return nil }
            c += 1
            previous = r
            ladder.raiseBase(to: c)
            r = ladder.reciprocal(servers: c)
            decay *= factor
        }
    }

    /// Galloping then binary search from `first`: the general search for a monotone `meets`.
    static func gallop(offeredLoad a: Double, first: Int, meets test: (Int, Double) -> Bool) throws -> Int {
        let limit = QueueingLimits.maximumServers
        var ladder = ErlangBLadder(offeredLoad: a, first: first)
        func meets(_ c: Int) -> Bool { test(c, ladder.reciprocal(servers: c)) }

        if meets(first) { return first }
        // Gallop: `failing` always fails; probe failing + 1, + 2, + 4, … until one meets the target.
        // The ladder's base follows `failing` (the search never looks below it again), so each
        // probe steps the recursion only from there.
        var failing = first
        var step = 1
        var passing: Int
        while true {
            if failing == limit { throw QueueingError.noServerCountWithinLimit(limit: limit) }
            let probe = Swift.min(failing + step, limit)
            if meets(probe) { passing = probe; break }
            failing = probe
            ladder.raiseBase(to: failing)
            step *= 2
        }
        // Bisect (failing, passing].
        while passing - failing > 1 {
            let mid = failing + (passing - failing) / 2
            if meets(mid) {
                passing = mid
            } else {
                failing = mid
                ladder.raiseBase(to: failing)
            }
        }
        return passing
    }

    /// The smallest c ≥ 1 with `a < c` and `a/c ≤ cap`, or nil beyond `QueueingLimits.maximumServers`.
    /// The division is checked as computed, so the returned c passes `a / Double(c) <= cap`
    /// exactly as a caller would test it.
    static func firstCandidate(offeredLoad a: Double, maximumUtilization cap: Double) -> Int? {
        let limit = QueueingLimits.maximumServers
        var c = QueueingValidation.stabilityBound(offeredLoad: a)
        if c > limit { return nil }
        if cap < 1 {
            let needed = (a / cap).rounded(.up)
            guard needed <= Double(limit) else { return nil }
            c = Swift.max(c, Int(needed))
            while c <= limit, a / Double(c) > cap { c += 1 }
            while c > 1, Double(c - 1) > a, a / Double(c - 1) <= cap { c -= 1 }
        }
        return c <= limit ? c : nil
    }
}
