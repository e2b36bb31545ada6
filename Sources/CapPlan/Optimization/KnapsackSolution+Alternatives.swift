extension MultipleChoiceKnapsack {
    /// The best single substitution per group (`KnapsackAlternative`).
    ///
    /// Ranking by the substitute's own value is exact: the other terms are fixed and rounded
    /// addition is monotone. Only the winner's total is summed again, in group order.
    ///
    /// - Complexity: O(n + K²) for n options in K groups.
    static func alternatives(
        _ choices: [Int], totalCost: Int64, options: [[KnapsackOption]], budget: Int64
    ) -> [KnapsackAlternative?] {
        let totalValue = Self.totalValue(choices, options: options)
        // A substituted plan's value is summed in group order like every plan's (so it equals
        // what enumeration finds, bit for bit): the sum before g is shared by all substitutions
        // at g, only the part from g on is added again, over the chosen values laid out flat.
        let chosenValues = choices.indices.map { options[$0][choices[$0]].value }
        var prefixes = [Double](repeating: 0, count: choices.count)
        var running = 0.0
        for g in choices.indices {
            prefixes[g] = running
            running += chosenValues[g]
        }
        return choices.indices.map { g -> KnapsackAlternative? in
            let chosen = options[g][choices[g]]
            let room = budget - (totalCost - chosen.cost)
            var best: Int?
            for (j, o) in options[g].enumerated() where j != choices[g] && o.cost <= room {
                guard let b = best else { best = j; continue }
                let incumbent = options[g][b]
                if o.value > incumbent.value || (o.value == incumbent.value && o.cost < incumbent.cost) {
                    best = j
                }
            }
            guard let j = best else { return nil }
            var value = prefixes[g] + options[g][j].value
            for i in (g + 1)..<chosenValues.count { value += chosenValues[i] }
            let cost = totalCost - chosen.cost + options[g][j].cost
            return KnapsackAlternative(
                group: g, option: j, totalCost: cost, totalValue: value,
                valueChange: value - totalValue, costChange: cost - totalCost)
        }
    }
}
