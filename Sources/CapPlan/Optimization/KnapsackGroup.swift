/// One candidate for a group of a multiple-choice knapsack: what it costs and what it is worth.
///
/// The option's identity is its position in `KnapsackGroup.options` (its *index*); `payload` is
/// an opaque number the caller uses to find its own record (a row of a candidate table, say).
public struct KnapsackOption: Sendable, Hashable {
    /// Cost in cents (or any integer unit); at least 0. Exact: the solver never rounds it.
    public var cost: Int64
    /// Value to maximise (weighted quality, tokens/s, …), any finite number. Totals are summed in
    /// group order, `((v₀ + v₁) + v₂) + …`, so equal choices give bit-identical totals.
    public var value: Double
    /// Opaque to the solver; carried through untouched.
    public var payload: Int

    public init(cost: Int64, value: Double, payload: Int = 0) {
        self.cost = cost
        self.value = value
        self.payload = payload
    }
}

/// One workload of a multiple-choice knapsack: exactly one of its options must be chosen.
public struct KnapsackGroup: Sendable, Hashable {
    /// Shown in infeasibility reports (the workload name).
    public var name: String
    /// The candidates; an option's index is its position here. May be empty, which makes the
    /// problem infeasible (`OptimizationError.infeasible` names the group).
    public var options: [KnapsackOption]

    public init(name: String, options: [KnapsackOption]) {
        self.name = name
        self.options = options
    }
}
