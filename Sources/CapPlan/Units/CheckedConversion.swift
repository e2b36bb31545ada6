/// The one checked conversion from a computed Double to a whole number: Swift's `Int(x)` traps
/// on NaN, infinity and anything beyond ±9.2e18, so every count derived from user figures goes
/// through this and the caller turns `nil` into an error naming the figure.
extension Int {
    /// `x` rounded by `rule` when it is finite and within ±`limit` (default 2^53, where every
    /// whole Double is exact); nil otherwise.
    public init?(checked x: Double, rounding rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero, limit: Double = 9_007_199_254_740_992) {
        let r = x.rounded(rule)
        guard r.isFinite, Swift.abs(r) <= limit else { return nil }
        self.init(r)
    }
}
