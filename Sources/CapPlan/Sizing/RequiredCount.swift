/// The one "how many" helper of the sizing pipeline (design.md, step 2).
///
///     requiredCount(x) = ceil(x), except that x within a relative 1e-9 of a whole number is
///                        that whole number
///
/// Why: capacity ratios are computed in binary floating point, where 100 × 1.1 / 10 evaluates to
/// 11.000000000000002 and a plain `ceil` would buy a twelfth GPU. A tolerance of 1e-9 relative is
/// far below any real measurement precision and far above float64 rounding noise (~1e-16).
///
/// - Parameter x: a non-negative amount of work in units of one instance's capacity.
/// - Returns: the smallest whole count covering `x`; 0 for `x <= 0` or NaN; `Int.max` for
///   anything too large to count (callers reject such fleets with an error of their own).
public func requiredCount(_ x: Double) -> Int {
    guard !x.isNaN, x > 0 else { return 0 }
    guard x < 9e18 else { return Int.max }
    let nearest = x.rounded()
    if abs(x - nearest) <= 1e-9 * Swift.max(1, abs(x)) {
        return Int(nearest)
    }
    return Int(x.rounded(.up))
}
