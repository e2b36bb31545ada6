import Testing
@testable import CapPlan

extension OptimizationTests {
    struct OptimizationErrorTests {
        typealias Support = KnapsackTestSupport

        @Test func infeasibleBudgetReportsTheSumOfCheapestCosts() {
            // Cheapest options 40 + 35 = 75 cents > 74.
            let groups = Support.groups([[(50, 1), (40, 0)], [(35, 2), (90, 3)]])
            #expect(throws: OptimizationError.infeasible(emptyGroups: [], minimumBudget: 75, budget: 74)) {
                try MultipleChoiceKnapsack(groups: groups, budget: 74).solve()
            }
            #expect((try? MultipleChoiceKnapsack(groups: groups, budget: 75).solve())?.choices == [1, 0])
        }

        @Test func infeasibleRandomInstancesReportTheSmallestFeasibleBudget() throws {
            var infeasible = 0
            for seed in UInt64(0)..<2_000 {
                let problem = Support.randomInstance(seed: seed)
                let minimum = problem.groups.map { $0.options.map(\.cost).min()! }.reduce(0, +)
                guard minimum > problem.budget else { continue }
                #expect(throws: OptimizationError.infeasible(emptyGroups: [], minimumBudget: minimum, budget: problem.budget)) {
                    try problem.solve()
                }
                var raised = problem
                raised.budget = minimum
                #expect(try raised.solve().totalCost == minimum, "seed \(seed)")
                infeasible += 1
            }
            #expect(infeasible > 50)
        }

        @Test func emptyGroupsAreNamed() {
            let groups = [
                KnapsackGroup(name: "chat", options: [KnapsackOption(cost: 500, value: 1)]),
                KnapsackGroup(name: "embed", options: []),
                KnapsackGroup(name: "rerank", options: []),
            ]
            let error = OptimizationError.infeasible(emptyGroups: ["embed", "rerank"], minimumBudget: 500, budget: 100)
            #expect(throws: error) { try MultipleChoiceKnapsack(groups: groups, budget: 100).solve() }
            #expect(error.message == "no option can serve 2 workloads: embed, rerank")
            #expect(error.userHint == "relax their SLA or add candidates; the other workloads need a budget of at least $5.00")
        }

        @Test(arguments: [
            (OptimizationError.negativeBudget(-1), "the budget must be at least $0; got -$0.01"),
            (.negativeCost(group: "chat", option: 2, cost: -250), "option 3 of chat has a negative cost, -$2.50"),
            (.infeasible(emptyGroups: [], minimumBudget: 123_456_789, budget: 100_000_000),
             "no plan fits in $1,000,000.00: the cheapest option of every workload adds up to $1,234,567.89"),
        ])
        func messagesStateTheProblemInDollars(error: OptimizationError, message: String) {
            #expect(error.message == message)
            #expect(error.userHint != nil)
        }

        @Test func invalidInputIsRejected() {
            #expect(throws: OptimizationError.negativeBudget(-5)) {
                try MultipleChoiceKnapsack(groups: [], budget: -5).solve()
            }
            let nan = [KnapsackGroup(name: "w", options: [KnapsackOption(cost: 1, value: .nan)])]
            #expect(throws: OptimizationError.self) { try MultipleChoiceKnapsack(groups: nan, budget: 5).solve() }
            let negative = [KnapsackGroup(name: "w", options: [KnapsackOption(cost: 1, value: 1), KnapsackOption(cost: -1, value: 1)])]
            #expect(throws: OptimizationError.negativeCost(group: "w", option: 1, cost: -1)) {
                try MultipleChoiceKnapsack(groups: negative, budget: 5).solve()
            }
        }
    }
}
