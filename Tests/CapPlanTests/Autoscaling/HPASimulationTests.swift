import Testing
@testable import CapPlan

extension AutoscalingTests {
    struct HPASimulationTests {
        /// The same run written plainly, step by step: the public `HPAController.sync`, a list of
        /// starting replicas, per-step sums. `HPASimulation` scores segments, keeps the backlog only
        /// for the queue metric and calls the controller's two halves; the figures must not move.
        static func naive(_ policy: HPAPolicy, trace: DemandTrace, replica: ReplicaModel,
                          scoring: AutoscaleScoring) throws -> AutoscaleResult {
            var controller = try HPAController(policy: policy, capacity: replica.capacity)
            let step = trace.stepSeconds
            let syncSteps = Int((policy.syncPeriodSeconds / step).rounded())
            let delaySteps = replica.delaySteps(stepSeconds: step)
            let x = replica.capacity
            let violationCapacity = x * scoring.maximumUtilization
            let replicasPerDemand = 1 / (x * scoring.targetUtilization)
            var allocated = policy.startingReplicas, ready = allocated, peak = allocated
            var starting: [(step: Int, count: Int)] = []
            var replicaSteps = 0, violations = 0, events = 0, churn = 0
            var overprovisioned = 0.0, unserved = 0.0, backlog = 0.0, sum = 0.0, count = 0
            for (i, d) in trace.values.enumerated() {
                for batch in starting where batch.step <= i { ready += batch.count }
                starting.removeAll { $0.step <= i }
                replicaSteps += allocated
                let r = Double(ready)
                if d > r * violationCapacity { violations += 1 }
                overprovisioned += max(r - d * replicasPerDemand, 0)
                unserved += max(d - r * x, 0)
                backlog = max(0, backlog + (d - r * x) * step)
                sum += d
                count += 1
                guard count == syncSteps else { continue }
                let mean = syncSteps == 1 ? sum : sum / Double(syncSteps)
                sum = 0
                count = 0
                let desired = controller.sync(current: allocated, ready: ready, demand: mean, backlog: backlog).desired
                guard desired != allocated else { continue }
                events += 1
                churn += abs(desired - allocated)
                if desired > allocated {
                    if delaySteps == 0 { ready += desired - allocated } else { starting.append((i + 1 + delaySteps, desired - allocated)) }
                } else {
                    var remove = allocated - desired
                    while remove > 0, let newest = starting.last {
                        if newest.count <= remove {
                            remove -= newest.count
                            starting.removeLast()
                        } else {
                            starting[starting.count - 1].count -= remove
                            remove = 0
                        }
                    }
                    ready -= remove
                }
                allocated = desired
                peak = max(peak, allocated)
            }
            let hours = Double(replicaSteps) * step / 3_600
            return AutoscaleResult(
                policy: "hpa", steps: trace.count, stepSeconds: step, cost: hours * replica.pricePerHour,
                replicaHours: hours, slaViolationMinutes: Double(violations) * step / 60,
                overprovisionedGPUHours: overprovisioned * replica.gpusPerReplica * step / 3_600,
                unservedRequests: unserved * step, scalingEvents: events, churn: churn, peakReplicas: peak, series: nil)
        }

        /// Noisy demand with bursts, from a seed.
        static func noisyTrace(_ random: inout SplitMix64, steps: Int, stepSeconds: Double) throws -> DemandTrace {
            var burst = 0
            let values = (0..<steps).map { i -> Double in
                if burst == 0, random.index(below: 60) == 0 { burst = 20 }
                if burst > 0 { burst -= 1 }
                let base = 40 + 30 * Double((i / 50) % 4)
                return base * (0.7 + 0.6 * random.unit()) * (burst > 0 ? 3 : 1)
            }
            return try DemandTrace(values: values, stepSeconds: stepSeconds)
        }

        @Test func simulationMatchesThePlainStepByStepLoop() throws {
            var random = SplitMix64(seed: 61)
            let metrics: [HPAMetric] = [.utilization(target: 0.6), .requestsPerReplica(target: 8), .queueDepth(targetPerReplica: 30)]
            let policyChoices: [[HPAScalingPolicy]] = [
                [.pods(4, periodSeconds: 15), .percent(100, periodSeconds: 15)],
                [.pods(2, periodSeconds: 60)],
                [.percent(50, periodSeconds: 30), .pods(1, periodSeconds: 45)],
            ]
            let selects: [HPASelectPolicy] = [.max, .min, .max, .disabled]
            for trial in 0..<24 {
                let step = [15.0, 5][random.index(below: 2)]
                let trace = try Self.noisyTrace(&random, steps: 400, stepSeconds: step)
                let policy = HPAPolicy(
                    metric: metrics[random.index(below: metrics.count)],
                    minReplicas: 1 + random.index(below: 3), maxReplicas: 20 + random.index(below: 40), syncPeriodSeconds: 15,
                    scaleUp: HPAScalingRules(stabilizationWindowSeconds: [0, 30, 60][random.index(below: 3)],
                                             selectPolicy: selects[random.index(below: 3)],
                                             policies: policyChoices[random.index(below: 3)]),
                    scaleDown: HPAScalingRules(stabilizationWindowSeconds: [0, 60, 300][random.index(below: 3)],
                                               selectPolicy: selects[random.index(below: 4)],
                                               policies: policyChoices[random.index(below: 3)], tolerance: 0.05))
                let replica = ReplicaModel(capacity: 10, pricePerHour: 2.5, gpusPerReplica: 2,
                                           readinessDelaySeconds: [0, 20, 45, 120][random.index(below: 4)])
                let scoring = AutoscaleScoring(targetUtilization: 0.8, maximumUtilization: 0.95)
                let fast = try AutoscaleSimulation(trace: trace, replica: replica, scoring: scoring).run(.hpa(policy), stepSeconds: step)
                let plain = try Self.naive(policy, trace: trace, replica: replica, scoring: scoring)
                #expect(fast == plain, "trial \(trial): \(policy.metric.name), step \(step), delay \(replica.readinessDelaySeconds)")
                #expect(fast.scalingEvents > 0, "trial \(trial) never scaled: a weak check")
            }
        }

        @Test func newReplicasServeAfterTheReadinessDelay() throws {
            // 15 s steps, readiness 45 s = 3 steps. 20 rps on 2 pods at 10 rps, target 50%:
            // r = 20/(2·5) = 2 → 4 pods at the first sync (end of step 0), asked for from step 1,
            // serving from step 1 + 3 = 4.
            let trace = try DemandTrace(values: Array(repeating: 20, count: 8), stepSeconds: 15)
            let replica = ReplicaModel(capacity: 10, pricePerHour: 3.6, readinessDelaySeconds: 45)
            let simulation = try AutoscaleSimulation(trace: trace, replica: replica, scoring: AutoscaleScoring(series: .full))
            let result = try simulation.run(.hpa(HPAPolicy(metric: .utilization(target: 0.5), minReplicas: 2, maxReplicas: 10)))
            let series = try #require(result.series)
            #expect(series.desired == [2, 4, 4, 4, 4, 4, 4, 4])
            #expect(series.ready == [2, 2, 2, 2, 4, 4, 4, 4])
            #expect(series.demand == Array(repeating: 20, count: 8))
            // While 2 pods start (steps 1–3) the sync sees r = 2 on ready pods, but with the
            // starting pods at 0% r' = 20/(4·5) = 1 → no further scale-up: one event.
            #expect(result.scalingEvents == 1 && result.churn == 2)
            // Billing from the ask: 2 + 7·4 = 30 replica-steps of 15 s = 0.125 h → $0.45 at $3.60/h.
            #expect(abs(result.replicaHours - 0.125) < 1e-12)
            #expect(abs(result.cost - 0.45) < 1e-12)
            // Ready capacity 2·10 = 20 = demand: no violation at u_max = 1.
            #expect(result.slaViolationMinutes == 0)
        }

        @Test func queueDepthScalesOnTheBacklog() throws {
            // 1 pod (10 rps) and 30 rps for a minute: the backlog grows 20 rps · 15 s = 300 per step.
            let values: [Double] = [30, 30, 30, 30] + Array(repeating: 5, count: 36)
            let trace = try DemandTrace(values: values, stepSeconds: 15)
            let simulation = try AutoscaleSimulation(trace: trace, replica: ReplicaModel(capacity: 10, pricePerHour: 1),
                                                     scoring: AutoscaleScoring(series: .full))
            let policy = HPAPolicy(metric: .queueDepth(targetPerReplica: 100), minReplicas: 1, maxReplicas: 10)
            let result = try simulation.run(.hpa(policy))
            let series = try #require(result.series)
            // Sync 1 (end of step 0): backlog 300 → r = 300/(100·1) = 3 → ⌈300/100⌉ = 3 pods (limit
            // max(⌈1·2⌉, 1 + 4) = 5). Syncs 2–4: 3 pods serve 30 rps, the backlog stays 300, r = 1.
            // From step 4, 5 rps: the backlog empties and the proposal is 0, but the scale-down
            // window holds sync 4's 3 until sync 24 (t = 360 s: 60 > 360 − 300 is false) → 1 pod.
            #expect(series.desired == [1] + Array(repeating: 3, count: 23) + Array(repeating: 1, count: 16))
            // Only step 0 leaves requests unserved: (30 − 10) rps · 15 s.
            #expect(result.unservedRequests == 300)
            #expect(result.scalingEvents == 2 && result.churn == 4)
        }

        @Test func syncPeriodMustBeAWholeNumberOfSteps() throws {
            let trace = try DemandTrace(values: [1, 2, 3], stepSeconds: 10)
            let simulation = try AutoscaleSimulation(trace: trace, replica: ReplicaModel(capacity: 1, pricePerHour: 1))
            let policy = HPAPolicy(metric: .utilization(target: 0.5), maxReplicas: 4)
            #expect(throws: AutoscalingError.periodNotMultipleOfStep(name: "sync period", period: 15, step: 10)) {
                try simulation.run(.hpa(policy), stepSeconds: 10)
            }
            // The natural step (15 s) resamples the trace.
            #expect(try simulation.run(.hpa(policy)).stepSeconds == 15)
        }
    }
}
