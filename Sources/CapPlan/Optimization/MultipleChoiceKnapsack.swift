/// A multiple-choice knapsack over integer costs: choose exactly one option per group to
/// maximise the total value within a budget, exactly.
///
///     max Σ_i Σ_j v_ij·x_ij   s.t.   Σ_i Σ_j c_ij·x_ij ≤ B,   Σ_j x_ij = 1 ∀i,   x_ij ∈ {0, 1}
///
/// Costs are integer cents (`Int64`) and are never rounded or discretised, so a plan that fits
/// the budget by one cent is found. Values are `Double` (weighted quality, tokens/s).
///
/// Algorithm (`solve()`), in order:
/// 1. Validate; report groups without options and `Σ_i min_j c_ij > B` as infeasible.
/// 2. Per group, remove dominated options (`c′ ≤ c ∧ v′ ≥ v`) and options no feasible plan can
///    afford; note (but keep) LP-dominated ones, off the upper convex hull of (cost, value).
///    Both removals are exact: see `PruningReason`.
/// 3. LP relaxation by the Sinha–Zoltners greedy over hull increments, O(n log n): the upper
///    bound, the dual price λ, and a feasible incumbent (its whole increments, then a greedy
///    upgrade pass).
/// 4. Dynamic programming over non-dominated (cost, value) state lists, groups in input order,
///    with states dropped only when a Lagrangian bound at λ proves they cannot reach a target
///    value (Pisinger 1995). The target starts just below the LP bound and falls towards the
///    incumbent until a plan reaches it. This is exact: see `DominanceListSolver`.
///
/// Ties: the most valuable plan; among equal totals the cheapest; then the smallest option
/// indices, compared in group order (lexicographically).
///
/// Sources: Sinha & Zoltners, *Operations Research* 27(3):503–515 (1979); Pisinger, "A Minimal
/// Algorithm for the Multiple-Choice Knapsack Problem", *EJOR* 83(2):394–410 (1995);
/// Kellerer, Pferschy & Pisinger, *Knapsack Problems*, ch. 11 (2004). docs/capacity-math.md §7.
public struct MultipleChoiceKnapsack: Sendable, Hashable {
    /// One per workload, in the order results are reported.
    public var groups: [KnapsackGroup]
    /// `B`, cents; at least 0.
    public var budget: Int64

    public init(groups: [KnapsackGroup], budget: Int64) {
        self.groups = groups
        self.budget = budget
    }

    /// The exact optimum.
    ///
    /// - Returns: the optimal plan, its alternatives, the pruning record and the LP bound.
    ///   With no groups, the empty plan (cost 0, value 0).
    /// - Throws: `OptimizationError.negativeBudget`, `.negativeCost`, `.nonFiniteValue`,
    ///   `.costOverflow`, and `.infeasible(emptyGroups:minimumBudget:budget:)` when a group has
    ///   no option or `Σ_i min_j c_ij > B` (`minimumBudget` is that sum over the non-empty
    ///   groups: the smallest budget that makes them feasible).
    /// - Complexity: O(n log n) before the dynamic program, which is O(Σ_i |kept_i|·|L_{i−1}|)
    ///   with |L_i| the (bounded) state lists; typically milliseconds for 1,000 × 30 options.
    public func solve() throws -> KnapsackSolution {
        let minimumTotal = try validate()
        let options = groups.map(\.options)
        let pruned = groups.map { group in
            let cheapest = group.options.map(\.cost).min()!
            let others = minimumTotal - cheapest
            return KnapsackPruning.prune(group.options, maximumCost: budget - others, othersMinimum: others)
        }
        let (relaxation, greedy) = LinearRelaxation.solve(options: options, pruned: pruned, budget: budget)
        let incumbent = Self.upgraded(greedy, options: options, pruned: pruned, budget: budget)
        let incumbentValue = Self.totalValue(incumbent, options: options)
        var solver = DominanceListSolver(options: options, pruned: pruned, budget: budget, lambda: relaxation.slope)
        var choices: [Int] = []
        if !groups.isEmpty {
            // Targets just below the LP bound prune hardest; the gap to the optimum is usually a
            // small fraction of the gap to the greedy plan. Double the step until a plan reaches the
            // target. A pass that falls short still reports its best plan, a feasible value to
            // aim for next; the greedy plan's value is the last resort and always succeeds.
            var floor = incumbentValue
            var step = (relaxation.upperBound - floor) / 256
            while true {
                let target = max(floor, relaxation.upperBound - step)
                switch solver.solve(target: target) {
                case let .optimal(found):
                    choices = found
                case let .belowTarget(bestFound):
                    precondition(target > floor, "a target equal to a feasible plan's value is always reached")
                    if let bestFound { floor = max(floor, bestFound) }
                    step *= 2
                    continue
                }
                break
            }
        }
        let totalCost = Self.totalCost(choices, options: options)
        // The marginal value of more budget must see the options this budget cannot afford
        // (they are what more budget buys): the LP again, with only the dominated ones removed.
        // Only groups that lost options to the budget are pruned again.
        let lostToBudget = pruned.map { $0.record.contains { if case .unaffordable = $0.reason { true } else { false } } }
        let marginalSlope = lostToBudget.contains(true)
            ? LinearRelaxation.solve(
                options: options,
                pruned: options.indices.map { g in
                    lostToBudget[g] ? KnapsackPruning.prune(options[g], maximumCost: .max, othersMinimum: 0) : pruned[g]
                },
                budget: budget).relaxation.slope
            : relaxation.slope
        return KnapsackSolution(
            choices: choices,
            totalCost: totalCost,
            totalValue: Self.totalValue(choices, options: options),
            budget: budget,
            alternatives: Self.alternatives(choices, totalCost: totalCost, options: options, budget: budget),
            pruning: pruned.map(\.record),
            relaxation: relaxation,
            statesExplored: solver.statesKept,
            marginalValuePerCent: marginalSlope)
    }

    /// Checks the input and returns `Σ_i min_j c_ij`.
    private func validate() throws -> Int64 {
        guard budget >= 0 else { throw OptimizationError.negativeBudget(budget) }
        var emptyGroups: [String] = []
        var minimumTotal: Int64 = 0
        for group in groups {
            guard var cheapest = group.options.first?.cost else {
                emptyGroups.append(group.name)
                continue
            }
            for (index, option) in group.options.enumerated() {
                guard option.cost >= 0 else {
                    throw OptimizationError.negativeCost(group: group.name, option: index, cost: option.cost)
                }
                guard option.value.isFinite else {
                    throw OptimizationError.nonFiniteValue(group: group.name, option: index, value: option.value)
                }
                cheapest = min(cheapest, option.cost)
            }
            let (sum, overflow) = minimumTotal.addingReportingOverflow(cheapest)
            guard !overflow else { throw OptimizationError.costOverflow }
            minimumTotal = sum
        }
        guard emptyGroups.isEmpty, minimumTotal <= budget else {
            throw OptimizationError.infeasible(emptyGroups: emptyGroups, minimumBudget: minimumTotal, budget: budget)
        }
        return minimumTotal
    }

    /// Σ_i v_i,choice in group order (the one summation order used everywhere).
    static func totalValue(_ choices: [Int], options: [[KnapsackOption]]) -> Double {
        var total = 0.0
        for (g, j) in choices.enumerated() { total += options[g][j].value }
        return total
    }

    static func totalCost(_ choices: [Int], options: [[KnapsackOption]]) -> Int64 {
        var total: Int64 = 0
        for (g, j) in choices.enumerated() { total += options[g][j].cost }
        return total
    }

    /// One greedy pass over the groups in order: move each to its most valuable kept option
    /// that the unused budget pays for. Keeps the plan feasible; only raises the incumbent.
    private static func upgraded(
        _ choices: [Int], options: [[KnapsackOption]], pruned: [PrunedGroup], budget: Int64
    ) -> [Int] {
        var choices = choices
        var unused = budget - totalCost(choices, options: options)
        for g in choices.indices {
            let current = options[g][choices[g]]
            var best = choices[g]
            for j in pruned[g].kept {
                let o = options[g][j]
                if o.cost - current.cost <= unused && o.value > options[g][best].value { best = j }
            }
            unused -= options[g][best].cost - current.cost
            choices[g] = best
        }
        return choices
    }
}
