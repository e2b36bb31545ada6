/// Probability that an arrival finds all servers busy in a loss system (Erlang B, M/M/c/c).
///
///     B(0, a) = 1
///     B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a)),   k = 1 … c
///
/// It is evaluated in the equivalent reciprocal form `1/B(k) = 1 + (k/a)·(1/B(k−1))`, which needs
/// no factorials or powers, never overflows to NaN (1/B may grow to +∞, meaning B = 0) and is
/// forward-stable: a relative error in `1/B(k−1)` reaches `1/B(k)` multiplied by `1 − B(k) < 1`.
/// Checked against mpmath (50 digits, incomplete-gamma form) to within a few ulps up to
/// c = 100,000 at ρ = 0.9999 (see ErlangBTests).
///
/// - Parameters:
///   - servers: `c`, identical servers; 1 … `QueueingLimits.maximumServers`.
///   - offeredLoad: `a = λ·E[S]` in erlangs (dimensionless); finite, at least 0. Any value is
///     allowed, including `a ≥ c` (a loss system is always stable).
/// - Returns: A probability in [0, 1]; exactly 0 when `a = 0` or when B is below about 5.6e-309
///   (1/B overflows; the textbook form would creep through subnormals instead).
/// - Throws: `QueueingError.invalidServers`, `QueueingError.invalidOfferedLoad`.
/// - Complexity: O(min(c, 10·√a + (c − a))) after the warm start described in `ErlangBRecursion`.
///
/// Derivation and references: docs/capacity-math.md, "Erlang C, numerically stable".
public func erlangB(servers: Int, offeredLoad: Double) throws -> Double {
    let c = try QueueingValidation.servers(servers)
    let a = try QueueingValidation.offeredLoad(offeredLoad)
    return 1 / ErlangBRecursion.reciprocal(servers: c, offeredLoad: a)
}

/// The Erlang B recursion, on the reciprocal `R(k) = 1/B(k)`.
///
/// Warm start (why the loop is O(√a), not O(c)): below the load, `B(k) ≈ 1 − k/a`, and a relative
/// error in R shrinks by the factor `1 − B(k) ≈ k/a` at every step. Starting at
/// `k₀ = ⌊a − m·√a⌋` from the fluid value `R(k₀) = a/(a − k₀)` (relative error well below 1), the
/// error left at `k ≈ a` is about `∏(k/a) ≈ exp(−m²/2)`; with `m = 10` that is e⁻⁵⁰ ≈ 2e-22,
/// far below one ulp. Measured: m = 6 leaves ~1e-11, m = 8 already agrees with the full
/// recursion to rounding at c = 2,055…100,000.
///
/// Steps go two at a time from the start, `R(k) = (1 + q_k) + (q_k·q_{k−1})·R(k−2)` with
/// `q_k = k/a` — the one-step form regrouped, all terms positive (no cancellation). The two
/// products are formed off the chain of dependent operations on R, which is what bounds the
/// loop's speed: one multiply-add per two servers instead of per server. (Multiplying by a
/// hoisted 1/a instead of dividing is 8% faster but adds a rounding per step: 3e-13 from the
/// full recursion at a = 200,000, against < 1e-13 with the division.) An odd remainder takes
/// one plain step. So every value is defined by its distance from the start: direct evaluation
/// and `ErlangBLadder` (which keeps its base on the same even grid) give identical bits for the
/// same (c, a).
enum ErlangBRecursion {
    /// `m` in `k₀ = ⌊a − m·√a⌋`.
    static let warmStartWidth = 10.0

    /// The starting index and `1/B` there for a recursion that will stop at `servers`.
    static func start(servers: Int, offeredLoad a: Double) -> (index: Int, reciprocal: Double) {
        let k0 = (a - warmStartWidth * a.squareRoot()).rounded(.down)
        if k0 >= 1, k0 <= Double(servers) {
            let k = Int(k0)
            return (k, a / (a - Double(k)))
        }
        return (0, 1)
    }

    /// One step: `1/B(k)` from `1/B(k−1)`. `a > 0`.
    @inline(__always)
    static func step(_ reciprocal: Double, index k: Int, offeredLoad a: Double) -> Double {
        1 + (Double(k) / a) * reciprocal
    }

    /// Two steps: `1/B(k)` from `1/B(k−2)`. `a > 0`.
    @inline(__always)
    static func doubleStep(_ reciprocal: Double, index k: Int, offeredLoad a: Double) -> Double {
        let q = Double(k) / a
        let previous = Double(k - 1) / a
        return (1 + q) + (q * previous) * reciprocal
    }

    /// `1/B(c, a)` from `1/B(k, a)`, where `k ≤ c` lies an even number of steps from the start:
    /// pairs of steps, then one step if one is left. Once +∞ it stays +∞.
    @inline(__always)
    static func advance(_ reciprocal: Double, from index: Int, to c: Int, offeredLoad a: Double) -> Double {
        var r = reciprocal
        var k = index
        while k + 2 <= c, r < .infinity {
            k += 2
            r = doubleStep(r, index: k, offeredLoad: a)
        }
        if k < c, r < .infinity { r = step(r, index: k + 1, offeredLoad: a) }
        return r
    }

    /// `1/B(servers, a)`; +∞ when B underflows (or a = 0).
    static func reciprocal(servers c: Int, offeredLoad a: Double) -> Double {
        guard a > 0 else { return .infinity }
        let (k, r) = start(servers: c, offeredLoad: a)
        return advance(r, from: k, to: c, offeredLoad: a)
    }
}

/// Erlang B for server counts at or above a base that only moves up: what a search over c
/// needs. It keeps one point (the base, `1/B` there) and steps the recursion from it, so a
/// gallop-and-bisect search or an upward scan costs O(c* − first) steps in all and allocates
/// nothing. Values are bit-identical to `ErlangBRecursion.reciprocal`: the base stays on the
/// recursion's grid of paired steps (an even distance from its start), so the steps from it are
/// the very steps direct evaluation takes.
struct ErlangBLadder {
    let offeredLoad: Double
    /// Where the recursion starts for these counts; the base is an even number of steps above it.
    private let origin: Int
    /// The highest grid point at or below every count that may still be asked for, and `1/B` there.
    private(set) var base: Int
    private var baseReciprocal: Double

    /// A ladder for counts `first` and above; `first > a` (the counts a stable queue can have).
    init(offeredLoad: Double, first: Int) {
        self.offeredLoad = offeredLoad
        let start = ErlangBRecursion.start(servers: first, offeredLoad: offeredLoad)
        origin = start.index
        base = first - (first - origin) % 2
        baseReciprocal = offeredLoad > 0
            ? ErlangBRecursion.advance(start.reciprocal, from: origin, to: base, offeredLoad: offeredLoad)
            : .infinity
    }

    /// `1/B(servers, a)` for `servers >= base`, stepped from the base.
    @inline(__always)
    func reciprocal(servers c: Int) -> Double {
        // Mirrors ErlangBRecursion.reciprocal: once +∞ (or a = 0) it stays +∞.
        guard offeredLoad > 0 else { return .infinity }
        return ErlangBRecursion.advance(baseReciprocal, from: base, to: c, offeredLoad: offeredLoad)
    }

    /// `B(servers, a)` for `servers >= base`.
    func erlangB(servers c: Int) -> Double {
        precondition(c >= base, "the ladder only climbs")
        return 1 / reciprocal(servers: c)
    }

    /// Moves the base up towards `c` (a count the search will never go below again): to the
    /// highest grid point at or below it.
    @inline(__always)
    mutating func raiseBase(to c: Int) {
        let grid = c - (c - origin) % 2
        guard grid > base else { return }
        baseReciprocal = reciprocal(servers: grid)
        base = grid
    }
}
