/// Why an option of a group was set aside before (or while) solving.
public enum PruningReason: Sendable, Hashable {
    /// Removed: option `by` costs no more and is worth at least as much
    /// (`c_by ≤ c`, `v_by ≥ v`, and it is strictly better in one of them or has a lower index).
    /// Any plan using this option stays feasible, and is at least as good and preferred by the
    /// tie-break, with `by` instead — so removal is exact.
    case dominated(by: Int)
    /// Removed: even with the cheapest option in every other group the plan would cost
    /// `minimumTotalCost` cents, more than the budget. No feasible plan uses it.
    case unaffordable(minimumTotalCost: Int64)
    /// **Kept**, recorded only: the option lies on or below the segment joining hull options
    /// `below` and `above` (cheaper and dearer neighbours on the upper convex hull of
    /// (cost, value)), so the LP relaxation never uses it. Such options can still be optimal in
    /// the integer problem, so they are used for bounding only, never removed.
    case lpDominated(below: Int, above: Int)
}

/// One entry of the pruning record: an option index (position in its group) and why.
public struct PrunedOption: Sendable, Hashable {
    public var option: Int
    public var reason: PruningReason

    /// Whether the solver removed the option (`dominated`, `unaffordable`) or only noted it
    /// (`lpDominated`).
    public var isRemoved: Bool {
        if case .lpDominated = reason { return false }
        return true
    }

    public init(option: Int, reason: PruningReason) {
        self.option = option
        self.reason = reason
    }
}

/// The result of pruning one group: the options the solver keeps, and the record.
struct PrunedGroup: Sendable {
    /// Kept option indices in increasing cost (and, since dominated ones are gone, strictly
    /// increasing value).
    var kept: [Int]
    /// Indices into `kept` of the upper convex hull, from the cheapest option.
    var hull: [Int]
    /// Every option set aside or noted, in increasing option index.
    var record: [PrunedOption]
}

enum KnapsackPruning {
    /// Removes dominated options from one group and marks the LP-dominated ones.
    ///
    ///     a dominated by b  ⇔  c_b ≤ c_a ∧ v_b ≥ v_a ∧ (c_b, −v_b, b) < (c_a, −v_a, a)
    ///
    /// Sorting by (cost ↑, value ↓, index ↑) and sweeping keeps an option only when its value
    /// beats every cheaper-or-equal one; the survivors then have strictly increasing cost and
    /// value. Options costing more than `maximumCost` (the budget minus the other groups'
    /// cheapest costs) are then removed as unaffordable. The upper hull of the survivors is
    /// Andrew's monotone chain (points on a hull segment are not hull vertices).
    ///
    /// - Complexity: O(n log n) for n options.
    static func prune(_ options: [KnapsackOption], maximumCost: Int64, othersMinimum: Int64) -> PrunedGroup {
        var record: [PrunedOption] = []
        record.reserveCapacity(options.count)
        // Sorted as (cost, value, index) triples laid out together: the comparisons then read
        // neighbouring memory (this sort is most of pruning's time over many small groups).
        var keys = options.enumerated().map { (cost: $1.cost, value: $1.value, index: $0) }
        keys.sort { x, y in
            if x.cost != y.cost { return x.cost < y.cost }
            if x.value != y.value { return x.value > y.value }
            return x.index < y.index
        }
        let order = keys.map(\.index)
        var kept: [Int] = []
        kept.reserveCapacity(options.count)
        for index in order {
            if let best = kept.last, options[index].value <= options[best].value {
                record.append(PrunedOption(option: index, reason: .dominated(by: best)))
            } else {
                kept.append(index)
            }
        }
        while let last = kept.last, options[last].cost > maximumCost {
            kept.removeLast()
            record.append(PrunedOption(
                option: last, reason: .unaffordable(minimumTotalCost: options[last].cost &+ othersMinimum)))
        }
        // Upper hull: pop the middle point while it is not strictly above the chord.
        var hull: [Int] = []
        for position in kept.indices {
            while hull.count >= 2 {
                let o = options[kept[hull[hull.count - 2]]], a = options[kept[hull[hull.count - 1]]]
                let b = options[kept[position]]
                // a is strictly above the chord o→b ⇔ (a.v − o.v)(b.c − o.c) > (b.v − o.v)(a.c − o.c)
                let left = (a.value - o.value) * Double(b.cost - o.cost)
                let right = (b.value - o.value) * Double(a.cost - o.cost)
                if left > right { break }
                hull.removeLast()
            }
            hull.append(position)
        }
        // Every kept option strictly between hull vertices hull[s] and hull[s + 1] is noted.
        var s = 0
        for position in kept.indices {
            if position == hull[s] { continue }
            if position == hull[s + 1] { s += 1; continue }
            record.append(PrunedOption(
                option: kept[position],
                reason: .lpDominated(below: kept[hull[s]], above: kept[hull[s + 1]])))
        }
        record.sort { $0.option < $1.option }
        return PrunedGroup(kept: kept, hull: hull, record: record)
    }
}
