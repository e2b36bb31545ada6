/// Why the budget optimizer refused a problem.
///
/// Each case carries what it needs to explain itself; all message text lives in this file.
/// Costs are integer cents and are shown as dollars.
public enum OptimizationError: Error, Sendable, Equatable {
    /// The budget (cents) is negative.
    case negativeBudget(Int64)
    /// An option (index `option`, from 0) of group `group` has a negative cost (cents).
    case negativeCost(group: String, option: Int, cost: Int64)
    /// An option (index `option`, from 0) of group `group` has a NaN or infinite value.
    case nonFiniteValue(group: String, option: Int, value: Double)
    /// The sum of the groups' cheapest costs does not fit in an `Int64`.
    case costOverflow
    /// A budget (dollars) beyond `PlanOptimizer.largestCost`, or not finite.
    case budgetTooLarge(Double)
    /// An option's cost (dollars) beyond `PlanOptimizer.largestCost`, or not finite.
    case costTooLarge(group: String, option: Int, cost: Double)
    /// No choice fits. `emptyGroups` names the groups without any option (in input order);
    /// `minimumBudget` is the smallest budget (cents) that makes the other groups feasible,
    /// `Σ_i min_j c_ij` over the non-empty groups; `budget` is the budget given.
    case infeasible(emptyGroups: [String], minimumBudget: Int64, budget: Int64)

    /// What went wrong, one sentence, no trailing period.
    public var message: String {
        switch self {
        case let .negativeBudget(budget):
            return "the budget must be at least $0; got \(Self.dollars(budget))"
        case let .negativeCost(group, option, cost):
            return "option \(option + 1) of \(group) has a negative cost, \(Self.dollars(cost))"
        case let .nonFiniteValue(group, option, value):
            return "option \(option + 1) of \(group) has no finite value (got \(value))"
        case .costOverflow:
            return "the option costs are too large to add up exactly"
        case let .budgetTooLarge(budget):
            return budget.isFinite ? "a budget of \(NumberFormat.money(budget)) is too large to plan to the cent"
                : "the budget is not a finite amount"
        case let .costTooLarge(group, option, cost):
            return cost.isFinite ? "option \(option + 1) of \(group) costs \(NumberFormat.money(cost)), too much to plan to the cent"
                : "option \(option + 1) of \(group) has no finite cost"
        case let .infeasible(emptyGroups, minimumBudget, budget):
            if !emptyGroups.isEmpty {
                let names = emptyGroups.joined(separator: ", ")
                return emptyGroups.count == 1
                    ? "no option can serve \(names)"
                    : "no option can serve \(emptyGroups.count) workloads: \(names)"
            }
            return "no plan fits in \(Self.dollars(budget)): the cheapest option of every workload "
                + "adds up to \(Self.dollars(minimumBudget))"
        }
    }

    /// What to do about it; `nil` when there is nothing useful to add.
    public var hint: String? {
        switch self {
        case .negativeBudget:
            return "give a budget of $0 or more"
        case .negativeCost, .nonFiniteValue:
            return "check the option table: costs are amounts of money and values are plain numbers"
        case .costOverflow:
            return nil
        case .budgetTooLarge, .costTooLarge:
            return "amounts up to $10 trillion per period are planned exactly; check the unit (a plain number is dollars)"
        case let .infeasible(emptyGroups, minimumBudget, budget):
            if !emptyGroups.isEmpty {
                let rest = minimumBudget <= budget
                    ? "the other workloads fit within the budget"
                    : "the other workloads need a budget of at least \(Self.dollars(minimumBudget))"
                return "relax their SLA or add candidates; \(rest)"
            }
            return "raise the budget to at least \(Self.dollars(minimumBudget)), "
                + "or drop a workload"
        }
    }

    /// Cents as dollars with thousands separators: 123456 → "$1,234.56", -5 → "-$0.05".
    static func dollars(_ cents: Int64) -> String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        let whole = String(magnitude / 100)
        var grouped = ""
        for (offset, character) in whole.enumerated() {
            if offset > 0 && (whole.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let fraction = magnitude % 100
        return (negative ? "-$" : "$") + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}

extension OptimizationError: UserFacingError {
    public var userHint: String? { hint }
}
