/// Schedule-ahead scaling from a forecast (docs/capacity-math.md §5, "Predictive scaling"):
/// capacity for time t is asked for at t − T_ready, from a demand quantile the caller supplies
/// (a forecast's p90, or a recurring daily schedule).
///
///     R(t)      = clamp(⌈F(t) / (X·u_target)⌉, min, max)            F = forecast quantile
///     R_alloc(t) = max{ R(s) : t ≤ s ≤ t + T_ready + lead }
///
/// A scale-up is asked for T_ready (+ lead) ahead, so it is ready when the forecast demand
/// arrives: the schedule-ahead rule R(t) = ⌈Q(D(t + T_ready))/(X·u)⌉. The max over the window
/// is for the way down: a replica removed now cannot be back within T_ready, so it goes only
/// when the forecast needs it nowhere in that window (the literal rule would drop capacity the
/// moment the forecast T_ready ahead is lower, under-provisioning the present).
///
/// `schedule` and `predictive` run this same rule and differ in the forecast the caller passes
/// and the name in the result.
public struct ForecastPolicy: Sendable, Equatable {
    /// The result's name.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case schedule
        case predictive
    }

    public var kind: Kind
    /// F: demand quantile per step, requests per second, on the trace's clock (looked up by
    /// time, holding the last value; before the first or after the last sample, that sample).
    public var forecast: DemandTrace
    /// u_target: replicas = ⌈F/(X·u_target)⌉; finite, above 0.
    public var targetUtilization: Double
    /// At least 0.
    public var minReplicas: Int
    /// At least `minReplicas`.
    public var maxReplicas: Int
    /// Extra seconds of look-ahead beyond T_ready (AWS's `SchedulingBufferTime`); finite, ≥ 0.
    public var leadSeconds: Double

    public init(kind: Kind = .predictive, forecast: DemandTrace, targetUtilization: Double = 1,
                minReplicas: Int = 1, maxReplicas: Int, leadSeconds: Double = 0) {
        self.kind = kind
        self.forecast = forecast
        self.targetUtilization = targetUtilization
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.leadSeconds = leadSeconds
    }

    /// - Throws: `AutoscalingError` for a number out of its range.
    public func validate() throws {
        try AutoscalingValidation.positive(targetUtilization, "target utilisation")
        try AutoscalingValidation.replicaRange(minimum: minReplicas, maximum: maxReplicas, lowest: 0)
        try AutoscalingValidation.nonNegative(leadSeconds, "lead time")
    }
}
