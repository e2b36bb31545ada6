/// Accuracy measures for backtests (docs/capacity-math.md §3 "Backtesting").
///
///     MAPE  = (100/n)·Σ|y−ŷ|/|y|                        (points with y = 0 are skipped)
///     sMAPE = (100/n)·Σ 2|y−ŷ|/(|y|+|ŷ|)                (0–200; 0/0 counts as 0)
///     MASE  = mean|y−ŷ| / [(1/(T−m))·Σ_{t=m+1..T}|y_t − y_{t−m}|]   (training data, lag m)
///     pinball L_τ = τ(y−q) if y ≥ q else (1−τ)(q−y)
///
/// Sources: Hyndman & Koehler, IJF 22(4) 2006 (MASE); FPP3 §5.8–5.10.
public enum ForecastMetrics {
    /// Mean absolute percentage error, in percent; nil when every actual is 0.
    public static func mape(actual: [Double], forecast: [Double]) -> Double? {
        var total = 0.0, count = 0
        for (y, f) in zip(actual, forecast) where y != 0 {
            total += Swift.abs(y - f) / Swift.abs(y); count += 1
        }
        return count > 0 ? 100 * total / Double(count) : nil
    }

    /// Symmetric MAPE, in percent (0–200).
    public static func smape(actual: [Double], forecast: [Double]) -> Double {
        guard !actual.isEmpty else { return 0 }
        var total = 0.0
        for (y, f) in zip(actual, forecast) {
            let den = Swift.abs(y) + Swift.abs(f)
            if den > 0 { total += 2 * Swift.abs(y - f) / den }
        }
        return 100 * total / Double(Swift.min(actual.count, forecast.count))
    }

    /// The MASE denominator: mean |y_t − y_{t−m}| over the training data; nil when it is 0 or
    /// the data are shorter than m + 1.
    public static func seasonalNaiveScale(training: [Double], seasonLength m: Int) -> Double? {
        let lag = Swift.max(1, m)
        guard training.count > lag else { return nil }
        var total = 0.0
        for t in lag..<training.count { total += Swift.abs(training[t] - training[t - lag]) }
        let scale = total / Double(training.count - lag)
        return scale > 0 ? scale : nil
    }

    /// Mean absolute scaled error against the seasonal-naive scale of `training`.
    public static func mase(actual: [Double], forecast: [Double], training: [Double], seasonLength m: Int) -> Double? {
        guard let scale = seasonalNaiveScale(training: training, seasonLength: m), !actual.isEmpty else { return nil }
        let mae = zip(actual, forecast).reduce(0) { $0 + Swift.abs($1.0 - $1.1) } / Double(Swift.min(actual.count, forecast.count))
        return mae / scale
    }

    /// Pinball (quantile) loss of quantile forecast `q` at level `tau`, averaged.
    public static func pinball(actual: [Double], quantile q: [Double], tau: Double) -> Double {
        guard !actual.isEmpty else { return 0 }
        var total = 0.0
        for (y, qq) in zip(actual, q) { total += y >= qq ? tau * (y - qq) : (1 - tau) * (qq - y) }
        return total / Double(Swift.min(actual.count, q.count))
    }

    /// Fraction of actuals inside [lower, upper] (inclusive), in [0, 1].
    public static func coverage(actual: [Double], lower: [Double], upper: [Double]) -> Double {
        guard !actual.isEmpty else { return 0 }
        var inside = 0
        for i in actual.indices where actual[i] >= lower[i] && actual[i] <= upper[i] { inside += 1 }
        return Double(inside) / Double(actual.count)
    }

    /// Sample quantile with linear interpolation between order statistics (Hyndman–Fan type 7,
    /// numpy's default). `sorted` must be ascending and non-empty; `p` in [0, 1].
    static func quantile(sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
