import Testing
@testable import CapPlan

/// α(β) references: mpmath 1.3.0, mp.dps = 50, `1/(1 + β·ncdf(β)/npdf(β))`.
struct HalfinWhittTests {
    @Test(arguments: [
        (0.5, 0.504538640997945),
        (1.0, 0.223361274798261),
        (1.5, 0.0846903944938577),
        (2.0, 0.0268813624294323),
        (1.2298373876248843, 0.14601127088686),  // β at c = 2,055, a = 2,000: 55/√2000
    ])
    func alphaMatchesMpmath(beta: Double, expected: Double) throws {
        #expect(QueueingTestSupport.relativeError(try halfinWhittDelayProbability(beta: beta), expected) < 1e-12)
    }

    @Test func alphaMatchesCapacityMathTable() throws {
        // capacity-math.md: α(0.5) = 0.50, α(1) = 0.22, α(1.5) = 0.085, α(2) = 0.027.
        #expect(abs(try halfinWhittDelayProbability(beta: 0.5) - 0.50) < 0.005)
        #expect(abs(try halfinWhittDelayProbability(beta: 1) - 0.22) < 0.005)
        #expect(abs(try halfinWhittDelayProbability(beta: 1.5) - 0.085) < 0.0005)
        #expect(abs(try halfinWhittDelayProbability(beta: 2) - 0.027) < 0.0005)
    }

    @Test func alphaEdgeCasesAreProbabilities() throws {
        #expect(try halfinWhittDelayProbability(beta: 0) == 1)       // c = a: everyone waits
        #expect(try halfinWhittDelayProbability(beta: 40) == 0)      // φ underflows: 0, not NaN
        #expect(try halfinWhittDelayProbability(beta: 1e300) == 0)
        #expect(throws: QueueingError.invalidStaffingParameter(-1)) { try halfinWhittDelayProbability(beta: -1) }
    }

    @Test func erlangCApproachesAlphaAsTheFleetGrows() throws {
        // c = a + √a (β = 1): mpmath Erlang C = 0.2370075003 (a = 100), 0.2247629065 (a = 10⁴),
        // 0.2235018242 (a = 10⁶) → α(1) = 0.2233612748. Our Erlang C must follow the same path.
        let alpha = try halfinWhittDelayProbability(beta: 1)
        var previousGap = Double.infinity
        for (a, expected) in [(100.0, 0.2370075003), (10_000.0, 0.2247629065), (1_000_000.0, 0.2235018242)] {
            let c = Int(a) + Int(a.squareRoot())
            let erlang = try erlangC(servers: c, offeredLoad: a)
            #expect(QueueingTestSupport.relativeError(erlang, expected) < 1e-9)
            #expect(try halfinWhittBeta(servers: c, offeredLoad: a) == 1)
            let gap = abs(erlang - alpha)
            #expect(gap < previousGap)
            previousGap = gap
        }
        // And the capacity-math.md check: at c = 2,055 it gives 0.146 against the exact 0.149.
        let beta = try halfinWhittBeta(servers: 2_055, offeredLoad: 2_000)
        #expect(abs(try halfinWhittDelayProbability(beta: beta) - 0.146) < 0.0005)
    }
}
