/// Probability that an arriving request has to wait (Erlang C, M/M/c delay probability).
///
///     C(c, a) = B(c, a) / (1 − ρ·(1 − B(c, a)))      ρ = a / c,  B = Erlang B
///             = c·B / ((c − a) + a·B)                 (the form evaluated: no 1 − ρ cancellation)
///
/// Measured within one ulp of mpmath (50 digits) for up to 100,000 servers at utilisation 0.9999
/// (see ErlangCTests for the values and how they were computed).
///
/// - Parameters:
///   - servers: `c`, identical servers; 1 … `QueueingLimits.maximumServers`.
///   - offeredLoad: `a = λ·E[S]` in erlangs (dimensionless); finite, at least 0, below `servers`.
/// - Returns: A probability in [0, 1]; 0 when `a = 0`.
/// - Throws: `QueueingError.unstable` (with the servers stability needs) when `offeredLoad >= servers`;
///   `QueueingError.invalidServers`, `QueueingError.invalidOfferedLoad`.
/// - Complexity: O(10·√a + (c − a)), see `ErlangBRecursion`.
///
/// Derivation and references: docs/capacity-math.md, "Erlang C, numerically stable";
/// Kleinrock, *Queueing Systems* Vol. 1, §3.5.
public func erlangC(servers: Int, offeredLoad: Double) throws -> Double {
    let c = try QueueingValidation.servers(servers)
    let a = try QueueingValidation.offeredLoad(offeredLoad)
    try QueueingValidation.requireStable(servers: c, offeredLoad: a)
    return erlangC(servers: c, offeredLoad: a, erlangB: 1 / ErlangBRecursion.reciprocal(servers: c, offeredLoad: a))
}

/// Erlang C from Erlang B for a stable system (`a < c`, checked by the caller).
@inline(__always)
func erlangC(servers c: Int, offeredLoad a: Double, erlangB b: Double) -> Double {
    let servers = Double(c)
    return Swift.min(1, servers * b / ((servers - a) + a * b))
}
