/// How to buy the GPU-hours of a demand profile: reserved capacity for the base load, on-demand
/// and/or spot for the rest, with the commitment term compared (none, 1-year, 3-year); the pure
/// part of the `purchase` command (capacity-math.md §6 "Pricing models"; issue 5).
///
/// With demand `d_t` GPUs in steps of `Δ` hours (profile length `T = n·Δ`), `R` reserved GPUs,
/// spot share `s` of the demand above `R`, and the costs scaled from the profile to the horizon
/// `H` hours (the profile is taken as representative, `k = H / T`):
///
///     E(R)       = Σ_t max(d_t − R, 0) · Δ                         GPU-hours above R
///     p_x        = s · p_eff + (1 − s) · p_OD                      $/GPU-h for the excess
///     C_reserved = R · p_res · H                                   paid every hour, used or not
///     C_excess   = k · E(R) · p_x        (split into on-demand and spot)
///     C_all-OD   = k · Σ_t d_t · Δ · p_OD                          the baseline
///     savings    = C_all-OD − (C_reserved + C_excess)
///
/// **Reserved level.** The base-load rule (`ReservedLevelRule`: the trough, a low quantile such
/// as p10, or a fixed count) gives one `R`. The optimal `R` minimises the total cost; raising `R`
/// by one GPU adds `p_res·T` and saves `p_x·Δ·#{t : d_t ≥ R + 1}` (integer demand), so
///
///     reserve one more GPU while  F(R) = share of hours with d_t > R  >  p_res / p_x
///
/// (reserved pays off only when used more than `1 − d` of the hours, d the discount). The cost is
/// convex and piecewise linear in `R`, with kinks only at demand values, so evaluating `R = 0` and
/// the floor and ceiling of every demand value finds the same optimum as scanning every integer
/// from 0 to the peak; ties go to the smaller `R` (less commitment).
///
/// **Terms.** A commitment runs 12 or 36 months whatever the horizon: `committedSpend` is the
/// whole obligation, `R · p_res · 8,760 h · years`, and a note says when it outlives the horizon.
public struct PurchaseMix: Sendable, Hashable {
    /// `n·Δ`, hours the profile covers.
    public var profileHours: Double
    /// Mean demand, GPUs.
    public var meanGPUs: Double
    /// Peak demand, GPUs.
    public var peakGPUs: Double
    /// `R` from the base-load rule, GPUs.
    public var baseLoadGPUs: Int
    public var baseLoadRule: ReservedLevelRule
    /// `H`, the horizon the costs cover, hours.
    public var horizonHours: Double
    /// `s`, the share of the demand above `R` bought as spot, in [0, 1].
    public var spotShare: Double
    public var prices: PurchasePrices
    /// `C_all-OD`, dollars over the horizon.
    public var allOnDemandCost: Double
    /// Rows: no commitment, then for each priced term its base-load and optimal reservations.
    public var options: [PurchaseOption]
    public var derivation: Derivation

    /// The cheapest option (the first of equals, so the least commitment wins a tie).
    public var cheapest: PurchaseOption { Self.cheapest(of: options) }

    static func cheapest(of options: [PurchaseOption]) -> PurchaseOption {
        options.dropFirst().reduce(options[0]) { $1.totalCost < $0.totalCost ? $1 : $0 }
    }
}

/// How many GPUs to reserve for the base load.
public enum ReservedLevelRule: Sendable, Hashable {
    /// `floor(min_t d_t)`: never an idle reserved GPU.
    case trough
    /// `floor(q_p)`, the `p`-quantile of the profile (Hyndman–Fan type 7, numpy's default);
    /// `p` in [0, 1], 0.1 for p10.
    case quantile(Double)
    /// A fixed count, at least 0.
    case gpus(Int)
}

/// Prices per GPU-hour, in dollars, that the purchase mix compares.
public struct PurchasePrices: Sendable, Hashable {
    /// `p_OD`; above 0.
    public var onDemand: Double
    /// 1-year reserved or Savings Plan rate, billed every hour; nil when not offered.
    public var reserved1y: Double?
    /// 3-year rate, billed every hour; nil when not offered.
    public var reserved3y: Double?
    /// `p_eff`, the effective spot price (`EffectiveSpotPrice.price`); needed when the spot share is above 0.
    public var spot: Double?

    public init(onDemand: Double, reserved1y: Double? = nil, reserved3y: Double? = nil, spot: Double? = nil) {
        self.onDemand = onDemand
        self.reserved1y = reserved1y
        self.reserved3y = reserved3y
        self.spot = spot
    }
}

/// A commitment term.
public enum CommitmentTerm: String, Sendable, Hashable, CaseIterable, Codable {
    case none
    case oneYear = "1-year"
    case threeYear = "3-year"

    /// Years committed: 0, 1 or 3.
    public var years: Int {
        switch self {
        case .none: return 0
        case .oneYear: return 1
        case .threeYear: return 3
        }
    }
}

/// One row of the purchase table. Costs are dollars over the horizon.
public struct PurchaseOption: Sendable, Hashable {
    /// How `reservedGPUs` was chosen.
    public enum Sizing: String, Sendable, Hashable, Codable {
        /// No reservation (term `none`).
        case none
        /// The base-load rule.
        case baseLoad = "base load"
        /// The cheapest `R`.
        case optimal
    }

    public var term: CommitmentTerm
    public var sizing: Sizing
    /// `R`, GPUs reserved.
    public var reservedGPUs: Int
    /// `p_res`, dollars per GPU-hour; nil for `none`.
    public var reservedPrice: Double?
    /// `R · p_res · H`.
    public var reservedCost: Double
    /// `k · E(R) · (1 − s) · p_OD`.
    public var onDemandCost: Double
    /// `k · E(R) · s · p_eff`.
    public var spotCost: Double
    /// `C_all-OD − totalCost`; negative when the option costs more than all on-demand.
    public var savings: Double
    /// `savings / C_all-OD`.
    public var savingsFraction: Double
    /// `Σ min(d_t, R)·Δ / (R·T)`, the share of reserved hours used; nil when `R = 0`.
    public var reservedUtilization: Double?
    /// `F(R)`, the share of hours with demand above `R`.
    public var shareOfHoursAboveReserved: Double
    /// `R · p_res · 8,760 · years`, the whole commitment in dollars, whatever the horizon.
    public var committedSpend: Double

    /// `C_reserved + C_on-demand + C_spot`, dollars over the horizon.
    public var totalCost: Double { reservedCost + onDemandCost + spotCost }
}
