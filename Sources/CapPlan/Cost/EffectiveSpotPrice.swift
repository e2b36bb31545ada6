import Foundation

/// The price of a useful spot GPU-hour once interruptions are counted (capacity-math.md §6,
/// "Pricing models"; a simple model of our own, not a published one).
///
///     λ_i    = −ln(1 − f_month) / 730         interruptions per hour
///     t_lost = T_ready + drain                 hours paid but not useful per interruption
///     p_eff  = p_spot / (1 − λ_i · t_lost)     dollars per useful GPU-hour
///
/// `λ_i` treats interruptions as a Poisson process whose chance of at least one in a month of
/// 730 h is `f_month`. Each interruption costs `t_lost` hours of capacity (the replacement
/// warming up, plus the work drained or redone), so only `1 − λ_i·t_lost` of the paid hours are
/// useful. AWS gives a 2-minute notice, which `drain` may already cover.
///
/// Example: f = 10%/month, t_lost = 0.1 h → λ_i = −ln 0.9 / 730 = 1.4433e-4 /h,
/// p_eff = p_spot / (1 − 1.4433e-5).
///
/// Sources: AWS EC2 "Spot Instance interruption notices"; AWS Spot Instance Advisor.
public struct EffectiveSpotPrice: Sendable, Hashable {
    /// `p_spot`, dollars per GPU-hour.
    public var spotPrice: Double
    /// `f_month`, the chance of an interruption in a month, in [0, 1).
    public var monthlyInterruptionFrequency: Double
    /// `T_ready`, hours from an interruption until a replacement serves.
    public var readyHours: Double
    /// `drain`, hours of work lost or redone per interruption.
    public var drainHours: Double
    /// `λ_i`, interruptions per hour.
    public var interruptionsPerHour: Double
    public var derivation: Derivation

    /// `t_lost = T_ready + drain`, hours.
    public var lostHours: Double { readyHours + drainHours }
    /// `λ_i · t_lost`, the share of paid hours lost, in [0, 1).
    public var lostFraction: Double { interruptionsPerHour * lostHours }
    /// `p_eff`, dollars per useful GPU-hour.
    public var price: Double { spotPrice / (1 - lostFraction) }

    /// Hours in the month `f_month` refers to (8,760 / 12).
    public static let hoursPerMonth = 730.0

    /// - Parameters:
    ///   - spotPrice: `p_spot` in dollars per GPU-hour; above 0.
    ///   - monthlyInterruptionFrequency: `f_month` in [0, 1) (0.1 for 10% a month).
    ///   - readyHours: `T_ready` in hours, at least 0 (0.25 for 15 minutes).
    ///   - drainHours: `drain` in hours, at least 0.
    ///   - recording: false skips formatting the derivation steps.
    /// - Throws: `CostError.invalidValue` for an input out of range;
    ///   `CostError.spotLossTooLarge` when `λ_i·t_lost ≥ 1` (no useful hour left).
    /// - Complexity: O(1).
    public init(spotPrice: Double, monthlyInterruptionFrequency f: Double, readyHours: Double, drainHours: Double = 0,
                recording: Bool = true) throws(CostError) {
        try CostValidation.positive(spotPrice, "spot_price")
        guard f.isFinite, f >= 0, f < 1 else {
            throw .invalidValue(name: "interruption_frequency", value: f, expected: "at least 0 and below 1")
        }
        try CostValidation.nonNegative(readyHours, "ready_time")
        try CostValidation.nonNegative(drainHours, "drain")
        self.spotPrice = spotPrice
        self.monthlyInterruptionFrequency = f
        self.readyHours = readyHours
        self.drainHours = drainHours
        // −log1p(−f) is −ln(1 − f) without cancellation for small f.
        interruptionsPerHour = -log1p(-f) / Self.hoursPerMonth
        var d = Derivation(title: "effective spot price", recording: recording)
        let lambda = interruptionsPerHour
        let lost = readyHours + drainHours
        guard lambda * lost < 1 else { throw .spotLossTooLarge(interruptionsPerHour: lambda, lostHours: lost) }
        let effective = spotPrice / (1 - lambda * lost)

        func number(_ x: Double) -> String { NumberFormat.decimal(x) }
        d.assume("p_spot", NumberFormat.money(spotPrice) + "/GPU-h", source: "spot price")
        d.assume("f_month", NumberFormat.percent(f), source: "monthly interruption frequency (Spot Advisor bucket or measured)")
        d.assume("month", "730 h", source: "8,760 h / 12")
        d.step("interruption rate", "λ_i = −ln(1 − f_month) / 730", "−ln(1 − \(number(f))) / 730", number(lambda) + " /h")
        d.step("capacity lost per interruption", "t_lost = T_ready + drain", "\(number(readyHours)) h + \(number(drainHours)) h", number(lost) + " h")
        d.step("share of paid hours lost", "λ_i · t_lost", "\(number(lambda)) /h × \(number(lost)) h", number(lambda * lost))
        d.step("effective spot price", "p_eff = p_spot / (1 − λ_i · t_lost)",
                        "\(NumberFormat.money(spotPrice)) / (1 − \(number(lambda * lost)))", NumberFormat.money(effective) + "/GPU-h")
        derivation = d
    }

    /// The same, with `f_month` taken from a Spot Advisor bucket's planning frequency.
    public init(spotPrice: Double, bucket: SpotInterruptionBucket, readyHours: Double, drainHours: Double = 0,
                recording: Bool = true) throws(CostError) {
        try self.init(spotPrice: spotPrice, monthlyInterruptionFrequency: bucket.planningMonthlyFrequency,
                      readyHours: readyHours, drainHours: drainHours, recording: recording)
        derivation.assume("bucket", bucket.rawValue + " → f_month = " + NumberFormat.percent(bucket.planningMonthlyFrequency),
                          source: "AWS Spot Advisor bucket, planned at its upper edge")
    }
}
