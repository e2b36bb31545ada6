/// The exact core of the solver: a dynamic program over lists of non-dominated (cost, value)
/// states, one list per prefix of groups, pruned by a Lagrangian bound.
///
///     L_0 = {(0, 0)}
///     L_i = nondominated { (c + c_ij, v + v_ij) : (c, v) ∈ L_{i−1}, j kept, c + c_ij ≤ B }
///     (c, v) dominates (c′, v′)  ⇔  c ≤ c′ ∧ v ≥ v′
///     answer = the last (dearest, most valuable) state of L_K
///
/// Costs are exact integers, so no budget is discretised: a list never holds more than one state
/// per distinct reachable cost, and usually far fewer (Pisinger-style state merging; each list
/// is built by merging the |options| shifted copies of the previous list in cost order).
///
/// Bound. For any λ ≥ 0 the Lagrangian relaxation bounds the best completion of a state
/// (c, v) after group i with the remaining budget B − c:
///
///     v + max Σ_{g>i} v_g  s.t. Σ_{g>i} c_g ≤ B − c   ≤   v + λ·(B − c) + Σ_{g>i} max_j (v_gj − λ·c_gj)
///
/// (weak duality; c ≤ B keeps λ·(B − c) ≥ 0). With λ the LP's dual price the bound is close to
/// the LP bound, and it costs O(1) per state through suffix sums. A state is dropped only when
/// this bound is below a target value T by more than a rounding tolerance `τ = 1e-9·scale`; the
/// states of every plan worth ≥ T bound to at least T, so they are never dropped, and if the
/// best plan found is worth ≥ T it is the optimum — the bound only skips work. The caller
/// starts with T just below the LP bound and lowers it until a plan reaches it (at the latest
/// T = a known feasible plan's value). This replaces the removal of LP-dominated options, which
/// would not be exact.
///
/// Ties. States with equal cost and value keep the lexicographically smallest prefix of option
/// indices (found by walking both parent chains back to their common ancestor), and a state
/// with equal value and higher cost is dominated, so the answer is the most valuable plan, then
/// the cheapest, then the one with the smallest option indices in group order.
///
/// Floating point: values are summed in group order, as the brute force and the numpy reference
/// do, so totals are bit-identical. Dominance uses the monotonicity of rounded addition
/// (v ≥ v′ ⇒ fl(v + x) ≥ fl(v′ + x)); a plan can lose a tie-break only to one whose exact value
/// is higher by less than an ulp of the total.
///
/// Sources: Pisinger, "A Minimal Algorithm for the Multiple-Choice Knapsack Problem", *EJOR*
/// 83(2):394–410 (1995) (state lists with dominance, bounded by the LP); Kellerer, Pferschy &
/// Pisinger, *Knapsack Problems* (2004), §11.5.
///
/// - Complexity: O(Σ_i |kept_i|·|L_{i−1}|) time; |L_i| ≤ min(B + 1, Π|kept|) before bounding.
struct DominanceListSolver {
    let options: [[KnapsackOption]]
    let pruned: [PrunedGroup]
    let budget: Int64
    let lambda: Double

    /// Number of states created over all lists (diagnostics).
    private(set) var statesKept = 0

    // Per stage i (after group i): the parent index in stage i − 1 and the option index.
    private var parents: [[Int32]] = []
    private var picks: [[Int32]] = []

    init(options: [[KnapsackOption]], pruned: [PrunedGroup], budget: Int64, lambda: Double) {
        self.options = options
        self.pruned = pruned
        self.budget = budget
        self.lambda = lambda
    }

    /// What one pass with a target found.
    enum Outcome {
        /// The optimal option index per group.
        case optimal([Int])
        /// No plan reaches the target; `bestFound` is the value of a feasible plan that survived
        /// the bound (a valid, usually excellent, next target), if any did.
        case belowTarget(bestFound: Double?)
    }

    /// The optimal option index per group, provided the optimum is at least `target`;
    /// otherwise `.belowTarget` (then call again with a lower target). With `target` the value
    /// of a feasible plan the answer is always `.optimal`.
    ///
    /// Why a high target is safe: every prefix state of a plan worth at least `target` bounds to
    /// at least `target` and is kept, so when the best final state reaches `target` it is the
    /// optimum, and every optimal plan took part in the tie-breaks.
    mutating func solve(target: Double) -> Outcome {
        parents.removeAll(keepingCapacity: true)
        picks.removeAll(keepingCapacity: true)
        let incumbentValue = target
        let groupCount = options.count
        // r_g = max_j (v_gj − λ c_gj);  suffix[i] = Σ_{g ≥ i} r_g.
        var suffix = [Double](repeating: 0, count: groupCount + 1)
        var magnitude = 0.0
        for g in stride(from: groupCount - 1, through: 0, by: -1) {
            var best = -Double.infinity
            for j in pruned[g].kept {
                let o = options[g][j]
                best = max(best, o.value - lambda * Double(o.cost))
                magnitude = max(magnitude, abs(o.value))
            }
            suffix[g] = suffix[g + 1] + best
        }
        let lambda = self.lambda, budget = self.budget
        let lambdaBudget = lambda * Double(budget)
        let scale = max(1, abs(incumbentValue), abs(lambdaBudget), abs(suffix[0]), magnitude * Double(groupCount))
        let tolerance = 1e-9 * scale

        var stageCost: [Int64] = [0]
        var stageValue: [Double] = [0]
        var outCost: [Int64] = [], outValue: [Double] = [], outParent: [Int32] = [], outPick: [Int32] = []
        var accCost: [Int64] = [], accValue: [Double] = [], accParent: [Int32] = [], accPick: [Int32] = []
        parents.reserveCapacity(groupCount)
        picks.reserveCapacity(groupCount)

        for g in 0..<groupCount {
            // Keep (c, v) iff v − λc ≥ threshold  ⇔  bound ≥ incumbent − τ.
            let threshold = incumbentValue - tolerance - lambdaBudget - suffix[g + 1]
            let prevCost = stageCost, prevValue = stageValue
            var bestPrevReduced = -Double.infinity
            for s in prevCost.indices {
                bestPrevReduced = max(bestPrevReduced, prevValue[s] - lambda * Double(prevCost[s]))
            }
            accCost.removeAll(keepingCapacity: true)
            accValue.removeAll(keepingCapacity: true)
            accParent.removeAll(keepingCapacity: true)
            accPick.removeAll(keepingCapacity: true)
            for j in pruned[g].kept {
                let option = options[g][j]
                if bestPrevReduced + (option.value - lambda * Double(option.cost)) < threshold - tolerance { continue }
                let room = budget - option.cost
                let pick = Int32(j)
                outCost.removeAll(keepingCapacity: true)
                outValue.removeAll(keepingCapacity: true)
                outParent.removeAll(keepingCapacity: true)
                outPick.removeAll(keepingCapacity: true)

                // Merge acc (sorted by cost, strictly increasing value) with the stream
                // prev + option (sorted by cost), keeping only non-dominated states.
                var a = 0
                var s = 0
                var lastValue = -Double.infinity
                let accCount = accCost.count
                let prevCount = prevCost.count
                // Next admissible stream element at or after s, or prevCount.
                @inline(__always) func advance(_ start: Int) -> Int {
                    var t = start
                    while t < prevCount {
                        let c = prevCost[t]
                        if c > room { return prevCount }
                        let v = prevValue[t] + option.value
                        if v - lambda * Double(c + option.cost) >= threshold { return t }
                        t += 1
                    }
                    return prevCount
                }
                s = advance(0)
                while a < accCount || s < prevCount {
                    var takeStream: Bool
                    if a == accCount {
                        takeStream = true
                    } else if s == prevCount {
                        takeStream = false
                    } else {
                        let streamCost = prevCost[s] + option.cost
                        if streamCost != accCost[a] {
                            takeStream = streamCost < accCost[a]
                        } else {
                            let streamValue = prevValue[s] + option.value
                            if streamValue != accValue[a] {
                                takeStream = streamValue > accValue[a]
                            } else {
                                // Equal cost and value: the lexicographically smaller prefix first.
                                takeStream = prefers(stage: g, parentA: s, pickA: pick,
                                                     parentB: Int(accParent[a]), pickB: accPick[a])
                            }
                        }
                    }
                    if takeStream {
                        let v = prevValue[s] + option.value
                        if v > lastValue {
                            outCost.append(prevCost[s] + option.cost)
                            outValue.append(v)
                            outParent.append(Int32(s))
                            outPick.append(pick)
                            lastValue = v
                        }
                        s = advance(s + 1)
                    } else {
                        let v = accValue[a]
                        if v > lastValue {
                            outCost.append(accCost[a])
                            outValue.append(v)
                            outParent.append(accParent[a])
                            outPick.append(accPick[a])
                            lastValue = v
                        }
                        a += 1
                    }
                }
                swap(&accCost, &outCost)
                swap(&accValue, &outValue)
                swap(&accParent, &outParent)
                swap(&accPick, &outPick)
            }
            if accCost.isEmpty { return .belowTarget(bestFound: nil) }
            statesKept += accCost.count
            parents.append(accParent)
            picks.append(accPick)
            stageCost = accCost
            stageValue = accValue
        }

        guard let best = stageValue.last, best >= target else { return .belowTarget(bestFound: stageValue.last) }
        var choice = [Int](repeating: 0, count: groupCount)
        var state = stageCost.count - 1
        for g in stride(from: groupCount - 1, through: 0, by: -1) {
            choice[g] = Int(picks[g][state])
            state = Int(parents[g][state])
        }
        return .optimal(choice)
    }

    /// Whether the prefix ending in (parent `parentA` of stage `stage − 1`, option `pickA`) is
    /// lexicographically smaller than the one ending in (`parentB`, `pickB`).
    private func prefers(stage: Int, parentA: Int, pickA: Int32, parentB: Int, pickB: Int32) -> Bool {
        var result = pickA < pickB
        var a = parentA, b = parentB, k = stage - 1
        while a != b {
            let x = picks[k][a], y = picks[k][b]
            if x != y { result = x < y }
            a = Int(parents[k][a])
            b = Int(parents[k][b])
            k -= 1
        }
        return result
    }
}

