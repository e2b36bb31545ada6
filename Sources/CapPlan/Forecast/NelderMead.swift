/// A bounded Nelder–Mead simplex minimiser on the unit box [0, 1]ᵈ (callers map the box onto
/// their parameter ranges). Points outside the box are projected onto it, which keeps every
/// evaluated parameter feasible (Lagarias et al., SIAM J. Optim. 9(1) 1998, standard
/// coefficients ρ = 1, χ = 2, γ = ½, σ = ½). Deterministic.
struct NelderMead {
    var maxEvaluations = 400
    var tolerance = 1e-10
    /// Initial simplex edge, in box units.
    var initialStep = 0.1

    struct Result {
        var point: [Double]
        var value: Double
        var evaluations: Int
    }

    func minimize(start: [Double], _ f: ([Double]) -> Double) -> Result {
        let d = start.count
        func clamp(_ x: [Double]) -> [Double] { x.map { Swift.min(1, Swift.max(0, $0)) } }
        var evaluations = 0
        func eval(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isFinite ? v : .greatestFiniteMagnitude
        }
        var simplex = [clamp(start)]
        for k in 0..<d {
            var v = simplex[0]
            // Step inward when the start sits on the upper face, so the simplex is never flat.
            v[k] = v[k] + initialStep <= 1 ? v[k] + initialStep : v[k] - initialStep
            simplex.append(clamp(v))
        }
        var values = simplex.map(eval)
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = Swift.abs(values[d] - values[0])
            if spread <= tolerance * (Swift.abs(values[0]) + 1e-300) { break }
            var centroid = [Double](repeating: 0, count: d)
            for i in 0..<d { for k in 0..<d { centroid[k] += simplex[i][k] / Double(d) } }
            func along(_ t: Double) -> [Double] {
                clamp((0..<d).map { centroid[$0] + t * (simplex[d][$0] - centroid[$0]) })
            }
            let xr = along(-1); let fr = eval(xr)
            if fr < values[0] {
                let xe = along(-2); let fe = eval(xe)
                if fe < fr { simplex[d] = xe; values[d] = fe } else { simplex[d] = xr; values[d] = fr }
            } else if fr < values[d - 1] {
                simplex[d] = xr; values[d] = fr
            } else {
                let outside = fr < values[d]
                let xc = along(outside ? -0.5 : 0.5); let fc = eval(xc)
                if fc < (outside ? fr : values[d]) {
                    simplex[d] = xc; values[d] = fc
                } else {
                    for i in 1...d {
                        simplex[i] = clamp((0..<d).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) })
                        values[i] = eval(simplex[i])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] } ?? 0
        return Result(point: simplex[best], value: values[best], evaluations: evaluations)
    }
}
