/// Which model a fit uses. `auto` is not a case: `AutoSelection` scores every candidate by
/// rolling-origin backtest and picks the lowest MASE.
public enum ForecastMethod: Sendable, Hashable {
    case linear
    /// Compound growth; the shell also accepts `compound`.
    case exponential
    case logistic
    /// Holt–Winters with a trend (damped or not) and the given seasonality; `.none` is Holt's
    /// linear trend.
    case holtWinters(seasonality: HoltWintersModel.Seasonality, damped: Bool)

    /// The candidates `auto` compares, in a fixed order (ties go to the earlier one).
    public static let autoCandidates: [ForecastMethod] = [
        .linear, .exponential, .logistic,
        .holtWinters(seasonality: .additive, damped: false),
        .holtWinters(seasonality: .multiplicative, damped: false),
        .holtWinters(seasonality: .additive, damped: true),
        .holtWinters(seasonality: .multiplicative, damped: true),
    ]

    /// "linear", "exponential", "logistic", "holt-winters additive damped".
    public var name: String {
        switch self {
        case .linear: return "linear"
        case .exponential: return "exponential"
        case .logistic: return "logistic"
        case let .holtWinters(seasonality, damped):
            let s = seasonality == .none ? "non-seasonal" : seasonality.rawValue
            return "holt-winters \(s)" + (damped ? " damped" : "")
        }
    }

    /// Whether the model's errors scale with the level (intervals use relative errors).
    var hasMultiplicativeErrors: Bool {
        switch self {
        case .exponential: return true
        case let .holtWinters(seasonality, _): return seasonality == .multiplicative
        default: return false
        }
    }
}

/// How the season length is chosen for Holt–Winters.
public enum SeasonChoice: Sendable, Hashable {
    /// Choose among the candidates for the step (`SeasonDetection.candidates`) by autocorrelation.
    case auto
    /// No seasonality (Holt's linear trend).
    case none
    /// A given number of steps per season, at least 2.
    case steps(Int)
}
