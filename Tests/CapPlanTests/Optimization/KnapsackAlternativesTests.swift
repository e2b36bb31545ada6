import Testing
@testable import CapPlan

extension OptimizationTests {
    struct KnapsackAlternativesTests {
        typealias Support = KnapsackTestSupport

        @Test func alternativeIsTheBestFeasibleSingleSwap() throws {
            // Checked against enumeration: among plans equal to the optimum except in group g, the
            // most valuable within budget, then the cheapest, then the lowest option index.
            for seed in UInt64(30_000)..<31_000 {
                let problem = Support.randomInstance(seed: seed)
                guard let solution = try? problem.solve() else { continue }
                for g in problem.groups.indices {
                    var best: Support.Plan?
                    for j in problem.groups[g].options.indices where j != solution.choices[g] {
                        var choices = solution.choices
                        choices[g] = j
                        let plan = Support.allPlans(problem.groups).first { $0.choices == choices }!
                        guard plan.cost <= problem.budget else { continue }
                        if let b = best, !(plan.value > b.value || (plan.value == b.value && plan.cost < b.cost)) { continue }
                        best = plan
                    }
                    let alternative = solution.alternatives[g]
                    #expect(alternative?.option == best?.choices[g], "seed \(seed), group \(g)")
                    #expect(alternative?.totalValue == best?.value, "seed \(seed), group \(g)")
                    #expect(alternative?.totalCost == best?.cost, "seed \(seed), group \(g)")
                    if let alternative { #expect(alternative.valueChange <= 0, "seed \(seed), group \(g)") }
                }
            }
        }

        @Test func dominatedOptionCanBeTheAlternative() throws {
            // g0: (2, 5) chosen; (3, 4) is dominated by it yet is the only substitute that fits.
            let groups = Support.groups([[(2, 5), (3, 4), (50, 9)]])
            let solution = try MultipleChoiceKnapsack(groups: groups, budget: 10).solve()
            #expect(solution.alternatives == [KnapsackAlternative(
                group: 0, option: 1, totalCost: 3, totalValue: 4, valueChange: -1, costChange: 1)])
        }
    }
}
