import Testing
@testable import CapPlan

extension AutoscalingTests {
    /// The threshold policy traced minute by minute (defaults: up above 75% to int(R·1.5) with a
    /// 5-minute cooldown, down below 30% to int(R·0.75) with 15 minutes, min 2, max 100), 10 rps
    /// per replica. A decision in minute i serves from minute i + 1.
    struct ThresholdPolicyTests {
        static func run(_ perMinute: [Double], _ policy: ThresholdPolicy = ThresholdPolicy(), price: Double = 60,
                        readiness: Double = 0) throws -> AutoscaleResult {
            let trace = try DemandTrace(values: perMinute, stepSeconds: 60)
            let replica = ReplicaModel(capacity: 10, pricePerHour: price, readinessDelaySeconds: readiness)
            return try AutoscaleSimulation(trace: trace, replica: replica, scoring: AutoscaleScoring(series: .full))
                .run(.threshold(policy))
        }

        @Test func minuteByMinuteTrace() throws {
            let demand: [Double] = [20, 20] + Array(repeating: 31, count: 4) + Array(repeating: 2, count: 45) + [20]
            let result = try Self.run(demand)
            // min 0: R = 2 (the minimum), u = 20/20 = 1.0 > 0.75; the cooldown starts expired →
            //        int(2·1.5) = 3 from minute 1. Clock: changed at the end of minute 0 (t = 60 s).
            // min 1: u = 20/30 = 0.67 → hold.
            // min 2–4: u = 31/30 = 1.03 > 0.75, but 2–4 minutes since the change < 5 → hold.
            // min 5: 5 minutes since the change → int(3·1.5) = int(4.5) = 4 (truncated, not 5).
            // min 6–19: u = 2/40 = 0.05 < 0.30, but a scale-down needs 15 minutes since any change.
            // min 20: 15 minutes after minute 5's change → int(4·0.75) = 3.
            // min 35: 15 minutes later → int(3·0.75) = int(2.25) = 2.
            // min 50: int(2·0.75) = int(1.5) = 1, clamped to 2: no change, so the clock is not reset.
            // min 51: u = 20/20 = 1.0, 16 minutes since the last real change → int(2·1.5) = 3
            //         (had minute 50 reset the clock, this would wait 4 more minutes).
            let expected = [2] + Array(repeating: 3, count: 5) + Array(repeating: 4, count: 15)
                + Array(repeating: 3, count: 15) + Array(repeating: 2, count: 16)
            let series = try #require(result.series)
            #expect(series.desired == expected)
            #expect(series.ready == expected)
            #expect(result.scalingEvents == 5 && result.churn == 5)  // minute 51's change counts, serving after the trace
            // Cost = replica-minutes × price / 60: 2 + 3·5 + 4·15 + 3·15 + 2·16 = 154 replica-minutes,
            // $154 at $60 per replica-hour.
            #expect(abs(result.replicaHours * 60 - 154) < 1e-9)
            #expect(abs(result.cost - 154) < 1e-9)
            // SLA: minutes 2–5 carry 31 rps on 30 rps of ready capacity.
            #expect(result.slaViolationMinutes == 4)
            // Over-provisioned (target 1.0): Σ max(0, R − D/10) replica-minutes = 1 (min 1) + 15·3.8
            // (min 6–20) + 15·2.8 (min 21–35) + 15·1.8 (min 36–50) = 127 → 127/60 GPU-hours.
            #expect(abs(result.overprovisionedGPUHours - 127.0 / 60) < 1e-9)
            #expect(result.peakReplicas == 4)
        }

        @Test func oneCooldownClockForBothDirections() throws {
            let demand: [Double] = [20] + Array(repeating: 2, count: 15) + Array(repeating: 40, count: 6)
            let series = try #require(try Self.run(demand).series)
            // min 0: 2 → 3 (the clock starts expired). min 1–14: u = 2/30 < 0.30, within 15 minutes.
            // min 15: 15 minutes since minute 0's change → int(2.25) = 2 from minute 16.
            // min 16–19: u = 40/20 = 2 > 0.75. The last scale-up was 16 minutes ago, but the clock
            // is shared and the scale-down was 1–4 minutes ago → hold. min 20: 5 minutes → 3.
            #expect(series.desired == [2] + Array(repeating: 3, count: 15) + Array(repeating: 2, count: 5) + [3])
        }

        @Test func clampsAtTheMaximumWithoutCountingAChange() throws {
            let policy = ThresholdPolicy(scaleUpCooldownSeconds: 0, maxReplicas: 4)
            let result = try Self.run(Array(repeating: 100, count: 5), policy)
            // 2 → 3 → int(4.5) = 4 → int(6) = 6 clamped to 4: no change.
            #expect(result.series?.desired == [2, 3, 4, 4, 4])
            #expect(result.scalingEvents == 2)
        }

        @Test func oneReplicaNeverGrowsBecauseIntTruncates() throws {
            // int(1·1.5) = 1: the textbook model is stuck at one replica, and so is this one.
            let policy = ThresholdPolicy(minReplicas: 1)
            let result = try Self.run(Array(repeating: 100, count: 30), policy)
            #expect(result.series?.desired == Array(repeating: 1, count: 30))
            #expect(result.scalingEvents == 0)
            #expect(result.slaViolationMinutes == 30)
        }

        @Test func readinessDelayPostponesServingNotBilling() throws {
            // Readiness 120 s: minute 0's scale-up to 3 is billed from minute 1, serves from minute 3.
            let result = try Self.run([20, 20, 20, 20, 20], readiness: 120)
            let series = try #require(result.series)
            #expect(series.desired == [2, 3, 3, 3, 3])
            #expect(series.ready == [2, 2, 2, 3, 3])
            #expect(abs(result.replicaHours * 60 - 14) < 1e-9)
        }

        @Test func everyNumberIsValidated() {
            let bad = [
                ThresholdPolicy(scaleUpThreshold: 0.2, scaleDownThreshold: 0.3),
                ThresholdPolicy(scaleUpFactor: 0.9),
                ThresholdPolicy(scaleDownFactor: 1.2),
                ThresholdPolicy(scaleUpCooldownSeconds: -1),
                ThresholdPolicy(minReplicas: 0),
                ThresholdPolicy(minReplicas: 5, maxReplicas: 4),
                ThresholdPolicy(periodSeconds: .infinity),
            ]
            for policy in bad {
                #expect(throws: AutoscalingError.self) { try policy.validate() }
            }
            #expect(throws: Never.self) { try ThresholdPolicy().validate() }
        }
    }
}
