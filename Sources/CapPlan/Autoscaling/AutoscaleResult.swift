/// What one policy (or baseline) did over a trace, scored as in docs/capacity-math.md §5.
/// Every figure is finite. Δt is `stepSeconds`; R_alloc(t) the replicas asked for (billed),
/// R_ready(t) those serving, D(t) the demand, X the capacity per replica.
///
///     cost                  = Σ R_alloc·Δt/3600 · price               (billed from allocation)
///     replica-hours         = Σ R_alloc·Δt/3600
///     SLA-violation minutes = Σ 1[D > R_ready·X·u_max]·Δt/60
///     over-prov GPU-hours   = Σ max(0, R_ready − D/(X·u_target))·gpus·Δt/3600
///     unserved requests     = Σ max(0, D − R_ready·X)·Δt
///     events                = #changes of R_alloc;   churn = Σ|ΔR_alloc|
public struct AutoscaleResult: Sendable, Equatable {
    /// The policy's name: `hpa`, `threshold`, `forecast`, `static-peak`, `oracle`.
    public let policy: String
    /// Steps simulated.
    public let steps: Int
    /// Δt, seconds.
    public let stepSeconds: Double
    /// Dollars (the price's currency).
    public let cost: Double
    public let replicaHours: Double
    public let slaViolationMinutes: Double
    public let overprovisionedGPUHours: Double
    /// Requests that arrived beyond ready capacity (under-provisioning, in requests).
    public let unservedRequests: Double
    /// Changes of the replica count asked for.
    public let scalingEvents: Int
    /// Σ|ΔR_alloc| over those changes.
    public let churn: Int
    /// The most replicas asked for at once.
    public let peakReplicas: Int
    /// Per-step (or bucketed) demand, ready and asked-for replicas, when asked for.
    public let series: AutoscaleSeries?

    /// Mean replicas asked for: replica-hours over the hours simulated.
    public var meanReplicas: Double { replicaHours * 3_600 / (Double(steps) * stepSeconds) }
}

/// Demand against ready capacity over a run, for a chart: one point per bucket of
/// `stepsPerBucket` steps (1 with `SeriesRecording.full`). A bucket keeps its worst case, so a
/// short spike or a dip in capacity stays visible however coarse the chart: the highest demand,
/// the fewest ready replicas and the most replicas asked for.
public struct AutoscaleSeries: Sendable, Equatable {
    /// Time of the first bucket's start, seconds (the trace's clock).
    public let startSeconds: Double
    /// Steps per bucket (the last bucket may hold fewer).
    public let stepsPerBucket: Int
    /// Seconds per bucket: stepsPerBucket·Δt.
    public let bucketSeconds: Double
    /// Highest demand in each bucket, requests per second.
    public let demand: [Double]
    /// Fewest ready replicas in each bucket.
    public let ready: [Int]
    /// Most replicas asked for (desired, billed) in each bucket.
    public let desired: [Int]

    /// Start of bucket `index`, seconds.
    public func time(at index: Int) -> Double { startSeconds + Double(index) * bucketSeconds }
}
