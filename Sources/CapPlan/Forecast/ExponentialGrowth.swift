import Foundation

/// Compound (exponential) growth, fitted log-linearly and refined by nonlinear least squares on
/// the original scale (the log fit alone weights early, small values too heavily).
///
///     D(t) = D₀·e^{c·t} = D₀·(1 + r)^t,   r = e^c − 1 per step
///
/// Source: docs/capacity-math.md §3 "Growth models".
public struct ExponentialGrowth: Sendable, Hashable {
    /// D₀, the fitted value at t = 0, in the series' unit; positive.
    public var initialValue: Double
    /// c, continuous growth per step (ln(1 + r)).
    public var logRate: Double
    /// The log-linear starting fit, kept for the derivation.
    public var logLinearStart: (initialValue: Double, logRate: Double) {
        (startInitialValue, startLogRate)
    }
    var startInitialValue: Double
    var startLogRate: Double

    public init(initialValue: Double, logRate: Double) {
        self.initialValue = initialValue
        self.logRate = logRate
        self.startInitialValue = initialValue
        self.startLogRate = logRate
    }

    /// D(t) at step `t`.
    public func value(at t: Double) -> Double { initialValue * Foundation.exp(logRate * t) }

    /// r per step, as a `GrowthRate` (convert with `perMonth`, `perYear`, `doublingSteps`).
    public func rate(stepSeconds: Double) -> GrowthRate {
        GrowthRate(perStep: Foundation.expm1(logRate), stepSeconds: stepSeconds)
    }

    /// Fit to positive `values` at t = 0, 1, …; at least 3 points.
    static func fit(_ values: [Double]) throws(ForecastError) -> ExponentialGrowth {
        let n = values.count
        guard n >= 3 else { throw .tooFewPoints(method: "exponential", points: n, needed: 3) }
        if let bad = values.firstIndex(where: { $0 <= 0 }) {
            throw .nonPositiveValue(method: "exponential growth", index: bad, value: values[bad])
        }
        let t = values.indices.map(Double.init)
        let (logA, c) = LinearGrowth.ols(t, values.map { Foundation.log($0) })
        // NLS in scaled coordinates (τ = t/T, y/ŷmax) so the problem is well conditioned.
        let T = Double(Swift.max(n - 1, 1))
        let yScale = values.max() ?? 1
        let y = values.map { $0 / yScale }
        let start = [logA - Foundation.log(yScale), c * T]
        let lm = LevenbergMarquardt()
        let result = lm.minimize(start: start) { theta in
            (0..<n).map { i in y[i] - Foundation.exp(theta[0] + theta[1] * Double(i) / T) }
        }
        var fit = ExponentialGrowth(initialValue: Foundation.exp(logA), logRate: c)
        if let r = result, r.parameters.allSatisfy(\.isFinite) {
            fit.initialValue = Foundation.exp(r.parameters[0]) * yScale
            fit.logRate = r.parameters[1] / T
        }
        fit.startInitialValue = Foundation.exp(logA)
        fit.startLogRate = c
        return fit
    }
}

extension ExponentialGrowth {
    public static func == (a: ExponentialGrowth, b: ExponentialGrowth) -> Bool {
        a.initialValue == b.initialValue && a.logRate == b.logRate
            && a.startInitialValue == b.startInitialValue && a.startLogRate == b.startLogRate
    }
    public func hash(into h: inout Hasher) {
        h.combine(initialValue); h.combine(logRate); h.combine(startInitialValue); h.combine(startLogRate)
    }
}
