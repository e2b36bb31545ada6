/// The Kubernetes HPA controller's reconcile step for one HorizontalPodAutoscaler, as in
/// kubernetes `pkg/controller/podautoscaler/horizontal.go` (`reconcileAutoscaler`,
/// `normalizeDesiredReplicasWithBehaviors`) and `replica_calculator.go`. One call is one sync:
///
///     1. current > max → max;  current < min → min   (no metric, no recommendation)
///     2. proposal  p = the metric's desired replicas (`HPAReplicaCalculator`; nil = no ready
///                  pod, so no metrics: the sync changes nothing)
///     3. stabilize upRec = min(p, recommendations of the last W_up s)
///                  downRec = max(p, recommendations of the last W_down s)
///                  s = min(max(current, upRec), downRec);   then p is recorded
///     4. rate-limit P₀ = current − Σ own changes in the policy's period;
///                  up:   Pods → P₀ + v,  Percent → ⌈P₀·(1 + v/100)⌉
///                  down: Pods → P₀ − v,  Percent → ⌊P₀·(1 − v/100)⌋  (Go's int32(), toward 0)
///                  selectPolicy Max takes the largest change, Min the smallest, Disabled none;
///                  a limit never reverses direction (up limit ≥ current, down limit ≤ current)
///     5. clamp     to [min, max] (inside step 4, as the controller does)
///
/// The first sync records the current count as a recommendation (`recordInitialRecommendation`),
/// so with the default 300 s scale-down window the first five minutes cannot go below the
/// starting count. A recommendation made exactly W seconds ago is outside the window (the
/// controller's strict `After(cutoff)`; on a real cluster that boundary is timing jitter).
/// Every `Double` comparison and rounding follows the Go source, so a hand computation with
/// IEEE doubles gives the same counts: ⌈10·1.1⌉ is 12, because 10·(1 + 10/100) = 11.000000000000002.
///
/// Memory is O(W/sync) per window, and a sync allocates nothing.
public struct HPAController: Sendable {
    public let policy: HPAPolicy
    /// X, requests per second per replica (for the utilisation metric).
    public let capacity: Double

    // The policy's numbers the sync reads, unpacked: reading them through `policy` copied the
    // whole policy on every sync (a memcpy that cost a fifth of the run).
    private let calculator: HPAReplicaCalculator
    private let minReplicas: Int
    private let maxReplicas: Int

    /// Syncs so far; sync n happens at n·S seconds.
    public private(set) var syncs = 0
    private var upWindow: StabilizationWindow<LowestRecommendation>
    private var downWindow: StabilizationWindow<HighestRecommendation>
    private var events: ScaleEventLog

    /// - Parameters:
    ///   - policy: the HPA; validated here.
    ///   - capacity: X, requests per second per replica; finite, above 0.
    /// - Throws: `AutoscalingError` from `HPAPolicy.validate()`, `.invalidCapacity`.
    public init(policy: HPAPolicy, capacity: Double) throws {
        try policy.validate()
        guard capacity.isFinite, capacity > 0 else { throw AutoscalingError.invalidCapacity(capacity) }
        self.policy = policy
        self.capacity = capacity
        calculator = HPAReplicaCalculator(metric: policy.metric, capacity: capacity,
                                          upTolerance: policy.scaleUp.tolerance, downTolerance: policy.scaleDown.tolerance)
        minReplicas = policy.minReplicas
        maxReplicas = policy.maxReplicas
        upWindow = StabilizationWindow(seconds: policy.scaleUp.stabilizationWindowSeconds,
                                       syncPeriodSeconds: policy.syncPeriodSeconds)
        downWindow = StabilizationWindow(seconds: policy.scaleDown.stabilizationWindowSeconds,
                                         syncPeriodSeconds: policy.syncPeriodSeconds)
        events = ScaleEventLog(
            longestPeriodSeconds: max(policy.scaleUp.longestPeriodSeconds, policy.scaleDown.longestPeriodSeconds),
            syncPeriodSeconds: policy.syncPeriodSeconds)
    }

    /// One sync, S seconds after the previous one (the first at S).
    ///
    /// - Parameters:
    ///   - current: the spec's replica count (pods asked for, ready or not).
    ///   - ready: pods serving, 0 … current.
    ///   - demand: D, requests per second over the last sync period.
    ///   - backlog: B, requests waiting now (queue-depth metric only).
    /// - Returns: the proposal, the stabilized recommendation and the new spec count.
    @inline(__always)
    public mutating func sync(current: Int, ready: Int, demand: Double, backlog: Double = 0) -> HPADecision {
        syncs += 1
        // The common case stays short (a year at 15 s is two million syncs, and most change
        // nothing); the rest is in `unusualSync` and `rateLimited`.
        guard current <= maxReplicas, current >= minReplicas,
              let proposal = calculator.proposal(current: current, ready: ready, demand: demand, backlog: backlog)
        else { return unusualSync(current: current) }

        var upRecommendation = upWindow.combine(upWindow.extreme, proposal)
        var downRecommendation = downWindow.combine(downWindow.extreme, proposal)
        var upRecord = proposal
        var downRecord = proposal
        if syncs == 1 {
            // `recordInitialRecommendation`: the starting count, stamped with this sync's time,
            // counts in any window longer than 0 s, now and for as long as this sync's proposal.
            if upWindow.isOpen {
                upRecommendation = min(upRecommendation, current)
                upRecord = min(proposal, current)
            }
            if downWindow.isOpen {
                downRecommendation = max(downRecommendation, current)
                downRecord = max(proposal, current)
            }
        }
        let stabilized = min(max(current, upRecommendation), downRecommendation)
        upWindow.record(upRecord)
        downWindow.record(downRecord)
        guard stabilized != current else { return HPADecision(proposal: proposal, stabilized: stabilized, desired: current) }
        return HPADecision(proposal: proposal, stabilized: stabilized, desired: rateLimited(stabilized, current: current))
    }

    /// Step 1, or no metrics: no proposal, nothing recorded in the windows.
    @inline(never)
    private mutating func unusualSync(current: Int) -> HPADecision {
        upWindow.recordNothing()
        downWindow.recordNothing()
        guard current > maxReplicas || current < minReplicas else {
            return HPADecision(proposal: nil, stabilized: current, desired: current)
        }
        let desired = current > maxReplicas ? maxReplicas : minReplicas
        let now = Double(syncs) * policy.syncPeriodSeconds
        events.expire(now: now)
        events.record(change: desired - current, at: now)
        return HPADecision(proposal: nil, stabilized: desired, desired: desired)
    }

    /// Steps 4 and 5 (`convertDesiredReplicasWithBehaviorRate`) for a stabilized count that
    /// differs from `current`; records the change, if any, for later limits.
    @inline(never)
    private mutating func rateLimited(_ stabilized: Int, current: Int) -> Int {
        let now = Double(syncs) * policy.syncPeriodSeconds
        events.expire(now: now)
        let desired: Int
        if stabilized > current {
            let limit = max(Self.scaleUpLimit(policy.scaleUp, current: current, events: events, now: now), current)
            desired = min(stabilized, min(maxReplicas, limit))
        } else {
            let limit = min(Self.scaleDownLimit(policy.scaleDown, current: current, events: events, now: now), current)
            desired = max(stabilized, max(minReplicas, limit))
        }
        if desired != current { events.record(change: desired - current, at: now) }
        return desired
    }

    // The limits are static and take what they read as arguments: as methods on self, called
    // after the windows were mutated, they made the compiler copy the whole controller.

    /// `calculateScaleUpLimitWithScalingRules`.
    private static func scaleUpLimit(_ rules: HPAScalingRules, current: Int, events: ScaleEventLog, now: Double) -> Int {
        guard rules.selectPolicy != .disabled else { return current }
        let takeMinimum = rules.selectPolicy == .min
        var result = takeMinimum ? Int.max : Int.min
        for rule in rules.policies {
            let start = current - events.netChange(periodSeconds: rule.periodSeconds, now: now)
            let proposed: Int
            switch rule.kind {
            case .pods:
                proposed = start + rule.value
            case .percent:
                // Rounded up, as the controller does, so a small percentage still adds a pod.
                proposed = ReplicaCount.ceil(Double(start) * (1 + Double(rule.value) / 100))
            }
            result = takeMinimum ? min(result, proposed) : max(result, proposed)
        }
        return result
    }

    /// `calculateScaleDownLimitWithBehaviors`.
    private static func scaleDownLimit(_ rules: HPAScalingRules, current: Int, events: ScaleEventLog, now: Double) -> Int {
        guard rules.selectPolicy != .disabled else { return current }
        // For scale-down the smallest change is the highest count.
        let takeMaximum = rules.selectPolicy == .min
        var result = takeMaximum ? Int.min : Int.max
        for rule in rules.policies {
            let start = current - events.netChange(periodSeconds: rule.periodSeconds, now: now)
            let proposed: Int
            switch rule.kind {
            case .pods:
                proposed = start - rule.value
            case .percent:
                // Go's int32(x) truncates toward zero; so does Int(x).
                let x = Double(start) * (1 - Double(rule.value) / 100)
                proposed = Int(max(min(x, ReplicaCount.ceiling), -ReplicaCount.ceiling))
            }
            result = takeMaximum ? max(result, proposed) : min(result, proposed)
        }
        return result
    }
}

/// What one HPA sync decided.
public struct HPADecision: Sendable, Equatable {
    /// The metric's desired replicas before stabilization and limits (may lie outside
    /// [min, max]); nil when the sync computed none (no ready pod, or current outside [min, max]).
    public let proposal: Int?
    /// After the stabilization windows.
    public let stabilized: Int
    /// The new spec count, after rate limits and [min, max].
    public let desired: Int

    public init(proposal: Int?, stabilized: Int, desired: Int) {
        self.proposal = proposal
        self.stabilized = stabilized
        self.desired = desired
    }
}
