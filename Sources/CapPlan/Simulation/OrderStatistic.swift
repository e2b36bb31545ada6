/// Exact order statistics without a full sort.
enum OrderStatistic {
    /// The nearest-rank p-quantile: the ⌈p·n⌉-th smallest value (1-based), exact, as in
    /// Hyndman & Fan (1996) definition 1 (inverse of the empirical CDF).
    ///
    ///     q_p = x_(k),   k = max(1, ⌈p·n⌉)
    ///
    /// Reorders `values`. `values` non-empty, `p` in (0, 1].
    /// - Complexity: O(n) expected (Hoare's FIND / quickselect, median-of-three pivot).
    static func nearestRank(_ values: inout [Double], _ p: Double) -> Double {
        precondition(!values.isEmpty && p > 0 && p <= 1, "quantile of an empty list or outside (0, 1]")
        let k = max(1, Int((p * Double(values.count)).rounded(.up))) - 1
        return select(&values, k)
    }

    /// The k-th smallest (0-based) of `values`, leaving it at index k.
    /// Source: Hoare, "Algorithm 65: Find", CACM 4(7) 1961.
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        var lo = 0
        var hi = values.count - 1
        values.withUnsafeMutableBufferPointer { a in
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                // Median of three to `mid`.
                if a[mid] < a[lo] { a.swapAt(mid, lo) }
                if a[hi] < a[lo] { a.swapAt(hi, lo) }
                if a[hi] < a[mid] { a.swapAt(hi, mid) }
                let pivot = a[mid]
                var i = lo
                var j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while pivot < a[j] { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { break }
            }
        }
        return values[k]
    }
}
