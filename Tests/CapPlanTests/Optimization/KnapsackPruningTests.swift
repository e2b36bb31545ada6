import Testing
@testable import CapPlan

extension OptimizationTests {
    struct KnapsackPruningTests {
        typealias Support = KnapsackTestSupport

        @Test func dominatedOptionsAreRemovedWithTheirDominator() {
            // (cost, value): 0 (5, 5), 1 (5, 4) same cost lower value, 2 (7, 5) dearer same value,
            // 3 (3, 5) cheaper same value — it dominates 0 and 2 —, 4 (3, 5) identical to 3, higher
            // index, 5 (8, 9). Kept: 3, 5. The sweep order is (3, 5), (3, 5)#4, (5, 5), (5, 4),
            // (7, 5), (8, 9), each compared with the best kept so far, option 3.
            let options = Support.groups([[(5, 5), (5, 4), (7, 5), (3, 5), (3, 5), (8, 9)]])[0].options
            let pruned = KnapsackPruning.prune(options, maximumCost: 100, othersMinimum: 0)
            #expect(pruned.kept == [3, 5])
            #expect(pruned.record == [
                PrunedOption(option: 0, reason: .dominated(by: 3)),
                PrunedOption(option: 1, reason: .dominated(by: 3)),
                PrunedOption(option: 2, reason: .dominated(by: 3)),
                PrunedOption(option: 4, reason: .dominated(by: 3)),
            ])
        }

        @Test func lpDominatedOptionsAreNotedButKept() {
            // (0, 0), (4, 3), (5, 5), (10, 10): (4, 3) is below the chord (0, 0)–(5, 5), and (5, 5)
            // lies on the chord (0, 0)–(10, 10), so the hull is (0, 0), (10, 10).
            let options = Support.groups([[(0, 0), (4, 3), (5, 5), (10, 10)]])[0].options
            let pruned = KnapsackPruning.prune(options, maximumCost: 100, othersMinimum: 0)
            #expect(pruned.kept == [0, 1, 2, 3])
            #expect(pruned.hull.map { pruned.kept[$0] } == [0, 3])
            #expect(pruned.record == [
                PrunedOption(option: 1, reason: .lpDominated(below: 0, above: 3)),
                PrunedOption(option: 2, reason: .lpDominated(below: 0, above: 3)),
            ])
            #expect(pruned.record.allSatisfy { !$0.isRemoved })
        }

        @Test func optionsNoFeasiblePlanAffordsAreRemoved() throws {
            // g0's cheapest is 4, so g1 may spend at most 10 − 4 = 6: (8, 9) needs 12 in total.
            let groups = Support.groups([[(4, 1), (6, 2)], [(1, 1), (8, 9)]])
            let solution = try MultipleChoiceKnapsack(groups: groups, budget: 10).solve()
            #expect(solution.pruning[1] == [PrunedOption(option: 1, reason: .unaffordable(minimumTotalCost: 12))])
        }

        @Test func pruningNeverRemovesTheOptimalPlan() throws {
            // The brute-force optimum (with the documented tie-break) uses only kept options, and
            // enumeration over the kept options alone reaches the same value.
            var checked = 0
            for seed in UInt64(10_000)..<12_000 {
                let problem = Support.randomInstance(seed: seed)
                guard let expected = Support.bruteForce(problem.groups, budget: problem.budget) else { continue }
                let solution = try problem.solve()
                for (g, j) in expected.choices.enumerated() {
                    let removed = solution.pruning[g].filter(\.isRemoved).map(\.option)
                    #expect(!removed.contains(j), "seed \(seed), group \(g)")
                }
                let keptGroups = problem.groups.enumerated().map { g, group in
                    let removed = Set(solution.pruning[g].filter(\.isRemoved).map(\.option))
                    return KnapsackGroup(name: group.name, options: group.options.enumerated()
                        .filter { !removed.contains($0.offset) }.map(\.element))
                }
                #expect(Support.bruteForce(keptGroups, budget: problem.budget)?.value == expected.value, "seed \(seed)")
                checked += 1
            }
            #expect(checked > 1_000)
        }
    }
}
