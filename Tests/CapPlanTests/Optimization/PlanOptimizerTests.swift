import Testing
@testable import CapPlan

/// The plan layer over the knapsack: dollars to cents, infeasibility reports, the cheapest plan,
/// the marginal value of budget, and the user's option table.
struct PlanOptimizerTests {
    static func candidate(_ workload: String, _ option: String, _ cost: Double, _ quality: Double) -> PlanCandidate {
        PlanCandidate(workload: workload, option: option, cost: cost, quality: quality, value: quality, payload: 0)
    }

    static let groups: [(workload: String, candidates: [PlanCandidate])] = [
        ("chat", [candidate("chat", "small", 1_000.10, 60), candidate("chat", "large", 4_000.25, 80)]),
        ("code", [candidate("code", "small", 2_000.30, 70), candidate("code", "large", 3_500.40, 85)]),
    ]

    @Test func aPlanThatFitsByTheCentIsFound() throws {
        // small+large = 1,000.10 + 3,500.40 = 4,500.50 (value 145); large+small = 6,000.55 (150);
        // large+large = 7,500.65 (165). At a budget of exactly $7,500.65 the best plan fits; one
        // cent less and the next best (150 at $6,000.55) is the answer.
        let exact = try PlanOptimizer.maximizeValue(Self.groups, budget: 7_500.65)
        #expect(exact.chosen.map(\.option) == ["large", "large"])
        #expect(exact.totalCost == 7_500.65)
        #expect(exact.unusedBudget == 0)
        let short = try PlanOptimizer.maximizeValue(Self.groups, budget: 7_500.64)
        #expect(short.chosen.map(\.option) == ["large", "small"])
        #expect(short.totalValue == 150)
        #expect(short.unusedBudget == 1_500.09)
    }

    @Test func infeasibleBudgetNamesTheSmallestBudget() throws {
        // Cheapest plan: 1,000.10 + 2,000.30 = $3,000.40.
        let plan = try PlanOptimizer.maximizeValue(Self.groups, budget: 3_000)
        #expect(!plan.isFeasible)
        #expect(plan.infeasibility == .init(unservedWorkloads: [], minimumBudget: 3_000.40))
        #expect(plan.chosen.isEmpty)
        let served = try PlanOptimizer.maximizeValue(Self.groups, budget: 3_000.40)
        #expect(served.isFeasible && served.totalCost == 3_000.40)
    }

    @Test func workloadWithoutOptionsIsNamed() throws {
        var groups = Self.groups
        groups.append(("batch", []))
        let plan = try PlanOptimizer.maximizeValue(groups, budget: 1e6)
        #expect(plan.infeasibility?.unservedWorkloads == ["batch"])
        #expect(plan.infeasibility?.minimumBudget == 3_000.40)
        let cheapest = try PlanOptimizer.minimizeCost(groups)
        #expect(cheapest.infeasibility?.unservedWorkloads == ["batch"])
    }

    @Test func cheapestPlanTakesTheBetterOptionOnACentTie() throws {
        let groups: [(workload: String, candidates: [PlanCandidate])] = [
            ("a", [Self.candidate("a", "x", 10.004, 1), Self.candidate("a", "y", 10.001, 5), Self.candidate("a", "z", 12, 9)]),
        ]
        // 10.004 and 10.001 are both 1,000 cents: a tie broken by the higher value.
        let plan = try PlanOptimizer.minimizeCost(groups)
        #expect(plan.chosen.map(\.option) == ["y"])
        #expect(plan.totalCost == 10.00)
        #expect(plan.budget == nil && plan.unusedBudget == nil)
    }

    @Test func marginalValueSeesWhatTheBudgetCannotAfford() throws {
        // At $5,100, chat's large option (+$3,000.15 for +20) is unaffordable and removed before
        // solving, but it is exactly what more budget buys: the slope is that increment's,
        // code's increment (+$1,500.10 for +15, slope 0.00999/$) being taken first.
        let plan = try PlanOptimizer.maximizeValue(Self.groups, budget: 5_100)
        #expect(plan.chosen.map(\.option) == ["small", "large"])
        let slope = try #require(plan.solution?.marginalValuePerCent)
        #expect(abs(slope * 100 - 20 / 3_000.15) < 1e-12)
    }

    @Test func refusesHugeAndNegativeAmounts() {
        #expect(throws: OptimizationError.self) { try PlanOptimizer.maximizeValue(Self.groups, budget: 1e300) }
        #expect(throws: OptimizationError.self) { try PlanOptimizer.maximizeValue(Self.groups, budget: -1) }
        let bad: [(workload: String, candidates: [PlanCandidate])] = [("a", [Self.candidate("a", "x", .infinity, 1)])]
        #expect(throws: OptimizationError.self) { try PlanOptimizer.minimizeCost(bad) }
    }

    @Test func moreBudgetNeverLowersTheOptimum() throws {
        // Property sweep over budgets from the cheapest plan up: the optimum is non-decreasing.
        var previous = -Double.infinity
        for step in 0...61 {
            let plan = try PlanOptimizer.maximizeValue(Self.groups, budget: 3_000.40 + Double(step) * 75)
            #expect(plan.totalValue >= previous)
            previous = plan.totalValue
        }
        #expect(previous == 165)
    }

    // MARK: the option table

    static func table(_ text: String) throws -> PlanOptionTable {
        try PlanOptionTable.read(Array(text.utf8), fileName: "options.csv")
    }

    @Test func tableGroupsByWorkloadInFirstAppearanceAndKeepsExtras() throws {
        let t = try Self.table("workload,option,cost,quality,region\nchat,a,100,50,eu\ncode,b,200,60,us\nchat,c,300,70,us\n")
        #expect(t.extraColumns == ["region"])
        #expect(t.groups.map(\.workload) == ["chat", "code"])
        #expect(t.groups[0].candidates.map(\.option) == ["a", "c"])
        #expect(t.rows[2].extras == ["us"] && t.rows[2].line == 4)
    }

    @Test func tableErrorsPointAtTheCell() {
        do {
            _ = try Self.table("workload,option,cost,quality\nchat,a,100,50\nchat,b,12O,60\n")
            Issue.record("expected an error")
        } catch let error as DemandError {
            #expect(error.location?.line == 3 && error.location?.column == 8)
            #expect(error.message.contains("'12O'"))
        } catch { Issue.record("unexpected \(error)") }
        do {
            _ = try Self.table("workload,option,cost\nchat,a,100\n")
            Issue.record("expected an error")
        } catch let error as DemandError {
            #expect(error.message.contains("no column 'quality'"))
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: DemandError.self) { try Self.table("workload,option,cost,quality\nchat,a,-5,50\n") }
    }
}
