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
/// Syncs are S seconds apart (the sync period): the n-th call is at n·S. The first sync records
/// the current count as a recommendation (`recordInitialRecommendation`), so with the default
/// 300 s scale-down window the first five minutes cannot go below the starting count. A
/// recommendation made exactly W seconds ago is outside the window (the controller's strict
/// `After(cutoff)`; on a real cluster that boundary is timing jitter); so is a scaling event
/// exactly one policy period ago. The rate limits' arithmetic is the Go source's in IEEE
/// doubles, so a 10% policy from 50 pods allows ⌈50·1.1⌉ = 56, because 50·(1 + 10/100) =
/// 55.00000000000001. (The metric's proposal is computed a little differently; see
/// `HPAReplicaCalculator`.)
///
/// What this does not model: the legacy path of an HPA without `behavior` (see `HPAPolicy`),
/// several metrics at once (the controller takes the largest proposal), missing metrics, the
/// CPU initialization period, and the controller overwriting a scaling event older than its
/// own direction's longest period (see `ScaleEventLog`).
///
/// Memory is O(W/S) per window, and a sync allocates nothing. The controller is noncopyable:
/// it owns the history of its recommendations and scaling, and a copy would fork that history.
public struct HPAController: ~Copyable, Sendable {
    public let policy: HPAPolicy
    /// X, requests per second per replica (for the utilisation metric).
    public let capacity: Double

    // The policy's numbers the sync reads, unpacked: reading them through `policy` copied the
    // whole policy on every sync (a memcpy that cost a fifth of the run).
    private var calculator: HPAReplicaCalculator
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
    public mutating func sync(current: Int, ready: Int, demand: Double, backlog: Double = 0) -> HPADecision {
        let proposal = current <= maxReplicas && current >= minReplicas
            ? calculator.proposal(current: current, ready: ready, demand: demand, backlog: backlog) : nil
        return normalize(proposal, current: current)
    }

    /// The metric's proposal (step 2) for `current` pods of which `ready` serve; nil when the
    /// controller would have no metrics. `sync` is `normalize(proposal(…))`; the simulation
    /// calls the two halves itself so that both inline into its loop (`@inline(always)`: the
    /// optimizer found `sync` too big to inline, and the call cost a fifth of a year's run).
    @inline(always)
    mutating func proposal(current: Int, ready: Int, demand: Double, backlog: Double) -> Int? {
        calculator.proposal(current: current, ready: ready, demand: demand, backlog: backlog)
    }

    /// Steps 1 and 3–5 of one sync, given its proposal (nil: no metrics).
    @inline(always)
    mutating func normalize(_ proposal: Int?, current: Int) -> HPADecision {
        syncs &+= 1
        // The common case stays short (a year at 15 s is two million syncs, and most change
        // nothing); the rest is in `recordChange` and `rateLimited`.
        guard current <= maxReplicas, current >= minReplicas, let proposal else {
            // Step 1, or no metrics: no proposal, nothing in the windows but, at the first
            // sync, the initial recommendation (recorded before anything else is looked at).
            if syncs == 1, upWindow.isOpen { upWindow.record(current) } else { upWindow.recordNothing() }
            if syncs == 1, downWindow.isOpen { downWindow.record(current) } else { downWindow.recordNothing() }
            guard current > maxReplicas || current < minReplicas else {
                return HPADecision(proposal: nil, stabilized: current, desired: current)
            }
            let desired = current > maxReplicas ? maxReplicas : minReplicas
            Self.recordChange(desired - current, at: now, in: &events)
            return HPADecision(proposal: nil, stabilized: desired, desired: desired)
        }

        if syncs == 1 { return firstSync(proposal, current: current) }
        // A 0 s window (the scale-up default) holds nothing: skip it.
        let upRecommendation = upWindow.span > 0 ? upWindow.combine(upWindow.extreme, proposal) : proposal
        let downRecommendation = downWindow.span > 0 ? downWindow.combine(downWindow.extreme, proposal) : proposal
        let stabilized = min(max(current, upRecommendation), downRecommendation)
        if upWindow.span > 0 { upWindow.record(proposal) }
        if downWindow.span > 0 { downWindow.record(proposal) }
        guard stabilized != current else { return HPADecision(proposal: proposal, stabilized: stabilized, desired: current) }
        let desired = Self.rateLimited(stabilized, current: current, policy: policy, at: now, events: &events)
        return HPADecision(proposal: proposal, stabilized: stabilized, desired: desired)
    }

    /// Steps 3–5 of the first sync, where the controller first records the current count
    /// (`recordInitialRecommendation`): stamped with this sync's time, it counts in any window
    /// longer than 0 s, now and for as long as this sync's proposal.
    @inline(never)
    private mutating func firstSync(_ proposal: Int, current: Int) -> HPADecision {
        var upRecommendation = upWindow.combine(upWindow.extreme, proposal)
        var downRecommendation = downWindow.combine(downWindow.extreme, proposal)
        var upRecord = proposal
        var downRecord = proposal
        if upWindow.isOpen {
            upRecommendation = min(upRecommendation, current)
            upRecord = min(proposal, current)
        }
        if downWindow.isOpen {
            downRecommendation = max(downRecommendation, current)
            downRecord = max(proposal, current)
        }
        let stabilized = min(max(current, upRecommendation), downRecommendation)
        upWindow.record(upRecord)
        downWindow.record(downRecord)
        guard stabilized != current else { return HPADecision(proposal: proposal, stabilized: stabilized, desired: current) }
        let desired = Self.rateLimited(stabilized, current: current, policy: policy, at: now, events: &events)
        return HPADecision(proposal: proposal, stabilized: stabilized, desired: desired)
    }

    /// Seconds on the controller's clock at the latest sync.
    private var now: Double { Double(syncs) * policy.syncPeriodSeconds }

    // The rarely taken paths stay out of line, so the inlined sync is short; they are static
    // and get only what they read or change (a method on self, called after the windows were
    // mutated, made the compiler copy the whole controller).

    @inline(never)
    private static func recordChange(_ change: Int, at now: Double, in events: inout ScaleEventLog) {
        events.expire(now: now)
        events.record(change: change, at: now)
    }

    /// Steps 4 and 5 (`convertDesiredReplicasWithBehaviorRate`) for a stabilized count that
    /// differs from `current`; records the change, if any, for later limits.
    @inline(never)
    private static func rateLimited(_ stabilized: Int, current: Int, policy: HPAPolicy, at now: Double,
                                    events: inout ScaleEventLog) -> Int {
        events.expire(now: now)
        let desired: Int
        if stabilized > current {
            let limit = max(scaleUpLimit(policy.scaleUp, current: current, events: events, now: now), current)
            desired = min(stabilized, min(policy.maxReplicas, limit))
        } else {
            let limit = min(scaleDownLimit(policy.scaleDown, current: current, events: events, now: now), current)
            desired = max(stabilized, max(policy.minReplicas, limit))
        }
        if desired != current { events.record(change: desired - current, at: now) }
        return desired
    }

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
