/// Linear growth fitted by ordinary least squares.
///
///     D(t) = D₀ + g·t,   g = Σ(t−t̄)(y−ȳ) / Σ(t−t̄)²,   D₀ = ȳ − g·t̄
///
/// `t` counts steps from the first point (t = 0). Source: docs/capacity-math.md §3.
public struct LinearGrowth: Sendable, Hashable {
    /// D₀, the fitted value at t = 0, in the series' unit.
    public var intercept: Double
    /// g, change per step, in the series' unit per step.
    public var slope: Double

    public init(intercept: Double, slope: Double) {
        self.intercept = intercept
        self.slope = slope
    }

    /// D(t) at step `t` (fractional steps allowed).
    public func value(at t: Double) -> Double { intercept + slope * t }

    /// OLS fit to `values` at t = 0, 1, …; at least 2 points.
    static func fit(_ values: [Double]) throws(ForecastError) -> LinearGrowth {
        guard values.count >= 2 else { throw .tooFewPoints(method: "linear", points: values.count, needed: 2) }
        let (a, b) = ols(values.indices.map(Double.init), values)
        return LinearGrowth(intercept: a, slope: b)
    }

    /// Least-squares line through (x, y): returns (intercept, slope).
    static func ols(_ x: [Double], _ y: [Double]) -> (Double, Double) {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        return (my - slope * mx, slope)
    }
}
