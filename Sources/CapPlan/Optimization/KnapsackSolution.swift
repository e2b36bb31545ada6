/// The exact optimum of a `MultipleChoiceKnapsack`, with what explains it.
public struct KnapsackSolution: Sendable, Hashable {
    /// The chosen option index per group, in group order.
    public var choices: [Int]
    /// `Σ_i c_i,choice` in cents; at most `budget`.
    public var totalCost: Int64
    /// `Σ_i v_i,choice`, summed in group order.
    public var totalValue: Double
    /// The budget solved for, in cents.
    public var budget: Int64
    /// Per group, the best single substitution (see `KnapsackAlternative`), or `nil` when the
    /// group has no other option that fits.
    public var alternatives: [KnapsackAlternative?]
    /// Per group, the options set aside or noted before solving, in increasing option index.
    public var pruning: [[PrunedOption]]
    /// The LP relaxation (Sinha–Zoltners): an upper bound, and the slope at the budget.
    public var relaxation: LinearRelaxation
    /// States kept over all dominance lists (a measure of work; 0 for an empty problem).
    public var statesExplored: Int

    /// `budget − totalCost`, cents; at least 0.
    public var unusedBudget: Int64 { budget - totalCost }

    /// The marginal value of more budget, in value per cent: the slope at the budget of the LP
    /// relaxation over every non-dominated option (its dual price `λ`), including the options
    /// this budget cannot afford — they are what more budget buys. (`relaxation` excludes them,
    /// so its slope can be 0 while more budget still buys something.)
    ///
    ///     λ = Δv/Δc of the hull increment the budget cuts in the Sinha–Zoltners greedy
    ///
    /// The LP optimum is concave and piecewise linear in the budget, so `λ` is exact for the LP
    /// up to the end of that increment and an upper bound on the LP's gain per cent beyond it.
    /// The integer optimum moves in steps; `λ·Δbudget` estimates what more budget can buy. 0
    /// when every group already has its most valuable option.
    public var marginalValuePerCent: Double

    /// How far the plan is below the LP bound: `relaxation.upperBound − totalValue` ≥ 0 (up to
    /// rounding). Small gaps mean the budget is used well.
    public var integralityGap: Double { relaxation.upperBound - totalValue }
}

/// The next-best alternative for one group: the best plan that changes *only* that group's
/// choice, keeping every other group's choice and staying within the budget.
///
///     j′ = argmax_{j ≠ j*, C − c_j* + c_j ≤ B} v_j     ties: lowest c_j, then lowest j
///
/// over **all** options of the group (pruned ones included: a dominated option can be the
/// best substitute when its dominator is the chosen one). It answers "what if this option were
/// unavailable and nothing else changed", in O(n) for all groups; it is not a re-optimisation
/// (re-solving without the option can only do as well or better).
public struct KnapsackAlternative: Sendable, Hashable {
    /// The group, by position.
    public var group: Int
    /// The substitute option's index in its group.
    public var option: Int
    /// Total cost of the plan with the substitute, cents (≤ budget).
    public var totalCost: Int64
    /// Total value of the plan with the substitute, summed in group order.
    public var totalValue: Double
    /// `totalValue − solution.totalValue`: ≤ 0, the value lost by the substitution.
    public var valueChange: Double
    /// `totalCost − solution.totalCost`, cents.
    public var costChange: Int64
}
