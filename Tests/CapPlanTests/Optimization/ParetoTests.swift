import Testing
@testable import CapPlan

fileprivate func p(_ id: String, _ cost: Double, _ y: Double) -> ParetoPoint { ParetoPoint(id: id, cost: cost, y: y) }

struct ParetoTests {
    @Test func latencyFrontierKeepsOnlyPointsThatImproveOnEveryCheaperOne() throws {
        // By cost: a(1, 9) kept; b(2, 7) kept; c(3, 8) dominated by b; d(4, 3) kept; e(5, 3) same
        // y as d, costs more, dominated; f(6, 1) kept.
        let points = [p("d", 4, 3), p("a", 1, 9), p("f", 6, 1), p("c", 3, 8), p("e", 5, 3), p("b", 2, 7)]
        let front = try ParetoFrontier(points, sense: .lowerIsBetter)
        #expect(front.points.map(\.id) == ["a", "b", "d", "f"])
        #expect(front.dominated.map(\.point.id) == ["c", "e"])
        #expect(front.dominated.map(\.by.id) == ["b", "d"])
        #expect(front.dominated.allSatisfy { !$0.isDuplicate })
    }

    @Test func qualityFrontierPrefersHigherY() throws {
        // Higher is better: a(1, 0.5), b(2, 0.4) dominated by a, c(3, 0.8), d(3, 0.7) dominated by c.
        let front = try ParetoFrontier([p("a", 1, 0.5), p("b", 2, 0.4), p("c", 3, 0.8), p("d", 3, 0.7)], sense: .higherIsBetter)
        #expect(front.points.map(\.id) == ["a", "c"])
        #expect(front.dominated.map(\.point.id) == ["b", "d"])
    }

    @Test func emptyAndSinglePointInputs() throws {
        let empty = try ParetoFrontier([], sense: .lowerIsBetter)
        #expect(empty.points.isEmpty && empty.dominated.isEmpty)
        let one = try ParetoFrontier([p("only", 3, 4)], sense: .higherIsBetter)
        #expect(one.points == [p("only", 3, 4)] && one.dominated.isEmpty)
    }

    @Test func allEqualPointsAreKeptOnceUnderTheSmallestID() throws {
        let points = [p("c", 2, 5), p("a", 2, 5), p("b", 2, 5), p("a", 2, 5)]
        for sense in ParetoSense.allCases {
            let front = try ParetoFrontier(points, sense: sense)
            #expect(front.points == [p("a", 2, 5)])
            #expect(front.dominated.count == 3 && front.dominated.allSatisfy(\.isDuplicate))
            #expect(front.dominated.map(\.point.id) == ["a", "b", "c"])
        }
    }

    @Test func negativeZeroEqualsZero() throws {
        let front = try ParetoFrontier([p("z", 0.0, 1), p("m", -0.0, 1)], sense: .lowerIsBetter)
        #expect(front.points.map(\.id) == ["m"])
        #expect(front.dominated.first?.isDuplicate == true)
    }

    @Test(arguments: [
        (ParetoPoint(id: "gpu-x", cost: .nan, y: 1), "cost"),
        (ParetoPoint(id: "gpu-x", cost: 1, y: .nan), "y"),
        (ParetoPoint(id: "gpu-x", cost: .infinity, y: 1), "cost"),
        (ParetoPoint(id: "gpu-x", cost: 1, y: -.infinity), "y"),
    ])
    func nonFiniteValuesAreRejectedNamingThePoint(bad: ParetoPoint, field: String) {
        do throws(ParetoError) {
            _ = try ParetoFrontier([p("ok", 1, 1), bad, p("ok2", 2, 0)], sense: .lowerIsBetter)
            Issue.record("expected nonFiniteValue")
        } catch {
            guard case let .nonFiniteValue(id, f, _) = error else { Issue.record("\(error)"); return }
            #expect(id == "gpu-x" && f == field)
            #expect(error.message.hasPrefix("option 'gpu-x' has a \(field) of"))
            #expect(error.userHint != nil)
        }
    }

    @Test func nanMessageSaysNaN() {
        #expect(ParetoError.nonFiniteValue(id: "a", field: "y", value: .nan).message
            == "option 'a' has a y of NaN, so it cannot be placed on a Pareto frontier")
    }

    /// Brute force, O(n²): every point no other point dominates, then exact duplicates kept once
    /// (the smallest id, then the earliest), sorted by cost.
    static func bruteForce(_ points: [ParetoPoint], _ sense: ParetoSense) -> [ParetoPoint] {
        func better(_ a: Double, _ b: Double) -> Bool { sense == .lowerIsBetter ? a < b : a > b }
        func dominates(_ a: ParetoPoint, _ b: ParetoPoint) -> Bool {
            a.cost <= b.cost && (better(a.y, b.y) || a.y == b.y) && (a.cost < b.cost || better(a.y, b.y))
        }
        let undominated = points.enumerated().filter { candidate in !points.contains { dominates($0, candidate.element) } }
        var kept: [(Int, ParetoPoint)] = []
        for (i, q) in undominated {
            if let k = kept.firstIndex(where: { $0.1.cost == q.cost && $0.1.y == q.y }) {
                if q.id < kept[k].1.id { kept[k] = (i, q) }
            } else {
                kept.append((i, q))
            }
        }
        return kept.map(\.1).sorted { $0.cost < $1.cost }
    }

    @Test func sweepMatchesBruteForceOnSeededRandomSets() throws {
        var rng = SplitMix64(seed: 2024)
        for trial in 0..<2_000 {
            let n = rng.index(below: 40)
            // Small integer grids force ties and duplicates; every other trial uses continuous values.
            let grid = trial % 2 == 0
            let points = (0..<n).map { i in
                ParetoPoint(id: "o\(rng.index(below: max(1, n)))",
                            cost: grid ? Double(rng.index(below: 8)) : 1_000 * rng.unit(),
                            y: grid ? Double(rng.index(below: 8)) : rng.unit())
            }
            let sense: ParetoSense = rng.index(below: 2) == 0 ? .lowerIsBetter : .higherIsBetter
            let front = try ParetoFrontier(points, sense: sense)
            #expect(front.points == Self.bruteForce(points, sense), "trial \(trial)")
            #expect(front.points.count + front.dominated.count == n, "trial \(trial)")
            // Each dropped point is beaten or duplicated by the frontier point named.
            for d in front.dominated {
                let noWorse = sense == .lowerIsBetter ? d.by.y <= d.point.y : d.by.y >= d.point.y
                #expect(d.by.cost <= d.point.cost && noWorse, "trial \(trial)")
            }
            // The answer does not depend on the input order.
            var shuffled = points
            shuffled.shuffle(using: &rng)
            #expect(try ParetoFrontier(shuffled, sense: sense).points == front.points, "trial \(trial)")
        }
    }

    @Test func frontierIsSortedByCostWithStrictlyImprovingY() throws {
        var rng = SplitMix64(seed: 7)
        let points = (0..<5_000).map { i in ParetoPoint(id: "\(i)", cost: rng.unit(), y: rng.unit()) }
        let front = try ParetoFrontier(points, sense: .lowerIsBetter)
        for (a, b) in zip(front.points, front.points.dropFirst()) {
            #expect(a.cost < b.cost && a.y > b.y)
        }
    }
}
