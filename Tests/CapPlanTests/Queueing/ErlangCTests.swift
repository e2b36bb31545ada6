import Testing
@testable import CapPlan

/// High-precision references, computed with mpmath 1.3.0 at mp.dps = 50:
///
///     B = exp(c·ln a − a − loggamma(c + 1)) / gammainc(c + 1, a, inf, regularized=True)
///     C = B / (1 − (a/c)·(1 − B))
///
/// and, for c ≤ 5,000, cross-checked against the textbook series
/// `C = (a^c/c!·c/(c−a)) / (Σ_{k<c} a^k/k! + a^c/c!·c/(c−a))` summed in 50 digits; the two agreed
/// to better than 1e-47 relative. Printed to 20 significant digits and pasted here.
struct ErlangCTests {
    @Test(arguments: [
        (1, 0.5, 0.5),
        (2, 1.0, 0.33333333333333333333),
        (10, 8.0, 0.40918015079644353201),
        (100, 90.0, 0.21694048090636637927),
        (100, 99.0, 0.8827684626100844709),
        (2_055, 2_000.0, 0.1489164515066750491),
        (5_000, 4_999.5, 0.99119884108050707772),      // ρ = 0.9999
        (100_000, 99_990.0, 0.96096542829972441477),   // ρ = 0.9999
    ])
    func erlangCMatchesMpmath(servers: Int, offeredLoad: Double, expected: Double) throws {
        let c = try erlangC(servers: servers, offeredLoad: offeredLoad)
        #expect(QueueingTestSupport.relativeError(c, expected) < 1e-14, "c = \(servers), a = \(offeredLoad)")
    }

    @Test func erlangCMatchesHandValueForOneServer() throws {
        // M/M/1: an arrival waits iff the server is busy, P(wait) = ρ. B(1,a) = a/(1+a), so
        // C = [a/(1+a)] / [1 − a(1 − a/(1+a))] = [a/(1+a)] / [1/(1+a)] = a.
        for a in [0.1, 0.5, 0.9, 0.9999] {
            #expect(QueueingTestSupport.relativeError(try erlangC(servers: 1, offeredLoad: a), a) < 1e-15)
        }
    }

    @Test func erlangCMatchesHandValueForTwoServers() throws {
        // M/M/2: B(2,a) = a²/(2 + 2a + a²); with ρ = a/2, C = 2ρ²/(1 + ρ) = a²/(2 + a).
        // a = 1.5: 2.25/3.5 = 9/14.
        #expect(QueueingTestSupport.relativeError(try erlangC(servers: 2, offeredLoad: 1.5), 9.0 / 14) < 1e-15)
        for a in [0.2, 1.0, 1.9, 1.9998] {
            #expect(QueueingTestSupport.relativeError(try erlangC(servers: 2, offeredLoad: a), a * a / (2 + a)) < 1e-14)
        }
    }

    @Test func erlangCAtTheCapacityMathReferencePoint() throws {
        // capacity-math.md: λ = 1,000/s, E[S] = 2 s → a = 2,000; at c = 2,055, ρ = 0.973, C = 0.149.
        let c = try erlangC(servers: 2_055, offeredLoad: 2_000)
        #expect(abs(c - 0.149) < 0.0005)
    }

    @Test func erlangCIsZeroWithoutLoadAndOneNearSaturation() throws {
        #expect(try erlangC(servers: 3, offeredLoad: 0) == 0)
        let nearlyFull = try erlangC(servers: 1_000, offeredLoad: 999.999_9)
        #expect(nearlyFull > 0.999 && nearlyFull <= 1)
    }

    @Test func unstableLoadReportsServersNeededForStability() {
        #expect(throws: QueueingError.unstable(servers: 10, offeredLoad: 10, minimumServers: 11)) {
            try erlangC(servers: 10, offeredLoad: 10)
        }
        #expect(throws: QueueingError.unstable(servers: 2_000, offeredLoad: 2_054.5, minimumServers: 2_055)) {
            try erlangC(servers: 2_000, offeredLoad: 2_054.5)
        }
    }
}
