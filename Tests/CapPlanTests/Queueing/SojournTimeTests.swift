import Foundation  // exp, log
import Testing
@testable import CapPlan

/// References marked "mpmath" solve P(T > t) = 1 − p with mpmath.findroot at mp.dps = 50, using
/// the formula from capacity-math.md as written (the θ = μ branch where it applies) and Erlang C
/// from the incomplete-gamma form (see ErlangCTests).
struct SojournTimeTests {
    @Test func mm1SojournIsExponentialWithRateMuMinusLambda() throws {
        // M/M/1: T ~ Exp(μ − λ). Substituting c = 1, C = ρ, θ = μ − λ into the formula:
        // (1−ρ)e^{−μt} + ρ(θe^{−μt} − μe^{−θt})/(−λ) = (1−ρ)e^{−μt} + e^{−θt} − (1−ρ)e^{−μt} = e^{−θt}.
        // λ = 0.8, μ = 1: t99 = ln(100)/0.2 = 23.025850929940457.
        let m = try MMcMetrics(arrivalRate: 0.8, meanServiceTime: 1, servers: 1)
        #expect(QueueingTestSupport.relativeError(try m.sojournPercentile(0.99), 23.025850929940457) < 1e-13)
        for t in [0.5, 3.0, 40.0] {
            #expect(QueueingTestSupport.relativeError(try m.sojournTailProbability(exceeding: t), exp(-0.2 * t)) < 1e-13)
        }
    }

    @Test func sojournWithThetaEqualToMuUsesTheLimitForm() throws {
        // M/M/2, λ = 1, μ = 1: a = 1, θ = 2 − 1 = 1 = μ exactly, C = a²/(2 + a) = 1/3.
        // P(T > t) = (2/3)e^{−t} + (1/3)(1 + t)e^{−t} = e^{−t}(1 + t/3).
        // t99 = 5.6659606837929972, t50 = 0.97441160518992912 (mpmath).
        let m = try MMcMetrics(arrivalRate: 1, meanServiceTime: 1, servers: 2)
        #expect(m.decayRate == 1)
        for t in [0.0, 0.1, 2.0, 30.0] {
            #expect(QueueingTestSupport.relativeError(try m.sojournTailProbability(exceeding: t), exp(-t) * (1 + t / 3)) < 1e-14)
        }
        #expect(QueueingTestSupport.relativeError(try m.sojournPercentile(0.99), 5.6659606837929972) < 1e-13)
        #expect(QueueingTestSupport.relativeError(try m.sojournPercentile(0.5), 0.97441160518992912) < 1e-13)
        // M/M/3, λ = 2, μ = 1: θ = 3 − 2 = 1 = μ again; t95 = 4.0206881604115087 (mpmath).
        let m3 = try MMcMetrics(arrivalRate: 2, meanServiceTime: 1, servers: 3)
        #expect(QueueingTestSupport.relativeError(try m3.sojournPercentile(0.95), 4.0206881604115087) < 1e-13)
    }

    @Test func sojournIsContinuousAcrossThetaEqualsMu() throws {
        // θ − μ = ±1e-9 … ±1e-3: the naive (θe^{−μt} − μe^{−θt})/(θ − μ) loses up to ~9 digits
        // there; the stable form must stay within O(θ − μ) of the θ = μ value e^{−t}(1 + t/3).
        for delta in [1e-12, 1e-9, 1e-6, 1e-3] {
            for sign in [-1.0, 1.0] {
                let m = try MMcMetrics(arrivalRate: 1 - sign * delta, meanServiceTime: 1, servers: 2)
                for t in [0.5, 5.0, 20.0] {
                    let limit = exp(-t) * (1 + t / 3)
                    let value = try m.sojournTailProbability(exceeding: t)
                    #expect(QueueingTestSupport.relativeError(value, limit) < 10 * delta * (1 + t), "δ = \(sign * delta), t = \(t)")
                }
            }
        }
    }

    @Test func sojournPercentileMatchesMpmathForLargerFleets() throws {
        // λ = 8, E[S] = 1, c = 10: t99 = 4.9461113276114532 (mpmath).
        let small = try MMcMetrics(arrivalRate: 8, meanServiceTime: 1, servers: 10)
        #expect(QueueingTestSupport.relativeError(try small.sojournPercentile(0.99), 4.9461113276114532) < 1e-12)
        // Reference point λ = 1,000, E[S] = 2, c = 2,055: t99 = 9.215848205082928 (mpmath).
        // Service dominates: s99 = 2·ln 100 = 9.21 s, the wait adds almost nothing.
        let big = try MMcMetrics(arrivalRate: 1_000, meanServiceTime: 2, servers: 2_055)
        #expect(QueueingTestSupport.relativeError(try big.sojournPercentile(0.99), 9.215848205082928) < 1e-12)
    }

    @Test func withoutTrafficSojournIsTheServiceTime() throws {
        // λ = 0: C = 0 and T = S ~ Exp(μ); t_p = −ln(1 − p)·E[S]. E[S] = 0.25: t99 = 0.25·ln 100.
        let m = try MMcMetrics(arrivalRate: 0, meanServiceTime: 0.25, servers: 3)
        #expect(QueueingTestSupport.relativeError(try m.sojournPercentile(0.99), 0.25 * log(100.0)) < 1e-14)
    }

    @Test func sojournTailIsOneAtZeroAndDecreasing() throws {
        let m = try MMcMetrics(arrivalRate: 95, meanServiceTime: 1, servers: 100)
        #expect(try m.sojournTailProbability(exceeding: 0) == 1)
        var previous = 1.0
        for step in 1...200 {
            let value = try m.sojournTailProbability(exceeding: Double(step) * 0.1)
            #expect(value <= previous && value >= 0)
            previous = value
        }
        #expect(try m.sojournTailProbability(exceeding: 1e300) == 0)  // no ∞·0 = NaN
        // Sojourn percentiles exceed wait percentiles (T = W_q + S with S > 0).
        #expect(try m.sojournPercentile(0.99) > m.waitP99)
    }

    @Test func percentileIsTheBoundaryDoubleBisectionFinds() throws {
        // The search steers with Newton steps but must land where plain bisection to adjacent
        // Doubles lands: the first Double whose tail is at most 1 − p. Seeded sweep over loads,
        // fleet sizes (θ above, near and below μ) and percentiles; the reference bisection is
        // written out here.
        var rng = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let servers = 1 + Int(rng.next() % 200)
            let utilization = [0.05, 0.5, 0.9, 0.99, 0.9999][Int(rng.next() % 5)]
            let service = exp(log(1e-3) + rng.unit() * log(1e4))
            let m = try MMcMetrics(arrivalRate: Double(servers) * utilization / service,
                                   meanServiceTime: service, servers: servers)
            let p = [0.5, 0.9, 0.95, 0.99, 0.999, 0.999999][Int(rng.next() % 6)]
            let target = 1 - p
            var lo = 0.0
            var hi = 1 / min(m.decayRate, 1 / service)
            while m.sojournTail(hi) > target { lo = hi; hi *= 2 }
            while true {
                let mid = lo + (hi - lo) / 2
                if mid <= lo || mid >= hi { break }
                if m.sojournTail(mid) > target { lo = mid } else { hi = mid }
            }
            let found = try m.sojournPercentile(p)
            let label = "c = \(servers), ρ = \(utilization), E[S] = \(service), p = \(p)"
            #expect(m.sojournTail(found) <= target && m.sojournTail(found.nextDown) > target, "\(label)")
            // Rounding noise in the tail can make several neighbouring Doubles cross the target;
            // the two searches may then stop a few ulps apart, never more.
            #expect(abs(found - hi) <= 8 * hi.ulp, "\(label): \(found) vs \(hi)")
        }
    }
}
