/// Order statistics for token sizes and other per-request values.
public enum Percentile {
    /// The `p`-quantile of ascending `sorted` values by linear interpolation between closest
    /// ranks (Hyndman–Fan type 7, numpy's and pandas' default, so their users can check it):
    ///
    ///     h = (n − 1)·p,   q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋])     (0-based x)
    ///
    /// - Parameters:
    ///   - sorted: ascending, at least one value.
    ///   - p: in [0, 1] (0.99 for p99).
    public static func of(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty && p >= 0 && p <= 1, "percentile of an empty list or outside [0, 1]")
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        guard lo + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo])
    }
}
