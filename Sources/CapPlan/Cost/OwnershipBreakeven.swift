/// Owned hardware against the cloud: the owned cost per GPU-hour, the utilisation above which
/// owning is cheaper for each cloud pricing mode, and the months until the server pays for
/// itself (capacity-math.md §6 "Total cost of ownership"; the `breakeven` command).
///
///     h_capex = Capex / (Y · 8,760 · n_gpu)                      $/GPU-h
///     h_power = P_node · ū_p · PUE · price_kWh / n_gpu           $/GPU-h
///     h_ops   = k_ops · Capex / (8,760 · n_gpu)                  $/GPU-h
///     h_own   = h_capex + h_power + h_ops                        $/GPU-h, paid every hour
///     u*      = h_own / p_cloud                                  break-even utilisation
///
/// An owned GPU costs `h_own` every hour, busy or idle; an elastic cloud GPU costs `p_cloud` only
/// for the hours used, `u` of them. Owning is cheaper when `u · p_cloud > h_own`, that is when
/// `u > u*`. When `u* > 1`, the cloud is cheaper even at full use.
///
/// **Payback** (our definition; the doc gives the formula but not its terms), per server, with a
/// month of 730 hours and `u` the share of hours the owned GPUs do work that would otherwise be
/// bought in the cloud:
///
///     cloud spend avoided per month = u · n_gpu · p_cloud · 730
///     on-prem opex per month        = (h_power + h_ops) · n_gpu · 730      (paid busy or idle)
///     payback months                = Capex / (avoided − opex)
///
/// When `avoided ≤ opex` the server never pays back: `months` is nil and `reason` says why
/// (never infinity). A payback beyond the amortisation period `12·Y` months is returned, with
/// `isWithinAmortisation` false and a reason.
///
/// Against a reserved price, the cloud GPU is billed every hour too, so `u*` reads "owning is
/// cheaper whenever u* < 1", whatever the use; the derivation notes it. Against spot, pass the
/// effective spot price (`EffectiveSpotPrice`) to count the capacity lost to interruptions.
///
/// Example (the doc's): $250k per 8-GPU server, Y = 4, P = 10.2 kW, ū_p = 0.7, PUE 1.58,
/// $0.10/kWh, k_ops = 0.15 → $0.89 + $0.14 + $0.54 = $1.57/GPU-h; u* = 52% at $3, 78% at $2.
public struct OwnershipBreakeven: Sendable, Hashable {
    /// The comparison with one cloud pricing mode.
    public struct CloudComparison: Sendable, Hashable {
        public var pricing: PricingMode
        /// `p_cloud`, dollars per GPU-hour.
        public var cloudPricePerGPUHour: Double
        /// `u* = h_own / p_cloud`, dimensionless; above 1 means the cloud is cheaper even at full use.
        public var breakevenUtilization: Double
        public var payback: Payback

        /// True when some utilisation up to 100% makes owning cheaper (`u* ≤ 1`).
        public var ownershipCanWin: Bool { breakevenUtilization <= 1 }
    }

    /// Months until one server has paid for itself, at the utilisation given.
    public struct Payback: Sendable, Hashable {
        /// `Capex / (avoided − opex)` in months of 730 h; nil when the server never pays back.
        public var months: Double?
        /// `u · n_gpu · p_cloud · 730`, dollars per month per server.
        public var cloudSpendAvoidedPerMonth: Double
        /// `(h_power + h_ops) · n_gpu · 730`, dollars per month per server.
        public var opexPerMonth: Double
        /// False when the payback is nil or longer than the amortisation period.
        public var isWithinAmortisation: Bool
        /// Why `months` is nil, or why the payback is a poor deal; nil when there is nothing to say.
        public var reason: String?
    }

    public var hardware: OwnedHardware
    /// `u`, the share of hours the owned GPUs do useful work, in [0, 1]; used for the payback.
    public var utilization: Double
    /// `h_capex`, dollars per GPU-hour.
    public var capexPerGPUHour: Double
    /// `h_power`, dollars per GPU-hour.
    public var powerPerGPUHour: Double
    /// `h_ops`, dollars per GPU-hour.
    public var opsPerGPUHour: Double
    /// One row per pricing mode that has a price, in `PricingMode.allCases` order.
    public var comparisons: [CloudComparison]
    /// Modes asked about without a price (skipped, with a note in the derivation).
    public var missingPrices: [PricingMode]
    public var derivation: Derivation

    /// `h_own = h_capex + h_power + h_ops`, dollars per GPU-hour.
    public var costPerGPUHour: Double { capexPerGPUHour + powerPerGPUHour + opsPerGPUHour }

    /// The comparison for one pricing mode, when it was priced.
    public func comparison(_ pricing: PricingMode) -> CloudComparison? {
        comparisons.first { $0.pricing == pricing }
    }

    /// Computes the owned cost per GPU-hour, `u*` per priced mode and the payback.
    ///
    /// - Parameters:
    ///   - hardware: the server and its running costs; see `OwnedHardware` for ranges.
    ///   - cloudPrices: `p_cloud` in dollars per GPU-hour for each mode to compare; above 0. A
    ///     mode mapped to nil, or absent, is skipped; nil values are listed in `missingPrices`.
    ///   - utilization: `u` for the payback, in [0, 1]; 1 (every hour useful, the best case) by
    ///     default, recorded as an assumption.
    ///   - recording: false skips formatting the derivation steps.
    /// - Throws: `CostError.invalidValue` / `.invalidCount` naming the first bad input.
    /// - Complexity: O(1).
    public init(hardware: OwnedHardware, cloudPrices: [PricingMode: Double?], utilization: Double = 1,
                recording: Bool = true) throws(CostError) {
        try hardware.validate()
        try CostValidation.fraction(utilization, "utilization")
        for mode in PricingMode.allCases {
            if let price = cloudPrices[mode] ?? nil { try CostValidation.positive(price, "\(mode.rawValue) price") }
        }

        let h = hardware
        let n = Double(h.gpusPerServer)
        let year = OwnedHardware.hoursPerYear
        let month = OwnedHardware.hoursPerMonth
        self.hardware = h
        self.utilization = utilization
        capexPerGPUHour = h.capex / (h.years * year * n)
        powerPerGPUHour = h.nodePowerKW * h.powerUtilization * h.pue * h.pricePerKWh / n
        opsPerGPUHour = h.opsFraction * h.capex / (year * n)
        comparisons = []
        missingPrices = []
        derivation = Derivation(title: "breakeven: owned hardware vs cloud", recording: recording)

        func money(_ x: Double) -> String { NumberFormat.money(x) }
        func number(_ x: Double) -> String { NumberFormat.decimal(x) }
        let own = costPerGPUHour
        let capexH = capexPerGPUHour, powerH = powerPerGPUHour, opsH = opsPerGPUHour
        derivation.assume("Capex", money(h.capex) + " per server", source: "capex=")
        derivation.assume("n_gpu", "\(h.gpusPerServer) GPUs per server", source: "gpus_per_server=")
        derivation.assume("Y", number(h.years) + " years", source: "years=")
        derivation.assume("P_node", number(h.nodePowerKW) + " kW", source: "power=")
        derivation.assume("ū_p", NumberFormat.percent(h.powerUtilization), source: "power_utilization= (default 70%)")
        derivation.assume("PUE", number(h.pue), source: "pue= (Uptime 2023 industry average 1.58; hyperscale ≈ 1.1–1.2)")
        derivation.assume("price_kWh", money(h.pricePerKWh) + "/kWh", source: "kwh_price=")
        derivation.assume("k_ops", NumberFormat.percent(h.opsFraction) + " of Capex per year", source: "ops= (default 15%)")
        derivation.assume("u (payback)", NumberFormat.percent(utilization), source: "share of hours the owned GPUs replace cloud GPU-hours")
        derivation.assume("hours", "8,760 per year, 730 per month", source: "365-day year")

        derivation.step("capex per GPU-hour", "h_capex = Capex / (Y · 8,760 · n_gpu)",
                        "\(money(h.capex)) / (\(number(h.years)) · 8,760 · \(h.gpusPerServer))", money(capexH) + "/GPU-h")
        derivation.step("power per GPU-hour", "h_power = P_node · ū_p · PUE · price_kWh / n_gpu",
                        "\(number(h.nodePowerKW)) kW · \(number(h.powerUtilization)) · \(number(h.pue)) · \(money(h.pricePerKWh))/kWh / \(h.gpusPerServer)",
                        money(powerH) + "/GPU-h")
        derivation.step("operations per GPU-hour", "h_ops = k_ops · Capex / (8,760 · n_gpu)",
                        "\(number(h.opsFraction)) · \(money(h.capex)) / (8,760 · \(h.gpusPerServer))", money(opsH) + "/GPU-h")
        derivation.step("owned cost per GPU-hour", "h_own = h_capex + h_power + h_ops",
                        "\(money(capexH)) + \(money(powerH)) + \(money(opsH))", money(own) + "/GPU-h")

        let avoidedPerDollar = utilization * n * month
        let opex = (powerH + opsH) * n * month
        let amortisationMonths = h.years * 12
        if cloudPrices.values.contains(where: { $0 != nil }) {
            derivation.step("on-prem opex per month", "O = (h_power + h_ops) · n_gpu · 730",
                            "(\(money(powerH)) + \(money(opsH))) · \(h.gpusPerServer) · 730", money(opex) + "/mo")
        }
        for mode in PricingMode.allCases {
            guard let entry = cloudPrices[mode] else { continue }
            guard let price = entry else {
                missingPrices.append(mode)
                derivation.notes.append("no \(mode.rawValue) price: \(mode.rawValue) is not compared")
                continue
            }
            let uStar = own / price
            derivation.step("break-even utilisation (\(mode.rawValue))", "u* = h_own / p_cloud",
                            "\(money(own)) / \(money(price))", NumberFormat.percent(uStar))
            if uStar > 1 {
                derivation.notes.append("\(mode.rawValue): the cloud at \(money(price))/GPU-h is cheaper than owning even at 100% use")
            }
            if mode == .reserved1y || mode == .reserved3y {
                derivation.notes.append("\(mode.rawValue) is billed every hour like owned hardware: owning is cheaper whenever u* < 100%, whatever the use")
            }

            let avoided = avoidedPerDollar * price
            let net = avoided - opex
            var payback = Payback(months: nil, cloudSpendAvoidedPerMonth: avoided, opexPerMonth: opex,
                                  isWithinAmortisation: false, reason: nil)
            derivation.step("cloud spend avoided per month (\(mode.rawValue))", "A = u · n_gpu · p_cloud · 730",
                            "\(number(utilization)) · \(h.gpusPerServer) · \(money(price)) · 730", money(avoided) + "/mo")
            if net > 0 {
                let months = h.capex / net
                payback.months = months
                payback.isWithinAmortisation = months <= amortisationMonths
                derivation.step("payback (\(mode.rawValue))", "Capex / (A − O)",
                                "\(money(h.capex)) / (\(money(avoided)) − \(money(opex)))", number(months) + " months")
                if !payback.isWithinAmortisation {
                    payback.reason = "pays back after \(NumberFormat.fixedPoint(months, decimals: 1)) months, beyond the "
                        + "\(number(amortisationMonths))-month amortisation period"
                    derivation.notes.append("\(mode.rawValue): " + payback.reason!)
                }
            } else {
                payback.reason = "never pays back at \(NumberFormat.percent(utilization)) use: the cloud spend avoided "
                    + "(\(money(avoided))/mo) does not exceed the on-prem opex (\(money(opex))/mo)"
                derivation.step("payback (\(mode.rawValue))", "Capex / (A − O), needs A > O",
                                "\(money(avoided)) − \(money(opex)) ≤ 0", "never")
                derivation.notes.append("\(mode.rawValue): " + payback.reason!)
            }
            comparisons.append(CloudComparison(pricing: mode, cloudPricePerGPUHour: price,
                                               breakevenUtilization: uStar, payback: payback))
        }
    }
}
