/// Chooses one option per workload (capacity-math.md §7): the most value within a budget
/// (`optimize budget`), exactly, by `MultipleChoiceKnapsack` in whole cents; or the cheapest
/// plan that serves every workload (`optimize cost`), which separates by workload.
public enum PlanOptimizer {
    /// Costs above this many dollars per period are refused: cents must stay exact in a Double
    /// (2⁵³ cents ≈ $90 trillion) and sums must fit an Int64.
    public static let largestCost = 1e13

    /// Dollars to whole cents, rounded to the nearest cent.
    public static func cents(_ dollars: Double) -> Int64 {
        Int64((min(max(dollars, -largestCost), largestCost) * 100).rounded())
    }

    /// The most valuable plan within `budget` dollars per period.
    ///
    /// - Parameter groups: per workload, its candidates (an empty list makes the plan
    ///   infeasible and is reported by name).
    /// - Returns: a feasible plan, or an infeasible one naming the workloads without options and
    ///   the smallest budget that serves the rest.
    /// - Throws: `OptimizationError` for a negative budget, a negative or huge cost, or a
    ///   non-finite value.
    public static func maximizeValue(_ groups: [(workload: String, candidates: [PlanCandidate])], budget: Double) throws -> PlanResult {
        guard budget.isFinite, budget <= largestCost else { throw OptimizationError.budgetTooLarge(budget) }
        try checkCosts(groups)
        let knapsack = MultipleChoiceKnapsack(
            groups: groups.map { g in
                KnapsackGroup(name: g.workload, options: g.candidates.enumerated().map { j, c in
                    KnapsackOption(cost: c.costCents, value: c.value, payload: j)
                })
            },
            budget: cents(budget))
        do {
            let solution = try knapsack.solve()
            let chosen = groups.indices.map { groups[$0].candidates[solution.choices[$0]] }
            return PlanResult(groups: groups, budget: budget, chosen: chosen, solution: solution, infeasibility: nil)
        } catch let error as OptimizationError {
            guard case let .infeasible(empty, minimum, _) = error else { throw error }
            return PlanResult(groups: groups, budget: budget, chosen: [], solution: nil,
                              infeasibility: .init(unservedWorkloads: empty, minimumBudget: Double(minimum) / 100))
        }
    }

    /// The cheapest plan: per workload its cheapest candidate (in cents), the most valuable on
    /// a tie, then the first. No budget couples the workloads, so this is exact.
    public static func minimizeCost(_ groups: [(workload: String, candidates: [PlanCandidate])]) throws -> PlanResult {
        try checkCosts(groups)
        let empty = groups.filter { $0.candidates.isEmpty }.map(\.workload)
        if !empty.isEmpty {
            let minimum = groups.compactMap { $0.candidates.map(\.costCents).min() }.reduce(0, +)
            return PlanResult(groups: groups, budget: nil, chosen: [], solution: nil,
                              infeasibility: .init(unservedWorkloads: empty, minimumBudget: Double(minimum) / 100))
        }
        let chosen = groups.map { g in
            g.candidates.min { a, b in (a.costCents, -a.value) < (b.costCents, -b.value) }!
        }
        return PlanResult(groups: groups, budget: nil, chosen: chosen, solution: nil, infeasibility: nil)
    }

    static func checkCosts(_ groups: [(workload: String, candidates: [PlanCandidate])]) throws {
        for g in groups {
            for (j, c) in g.candidates.enumerated() {
                guard c.cost.isFinite, c.cost <= largestCost else {
                    throw OptimizationError.costTooLarge(group: g.workload, option: j, cost: c.cost)
                }
                guard c.cost >= 0 else {
                    throw OptimizationError.negativeCost(group: g.workload, option: j, cost: cents(c.cost))
                }
                guard c.value.isFinite else {
                    throw OptimizationError.nonFiniteValue(group: g.workload, option: j, value: c.value)
                }
            }
        }
    }
}

/// A chosen plan (or why there is none), with what explains it.
public struct PlanResult: Sendable {
    /// Why no plan exists: the workloads no candidate serves, and `Σ_i min_j c_ij` over the
    /// others — the smallest budget that serves them (dollars per period).
    public struct Infeasibility: Sendable, Hashable {
        public var unservedWorkloads: [String]
        public var minimumBudget: Double
    }

    public var groups: [(workload: String, candidates: [PlanCandidate])]
    /// Dollars per period; nil for `optimize cost`.
    public var budget: Double?
    /// One per workload, in workload order; empty when infeasible.
    public var chosen: [PlanCandidate]
    /// The knapsack's solution (pruning record, LP bound, alternatives); nil for `optimize cost`
    /// and for infeasible plans.
    public var solution: KnapsackSolution?
    public var infeasibility: Infeasibility?

    public var isFeasible: Bool { infeasibility == nil }
    /// Σ cost of the chosen options, summed in cents and shown in dollars.
    public var totalCost: Double { Double(chosen.map(\.costCents).reduce(0, +)) / 100 }
    /// Σ value (weighted quality, or tokens/s), in workload order.
    public var totalValue: Double { chosen.reduce(0) { $0 + $1.value } }
    /// Budget − total cost, dollars; nil without a budget.
    public var unusedBudget: Double? {
        guard let budget, isFeasible else { return budget }
        return Double(PlanOptimizer.cents(budget) - chosen.map(\.costCents).reduce(0, +)) / 100
    }
}
