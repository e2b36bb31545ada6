/// A 95% confidence interval for the steady-state mean of an autocorrelated output sequence,
/// by non-overlapping batch means.
///
///     n values → k batches of ⌊n/k⌋ or ⌈n/k⌉ consecutive values;  Ȳ_j = batch j's mean
///     s² = Σ_j (Ȳ_j − Ȳ)² / (k − 1),   Ȳ = (1/k) Σ_j Ȳ_j
///     half-width = t_{0.975, k−1} · s / √k
///
/// Consecutive waits in a busy queue are strongly correlated, so the naive s/√n interval is far
/// too narrow; batches long compared with the correlation time are nearly independent, and
/// their means nearly normal. Source: Law, *Simulation Modeling and Analysis* (5th ed.) §9.5.3;
/// Schmeiser, "Batch size effects in the analysis of simulation output", Oper. Res. 30 (1982)
/// (10–30 batches).
enum BatchMeans {
    /// The k consecutive index ranges of n values: the first n mod k hold ⌈n/k⌉, the rest ⌊n/k⌋.
    static func ranges(count n: Int, batches k: Int) -> [Range<Int>] {
        precondition(k >= 2 && n >= k, "batch means need at least 2 non-empty batches")
        var result: [Range<Int>] = []
        result.reserveCapacity(k)
        var start = 0
        for j in 0..<k {
            let size = n / k + (j < n % k ? 1 : 0)
            result.append(start..<(start + size))
            start += size
        }
        return result
    }

    /// Half-width of the 95% interval for the mean of `values`.
    /// - Complexity: O(n).
    static func halfWidth95(_ values: [Double], batches k: Int) -> Double {
        halfWidth95(batchStatistics: ranges(count: values.count, batches: k).map { range in
            var sum = 0.0
            for i in range { sum += values[i] }
            return sum / Double(range.count)
        })
    }

    /// Half-width of the 95% interval for the nearest-rank p-quantile of `values`, from the
    /// batch quantiles (batched quantile estimation, Law §9.5.3's method applied to Q_p per
    /// batch; the per-batch estimate carries an O(1/m) bias, negligible for batches of
    /// thousands).
    /// - Complexity: O(n) expected.
    static func quantileHalfWidth95(_ values: [Double], _ p: Double, batches k: Int) -> Double {
        halfWidth95(batchStatistics: ranges(count: values.count, batches: k).map { range in
            var batch = Array(values[range])
            return OrderStatistic.nearestRank(&batch, p)
        })
    }

    /// t_{0.975, k−1} · s / √k for k batch statistics Y_j, s² = Σ (Y_j − Ȳ)²/(k − 1).
    static func halfWidth95(batchStatistics y: [Double]) -> Double {
        let k = y.count
        let mean = y.reduce(0, +) / Double(k)
        let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(k - 1)
        return StudentT.quantile975(degreesOfFreedom: k - 1) * (variance / Double(k)).squareRoot()
    }
}

/// Quantiles of Student's t distribution.
enum StudentT {
    /// t_{0.975, ν} for ν = 1 … 30 (the two-sided 95% quantile), from
    /// `scipy.stats.t.ppf(0.975, ν)` rounded to 4 decimals; as in any statistics table
    /// (e.g. Law, *Simulation Modeling and Analysis*, Table T.1).
    static let quantiles975: [Double] = [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ]

    /// t_{0.975, ν}; ν in 1 … 30.
    static func quantile975(degreesOfFreedom nu: Int) -> Double {
        precondition((1...quantiles975.count).contains(nu), "t table covers 1 … 30 degrees of freedom")
        return quantiles975[nu - 1]
    }
}
