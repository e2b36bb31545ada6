/// Scores a run (the sums of `AutoscaleResult`) and keeps the bucketed series when asked. A
/// simulator sets the replicas at the start and at every change (`replicasChange`), and the
/// meter scores each segment of unchanged replicas in one tight loop, so the policy's loop
/// carries none of the meter's state (it spilled to the stack around every controller call).
/// O(1) work and no allocation per step; counts stay integers until the end, so replica-hours
/// and violation minutes carry no rounding drift over millions of steps.
struct AutoscaleMeter {
    let stepSeconds: Double
    let capacity: Double
    /// X·u_max: the demand a ready replica carries before the step counts as a violation.
    let violationCapacity: Double
    /// 1/(X·u_target): replicas the demand "needs" per request per second at the target
    /// utilisation (a multiplication per step instead of a division).
    let replicasPerDemand: Double
    let gpusPerReplica: Double
    let pricePerHour: Double

    private(set) var steps = 0
    private(set) var replicaSteps = 0
    private(set) var violationSteps = 0
    /// Σ max(0, R_ready − D/(X·u_target)), replica-steps.
    private(set) var overprovisionedReplicaSteps = 0.0
    /// Σ max(0, D − R_ready·X), requests per second × steps.
    private(set) var unservedRateSteps = 0.0
    private(set) var events = 0
    private(set) var churn = 0
    private(set) var peak = 0
    /// Steps before this one are scored.
    private(set) var scoredSteps = 0

    // The replicas of the steps being recorded, and what they imply, computed once per change
    // instead of once per step.
    private var allocated = 0
    private var ready = 0
    private var readyReplicas = 0.0
    /// R_ready·X·u_max: demand above it violates the SLA.
    private var violationDemand = 0.0
    /// R_ready·X: demand above it goes unserved.
    private var servedDemand = 0.0

    // The series: buckets of `bucketSize` steps (0 = not kept).
    private let bucketSize: Int
    private var inBucket = 0
    private var bucketDemand = 0.0
    private var bucketReady = 0
    private var bucketDesired = 0
    private var demandSeries: [Double] = []
    private var readySeries: [Int] = []
    private var desiredSeries: [Int] = []
    private let seriesStart: Double

    init(replica: ReplicaModel, scoring: AutoscaleScoring, stepSeconds: Double, steps: Int, startSeconds: Double) {
        self.stepSeconds = stepSeconds
        capacity = replica.capacity
        violationCapacity = replica.capacity * scoring.maximumUtilization
        replicasPerDemand = 1 / (replica.capacity * scoring.targetUtilization)
        gpusPerReplica = replica.gpusPerReplica
        pricePerHour = replica.pricePerHour
        seriesStart = startSeconds
        switch scoring.series {
        case .none: bucketSize = 0
        case .full: bucketSize = 1
        case .points(let n): bucketSize = max(1, (steps + n - 1) / max(n, 1))
        }
        if bucketSize > 0 {
            let buckets = (steps + bucketSize - 1) / bucketSize
            demandSeries.reserveCapacity(buckets)
            readySeries.reserveCapacity(buckets)
            desiredSeries.reserveCapacity(buckets)
        }
    }

    /// R_alloc and R_ready for the steps recorded from now on; call at the start and whenever
    /// either changes.
    @inline(__always)
    mutating func setReplicas(allocated: Int, ready: Int) {
        self.allocated = allocated
        self.ready = ready
        readyReplicas = Double(ready)
        // The same 1e-9 relative slack as `ReplicaCount.needed`: a replica count chosen for
        // D = 40.000000001 rps at 10 rps each (4, the overshoot being rounding) is not a violation.
        violationDemand = readyReplicas * violationCapacity * (1 + 1e-9)
        servedDemand = readyReplicas * capacity
        if allocated > peak { peak = allocated }
    }

    /// One step with demand D (requests per second), at the replicas last set, for the
    /// bucketed series.
    private mutating func record(demand: Double) {
        steps += 1
        replicaSteps += allocated
        violationSteps += demand > violationDemand ? 1 : 0
        overprovisionedReplicaSteps += max(readyReplicas - demand * replicasPerDemand, 0)
        unservedRateSteps += max(demand - servedDemand, 0)
        if bucketSize > 0 { bucket(demand: demand, allocated: allocated, ready: ready) }
    }

    /// Steps `range` of `demand`, all at the replicas last set: the same sums in the same order
    /// as step by step. Branch-free (adding 0 leaves a sum unchanged): with noisy demand the
    /// over-provisioning test is a coin toss.
    private mutating func record(_ demand: [Double], steps range: Range<Int>) {
        guard !range.isEmpty else { return }
        if bucketSize > 0 {
            for i in range { record(demand: demand[i]) }
            return
        }
        steps += range.count
        replicaSteps += allocated * range.count
        var violations = violationSteps
        var overprovisioned = overprovisionedReplicaSteps
        var unserved = unservedRateSteps
        let readyReplicas = readyReplicas, replicasPerDemand = replicasPerDemand
        let violationDemand = violationDemand, servedDemand = servedDemand
        demand.withUnsafeBufferPointer { d in
            for i in range {
                let x = d[i]
                violations += x > violationDemand ? 1 : 0
                overprovisioned += max(readyReplicas - x * replicasPerDemand, 0)
                unserved += max(x - servedDemand, 0)
            }
        }
        violationSteps = violations
        overprovisionedReplicaSteps = overprovisioned
        unservedRateSteps = unserved
    }

    /// New replicas from step `step` on: scores the steps since the last change at the old
    /// ones (one segment, `record(_:steps:)`), then sets the new. Steps must only move forward.
    @inline(__always)
    mutating func replicasChange(at step: Int, allocated: Int, ready: Int, demand: [Double]) {
        record(demand, steps: scoredSteps..<step)
        scoredSteps = step
        setReplicas(allocated: allocated, ready: ready)
    }

    /// Scores the steps left, up to `demand.count`.
    mutating func finish(_ demand: [Double]) {
        record(demand, steps: scoredSteps..<demand.count)
        scoredSteps = demand.count
    }

    /// A change of the replica count asked for.
    @inline(__always)
    mutating func changed(from old: Int, to new: Int) {
        events += 1
        churn += old > new ? old - new : new - old
    }

    private mutating func bucket(demand: Double, allocated: Int, ready: Int) {
        if inBucket == 0 {
            bucketDemand = demand
            bucketReady = ready
            bucketDesired = allocated
        } else {
            bucketDemand = max(bucketDemand, demand)
            bucketReady = min(bucketReady, ready)
            bucketDesired = max(bucketDesired, allocated)
        }
        inBucket += 1
        if inBucket == bucketSize { flush() }
    }

    private mutating func flush() {
        demandSeries.append(bucketDemand)
        readySeries.append(bucketReady)
        desiredSeries.append(bucketDesired)
        inBucket = 0
    }

    /// The scored run.
    mutating func result(policy: String) -> AutoscaleResult {
        if inBucket > 0 { flush() }
        let replicaHours = Double(replicaSteps) * stepSeconds / 3_600
        let series = bucketSize == 0 ? nil : AutoscaleSeries(
            startSeconds: seriesStart, stepsPerBucket: bucketSize, bucketSeconds: Double(bucketSize) * stepSeconds,
            demand: demandSeries, ready: readySeries, desired: desiredSeries)
        return AutoscaleResult(
            policy: policy, steps: steps, stepSeconds: stepSeconds,
            cost: replicaHours * pricePerHour,
            replicaHours: replicaHours,
            slaViolationMinutes: Double(violationSteps) * stepSeconds / 60,
            overprovisionedGPUHours: overprovisionedReplicaSteps * gpusPerReplica * stepSeconds / 3_600,
            unservedRequests: unservedRateSteps * stepSeconds,
            scalingEvents: events, churn: churn, peakReplicas: peak, series: series)
    }
}
