/// Holt–Winters exponential smoothing: level, (optionally damped) trend and one seasonal
/// period, additive or multiplicative. The recursions are docs/capacity-math.md §3:
///
///     additive:       ŷ_{t+h} = ℓ_t + (φ + … + φ^h)·b_t + s_{t+h−m(k+1)},   k = ⌊(h−1)/m⌋
///                     ℓ_t = α(y_t − s_{t−m}) + (1−α)(ℓ_{t−1} + φ·b_{t−1})
///                     b_t = β*(ℓ_t − ℓ_{t−1}) + (1−β*)·φ·b_{t−1}
///                     s_t = γ(y_t − ℓ_{t−1} − φ·b_{t−1}) + (1−γ)·s_{t−m}
///     multiplicative: ŷ_{t+h} = (ℓ_t + (φ + … + φ^h)·b_t)·s_{t+h−m(k+1)}
///                     ℓ_t = α·y_t/s_{t−m} + (1−α)(ℓ_{t−1} + φ·b_{t−1})
///                     s_t = γ·y_t/(ℓ_{t−1} + φ·b_{t−1}) + (1−γ)·s_{t−m}
///
/// Without damping φ = 1. Without a season (`seasonLength == nil`) this is Holt's linear trend.
/// Source: Hyndman & Athanasopoulos, FPP3 §8.3; statsmodels `ExponentialSmoothing`.
public struct HoltWintersModel: Sendable, Hashable {
    public enum Seasonality: String, Sendable, Hashable, CaseIterable {
        case none, additive, multiplicative
    }

    /// Smoothing parameters, each in [0, 1]; `gamma ≤ 1 − alpha`; `phi` in [0.8, 1].
    public struct Parameters: Sendable, Hashable {
        public var alpha: Double
        /// β* of FPP (the trend smoothing relative to the level change), not β = α·β*.
        public var beta: Double
        public var gamma: Double
        /// Damping factor; 1 means an undamped trend.
        public var phi: Double
        public init(alpha: Double, beta: Double, gamma: Double, phi: Double = 1) {
            self.alpha = alpha; self.beta = beta; self.gamma = gamma; self.phi = phi
        }
    }

    /// Level, trend and the last `m` seasonal states at some time `t`.
    public struct State: Sendable, Hashable {
        public var level: Double
        public var trend: Double
        /// `seasonals[j]` is the most recent seasonal state for times `τ ≡ j (mod m)`; empty when
        /// there is no season.
        public var seasonals: [Double]
        public init(level: Double, trend: Double, seasonals: [Double]) {
            self.level = level; self.trend = trend; self.seasonals = seasonals
        }
    }

    public var seasonality: Seasonality
    /// `m`, steps per season; nil without a season.
    public var seasonLength: Int?
    public var isDamped: Bool
    public var parameters: Parameters
    /// The state before the first observation (time −1), with `seasonals[j]` used by times
    /// `t ≡ j (mod m)` in the first season. Optimised by the fit.
    public var initialState: State

    public init(seasonality: Seasonality, seasonLength: Int?, isDamped: Bool,
                parameters: Parameters, initialState: State) {
        self.seasonality = seasonality
        self.seasonLength = seasonality == .none ? nil : seasonLength
        self.isDamped = isDamped
        self.parameters = parameters
        self.initialState = initialState
    }

    /// The result of running the recursions over a history.
    public struct Filtered: Sendable, Hashable {
        /// ŷ_{t|t−1} for every t (one-step-ahead predictions).
        public var oneStep: [Double]
        /// The state after the last observation.
        public var final: State
        /// Σ (y_t − ŷ_{t|t−1})²; infinite when a multiplicative level or season left (0, ∞).
        public var sse: Double
    }

    /// Runs the recursions over `values`, from `initialState`. O(n).
    public func filter(_ values: [Double]) -> Filtered {
        var predictions = [Double](repeating: 0, count: values.count)
        let (state, sse) = run(values, initial: initialState, predictions: &predictions)
        return Filtered(oneStep: predictions, final: state, sse: sse)
    }

    /// SSE only, without allocating predictions (the optimiser's objective).
    func sse(_ values: [Double], initial: State) -> Double {
        var none: [Double] = []
        return run(values, initial: initial, predictions: &none).1
    }

    /// The recursions. Writes predictions when `predictions` has room for them.
    func run(_ values: [Double], initial: State, predictions: inout [Double]) -> (State, Double) {
        // The ring index j is t mod m throughout, so `seasonals[j]` always holds the latest
        // state for phase j and the final state needs no rotation.
        let p = parameters
        let phi = isDamped ? p.phi : 1
        var level = initial.level
        var trend = initial.trend
        var s = initial.seasonals
        let m = seasonLength ?? 0
        let record = predictions.count == values.count
        var sse = 0.0
        var j = 0
        for t in 0..<values.count {
            let y = values[t]
            let base = level + phi * trend
            let previousLevel = level
            switch seasonality {
            case .none:
                let e = y - base
                sse += e * e
                if record { predictions[t] = base }
                level = p.alpha * y + (1 - p.alpha) * base
            case .additive:
                let season = s[j]
                let yhat = base + season
                let e = y - yhat
                sse += e * e
                if record { predictions[t] = yhat }
                level = p.alpha * (y - season) + (1 - p.alpha) * base
                s[j] = p.gamma * (y - base) + (1 - p.gamma) * season
            case .multiplicative:
                let season = s[j]
                guard base > 0, season > 0 else { return (State(level: level, trend: trend, seasonals: s), .infinity) }
                let yhat = base * season
                let e = y - yhat
                sse += e * e
                if record { predictions[t] = yhat }
                level = p.alpha * (y / season) + (1 - p.alpha) * base
                s[j] = p.gamma * (y / base) + (1 - p.gamma) * season
            }
            trend = p.beta * (level - previousLevel) + (1 - p.beta) * phi * trend
            if m > 0 { j += 1; if j == m { j = 0 } }
        }
        return (State(level: level, trend: trend, seasonals: s), sse)
    }

    /// Point forecasts for horizons 1…`horizon` from `state`, the state at the last observed
    /// time `t` (0-based index `lastIndex`, so the ring's phase is known):
    ///
    ///     ŷ_{t+h} = ℓ_t + (φ + … + φ^h)·b_t ⊕ s_{t+h−m(k+1)},   k = ⌊(h−1)/m⌋
    ///
    /// `t+h−m(k+1)` is the latest time ≤ t with the same phase as t+h, so at h = m it is t itself
    /// (the seasonal state just updated), not t−m.
    public func forecast(from state: State, lastIndex t: Int, horizon: Int) -> [Double] {
        let phi = isDamped ? parameters.phi : 1
        var out = [Double](repeating: 0, count: Swift.max(0, horizon))
        var damp = 0.0
        var power = 1.0
        for h in Swift.stride(from: 1, through: horizon, by: 1) {
            power *= phi
            damp += power
            let base = state.level + damp * state.trend
            switch seasonality {
            case .none:
                out[h - 1] = base
            case .additive, .multiplicative:
                let m = seasonLength ?? 1
                let k = (h - 1) / m
                let source = t + h - m * (k + 1)          // time index of s used, in (t−m, t]
                let season = state.seasonals[((source % m) + m) % m]
                out[h - 1] = seasonality == .additive ? base + season : base * season
            }
        }
        return out
    }
}
