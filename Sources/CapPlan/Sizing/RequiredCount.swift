/// The one "how many" helper of the sizing pipeline (design.md, step 2).
///
///     requiredCount(x) = ceil(x), except that x within a relative 1e-9 of a whole number is
///                        that whole number
///
/// (and never more than 1e-6 absolute).
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
    // Relative 1e-9, but never more than 1e-6 in absolute terms: on a fleet of a billion
    // instances a relative tolerance alone would round real shortfalls away.
    if abs(x - nearest) <= Swift.min(1e-9 * Swift.max(1, abs(x)), 1e-6) {
        return Int(nearest)
    }
    return Int(x.rounded(.up))
}
