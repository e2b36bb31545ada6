/// The non-dominated options of a (cost, y) trade-off: the `pareto` command's table
/// (capacity-math.md §7 "Pareto frontiers").
///
/// A point `a` dominates `b` when it costs no more and is no worse on `y`, and is strictly better
/// on one of the two. The frontier is every point that nothing dominates, found with the
/// Kung–Luccio–Preparata sweep for two objectives:
///
///     sort by (cost ascending, y best first, id ascending)
///     sweep: keep a point only if its y is strictly better than the best y kept so far
///
/// - Ties: of points with equal cost, only the one with the best `y` can be kept; a point with
///   the same `y` as a cheaper one is dominated. Exact duplicates (same cost and `y`) are kept
///   once: the one with the smallest `id` (then the earliest in the input), so the answer does not
///   depend on the input order. `-0.0` and `0.0` are equal.
/// - Odd inputs: an empty list gives an empty frontier; NaN or infinite values throw
///   `ParetoError.nonFiniteValue` naming the point, never a crash or a silent wrong order.
///
/// Source: H. T. Kung, F. Luccio & F. P. Preparata, "On Finding the Maxima of a Set of Vectors",
/// JACM 22(4), 469–476 (1975), doi:10.1145/321906.321910.
public struct ParetoFrontier: Sendable, Hashable {
    /// Frontier points by ascending cost (and so strictly improving `y`).
    public var points: [ParetoPoint]
    /// Every other point with one frontier point that dominates it, or that it duplicates, in
    /// sweep order.
    public var dominated: [DominatedParetoPoint]
    public var sense: ParetoSense

    /// Computes the frontier.
    ///
    /// - Parameters:
    ///   - points: the options; any count, ids need not be unique. `cost` in any unit (dollars
    ///     per month for `pareto`), `y` in the unit of its metric (seconds for p99, a score for
    ///     quality); both finite.
    ///   - sense: whether lower `y` is better (latency) or higher (quality).
    /// - Throws: `ParetoError.nonFiniteValue` for the first point (in input order) whose cost or
    ///   `y` is NaN or infinite.
    /// - Complexity: O(n log n) for n points (the sort), then O(n).
    public init(_ points: [ParetoPoint], sense: ParetoSense) throws(ParetoError) {
        for p in points {
            guard p.cost.isFinite else { throw .nonFiniteValue(id: p.id, field: "cost", value: p.cost) }
            guard p.y.isFinite else { throw .nonFiniteValue(id: p.id, field: "y", value: p.y) }
        }
        self.sense = sense
        self.points = []
        self.dominated = []
        // Score so that lower is always better: y itself, or −y when higher is better.
        let score: (ParetoPoint) -> Double = sense == .lowerIsBetter ? { $0.y } : { -$0.y }
        let order = points.indices.sorted { i, j in
            let a = points[i], b = points[j]
            if a.cost != b.cost { return a.cost < b.cost }
            if score(a) != score(b) { return score(a) < score(b) }
            if a.id != b.id { return a.id < b.id }
            return i < j
        }
        for i in order {
            let p = points[i]
            if let best = self.points.last {
                if score(p) < score(best) {
                    self.points.append(p)
                } else {
                    let isDuplicate = p.cost == best.cost && p.y == best.y
                    dominated.append(DominatedParetoPoint(point: p, by: best, isDuplicate: isDuplicate))
                }
            } else {
                self.points.append(p)
            }
        }
    }
}

/// One option on a (cost, y) plane.
public struct ParetoPoint: Sendable, Hashable {
    /// The option's name, shown in tables and errors.
    public var id: String
    /// Lower is better: dollars per month for `pareto x=cost`.
    public var cost: Double
    /// The second objective: p99 or TTFT in seconds (lower is better) or a quality score
    /// (higher is better).
    public var y: Double

    public init(id: String, cost: Double, y: Double) {
        self.id = id
        self.cost = cost
        self.y = y
    }
}

/// Which way the `y` objective points.
public enum ParetoSense: String, Sendable, Hashable, CaseIterable, Codable {
    /// Latency: p99, TTFT.
    case lowerIsBetter = "lower"
    /// Quality scores, throughput.
    case higherIsBetter = "higher"
}

/// A point off the frontier and the frontier point that beats (or duplicates) it.
public struct DominatedParetoPoint: Sendable, Hashable {
    public var point: ParetoPoint
    /// A frontier point that costs no more and is no worse on `y`.
    public var by: ParetoPoint
    /// True when `point` has the same cost and `y` as `by` (kept once, as `by`).
    public var isDuplicate: Bool
}

/// Why a Pareto analysis refused its input.
public enum ParetoError: Error, Sendable, Equatable {
    /// A cost or `y` that is NaN or infinite; `field` is `"cost"` or `"y"`.
    case nonFiniteValue(id: String, field: String, value: Double)

    /// What went wrong, one sentence, no trailing period.
    public var message: String {
        switch self {
        case let .nonFiniteValue(id, field, value):
            let text = value.isNaN ? "NaN" : (value > 0 ? "infinity" : "−infinity")
            return "option '\(id)' has a \(field) of \(text), so it cannot be placed on a Pareto frontier"
        }
    }

    /// What the user can do about it, one sentence, no trailing period.
    public var hint: String {
        switch self {
        case .nonFiniteValue:
            return "check how that option's value was computed (a division by zero, or a missing price or measurement), or drop the option"
        }
    }
}

extension ParetoError: UserFacingError {
    public var userHint: String? { hint }
}
