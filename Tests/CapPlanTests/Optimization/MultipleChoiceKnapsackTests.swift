import Testing
@testable import CapPlan

extension OptimizationTests {
    struct MultipleChoiceKnapsackTests {
        typealias Support = KnapsackTestSupport

        @Test func optimumMatchesBruteForceOnSeededRandomInstances() throws {
            var checked = 0
            for seed in UInt64(0)..<3_000 {
                let problem = Support.randomInstance(seed: seed)
                guard let expected = Support.bruteForce(problem.groups, budget: problem.budget) else { continue }
                let solution = try problem.solve()
                #expect(solution.choices == expected.choices, "seed \(seed)")
                #expect(solution.totalValue == expected.value, "seed \(seed)")
                #expect(solution.totalCost == expected.cost, "seed \(seed)")
                #expect(solution.unusedBudget == problem.budget - expected.cost, "seed \(seed)")
                checked += 1
            }
            #expect(checked > 2_000)
        }

        @Test func everyBudgetOfOneInstanceMatchesBruteForce() throws {
            // A sweep over the budget hits every boundary: B equal to a plan's cost exactly, and one
            // cent below it.
            let groups = Support.groups([
                [(3, 4), (5, 7), (9, 10), (4, 4)],
                [(0, 1), (2, 3), (6, 8)],
                [(1, 2), (7, 9), (7, 9.5), (12, 13)],
            ])
            for budget in Int64(4)...27 {  // the cheapest plan costs 3 + 0 + 1 = 4
                let expected = try #require(Support.bruteForce(groups, budget: budget))
                let solution = try MultipleChoiceKnapsack(groups: groups, budget: budget).solve()
                #expect(solution.choices == expected.choices, "budget \(budget)")
                #expect(solution.totalValue == expected.value, "budget \(budget)")
            }
        }

        @Test func budgetExactlyEqualToTheBestPlansCostBuysIt() throws {
            // Options (cost, value): g0 {(40, 5), (60, 9)}, g1 {(30, 2), (50, 6)}. The best plan is
            // 60 + 50 = 110 → 15. At B = 110 it fits exactly (unused 0); at 109 the best is
            // max(60+30 → 11, 40+50 → 11) = 11 at cost 90 for both; the tie goes to the
            // lexicographically smaller choices [0, 1].
            let groups = Support.groups([[(40, 5), (60, 9)], [(30, 2), (50, 6)]])
            let exact = try MultipleChoiceKnapsack(groups: groups, budget: 110).solve()
            #expect(exact.choices == [1, 1] && exact.totalValue == 15 && exact.unusedBudget == 0)
            let below = try MultipleChoiceKnapsack(groups: groups, budget: 109).solve()
            #expect(below.choices == [0, 1] && below.totalValue == 11 && below.totalCost == 90)
        }

        @Test func equalValuesPreferTheCheaperPlanThenTheLowerIndices() throws {
            // g0: (5, 3), (2, 3) — equal value, option 1 cheaper. g1: (1, 1), (1, 1) — identical,
            // option 0 wins. Budget 100 is not binding.
            let solution = try MultipleChoiceKnapsack(
                groups: Support.groups([[(5, 3), (2, 3)], [(1, 1), (1, 1)]]), budget: 100).solve()
            #expect(solution.choices == [1, 0])
            #expect(solution.totalCost == 3)
        }

        @Test func zeroCostOptionsAndAZeroBudgetWork() throws {
            let groups = Support.groups([[(0, 1), (3, 5)], [(0, 0), (0, 2)]])
            let zero = try MultipleChoiceKnapsack(groups: groups, budget: 0).solve()
            #expect(zero.choices == [0, 1] && zero.totalValue == 3 && zero.totalCost == 0)
            let three = try MultipleChoiceKnapsack(groups: groups, budget: 3).solve()
            #expect(three.choices == [1, 1] && three.totalValue == 7)
        }

        @Test func oneGroupPicksItsBestAffordableOption() throws {
            let groups = Support.groups([[(10, 1), (20, 5), (30, 4), (40, 9)]])
            #expect(try MultipleChoiceKnapsack(groups: groups, budget: 35).solve().choices == [1])
            #expect(try MultipleChoiceKnapsack(groups: groups, budget: 40).solve().choices == [3])
        }

        @Test func noGroupsIsTheEmptyPlan() throws {
            let solution = try MultipleChoiceKnapsack(groups: [], budget: 7).solve()
            #expect(solution.choices.isEmpty && solution.totalCost == 0 && solution.totalValue == 0)
            #expect(solution.unusedBudget == 7)
        }

        @Test func lpDominatedOptionCanBeTheIntegerOptimum() throws {
            // g1: (0, 0), (6, 3), (10, 10): (6, 3) is below the chord from (0, 0) to (10, 10), so
            // it is LP-dominated. g0: (0, 0), (4, 9). With B = 10 the plans are (4, 9) + (6, 3) →
            // 12, (0, 0) + (10, 10) → 10, (4, 9) + (0, 0) → 9, (0, 0) + (6, 3) → 3, (0, 0) + (0, 0)
            // → 0: the optimum needs the LP-dominated option.
            let groups = Support.groups([[(0, 0), (4, 9)], [(0, 0), (6, 3), (10, 10)]])
            let solution = try MultipleChoiceKnapsack(groups: groups, budget: 10).solve()
            #expect(solution.choices == [1, 1] && solution.totalValue == 12)
            #expect(solution.pruning[1].contains(PrunedOption(option: 1, reason: .lpDominated(below: 0, above: 2))))
        }

        @Test func sameInputGivesTheSameSolution() throws {
            for seed in UInt64(0)..<50 {
                let problem = Support.randomInstance(seed: seed)
                guard let first = try? problem.solve() else { continue }
                #expect(try problem.solve() == first, "seed \(seed)")
            }
        }

        @Test func largeSeededInstanceStaysWithinTheLPBound() throws {
            // 300 groups × 25 options, costs 1…120, budget 10,000: the optimum is feasible, no
            // better than the LP bound, and no worse than the best single swap.
            var rng = SplitMix64(seed: 42)
            let table: [[(Int64, Double)]] = (0..<300).map { _ in
                (0..<25).map { _ in
                    let cost = Int64(1 + rng.index(below: 120))
                    return (cost, Double(cost).squareRoot() + rng.unit())
                }
            }
            let solution = try MultipleChoiceKnapsack(groups: Support.groups(table), budget: 10_000).solve()
            #expect(solution.totalCost <= 10_000)
            #expect(solution.totalValue <= solution.relaxation.upperBound + 1e-9)
            #expect(solution.alternatives.allSatisfy { ($0?.valueChange ?? 0) <= 0 })
        }
    }
}
