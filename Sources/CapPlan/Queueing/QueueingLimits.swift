/// The input ranges every queueing function accepts.
///
/// Why limits at all: inside them every result (waits, percentiles, queue lengths) is a finite
/// Double, so no NaN or infinity can reach a table. They are far wider than any fleet:
/// - `maximumServers` = 10,000,000: the Erlang recursion is O(√a) per call after the warm start
///   (see `ErlangB.swift`) and a search stores at most a few multiples of √a values;
/// - `serviceTimeRange` = 1 ps … 10¹² s (about 31,700 years): with at most 10⁷ servers it keeps
///   the decay rate θ = (c − a)/E[S] between about 10⁻²¹ and 10¹⁹ per second;
/// - `maximumSquaredCoefficientOfVariation` = 10,000: burstier than any measured traffic
///   (BurstGPT's Gamma inter-arrivals have c_a² of a few to a few tens).
public enum QueueingLimits {
    /// The largest server count accepted, `c ≤ 10,000,000`.
    public static let maximumServers = 10_000_000
    /// Accepted mean service times `E[S]`, in seconds.
    public static let serviceTimeRange: ClosedRange<Double> = 1e-12...1e12
    /// The largest accepted `ca2` or `cs2` (dimensionless).
    public static let maximumSquaredCoefficientOfVariation = 10_000.0
}
