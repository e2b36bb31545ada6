import Testing
@testable import CapPlan

/// Reference values: mpmath 1.3.0 at mp.dps = 50, by the incomplete-gamma form, which shares no
/// code or recursion with ours:
///
///     B(c, a) = Poisson(c; a) / P(Poisson(a) ≤ c)
///             = exp(c·ln a − a − loggamma(c + 1)) / gammainc(c + 1, a, inf, regularized=True)
///
/// (The same script cross-checked Erlang C against the textbook series Σ a^k/k! to 1e-47.)
struct ErlangBTests {
    @Test(arguments: [
        (10, 8.0, 0.12166106425295151004),
        (2_055, 2_000.0, 0.0046611417018408661907),
        (100_000, 99_990.0, 0.0024557858872472415714),
    ])
    func erlangBMatchesMpmath(servers: Int, offeredLoad: Double, expected: Double) throws {
        let b = try erlangB(servers: servers, offeredLoad: offeredLoad)
        #expect(QueueingTestSupport.relativeError(b, expected) < 1e-14)
    }

    @Test func erlangBMatchesHandValueForOneServer() throws {
        // B(1, a) = a/(1 + a): one step of the recursion from B(0) = 1. a = 3 → 3/4.
        #expect(try erlangB(servers: 1, offeredLoad: 3) == 0.75)
        // a = 1, c = 2: B(1) = 1/2, B(2) = (1·½)/(2 + ½) = 1/5.
        #expect(abs(try erlangB(servers: 2, offeredLoad: 1) - 0.2) < 1e-16)
    }

    @Test func erlangBIsZeroForZeroLoadAndAllowsOverload() throws {
        #expect(try erlangB(servers: 5, offeredLoad: 0) == 0)
        // A loss system is stable at any load: B(10, 50) ≈ 1 − 10/50 (fluid limit 0.8; exact ≈ 0.80).
        let b = try erlangB(servers: 10, offeredLoad: 50)
        #expect(b > 0.79 && b < 0.81)
        // A load far above c must not take the warm-start path (k₀ > c) and must not trap.
        #expect(try erlangB(servers: 3, offeredLoad: 1e300) > 0.999_999)
    }

    @Test func warmStartAgreesWithTheFullRecursion() {
        // The warm start (k₀ = ⌊a − 10√a⌋) must not change the value beyond rounding noise.
        // Sweep: loads from 0.5 to 200,000 erlangs, servers from just above the load to far above.
        for a in [0.5, 3.0, 99.5, 150.0, 1_000.0, 4_999.5, 20_000.0, 99_990.0, 200_000.0] {
            for extra in [0.5, 1.0, 7.0, 0.01 * a, 0.1 * a, a] {
                let c = Int((a + extra).rounded(.up))
                let warm = 1 / ErlangBRecursion.reciprocal(servers: c, offeredLoad: a)
                let full = QueueingTestSupport.textbookErlangB(servers: c, offeredLoad: a)
                if full < 1e-300 {
                    // Below ~5.6e-309 the reciprocal overflows and B is reported as exactly 0, where
                    // the textbook form creeps through subnormals; both mean "never blocks".
                    #expect(warm < 1e-300, "a = \(a), c = \(c)")
                } else {
                    #expect(QueueingTestSupport.relativeError(warm, full) < 1e-13, "a = \(a), c = \(c)")
                }
            }
        }
    }

    @Test func ladderIsBitIdenticalToDirectEvaluation() {
        // The search relies on this: walking c upward gives the same Doubles as computing each c.
        for a in [0.0, 0.3, 42.0, 2_000.0, 70_000.0] {
            let first = Int(a.rounded(.down)) + 1
            let ladder = ErlangBLadder(offeredLoad: a, first: first)
            for c in stride(from: first, through: first + 300, by: 7) {
                let direct = 1 / ErlangBRecursion.reciprocal(servers: c, offeredLoad: a)
                #expect(ladder.erlangB(servers: c) == direct, "a = \(a), c = \(c)")
            }
            // Raising the base to odd and even counts alike (the steps are paired from the
            // recursion's start, so the base must stay on that grid) keeps every value identical.
            var climbing = ErlangBLadder(offeredLoad: a, first: first)
            for c in first...(first + 40) {
                climbing.raiseBase(to: c)
                for ahead in 0...3 {
                    let direct = 1 / ErlangBRecursion.reciprocal(servers: c + ahead, offeredLoad: a)
                    #expect(climbing.erlangB(servers: c + ahead) == direct, "a = \(a), c = \(c + ahead)")
                }
            }
        }
    }
}
