import Foundation

extension PurchaseMix {
    /// Prices every option for a demand profile; see `PurchaseMix` for the formulas.
    ///
    /// - Parameters:
    ///   - demand: `d_t`, GPUs in use in each step; at least one value, each finite and ≥ 0.
    ///   - stepHours: `Δ`, hours per value; above 0 (1 for hourly values).
    ///   - prices: dollars per GPU-hour; every given price above 0.
    ///   - baseLoad: the rule for the base-load reservation; p10 by default.
    ///   - spotShare: `s` in [0, 1], the share of the demand above `R` bought as spot; 0 by default.
    ///   - horizonHours: `H`, hours to cost; above 0 (8,760 for 12 months, the default).
    ///   - recording: false skips formatting the derivation steps.
    /// - Throws: `CostError.emptyDemandProfile`, `.invalidDemand` (naming the value),
    ///   `.invalidValue` / `.invalidCount` for other inputs, `.missingSpotPrice`.
    /// - Complexity: O(n log n) for n demand values (a sort, then one pass per option).
    public init(demand: [Double], stepHours: Double = 1, prices: PurchasePrices,
                baseLoad: ReservedLevelRule = .quantile(0.1), spotShare: Double = 0,
                horizonHours: Double = 8_760, recording: Bool = true) throws(CostError) {
        guard !demand.isEmpty else { throw .emptyDemandProfile }
        for (i, d) in demand.enumerated() where !(d.isFinite && d >= 0) { throw .invalidDemand(index: i, value: d) }
        try CostValidation.positive(stepHours, "step")
        try CostValidation.positive(horizonHours, "horizon")
        try CostValidation.fraction(spotShare, "spot_share")
        try CostValidation.positive(prices.onDemand, "on-demand price")
        if let p = prices.reserved1y { try CostValidation.positive(p, "reserved-1y price") }
        if let p = prices.reserved3y { try CostValidation.positive(p, "reserved-3y price") }
        if let p = prices.spot { try CostValidation.positive(p, "spot price") }
        if spotShare > 0 && prices.spot == nil { throw .missingSpotPrice(spotShare: spotShare) }

        let profile = DemandLadder(demand, stepHours: stepHours)
        let baseR: Int
        switch baseLoad {
        case .trough:
            baseR = Self.wholeGPUs(profile.sorted[0])
        case let .quantile(p):
            try CostValidation.fraction(p, "quantile")
            baseR = Self.wholeGPUs(Percentile.of(profile.sorted, p))
        case let .gpus(k):
            guard k >= 0 else { throw .invalidCount(name: "reserved", value: k, expected: "at least 0") }
            baseR = k
        }

        self.profileHours = profile.hours
        self.meanGPUs = profile.total / Double(demand.count)
        self.peakGPUs = profile.sorted[profile.sorted.count - 1]
        self.baseLoadGPUs = baseR
        self.baseLoadRule = baseLoad
        self.horizonHours = horizonHours
        self.spotShare = spotShare
        self.prices = prices
        let scale = horizonHours / profile.hours
        self.allOnDemandCost = scale * profile.total * stepHours * prices.onDemand
        var derivation = Derivation(title: "purchase mix", recording: recording)
        var options: [PurchaseOption] = []

        let spotPrice = prices.spot ?? 0
        let excessPrice = spotShare * spotPrice + (1 - spotShare) * prices.onDemand
        let allOD = allOnDemandCost
        func money(_ x: Double) -> String { NumberFormat.money(x) }
        func number(_ x: Double) -> String { NumberFormat.decimal(x) }
        func pct(_ x: Double) -> String { NumberFormat.percent(x) }

        func option(_ term: CommitmentTerm, _ sizing: PurchaseOption.Sizing, r: Int, price: Double?) -> PurchaseOption {
            let rd = Double(r)
            let above = profile.excess(over: rd)
            let excessHours = scale * above.gpuHours
            let reservedCost = rd * (price ?? 0) * horizonHours
            let onDemand = excessHours * (1 - spotShare) * prices.onDemand
            let spot = excessHours * spotShare * spotPrice
            let total = reservedCost + onDemand + spot
            let used = profile.total * stepHours - above.gpuHours
            return PurchaseOption(
                term: term, sizing: sizing, reservedGPUs: r, reservedPrice: price,
                reservedCost: reservedCost, onDemandCost: onDemand, spotCost: spot,
                savings: allOD - total, savingsFraction: allOD > 0 ? (allOD - total) / allOD : 0,
                reservedUtilization: r > 0 ? used / (rd * profile.hours) : nil,
                shareOfHoursAboveReserved: above.hours / profile.hours,
                committedSpend: rd * (price ?? 0) * OwnedHardware.hoursPerYear * Double(term.years))
        }

        derivation.assume("profile", "\(demand.count) values × \(number(stepHours)) h = \(number(profile.hours)) h",
                          source: "demand profile")
        derivation.assume("horizon", number(horizonHours) + " h", source: "horizon= (default 12 months = 8,760 h)")
        derivation.assume("p_OD", money(prices.onDemand) + "/GPU-h", source: "on-demand price")
        if let p = prices.reserved1y { derivation.assume("p_1y", money(p) + "/GPU-h", source: "1-year reserved price, billed every hour") }
        if let p = prices.reserved3y { derivation.assume("p_3y", money(p) + "/GPU-h", source: "3-year reserved price, billed every hour") }
        if spotShare > 0 { derivation.assume("p_eff", money(spotPrice) + "/GPU-h", source: "effective spot price") }
        derivation.assume("s", pct(spotShare), source: "spot share of the demand above the reservation")
        derivation.assume("profile → horizon", "k = H / T = \(number(scale))", source: "the profile is taken as representative of the horizon")

        derivation.step("demand GPU-hours", "D = Σ d_t · Δ", "\(number(profile.total)) GPUs · \(number(stepHours)) h",
                        number(profile.total * stepHours) + " GPU-h")
        derivation.step("all on-demand", "C_all-OD = k · D · p_OD", "\(number(scale)) · \(number(profile.total * stepHours)) GPU-h · \(money(prices.onDemand))",
                        money(allOD))
        switch baseLoad {
        case .trough:
            derivation.step("base load", "R = floor(min d_t)", "floor(\(number(profile.sorted[0])))", "\(baseR) GPUs")
        case let .quantile(p):
            derivation.step("base load", "R = floor(q_\(number(p)))", "floor(\(number(Percentile.of(profile.sorted, p))))", "\(baseR) GPUs")
        case .gpus:
            derivation.step("base load", "R = reserved=", "\(baseR)", "\(baseR) GPUs")
        }
        if spotShare > 0 {
            derivation.step("price of the excess", "p_x = s · p_eff + (1 − s) · p_OD",
                            "\(number(spotShare)) · \(money(spotPrice)) + \(number(1 - spotShare)) · \(money(prices.onDemand))", money(excessPrice) + "/GPU-h")
        }

        let none = option(.none, .none, r: 0, price: nil)
        options.append(none)
        derivation.step("no commitment", "C = k · D · p_x", "\(number(scale)) · \(number(profile.total * stepHours)) GPU-h · \(money(excessPrice))",
                        money(none.totalCost))

        for (term, price) in [(CommitmentTerm.oneYear, prices.reserved1y), (.threeYear, prices.reserved3y)] {
            guard let price else {
                derivation.notes.append("no \(term.rawValue) price: the \(term.rawValue) term is not compared")
                continue
            }
            let base = option(term, .baseLoad, r: baseR, price: price)
            let bestR = Self.optimalReserved(profile, reservedPrice: price, excessPrice: excessPrice)
            let best = option(term, .optimal, r: bestR, price: price)
            options.append(base)
            options.append(best)
            for o in [base, best] {
                let excess = scale * profile.excess(over: Double(o.reservedGPUs)).gpuHours
                derivation.step("\(term.rawValue), \(o.sizing.rawValue)", "C = R · p_res · H + k · E(R) · p_x",
                                "\(o.reservedGPUs) · \(money(price)) · \(number(horizonHours)) h + \(number(excess)) GPU-h · \(money(excessPrice))",
                                "\(money(o.totalCost)) (saves \(money(o.savings)), \(pct(o.savingsFraction)))")
            }
            let ratio = price / excessPrice
            derivation.step("optimal \(term.rawValue) level", "reserve while F(R) > p_res / p_x",
                            "\(money(price)) / \(money(excessPrice)) = \(number(ratio)); F(\(bestR)) = \(pct(best.shareOfHoursAboveReserved))",
                            "R* = \(bestR) GPUs")
            if price >= excessPrice {
                derivation.notes.append("\(term.rawValue): the reserved price is not below \(money(excessPrice))/GPU-h, so reserving never pays")
            }
            if Double(term.years) * OwnedHardware.hoursPerYear > horizonHours && bestR > 0 {
                derivation.notes.append("\(term.rawValue): the commitment outlives the \(number(horizonHours)) h horizon; the whole commitment at R* is \(money(best.committedSpend))")
            }
        }
        self.options = options
        let cheapest = Self.cheapest(of: options)
        derivation.notes.append("cheapest: \(cheapest.term.rawValue)" + (cheapest.term == .none ? "" : " (\(cheapest.sizing.rawValue), R = \(cheapest.reservedGPUs) GPUs)")
                                + ", \(money(cheapest.totalCost))")
        self.derivation = derivation
    }

    /// Demand is bought per whole GPU: the reserved level rounds down (never reserve a fraction
    /// of a GPU that the base load does not fill).
    static func wholeGPUs(_ x: Double) -> Int {
        Int(min(x.rounded(.down), Double(Int.max / 2)))
    }

    /// The cheapest `R`, ties to the smaller. Evaluates `R = 0` and the floor and ceiling of each
    /// distinct demand value: the cost is linear in `R` between consecutive demand values, so its
    /// integer minimum lies at one of those points (see `PurchaseMix`).
    static func optimalReserved(_ profile: DemandLadder, reservedPrice: Double, excessPrice: Double) -> Int {
        var candidates = Set<Int>([0])
        for v in profile.sorted {
            candidates.insert(wholeGPUs(v))
            candidates.insert(wholeGPUs(v.rounded(.up)))
        }
        var bestR = 0
        var bestCost = Double.infinity
        for r in candidates.sorted() {
            let rd = Double(r)
            let cost = rd * reservedPrice * profile.hours + profile.excess(over: rd).gpuHours * excessPrice
            // A relative tolerance keeps rounding noise from breaking a tie toward the larger R.
            if cost < bestCost - 1e-12 * abs(bestCost) || bestCost == .infinity {
                bestCost = cost
                bestR = r
            }
        }
        return bestR
    }
}

/// A demand profile sorted once, answering "how much is above R" in O(log n).
struct DemandLadder: Sendable {
    /// Demand values ascending, GPUs.
    let sorted: [Double]
    /// `suffix[i] = Σ_{j ≥ i} sorted[j]`; `suffix[n] = 0`.
    let suffix: [Double]
    let stepHours: Double
    /// Σ d_t, GPUs (times `stepHours` for GPU-hours).
    var total: Double { suffix[0] }
    /// `n·Δ`.
    var hours: Double { Double(sorted.count) * stepHours }

    init(_ demand: [Double], stepHours: Double) {
        sorted = demand.sorted()
        var s = [Double](repeating: 0, count: sorted.count + 1)
        for i in stride(from: sorted.count - 1, through: 0, by: -1) { s[i] = s[i + 1] + sorted[i] }
        suffix = s
        self.stepHours = stepHours
    }

    /// `E(R) = Σ max(d_t − R, 0)·Δ` GPU-hours and the hours with `d_t > R`.
    func excess(over r: Double) -> (gpuHours: Double, hours: Double) {
        // First index with sorted[i] > r.
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] > r { hi = mid } else { lo = mid + 1 }
        }
        let count = Double(sorted.count - lo)
        return (max(0, suffix[lo] - r * count) * stepHours, count * stepHours)
    }
}
