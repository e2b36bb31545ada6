/// One option of the budget optimizer, whether sized by capplan (`ServingOption`) or read from
/// a user's table (`optimize ... options=FILE.csv`): what it costs per period and what it is worth.
public struct PlanCandidate: Sendable, Hashable {
    /// The workload (knapsack group) it serves.
    public var workload: String
    /// Its name within the workload ("llama-3-70b h100 fp8 spot", or the table's `option`).
    public var option: String
    /// Dollars per period (a month or a year). The solver works in whole cents: `costCents`.
    public var cost: Double
    /// The quality score (0–100 for catalog models; any number in a user's table), nil when none.
    public var quality: Double?
    /// What the objective maximises: weight × quality, or tokens/s.
    public var value: Double
    /// The caller's index of its own record (a `ServingOption`, a table row).
    public var payload: Int

    public init(workload: String, option: String, cost: Double, quality: Double?, value: Double, payload: Int) {
        self.workload = workload
        self.option = option
        self.cost = cost
        self.quality = quality
        self.value = value
        self.payload = payload
    }

    /// The cost in whole cents, rounded to the nearest cent: the unit the solver is exact in.
    public var costCents: Int64 { PlanOptimizer.cents(cost) }
}
