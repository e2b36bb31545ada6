import Foundation

/// Tokens per request as a distribution: the mean, and the percentiles a user knows (`in=` with
/// `in.p50= in.p90= in.p99=`) or a request log's empirical distribution (`empirical`).
///
/// The quantile function passes through every known percentile, between two of them as the
/// lognormal through both (ln x linear in the normal quantile z_p, so a lognormal's own
/// percentiles give back that lognormal); below the lowest and above the highest it follows a
/// lognormal tail whose σ comes from the known percentiles (two or more: the spread between the outermost; one: it and the mean,
/// solving ln(x_p / mean) = σ·z_p − σ²/2 for a lognormal of that mean). With no percentile,
/// every request has the mean.
public struct TokenLengths: Sendable, Hashable {
    /// Mean tokens per request, > 0.
    public var mean: Double
    /// Known percentiles (p, tokens), p strictly increasing in (0, 1), tokens non-decreasing.
    public private(set) var percentiles: [Percentile]

    public struct Percentile: Sendable, Hashable {
        public var p: Double
        public var tokens: Double
        public init(p: Double, tokens: Double) {
            self.p = p
            self.tokens = tokens
        }
    }

    /// - Throws: `TokenLengthsError` when a value is not positive and finite, a percentile is
    ///   outside (0, 1), or the tokens decrease as p increases.
    public init(mean: Double, percentiles: [Percentile] = []) throws {
        guard mean.isFinite, mean > 0 else { throw TokenLengthsError.invalidMean(mean) }
        let sorted = percentiles.sorted { $0.p < $1.p }
        for (i, q) in sorted.enumerated() {
            guard q.p > 0, q.p < 1, q.tokens.isFinite, q.tokens > 0 else { throw TokenLengthsError.invalidPercentile(p: q.p, tokens: q.tokens) }
            if i > 0 {
                guard q.p > sorted[i - 1].p else { throw TokenLengthsError.invalidPercentile(p: q.p, tokens: q.tokens) }
                guard q.tokens >= sorted[i - 1].tokens else {
                    throw TokenLengthsError.decreasing(lower: sorted[i - 1], higher: q)
                }
            }
        }
        self.mean = mean
        self.percentiles = sorted
        tailSigma = try Self.sigma(mean: mean, sorted)
    }

    /// Every request the same length.
    public static func constant(_ tokens: Double) throws -> TokenLengths { try TokenLengths(mean: tokens) }

    /// The empirical distribution of `samples` (a request log's lengths), kept as its mean and
    /// 99 percentiles p1…p99.
    /// - Throws: `TokenLengthsError.invalidMean` when there are no positive samples.
    public static func empirical(_ samples: [Double]) throws -> TokenLengths {
        let values = samples.filter { $0.isFinite && $0 > 0 }.sorted()
        guard !values.isEmpty else { throw TokenLengthsError.invalidMean(0) }
        let mean = values.reduce(0, +) / Double(values.count)
        let points = (1...99).map { Percentile(p: Double($0) / 100, tokens: CapPlan.Percentile.of(values, Double($0) / 100)) }
        return try TokenLengths(mean: mean, percentiles: points)
    }

    /// σ of the lognormal tails (0 with no percentile).
    private var tailSigma: Double

    /// Whether lengths vary (some percentile is known).
    public var varies: Bool {
        guard !percentiles.isEmpty else { return false }
        return tailSigma > 0 || percentiles.contains { $0.tokens != mean }
    }

    /// The p-quantile of the length, tokens (0 < p < 1).
    public func quantile(_ p: Double) -> Double {
        guard let first = percentiles.first, let last = percentiles.last else { return mean }
        if p <= first.p { return first.tokens * Foundation.exp(tailSigma * (Distributions.normalQuantile(p) - Distributions.normalQuantile(first.p))) }
        if p >= last.p { return last.tokens * Foundation.exp(tailSigma * (Distributions.normalQuantile(p) - Distributions.normalQuantile(last.p))) }
        let upper = percentiles.firstIndex { $0.p >= p } ?? percentiles.count - 1
        let a = percentiles[upper - 1], b = percentiles[upper]
        guard a.tokens > 0, b.tokens > a.tokens else { return a.tokens }
        // Log-linear in the normal quantile: exact for a lognormal through both points.
        let za = Distributions.normalQuantile(a.p), zb = Distributions.normalQuantile(b.p)
        return a.tokens * Foundation.exp(Foundation.log(b.tokens / a.tokens) * (Distributions.normalQuantile(p) - za) / (zb - za))
    }

    /// The quantiles at the midpoints of n equal probability slices, (i + ½)/n: a sample of
    /// the distribution for sums and mixtures.
    public func grid(_ n: Int) -> [Double] {
        guard varies else { return [mean] }
        return (0..<n).map { quantile((Double($0) + 0.5) / Double(n)) }
    }

    /// Slices of the distribution, finer in the upper tail where latency percentiles are
    /// decided: 18 of 5% up to p90, 9 of 1% to p99, 9 of 0.1% to p99.9 and 10 of 0.01%, each
    /// as (its midpoint's quantile, its probability). One slice of weight 1 when lengths do
    /// not vary.
    public var tailWeightedSlices: [(tokens: Double, weight: Double)] {
        guard varies else { return [(mean, 1)] }
        var slices: [(tokens: Double, weight: Double)] = []
        var lower = 0.0
        for (count, upper) in [(18, 0.9), (9, 0.99), (9, 0.999), (10, 1.0)] {
            let width = (upper - lower) / Double(count)
            for i in 0..<count { slices.append((quantile(lower + (Double(i) + 0.5) * width), width)) }
            lower = upper
        }
        return slices
    }

    /// E[S²] / E[S]² over `tailWeightedSlices` (with their own mean): 1 for constant lengths.
    /// The variance of a sum of a Poisson number of prompts grows by this factor.
    public var secondMomentRatio: Double { momentRatio(2) }

    /// E[S³] / E[S]³ over `tailWeightedSlices`: 1 for constant lengths; e^(3σ²) for a
    /// lognormal. The skew of the prompts a step carries grows with it.
    public var thirdMomentRatio: Double { momentRatio(3) }

    /// E[Sᵏ] / E[S]ᵏ over `tailWeightedSlices`.
    func momentRatio(_ k: Int) -> Double {
        let slices = tailWeightedSlices
        let m = slices.reduce(0) { $0 + $1.tokens * $1.weight }
        guard m > 0 else { return 1 }
        let power = Double(k)
        return slices.reduce(0) { $0 + Foundation.pow($1.tokens / m, power) * $1.weight }
    }

    static func sigma(mean: Double, _ sorted: [Percentile]) throws -> Double {
        guard let first = sorted.first, let last = sorted.last else { return 0 }
        if sorted.count >= 2, last.tokens > first.tokens {
            return Foundation.log(last.tokens / first.tokens) / (Distributions.normalQuantile(last.p) - Distributions.normalQuantile(first.p))
        }
        // One percentile (or all equal): the lognormal of this mean through it.
        let z = Distributions.normalQuantile(first.p), r = Foundation.log(first.tokens / mean)
        let discriminant = z * z - 2 * r
        guard discriminant >= 0 else { throw TokenLengthsError.inconsistentWithMean(first, mean: mean) }
        let sigma = z - discriminant.squareRoot()
        return sigma > 0 ? sigma : Swift.max(0, z + discriminant.squareRoot())
    }
}

/// Token-length inputs that do not make a distribution.
public enum TokenLengthsError: Error, Sendable, Hashable {
    case invalidMean(Double)
    case invalidPercentile(p: Double, tokens: Double)
    case decreasing(lower: TokenLengths.Percentile, higher: TokenLengths.Percentile)
    case inconsistentWithMean(TokenLengths.Percentile, mean: Double)

    public var message: String {
        switch self {
        case let .invalidMean(m): return "mean tokens per request must be positive and finite (got \(NumberFormat.decimal(m)))"
        case let .invalidPercentile(p, tokens): return "percentile \(NumberFormat.percentile(p)) of \(NumberFormat.decimal(tokens)) tokens is not usable"
        case let .decreasing(lower, higher):
            return "\(NumberFormat.percentile(higher.p)) (\(NumberFormat.decimal(higher.tokens)) tokens) is below \(NumberFormat.percentile(lower.p)) (\(NumberFormat.decimal(lower.tokens)))"
        case let .inconsistentWithMean(q, mean):
            return "\(NumberFormat.percentile(q.p)) of \(NumberFormat.decimal(q.tokens)) tokens cannot come with a mean of \(NumberFormat.decimal(mean)) (no lognormal has both)"
        }
    }

    public var hint: String {
        switch self {
        case .invalidMean, .invalidPercentile: return "give token counts greater than zero"
        case .decreasing: return "percentiles grow with p: p50 ≤ p90 ≤ p99"
        case .inconsistentWithMean: return "check the mean (in=, out=) against the percentile, or give p50 as well"
        }
    }
}
