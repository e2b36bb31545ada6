/// Why a cost computation (break-even, effective spot price, purchase mix) refused its input.
///
/// Every function in `Cost/` validates its input and throws one of these instead of trapping or
/// returning NaN or infinity. `message` says what is wrong and `hint` what to do about it, both in
/// plain English, one sentence, no trailing period. All message text lives in this file.
public enum CostError: Error, Sendable, Equatable {
    /// A number outside its valid range, NaN or infinite. `name` is the key the user typed
    /// (`capex`, `pue`, `spot_price`, …) and `expected` the valid range in words.
    case invalidValue(name: String, value: Double, expected: String)
    /// A count (GPUs per server, reserved GPUs) outside its valid range.
    case invalidCount(name: String, value: Int, expected: String)
    /// Interruptions destroy at least as much capacity as they leave: `λ_i·t_lost ≥ 1`, so the
    /// effective spot price `p_spot / (1 − λ_i·t_lost)` is infinite or negative.
    case spotLossTooLarge(interruptionsPerHour: Double, lostHours: Double)
    /// A demand profile without any value.
    case emptyDemandProfile
    /// A demand value (GPUs) that is negative, NaN or infinite; `index` starts at 0.
    case invalidDemand(index: Int, value: Double)
    /// A spot share above 0 without a spot price to charge it at.
    case missingSpotPrice(spotShare: Double)

    /// What went wrong, one sentence, no trailing period.
    public var message: String {
        switch self {
        case let .invalidValue(name, value, expected):
            return "\(name) must be \(expected); got \(Self.describe(value))"
        case let .invalidCount(name, value, expected):
            return "\(name) must be \(expected); got \(value)"
        case let .spotLossTooLarge(rate, lost):
            let product = rate * lost
            return "spot capacity lost to interruptions is \(Self.describe(product)) of every paid hour "
                + "(λ = \(Self.describe(rate)) interruptions per hour × t_lost = \(Self.describe(lost)) h), "
                + "so no useful hour is left to pay for"
        case .emptyDemandProfile:
            return "the demand profile has no values"
        case let .invalidDemand(index, value):
            return "demand value #\(index + 1) must be a finite number of GPUs, at least 0; got \(Self.describe(value))"
        case let .missingSpotPrice(share):
            return "a spot share of \(NumberFormat.percent(share)) needs a spot price"
        }
    }

    /// What the user can do about it, one sentence, no trailing period.
    public var hint: String {
        switch self {
        case let .invalidValue(name, _, _):
            switch name {
            case "pue": return "PUE is facility power over IT power: 1.1–1.2 for hyperscale sites, 1.58 the 2023 industry average"
            case "power_utilization", "utilization", "spot_share", "ops":
                return "write 70% as 0.7"
            case "interruption_frequency": return "use the monthly interruption rate as a fraction, for example 0.1 for the 5–10% Spot Advisor bucket"
            case "quantile": return "write p10 as 0.1; use 0 for the trough"
            default: return "check the value and its unit"
            }
        case .invalidCount:
            return "use a whole number, for example gpus_per_server=8"
        case .spotLossTooLarge:
            return "shorten the time a replacement takes to become ready (T_ready + drain), pick a lower "
                + "interruption bucket, or do not run this workload on spot"
        case .emptyDemandProfile:
            return "load a demand history or give at least one GPU count"
        case .invalidDemand:
            return "fill or drop the gap in the demand profile; demand is a GPU count such as 12 or 12.5"
        case .missingSpotPrice:
            return "give the spot price per GPU-hour (spot_price=$X), or set the spot share to 0"
        }
    }
}

extension CostError: UserFacingError {
    public var userHint: String? { hint.isEmpty ? nil : hint }
}

extension CostError {
    /// A Double for a message: six significant digits; NaN and infinity spelled out.
    fileprivate static func describe(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "infinity" : "−infinity" }
        return NumberFormat.decimal(value)
    }
}

/// Input checks shared by the cost functions; each throws `CostError.invalidValue` naming the key.
enum CostValidation {
    static func positive(_ x: Double, _ name: String) throws(CostError) {
        guard x.isFinite, x > 0 else { throw .invalidValue(name: name, value: x, expected: "a finite number above 0") }
    }

    static func nonNegative(_ x: Double, _ name: String) throws(CostError) {
        guard x.isFinite, x >= 0 else { throw .invalidValue(name: name, value: x, expected: "a finite number, at least 0") }
    }

    static func fraction(_ x: Double, _ name: String) throws(CostError) {
        guard x.isFinite, x >= 0, x <= 1 else { throw .invalidValue(name: name, value: x, expected: "between 0 and 1") }
    }
}
