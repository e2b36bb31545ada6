/// Chooses a season length from the step and the data's autocorrelation.
///
///     r(m) = Σ_{t≥m} (x_t − x̄)(x_{t−m} − x̄) / Σ (x_t − x̄)²,   x = y minus its OLS line
///
/// Candidates from the step: 30 min → 48 (day), 336 (week); 1 h → 24, 168; 1 d → 7; 1 week →
/// 52; 1 month → 12; 1 quarter → 4. A candidate needs three full seasons of data (two for the
/// initial states, one to learn from). The longest-period candidate wins only when its
/// autocorrelation beats the shorter one by more than 0.1 (a weekly cycle contains the daily
/// one, and needs 7× the states). Below r = 0.3 the series is treated as non-seasonal.
public enum SeasonDetection {
    /// The result of a choice, for the derivation.
    public struct Choice: Sendable, Hashable {
        /// Steps per season; nil when no candidate is seasonal enough.
        public var seasonLength: Int?
        /// (candidate, autocorrelation) for every candidate the data could support.
        public var scores: [Score]
        public struct Score: Sendable, Hashable {
            public var length: Int
            public var autocorrelation: Double
        }
    }

    /// Minimum autocorrelation at the season lag to call a series seasonal.
    public static let threshold = 0.3

    /// Candidate season lengths (steps) for a step of `stepSeconds`, shortest first.
    public static func candidates(stepSeconds: Double) -> [Int] {
        let day = 86_400.0
        func near(_ a: Double, _ b: Double) -> Bool { Swift.abs(a - b) <= 0.02 * b }
        if near(stepSeconds, 1_800) { return [48, 336] }
        if near(stepSeconds, 3_600) { return [24, 168] }
        if near(stepSeconds, 900) { return [96, 672] }
        if near(stepSeconds, 300) { return [288, 2_016] }
        if near(stepSeconds, 60) { return [1_440] }
        if near(stepSeconds, day) { return [7] }
        if near(stepSeconds, 7 * day) { return [52] }
        if stepSeconds >= 28 * day && stepSeconds <= 31 * day { return [12] }
        if stepSeconds >= 89 * day && stepSeconds <= 92 * day { return [4] }
        // Other steps: whole days and weeks when they divide evenly.
        var out: [Int] = []
        for period in [day, 7 * day] where stepSeconds < period {
            let ratio = period / stepSeconds
            if ratio == ratio.rounded(), ratio >= 2 { out.append(Int(ratio)) }
        }
        return out
    }

    /// Picks a season length for `values` sampled every `stepSeconds`.
    public static func choose(_ values: [Double], stepSeconds: Double) -> Choice {
        let n = values.count
        var scores: [Choice.Score] = []
        guard n >= 6 else { return Choice(seasonLength: nil, scores: []) }
        let (a, b) = LinearGrowth.ols(values.indices.map(Double.init), values)
        let x = values.indices.map { values[$0] - (a + b * Double($0)) }
        for m in candidates(stepSeconds: stepSeconds) where n >= 3 * m {
            scores.append(.init(length: m, autocorrelation: autocorrelation(x, lag: m)))
        }
        var chosen: Choice.Score?
        for s in scores where s.autocorrelation >= threshold {
            if let c = chosen {
                if s.autocorrelation > c.autocorrelation + 0.1 { chosen = s }
            } else {
                chosen = s
            }
        }
        return Choice(seasonLength: chosen?.length, scores: scores)
    }

    /// Sample autocorrelation of `x` (already centred or not) at `lag`.
    static func autocorrelation(_ x: [Double], lag: Int) -> Double {
        let n = x.count
        guard lag < n else { return 0 }
        let mean = x.reduce(0, +) / Double(n)
        var num = 0.0, den = 0.0
        for t in 0..<n {
            let d = x[t] - mean
            den += d * d
            if t >= lag { num += d * (x[t - lag] - mean) }
        }
        return den > 0 ? num / den : 0
    }
}
