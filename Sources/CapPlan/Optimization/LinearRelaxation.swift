/// The LP relaxation of the multiple-choice knapsack (`x_ij ∈ [0, 1]` instead of `{0, 1}`),
/// solved by the Sinha–Zoltners greedy.
///
///     start:      every group at its cheapest kept option;  r = Budget − Σ_i c_i,min
///     increments: consecutive upper-hull vertices (Δc, Δv) of every group, sorted by Δv/Δc ↓
///     take each increment whole while Δc ≤ r;  the first that does not fit is taken by r/Δc
///     bound  = Σ_i v_i,min + Σ taken Δv + (r/Δc)·Δv
///     slope  = Δv/Δc of that fractional increment (0 when every increment fits)
///
/// Within a group the hull slopes strictly decrease, so the sort takes a group's increments in
/// order and the result is a valid LP solution; it is optimal because the LP's dual price is the
/// slope of the increment that the budget cuts. The LP value is an upper bound on the integer
/// optimum; `slope` is the marginal value of budget in the LP: value per extra cent, valid up
/// to the end of that increment.
///
/// Source: Sinha & Zoltners, "The multiple-choice knapsack problem", *Operations Research*
/// 27(3):503–515 (1979); Kellerer, Pferschy & Pisinger, *Knapsack Problems* (2004), §11.2.
/// docs/capacity-math.md §7.
public struct LinearRelaxation: Sendable, Hashable {
    /// The LP optimum: an upper bound on the total value of any feasible choice.
    public var upperBound: Double
    /// `λ`, value per cent at the budget (the LP's dual price of the budget constraint); 0 when
    /// the budget buys every group its most valuable option.
    public var slope: Double
    /// The group whose increment the budget cuts (the only fractional group), if any.
    public var fractionalGroup: Int?
}

extension LinearRelaxation {
    /// The greedy over hull increments, plus its integer part (all whole increments taken), a
    /// feasible choice for the branch of the solver that needs an incumbent.
    ///
    /// - Complexity: O(n log n) for n hull increments.
    static func solve(
        options: [[KnapsackOption]], pruned: [PrunedGroup], budget: Int64
    ) -> (relaxation: LinearRelaxation, greedyChoice: [Int]) {
        struct Increment { var group: Int; var step: Int; var slope: Double }
        var increments: [Increment] = []
        var choice = [Int](repeating: 0, count: options.count)  // position in hull
        var residual = budget
        var bound = 0.0
        for (g, group) in pruned.enumerated() {
            let first = options[g][group.kept[group.hull[0]]]
            residual -= first.cost
            bound += first.value
            for step in 1..<max(1, group.hull.count) {
                let a = options[g][group.kept[group.hull[step - 1]]], b = options[g][group.kept[group.hull[step]]]
                increments.append(Increment(group: g, step: step, slope: (b.value - a.value) / Double(b.cost - a.cost)))
            }
        }
        increments.sort { x, y in
            if x.slope != y.slope { return x.slope > y.slope }
            if x.group != y.group { return x.group < y.group }
            return x.step < y.step
        }
        var slope = 0.0
        var fractional: Int?
        for increment in increments {
            let group = pruned[increment.group]
            let a = options[increment.group][group.kept[group.hull[increment.step - 1]]]
            let b = options[increment.group][group.kept[group.hull[increment.step]]]
            let deltaCost = b.cost - a.cost
            if deltaCost <= residual {
                residual -= deltaCost
                bound += b.value - a.value
                choice[increment.group] = increment.step
            } else {
                bound += Double(residual) / Double(deltaCost) * (b.value - a.value)
                slope = increment.slope
                fractional = increment.group
                break
            }
        }
        let greedy = choice.enumerated().map { g, step in pruned[g].kept[pruned[g].hull[step]] }
        return (LinearRelaxation(upperBound: bound, slope: slope, fractionalGroup: fractional), greedy)
    }
}
