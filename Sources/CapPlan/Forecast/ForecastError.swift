/// Why a fit, forecast or backtest refused its input.
///
/// Each case carries the values needed to explain itself; `message` says what is wrong and
/// `userHint` what to do about it. All message text for the Forecast folder lives in this file.
public enum ForecastError: Error, Sendable, Equatable {
    /// Fewer points than the method needs (`needed` points for `method`).
    case tooFewPoints(method: String, points: Int, needed: Int)
    /// A value that is NaN or infinite, at 0-based `index`.
    case nonFiniteValue(index: Int)
    /// The step between points (seconds) is not a positive finite number.
    case invalidStep(Double)
    /// The method needs strictly positive values (log or multiplicative models); the first
    /// offending value is at 0-based `index`.
    case nonPositiveValue(method: String, index: Int, value: Double)
    /// A season length below 2, or one the series is too short to estimate (needs two seasons).
    case invalidSeasonLength(length: Int, points: Int)
    /// A horizon below 1 step or above `maximum`.
    case invalidHorizon(Int, maximum: Int)
    /// An interval level outside (0, 1).
    case invalidIntervalLevel(Double)
    /// The optimiser or solver produced no finite fit (degenerate data).
    case fitFailed(method: String, reason: String)
    /// Not enough history for even one backtest fold.
    case backtestTooShort(points: Int, needed: Int)

    /// What went wrong, one sentence, no trailing period.
    public var message: String {
        switch self {
        case let .tooFewPoints(method, points, needed):
            return "\(method) needs at least \(needed) points of history; the series has \(points)"
        case let .nonFiniteValue(index):
            return "the series has a missing or non-finite value at point \(index + 1)"
        case let .invalidStep(step):
            return "the step between points must be a positive number of seconds; got \(step)"
        case let .nonPositiveValue(method, index, value):
            return "\(method) needs values above 0, but point \(index + 1) is \(value)"
        case let .invalidSeasonLength(length, points):
            return "a season of \(length) steps cannot be fitted to \(points) points (needs a season of at least 2 steps and two full seasons of history)"
        case let .invalidHorizon(horizon, maximum):
            return "the horizon must be between 1 and \(maximum) steps; got \(horizon)"
        case let .invalidIntervalLevel(level):
            return "an interval level must be strictly between 0% and 100%; got \(level * 100)%"
        case let .fitFailed(method, reason):
            return "the \(method) fit failed: \(reason)"
        case let .backtestTooShort(points, needed):
            return "a backtest needs at least \(needed) points; the series has \(points)"
        }
    }

    /// What to do about it.
    public var userHint: String? {
        switch self {
        case .tooFewPoints, .backtestTooShort:
            return "load a longer history, or use a coarser method (linear needs 3 points)"
        case .nonFiniteValue:
            return "fill the gaps when loading (load history … fill=…), or trim the series"
        case .invalidStep:
            return "give the step explicitly, for example step=1h"
        case .nonPositiveValue:
            return "use method=linear or holt-winters with additive seasonality, which accept zeros"
        case .invalidSeasonLength:
            return "use season=auto, a shorter season, or load at least two seasons of history"
        case .invalidHorizon:
            return "ask for a shorter horizon"
        case .invalidIntervalLevel:
            return "write levels as percentages, for example interval=80%,95%"
        case .fitFailed:
            return "try another method, for example method=linear"
        }
    }
}

extension ForecastError: UserFacingError {}
