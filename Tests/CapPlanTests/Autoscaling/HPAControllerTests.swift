import Testing
@testable import CapPlan

extension AutoscalingTests {
    /// Hand-traced syncs of the HPA controller, with the arithmetic in comments. Capacity X is
    /// 10 rps per replica throughout; sync n is at n·15 s.
    struct HPAControllerTests {
        static func controller(_ metric: HPAMetric, min: Int = 1, max: Int = 10,
                               up: HPAScalingRules = .defaultScaleUp, down: HPAScalingRules = .defaultScaleDown) throws -> HPAController {
            try HPAController(policy: HPAPolicy(metric: metric, minReplicas: min, maxReplicas: max, scaleUp: up, scaleDown: down),
                              capacity: 10)
        }

        @Test func withinToleranceHoldsThenScalesUp() throws {
            var hpa = try Self.controller(.utilization(target: 0.5))
            // Sync 1: 4 ready pods at 21 rps: r = 21/(4·10·0.5) = 1.05, within [0.9, 1.1] → keep 4.
            var d = hpa.sync(current: 4, ready: 4, demand: 21)
            #expect(d == HPADecision(proposal: 4, stabilized: 4, desired: 4))
            // Sync 2: 19 rps: r = 0.95, still within → 4.
            d = hpa.sync(current: 4, ready: 4, demand: 19)
            #expect(d.desired == 4)
            // Sync 3: 26 rps: r = 1.3 → ⌈1.3·4⌉ = ⌈5.2⌉ = 6. Scale-up window 0 s: upRec = 6;
            // downRec = max(6, earlier 4s) = 6; stabilized = min(max(4, 6), 6) = 6. Limits: Percent
            // 100 → ⌈4·2⌉ = 8, Pods 4 → 4 + 4 = 8; Max → 8 ≥ 6 → 6.
            d = hpa.sync(current: 4, ready: 4, demand: 26)
            #expect(d == HPADecision(proposal: 6, stabilized: 6, desired: 6))
            // Sync 4: 26 rps on 6 pods: r = 26/30 = 0.867 (outside), but ⌈0.867·6⌉ = ⌈5.2⌉ = 6 = current.
            d = hpa.sync(current: 6, ready: 6, demand: 26)
            #expect(d == HPADecision(proposal: 6, stabilized: 6, desired: 6))
            #expect(hpa.syncs == 4)
        }

        @Test func exactToleranceBoundaryHolds() throws {
            var hpa = try Self.controller(.utilization(target: 0.5))
            // 22 rps on 4 pods: r = 1.1 exactly at the edge; (1 − 0.1) ≤ r ≤ (1 + 0.1) holds, as in
            // `Tolerances.isWithin`. 18 rps: r = 0.9, the lower edge, also holds.
            #expect(hpa.sync(current: 4, ready: 4, demand: 22).desired == 4)
            #expect(hpa.sync(current: 4, ready: 4, demand: 18).proposal == 4)
            // 23 rps: r = 1.15 → ⌈4.6⌉ = 5.
            #expect(hpa.sync(current: 4, ready: 4, demand: 23).desired == 5)
        }

        @Test func scaleDownWindowHoldsTheHighestRecommendationFor300Seconds() throws {
            var hpa = try Self.controller(.requestsPerReplica(target: 10))
            // Sync 1 (t = 15 s): 60 rps on 6 pods = 10 per pod → r = 1 → 6. The initial
            // recommendation (6, the current count) and this one are both stamped t = 15 s.
            #expect(hpa.sync(current: 6, ready: 6, demand: 60).desired == 6)
            // Syncs 2 … 20 (t = 30 … 300 s): 24 rps → r = 0.4 → ⌈0.4·6⌉ = ⌈2.4⌉ = 3. downRec =
            // max(3, the 6 from t = 15 s, still inside since 15 > t − 300) = 6 → stay at 6.
            for n in 2...20 {
                let d = hpa.sync(current: 6, ready: 6, demand: 24)
                #expect(d == HPADecision(proposal: 3, stabilized: 6, desired: 6), "sync \(n)")
            }
            // Sync 21 (t = 315 s): 15 > 315 − 300 is false, so only 3s remain → downRec = 3.
            // Rate limit: Percent 100 per 15 s from P₀ = 6 → ⌊6·0⌋ = 0 → floor max(min 1, 0) = 1 ≤ 3.
            #expect(hpa.sync(current: 6, ready: 6, demand: 24) == HPADecision(proposal: 3, stabilized: 3, desired: 3))
        }

        @Test func shorterScaleDownWindowReleasesSooner() throws {
            let down = HPAScalingRules(stabilizationWindowSeconds: 60, policies: [.percent(100, periodSeconds: 15)])
            var hpa = try Self.controller(.requestsPerReplica(target: 10), down: down)
            // 60 s at 15 s: the window holds the 3 syncs before this one. Sync 1's 6s (t = 15 s)
            // count at t = 60 s (15 > 60 − 60) and not at t = 75 s (15 > 75 − 60 is false).
            #expect(hpa.sync(current: 6, ready: 6, demand: 60).desired == 6)   // t = 15
            #expect(hpa.sync(current: 6, ready: 6, demand: 24).desired == 6)   // t = 30
            #expect(hpa.sync(current: 6, ready: 6, demand: 24).desired == 6)   // t = 45
            #expect(hpa.sync(current: 6, ready: 6, demand: 24).desired == 6)   // t = 60: 15 > 0, still in
            #expect(hpa.sync(current: 6, ready: 6, demand: 24).desired == 3)   // t = 75: 15 > 15 false
        }

        @Test func scaleUpWindowKeepsTheLowestRecommendation() throws {
            let up = HPAScalingRules(stabilizationWindowSeconds: 30, policies: [.pods(100, periodSeconds: 15)])
            var hpa = try Self.controller(.requestsPerReplica(target: 10), max: 50, up: up)
            // Sync 1: 100 rps on 2 pods → ⌈10⌉ = 10, but the initial recommendation (2) is in the
            // 30 s scale-up window: upRec = min(10, 2) = 2 → stay at 2.
            #expect(hpa.sync(current: 2, ready: 2, demand: 100) == HPADecision(proposal: 10, stabilized: 2, desired: 2))
            // Sync 2 (t = 30): the window holds sync 1's records (15 > 0): min(2, 10, 10) = 2.
            #expect(hpa.sync(current: 2, ready: 2, demand: 100).desired == 2)
            // Sync 3 (t = 45): only sync 2's 10 remains (15 > 15 false) → 10.
            #expect(hpa.sync(current: 2, ready: 2, demand: 100).desired == 10)
        }

        static let upPodsAndPercent = [HPAScalingPolicy.pods(4, periodSeconds: 60), .percent(100, periodSeconds: 60)]

        @Test func scaleUpRateLimitPodsVersusPercent() throws {
            // 1000 rps at 10 per pod wants ⌈100⌉ = 100 pods from anywhere.
            let max = HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: .max, policies: Self.upPodsAndPercent)
            let min = HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: .min, policies: Self.upPodsAndPercent)
            // From 2: Pods → 2 + 4 = 6, Percent → ⌈2·2⌉ = 4. Max takes 6, Min takes 4.
            var a = try Self.controller(.requestsPerReplica(target: 10), max: 200, up: max)
            #expect(a.sync(current: 2, ready: 2, demand: 1_000) == HPADecision(proposal: 100, stabilized: 100, desired: 6))
            var b = try Self.controller(.requestsPerReplica(target: 10), max: 200, up: min)
            #expect(b.sync(current: 2, ready: 2, demand: 1_000).desired == 4)
            // From 10: Pods → 14, Percent → 20. Max takes 20, Min takes 14.
            var c = try Self.controller(.requestsPerReplica(target: 10), max: 200, up: max)
            #expect(c.sync(current: 10, ready: 10, demand: 1_000).desired == 20)
            var e = try Self.controller(.requestsPerReplica(target: 10), max: 200, up: min)
            #expect(e.sync(current: 10, ready: 10, demand: 1_000).desired == 14)
        }

        @Test func rateLimitCountsFromTheStartOfThePeriod() throws {
            let rules = HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: .max, policies: Self.upPodsAndPercent)
            var hpa = try Self.controller(.requestsPerReplica(target: 10), max: 200, up: rules)
            // t = 15: 2 → 6 (as above); the +4 is recorded at 15 s.
            #expect(hpa.sync(current: 2, ready: 2, demand: 1_000).desired == 6)
            // t = 30, 45, 60: the +4 is younger than 60 s, so P₀ = 6 − 4 = 2 → Pods 6, Percent 4 →
            // limit 6 = current: no more.
            for _ in 0..<3 { #expect(hpa.sync(current: 6, ready: 6, demand: 1_000).desired == 6) }
            // t = 75: 15 > 75 − 60 is false → P₀ = 6 → Pods 10, Percent 12 → 12.
            #expect(hpa.sync(current: 6, ready: 6, demand: 1_000).desired == 12)
        }

        @Test func scaleDownRateLimitPodsVersusPercent() throws {
            let policies = [HPAScalingPolicy.pods(2, periodSeconds: 60), .percent(50, periodSeconds: 60)]
            // No demand → ⌈0⌉ = 0 pods; no window, so stabilized = 0. From 10: Pods → 10 − 2 = 8,
            // Percent → ⌊10·0.5⌋ = 5. Max (the largest change) → 5; Min (the smallest) → 8.
            for (select, expected) in [(HPASelectPolicy.max, 5), (.min, 8), (.disabled, 10)] {
                let down = HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: select, policies: policies)
                var hpa = try Self.controller(.requestsPerReplica(target: 10), max: 20, down: down)
                let d = hpa.sync(current: 10, ready: 10, demand: 0)
                #expect(d == HPADecision(proposal: 0, stabilized: 0, desired: expected), "\(select)")
            }
        }

        @Test func percentLimitRoundsLikeTheController() throws {
            // Percent 10 from 50 pods: ⌈50·(1 + 10/100)⌉ = ⌈55.00000000000001⌉ = 56 in IEEE doubles,
            // as in Go (exact arithmetic would say 55); the scale-down twin: ⌊50·0.9⌋ = ⌊45⌋ = 45.
            let up = HPAScalingRules(stabilizationWindowSeconds: 0, policies: [.percent(10, periodSeconds: 15)])
            var hpa = try Self.controller(.requestsPerReplica(target: 10), max: 200, up: up)
            #expect(hpa.sync(current: 50, ready: 50, demand: 2_000).desired == 56)
            let down = HPAScalingRules(stabilizationWindowSeconds: 0, policies: [.percent(10, periodSeconds: 15)])
            var low = try Self.controller(.requestsPerReplica(target: 10), max: 200, down: down)
            #expect(low.sync(current: 50, ready: 50, demand: 0).desired == 45)
        }

        @Test func startingPodsCountAsIdleOnScaleUp() throws {
            // Utilisation target 0.5: a ready pod at 10 rps capacity is "on target" at 5 rps.
            // 8 pods, 4 ready, 30 rps: on ready pods r = 30/(4·5) = 1.5 > 1, so the 4 starting pods
            // count as 0%: r' = 30/(8·5) = 0.75 < 1 — a reversal → keep 8. (Ignoring them would
            // give ⌈1.5·4⌉ = 6, a scale-down while capacity is still arriving.)
            var a = try Self.controller(.utilization(target: 0.5), max: 20)
            #expect(a.sync(current: 8, ready: 4, demand: 30).proposal == 8)
            // 10 pods, 5 ready, 52 rps: r = 2.08, r' = 52/50 = 1.04, within tolerance → keep 10
            // (ignoring the starting pods: ⌈2.08·5⌉ = 11).
            var b = try Self.controller(.utilization(target: 0.5), max: 20)
            #expect(b.sync(current: 10, ready: 5, demand: 52).proposal == 10)
            // 8 pods, 4 ready, 60 rps: r' = 60/40 = 1.5 → ⌈1.5·8⌉ = 12.
            var c = try Self.controller(.utilization(target: 0.5), max: 20)
            #expect(c.sync(current: 8, ready: 4, demand: 60) == HPADecision(proposal: 12, stabilized: 12, desired: 12))
            // Scale-down: starting pods are ignored. 8 pods, 4 ready, 8 rps: r = 8/20 = 0.4 ≤ 1 →
            // ⌈0.4·4⌉ = ⌈1.6⌉ = 2 (the 300 s window keeps the count at 8 for now).
            var e = try Self.controller(.utilization(target: 0.5), max: 20)
            #expect(e.sync(current: 8, ready: 4, demand: 8) == HPADecision(proposal: 2, stabilized: 8, desired: 8))
            // No ready pod: no metrics, the sync changes nothing. The initial recommendation is
            // recorded all the same: a scale-down waits for the 300 s window.
            var f = try Self.controller(.utilization(target: 0.5), max: 20)
            #expect(f.sync(current: 3, ready: 0, demand: 100) == HPADecision(proposal: nil, stabilized: 3, desired: 3))
            #expect(f.sync(current: 3, ready: 3, demand: 0) == HPADecision(proposal: 0, stabilized: 3, desired: 3))
        }

        @Test func queueDepthProposesTheBacklogOverTheTarget() throws {
            let down = HPAScalingRules(stabilizationWindowSeconds: 0, policies: [.percent(100, periodSeconds: 15)])
            var hpa = try Self.controller(.queueDepth(targetPerReplica: 20), max: 50, down: down)
            // 4 pods, 100 waiting: r = 100/(20·4) = 1.25 → ⌈100/20⌉ = 5.
            #expect(hpa.sync(current: 4, ready: 4, demand: 0, backlog: 100).desired == 5)
            // 5 pods, 105 waiting: r = 1.05 → keep 5.
            #expect(hpa.sync(current: 5, ready: 5, demand: 0, backlog: 105).desired == 5)
            // An empty queue proposes 0, clamped to the minimum.
            #expect(hpa.sync(current: 5, ready: 5, demand: 0, backlog: 0) == HPADecision(proposal: 0, stabilized: 0, desired: 1))
        }

        @Test func currentOutsideTheRangeIsClampedFirst() throws {
            var hpa = try Self.controller(.requestsPerReplica(target: 10), min: 2, max: 5)
            #expect(hpa.sync(current: 9, ready: 9, demand: 90) == HPADecision(proposal: nil, stabilized: 5, desired: 5))
            #expect(hpa.sync(current: 1, ready: 1, demand: 10) == HPADecision(proposal: nil, stabilized: 2, desired: 2))
        }

        @Test func invalidPoliciesThrow() {
            #expect(throws: AutoscalingError.invalidReplicaRange(minimum: 0, maximum: 5, lowest: 1)) {
                _ = try Self.controller(.utilization(target: 0.7), min: 0, max: 5)
            }
            #expect(throws: AutoscalingError.invalidReplicaRange(minimum: 6, maximum: 5, lowest: 1)) {
                _ = try Self.controller(.utilization(target: 0.7), min: 6, max: 5)
            }
            #expect(throws: AutoscalingError.self) { _ = try Self.controller(.utilization(target: 0)) }
            #expect(throws: AutoscalingError.self) { _ = try Self.controller(.requestsPerReplica(target: .nan)) }
            #expect(throws: AutoscalingError.noScalingPolicies(direction: "up")) {
                _ = try Self.controller(.utilization(target: 0.7), up: HPAScalingRules(stabilizationWindowSeconds: 0, policies: []))
            }
            #expect(throws: AutoscalingError.self) {
                _ = try Self.controller(.utilization(target: 0.7), down: HPAScalingRules(stabilizationWindowSeconds: 3_601, policies: [.pods(1, periodSeconds: 15)]))
            }
            #expect(throws: AutoscalingError.self) {
                _ = try Self.controller(.utilization(target: 0.7), down: HPAScalingRules(stabilizationWindowSeconds: 0, policies: [.pods(0, periodSeconds: 15)]))
            }
            #expect(throws: AutoscalingError.self) {
                _ = try Self.controller(.utilization(target: 0.7), down: HPAScalingRules(stabilizationWindowSeconds: 0, policies: [.pods(1, periodSeconds: 1_801)]))
            }
            #expect(throws: AutoscalingError.invalidCapacity(0)) {
                _ = try HPAController(policy: HPAPolicy(metric: .utilization(target: 0.7), maxReplicas: 5), capacity: 0)
            }
            // Disabled needs no policy.
            #expect(throws: Never.self) {
                _ = try Self.controller(.utilization(target: 0.7), down: HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: .disabled, policies: []))
            }
        }
    }
}
