/// N+k spares and the zone spread (capacity-math.md §4 "Redundancy").
///
///     R₁ = R_need + k                         (N+k: k spare instances)
///     R  = Z × ceil(R₁ / (Z − f))             (Z zones surviving f zone failures; Z = 1: R = R₁)
///
/// Spares come first, then the spread, in that one order (design.md "The sizing pipeline").
/// - Parameters:
///   - needed: instances the demand and SLA need, ≥ 0.
///   - spares: k ≥ 0.
///   - zones: Z ≥ 1.
///   - zoneFailures: f with 0 ≤ f < Z.
/// - Returns: the instance count to deploy.
public func redundantInstances(needed: Int, spares: Int, zones: Int, zoneFailures: Int) -> Int {
    let withSpares = needed + Swift.max(0, spares)
    guard zones > 1 else { return withSpares }
    let surviving = Swift.max(1, zones - Swift.max(0, zoneFailures))
    let perZone = (withSpares + surviving - 1) / surviving
    return zones * perZone
}
