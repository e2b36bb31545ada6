import Testing
@testable import CapPlan

extension OptimizationTests {
    struct LinearRelaxationTests {
        typealias Support = KnapsackTestSupport

        @Test func boundAndSlopeMatchAHandComputedGreedy() throws {
            // g0 hull (0, 0) → (10, 8) → (20, 10): increments slope 0.8 then 0.2.
            // g1 hull (0, 0) → (5, 5) → (15, 9):  increments slope 1.0 then 0.4.
            // B = 20: start at cost 0; take 1.0 (Δc 5, r = 15), 0.8 (Δc 10, r = 5), then 0.4 has
            // Δc 10 > 5: half of it, +2. Bound = 5 + 8 + 2 = 15, slope λ = 0.4, fractional g1.
            // The integer optimum: (10, 8) + (5, 5) = 13 at cost 15, or (20, 10) + (0, 0) = 10, or
            // (0, 0) + (15, 9) = 9, or (10, 8) + (0,0)... → 13.
            let groups = Support.groups([[(0, 0), (10, 8), (20, 10)], [(0, 0), (5, 5), (15, 9)]])
            let solution = try MultipleChoiceKnapsack(groups: groups, budget: 20).solve()
            #expect(solution.relaxation == LinearRelaxation(upperBound: 15, slope: 0.4, fractionalGroup: 1))
            #expect(solution.marginalValuePerCent == 0.4)
            #expect(solution.totalValue == 13 && solution.integralityGap == 2)
        }

        @Test func slopeIsZeroWhenTheBudgetBuysEverything() throws {
            let groups = Support.groups([[(1, 1), (2, 3)], [(1, 2)]])
            let solution = try MultipleChoiceKnapsack(groups: groups, budget: 100).solve()
            #expect(solution.marginalValuePerCent == 0 && solution.relaxation.fractionalGroup == nil)
            #expect(solution.relaxation.upperBound == 5 && solution.totalValue == 5)
        }

        @Test func lpBoundIsNeverBelowTheOptimum() throws {
            for seed in UInt64(20_000)..<21_000 {
                let problem = Support.randomInstance(seed: seed)
                guard let solution = try? problem.solve() else { continue }
                #expect(solution.relaxation.upperBound >= solution.totalValue - 1e-9, "seed \(seed)")
                #expect(solution.marginalValuePerCent >= 0, "seed \(seed)")
            }
        }
    }
}
