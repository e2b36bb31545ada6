import Testing
@testable import CapPlan

// Helpers shared by the optimization tests, under one enum so they cannot clash with helpers of
// other test folders in the same module.
enum KnapsackTestSupport {
    /// Groups from (cost, value) pairs, named g0, g1, …; payloads are 100·group + option.
    static func groups(_ table: [[(Int64, Double)]]) -> [KnapsackGroup] {
        table.enumerated().map { g, row in
            KnapsackGroup(name: "g\(g)", options: row.enumerated().map { j, o in
                KnapsackOption(cost: o.0, value: o.1, payload: 100 * g + j)
            })
        }
    }

    struct Plan: Equatable {
        var choices: [Int]
        var cost: Int64
        var value: Double
    }

    /// Every plan in lexicographic order of option indices (group 0 most significant), with its
    /// cost and its value summed in group order.
    static func allPlans(_ groups: [KnapsackGroup]) -> [Plan] {
        guard !groups.contains(where: { $0.options.isEmpty }) else { return [] }
        var plans: [Plan] = []
        var choice = [Int](repeating: 0, count: groups.count)
        while true {
            var cost: Int64 = 0
            var value = 0.0
            for (g, j) in choice.enumerated() {
                cost += groups[g].options[j].cost
                value += groups[g].options[j].value
            }
            plans.append(Plan(choices: choice, cost: cost, value: value))
            var g = groups.count - 1
            while g >= 0 {
                choice[g] += 1
                if choice[g] < groups[g].options.count { break }
                choice[g] = 0
                g -= 1
            }
            if g < 0 { return plans }
        }
    }

    /// The documented optimum by enumeration: the most valuable feasible plan, then the
    /// cheapest, then the lexicographically smallest (the first in enumeration order).
    static func bruteForce(_ groups: [KnapsackGroup], budget: Int64) -> Plan? {
        var best: Plan?
        for plan in allPlans(groups) where plan.cost <= budget {
            if let b = best, !(plan.value > b.value || (plan.value == b.value && plan.cost < b.cost)) { continue }
            best = plan
        }
        return best
    }

    /// A small random instance: 1…5 groups of 1…5 options, costs 0…12 (zeros and repeats are
    /// common), values either small integers (many exact ties) or uniform doubles, and a budget
    /// from just below the cheapest plan to just above the dearest.
    static func randomInstance(seed: UInt64) -> MultipleChoiceKnapsack {
        var rng = SplitMix64(seed: seed)
        let groupCount = 1 + rng.index(below: 5)
        let integerValues = rng.index(below: 2) == 0
        var table: [[(Int64, Double)]] = []
        for _ in 0..<groupCount {
            let optionCount = 1 + rng.index(below: 5)
            table.append((0..<optionCount).map { _ in
                (Int64(rng.index(below: 13)), integerValues ? Double(rng.index(below: 6)) : rng.unit() * 10)
            })
        }
        let minimum = table.map { $0.map(\.0).min()! }.reduce(0, +)
        let maximum = table.map { $0.map(\.0).max()! }.reduce(0, +)
        let budget = minimum - 2 + Int64(rng.index(below: Int(maximum - minimum) + 5))
        return MultipleChoiceKnapsack(groups: groups(table), budget: max(0, budget))
    }
}

/// The suites of Tests/CapPlanTests/Optimization, nested so that `--filter Optimization` runs
/// them all.
@Suite enum OptimizationTests {}
