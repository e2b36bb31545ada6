import Testing
@testable import CapPlan

struct MMcTests {
    @Test func mm1MatchesClosedForms() throws {
        // M/M/1, λ = 0.8/s, E[S] = 1 s: ρ = 0.8, C = ρ = 0.8, θ = μ − λ = 0.2/s.
        //   E[W_q] = ρ/(μ − λ) = 0.8/0.2 = 4 s;   L_q = ρ²/(1 − ρ) = 0.64/0.2 = 3.2
        //   w_p = ln(ρ/(1 − p))/θ = 5·ln(0.8/(1 − p)):  p50 = 5 ln 1.6 = 2.3500181462286778,
        //   p95 = 5 ln 16 = 13.862943611198906,  p99 = 5 ln 80 = 21.910133173369408 (mpmath).
        let m = try MMcMetrics(arrivalRate: 0.8, meanServiceTime: 1, servers: 1)
        #expect(QueueingTestSupport.relativeError(m.utilization, 0.8) < 1e-15)
        #expect(QueueingTestSupport.relativeError(m.probabilityOfWait, 0.8) < 1e-14)
        #expect(QueueingTestSupport.relativeError(m.meanWait, 4) < 1e-13)
        #expect(QueueingTestSupport.relativeError(m.meanQueueLength, 3.2) < 1e-13)
        #expect(QueueingTestSupport.relativeError(m.waitP50, 2.3500181462286778) < 1e-13)
        #expect(QueueingTestSupport.relativeError(m.waitP95, 13.862943611198906) < 1e-13)
        #expect(QueueingTestSupport.relativeError(m.waitP99, 21.910133173369408) < 1e-13)
        #expect(QueueingTestSupport.relativeError(m.meanSojournTime, 5) < 1e-13)  // 1/(μ − λ)
    }

    @Test func mm2MatchesClosedForms() throws {
        // M/M/2, λ = 1.5/s, E[S] = 1 s: a = 1.5, ρ = 0.75, C = 2ρ²/(1 + ρ) = 1.125/1.75 = 9/14,
        // θ = 2μ − λ = 0.5/s.  E[W_q] = C/θ = 9/7 s;  L_q = C·ρ/(1 − ρ) = (9/14)·3 = 27/14.
        // w_p = 2·ln((9/14)/(1 − p)): p50 = 0.50262885656181216, p95 = 5.1077990425499035,
        // p99 = 8.3266748674181043 (mpmath, 50 digits).
        let m = try MMcMetrics(arrivalRate: 1.5, meanServiceTime: 1, servers: 2)
        #expect(QueueingTestSupport.relativeError(m.probabilityOfWait, 9.0 / 14) < 1e-14)
        #expect(QueueingTestSupport.relativeError(m.meanWait, 9.0 / 7) < 1e-14)
        #expect(QueueingTestSupport.relativeError(m.meanQueueLength, 27.0 / 14) < 1e-14)
        #expect(QueueingTestSupport.relativeError(m.waitP50, 0.50262885656181216) < 1e-13)
        #expect(QueueingTestSupport.relativeError(m.waitP95, 5.1077990425499035) < 1e-13)
        #expect(QueueingTestSupport.relativeError(m.waitP99, 8.3266748674181043) < 1e-13)
        #expect(m.decayRate == 0.5)
    }

    @Test func referencePointFromCapacityMath() throws {
        // λ = 1,000/s, E[S] = 2 s, c = 2,055: ρ = 2,000/2,055 = 0.97324, C = 0.14891645150667505
        // (mpmath), θ = 2,055/2 − 1,000 = 27.5/s, w99 = ln(C/0.01)/θ = 0.0982109210015082 s (mpmath).
        let m = try MMcMetrics(arrivalRate: 1_000, meanServiceTime: 2, servers: 2_055)
        #expect(QueueingTestSupport.relativeError(m.utilization, 2_000.0 / 2_055) < 1e-15)
        #expect(QueueingTestSupport.relativeError(m.probabilityOfWait, 0.1489164515066750491) < 1e-12)
        #expect(m.decayRate == 27.5)
        #expect(QueueingTestSupport.relativeError(m.waitP99, 0.0982109210015082) < 1e-12)
        #expect(m.waitP50 == 0)  // C = 0.149 ≤ 1 − 0.5
        #expect(m.waitP95 > 0)   // C = 0.149 > 1 − 0.95
    }

    @Test func waitPercentileIsExactlyZeroWhenFewRequestsWait() throws {
        // w_p = 0 exactly when C ≤ 1 − p: here C = 9/14 ≈ 0.643, so p ≤ 1 − 0.643 = 0.357 → 0.
        let m = try MMcMetrics(arrivalRate: 1.5, meanServiceTime: 1, servers: 2)
        #expect(try m.waitPercentile(0.35) == 0)
        #expect(try m.waitPercentile(0.36) > 0)
        // And the tail at t = 0 is P(wait) itself.
        #expect(try m.waitTailProbability(exceeding: 0) == m.probabilityOfWait)
    }

    @Test func waitTailAndPercentileAreInverse() throws {
        // P(W_q > w_p) = 1 − p whenever w_p > 0.
        let m = try MMcMetrics(arrivalRate: 8, meanServiceTime: 1, servers: 10)
        for p in [0.7, 0.9, 0.99, 0.999_9] {
            let w = try m.waitPercentile(p)
            #expect(QueueingTestSupport.relativeError(try m.waitTailProbability(exceeding: w), 1 - p) < 1e-12)
        }
    }

    @Test func zeroArrivalRateMeansNoWaiting() throws {
        let m = try MMcMetrics(arrivalRate: 0, meanServiceTime: 0.25, servers: 4)
        #expect(m.utilization == 0 && m.probabilityOfWait == 0 && m.meanWait == 0)
        #expect(m.meanQueueLength == 0 && m.waitP99 == 0)
    }

    @Test func littleLawHoldsForTheQueue() throws {
        // L_q is computed as C·a/(c − a) and E[W_q] as C/θ; Little's law says L_q = λ·E[W_q].
        let m = try MMcMetrics(arrivalRate: 123.4, meanServiceTime: 0.75, servers: 100)
        let lq = try LittlesLaw.meanNumber(arrivalRate: m.arrivalRate, meanTime: m.meanWait)
        #expect(QueueingTestSupport.relativeError(m.meanQueueLength, lq) < 1e-13)
    }

    @Test func hugeAndNearlySaturatedFleetsStayFinite() throws {
        // 100,000 servers at ρ = 0.9999 and 10 million servers at ρ = 0.5: finite, ordered values.
        for (c, a) in [(100_000, 99_990.0), (10_000_000, 5_000_000.0), (7, 6.999_999_999)] {
            let m = try MMcMetrics(arrivalRate: a, meanServiceTime: 1, servers: c)
            let values = [m.probabilityOfWait, m.meanWait, m.meanQueueLength, m.waitP50, m.waitP95, m.waitP99]
            #expect(values.allSatisfy { $0.isFinite && $0 >= 0 }, "c = \(c)")
            #expect(m.waitP50 <= m.waitP95 && m.waitP95 <= m.waitP99)
        }
    }
}
