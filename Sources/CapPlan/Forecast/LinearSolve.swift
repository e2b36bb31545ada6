/// Small dense linear algebra for the fitters: a symmetric positive (semi)definite solve by
/// Gaussian elimination with partial pivoting. Systems here are at most a few hundred unknowns
/// (Holt–Winters initial states), so O(p³) is fine.
enum LinearSolve {
    /// Solves `A x = b` for a square row-major `A` (p×p). Returns nil when singular.
    static func solve(_ a: [Double], _ b: [Double], size p: Int) -> [Double]? {
        var m = a
        var x = b
        for col in 0..<p {
            var pivot = col
            var best = Swift.abs(m[col * p + col])
            for r in (col + 1)..<Swift.max(col + 1, p) where Swift.abs(m[r * p + col]) > best {
                best = Swift.abs(m[r * p + col]); pivot = r
            }
            guard best > 1e-300, best.isFinite else { return nil }
            if pivot != col {
                for c in 0..<p { m.swapAt(col * p + c, pivot * p + c) }
                x.swapAt(col, pivot)
            }
            let d = m[col * p + col]
            for r in (col + 1)..<Swift.max(col + 1, p) {
                let f = m[r * p + col] / d
                if f == 0 { continue }
                for c in col..<p { m[r * p + c] -= f * m[col * p + c] }
                x[r] -= f * x[col]
            }
        }
        for col in stride(from: p - 1, through: 0, by: -1) {
            var s = x[col]
            for c in (col + 1)..<Swift.max(col + 1, p) { s -= m[col * p + c] * x[c] }
            x[col] = s / m[col * p + col]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }

    /// Least squares `min ‖J x − r‖²` through the normal equations with a relative ridge
    /// `λ·diag(JᵀJ)` (λ = 0 gives plain Gauss–Newton). `J` is n×p row-major.
    static func leastSquares(jacobian j: [Double], residuals r: [Double], rows n: Int, columns p: Int,
                             damping lambda: Double = 0) -> [Double]? {
        var jtj = [Double](repeating: 0, count: p * p)
        var jtr = [Double](repeating: 0, count: p)
        for i in 0..<n {
            let row = i * p
            let ri = r[i]
            for a in 0..<p {
                let ja = j[row + a]
                if ja == 0 { continue }
                jtr[a] += ja * ri
                for b in a..<p { jtj[a * p + b] += ja * j[row + b] }
            }
        }
        for a in 0..<p { for b in 0..<a { jtj[a * p + b] = jtj[b * p + a] } }
        for a in 0..<p {
            let d = jtj[a * p + a]
            jtj[a * p + a] = d * (1 + lambda) + (d == 0 ? 1e-12 : 0)
        }
        return solve(jtj, jtr, size: p)
    }
}
