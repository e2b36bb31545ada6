import Foundation  // exp, erfc, sqrt

/// The Halfin–Whitt limit of P(wait) under square-root staffing; a sanity check for Erlang C.
///
///     c = a + β·√a   ⇒   P(wait) → α(β) = [1 + β·Φ(β)/φ(β)]⁻¹     as a → ∞
///     Φ = standard normal CDF, φ = standard normal density
///
/// Evaluated as `φ/(φ + β·Φ)`, which is 0 rather than NaN once φ(β) underflows (β ≳ 38).
/// Values: α(0.5) = 0.5045, α(1) = 0.2234, α(1.5) = 0.0847, α(2) = 0.0269; at c = 2,055,
/// a = 2,000 (β = 1.2298) it gives 0.1460 against the exact Erlang C 0.1489.
///
/// - Parameter beta: β ≥ 0, finite (dimensionless); β = 0 gives 1.
/// - Returns: A probability in (0, 1].
/// - Throws: `QueueingError.invalidStaffingParameter`.
///
/// Derivation and references: docs/capacity-math.md, "Halfin–Whitt square-root staffing";
/// Halfin & Whitt, *Operations Research* 29(3):567–588 (1981).
public func halfinWhittDelayProbability(beta: Double) throws -> Double {
    guard beta.isFinite, beta >= 0 else { throw QueueingError.invalidStaffingParameter(beta) }
    let density = exp(-beta * beta / 2) / (2 * Double.pi).squareRoot()
    let cumulative = erfc(-beta / 2.0.squareRoot()) / 2
    return density / (density + beta * cumulative)
}

/// The Halfin–Whitt staffing parameter of a fleet: how many standard deviations of the offered
/// load the spare servers cover.
///
///     β = (c − a) / √a
///
/// - Parameters:
///   - servers: c; 1 … `QueueingLimits.maximumServers`.
///   - offeredLoad: a in erlangs; finite, above 0, below `servers`.
/// - Returns: β > 0, dimensionless.
/// - Throws: `QueueingError.unstable` when `a >= c`; `.invalidServers`; `.invalidOfferedLoad`
///   (including a = 0, where β is undefined).
public func halfinWhittBeta(servers: Int, offeredLoad: Double) throws -> Double {
    let c = try QueueingValidation.servers(servers)
    let a = try QueueingValidation.offeredLoad(offeredLoad)
    guard a > 0 else { throw QueueingError.invalidOfferedLoad(a) }
    try QueueingValidation.requireStable(servers: c, offeredLoad: a)
    return (Double(c) - a) / a.squareRoot()
}
