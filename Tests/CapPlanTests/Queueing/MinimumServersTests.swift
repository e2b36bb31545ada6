import Testing
@testable import CapPlan

struct MinimumServersTests {
    @Test func referencePointNeeds2055Servers() throws {
        // capacity-math.md: λ = 1,000/s, E[S] = 2 s, smallest c with P(W_q > 0.1 s) ≤ 1% is 2,055
        // (ρ = 0.973, C = 0.149). mpmath (50 digits): P(W_q > 0.1) = 0.00951991024331 at c = 2,055
        // and 0.0104397702301 at c = 2,054, so the boundary is not a rounding accident.
        #expect(try minimumServers(arrivalRate: 1_000, meanServiceTime: 2, waitLongerThan: 0.1, maximumProbability: 0.01) == 2_055)
        #expect(try minimumServers(arrivalRate: 1_000, meanServiceTime: 2, percentile: 0.99, maximumWait: 0.1) == 2_055)
        let m = try MMcMetrics(arrivalRate: 1_000, meanServiceTime: 2, servers: 2_055)
        #expect(abs(m.utilization - 0.973) < 0.0005 && abs(m.probabilityOfWait - 0.149) < 0.0005)
    }

    @Test func mm1HandCasePicksTheFirstCountMeetingTheTarget() throws {
        // λ = 0.8/s, E[S] = 1 s, p99 wait by c (mpmath, w99 = ln(C/0.01)/(c − 0.8)):
        //   c = 1: C = 0.8,       w99 = 5·ln 80   = 21.910133173369408
        //   c = 2: C = 0.228571,  w99             =  2.607719721815428
        //   c = 3: C = 0.052033,  w99             =  0.74967446408240911
        //   c = 4: C = 0.009581 ≤ 0.01 → w99 = 0
        func search(_ target: Double) throws -> Int {
            try minimumServers(arrivalRate: 0.8, meanServiceTime: 1, percentile: 0.99, maximumWait: target)
        }
        #expect(try search(22) == 1)
        #expect(try search(21.9) == 2)
        #expect(try search(2.61) == 2)
        #expect(try search(2.6) == 3)
        #expect(try search(0.75) == 3)
        #expect(try search(0.7) == 4)
        #expect(try search(0) == 4)
    }

    @Test func utilizationCapCanBind() throws {
        // λ = 1,000, E[S] = 2 (a = 2,000): the p99 ≤ 0.1 s target alone needs 2,055 (ρ = 0.973);
        // a cap of ρ ≤ 0.9 needs ⌈2,000/0.9⌉ = 2,223 servers, and those already meet the target.
        let capped = try minimumServers(arrivalRate: 1_000, meanServiceTime: 2, percentile: 0.99,
                                        maximumWait: 0.1, maximumUtilization: 0.9)
        #expect(capped == 2_223)
        // A cap of exactly a/c must accept that c: a = 8, cap 0.8 → 10 (8/10 = 0.8 in Double).
        #expect(try minimumServers(arrivalRate: 8, meanServiceTime: 1, percentile: 0.5, maximumWait: 100,
                                   maximumUtilization: 0.8) == 10)
    }

    @Test func burstyTrafficNeedsMoreServers() throws {
        // Allen–Cunneen with ca2 = 4 (k = 2.5) stretches every wait: the count can only grow.
        let poisson = try minimumServers(arrivalRate: 1_000, meanServiceTime: 2, percentile: 0.99, maximumWait: 0.1)
        let bursty = try minimumServers(arrivalRate: 1_000, meanServiceTime: 2, percentile: 0.99, maximumWait: 0.1,
                                        arrivalSCV: 4)
        #expect(bursty > poisson)
        let g = try AllenCunneenMetrics(arrivalRate: 1_000, meanServiceTime: 2, servers: bursty, arrivalSCV: 4, serviceSCV: 1)
        let g1 = try AllenCunneenMetrics(arrivalRate: 1_000, meanServiceTime: 2, servers: bursty - 1, arrivalSCV: 4, serviceSCV: 1)
        #expect(g.waitP99 <= 0.1 && g1.waitP99 > 0.1)
    }

    @Test func largeLoadsAndLimits() throws {
        // 10⁶ erlangs: the warm-started ladder keeps this cheap even in a debug build.
        let c = try minimumServers(arrivalRate: 1_000_000, meanServiceTime: 1, percentile: 0.99, maximumWait: 0.001)
        let m = try MMcMetrics(arrivalRate: 1_000_000, meanServiceTime: 1, servers: c)
        let m1 = try MMcMetrics(arrivalRate: 1_000_000, meanServiceTime: 1, servers: c - 1)
        #expect(m.waitP99 <= 0.001 && m1.waitP99 > 0.001)
        // More than 10⁷ erlangs cannot be carried at all: unstable, saying how many it would take.
        #expect(throws: QueueingError.unstable(servers: 10_000_000, offeredLoad: 2e7, minimumServers: 20_000_001)) {
            try minimumServers(arrivalRate: 2e7, meanServiceTime: 1, percentile: 0.99, maximumWait: 1)
        }
        // Stable within the limit, but the utilisation cap pushes past it.
        #expect(throws: QueueingError.noServerCountWithinLimit(limit: 10_000_000)) {
            try minimumServers(arrivalRate: 9e6, meanServiceTime: 1, percentile: 0.99, maximumWait: 1, maximumUtilization: 0.5)
        }
    }

    @Test func noTrafficNeedsOneServer() throws {
        #expect(try minimumServers(arrivalRate: 0, meanServiceTime: 1, percentile: 0.99, maximumWait: 0) == 1)
    }
}
