import Testing
@testable import CapPlan

extension AutoscalingTests {
    /// sessions/autoscale-day: the 24-hour pattern, 10 rps per replica, $3.20 per replica-hour.
    struct BaselinesTests {
        static let day: [Double] = [20, 15, 12, 10, 8, 12, 25, 40, 70, 95, 120, 140,
                                    160, 180, 200, 185, 170, 150, 120, 100, 80, 60, 40, 25]

        static func daySimulation(readiness: Double = 0) throws -> AutoscaleSimulation {
            let trace = try DemandTrace.hourly(Self.day, shape: .step, stepSeconds: 60)
            return try AutoscaleSimulation(trace: trace, replica: ReplicaModel(capacity: 10, pricePerHour: 3.2,
                                                                               readinessDelaySeconds: readiness))
        }

        @Test func staticPeakProvisionsForThePeakAllDay() throws {
            // Peak 200 rps / (10 rps × target 1.0) = 20 replicas × 24 h = 480 replica-hours × $3.20 = $1,536.
            let r = try Self.daySimulation().run(.staticPeak)
            #expect(r.replicaHours == 480)
            #expect(abs(r.cost - 1_536) < 1e-9)
            #expect(r.slaViolationMinutes == 0 && r.scalingEvents == 0 && r.churn == 0 && r.peakReplicas == 20)
            // Over-provisioned: Σ_h (20 − D_h/10) = 480 − 2,037/10 = 276.3 GPU-hours (1 GPU per replica).
            #expect(abs(r.overprovisionedGPUHours - 276.3) < 1e-9)
            // At 15 s steps (the trace held) the figures are the same.
            let quarter = try Self.daySimulation().run(.staticPeak, stepSeconds: 15)
            #expect(quarter.steps == 5_760 && abs(quarter.cost - 1_536) < 1e-9)
        }

        @Test func oracleBuysExactlyWhatEachHourNeeds() throws {
            // ⌈D_h/10⌉ per hour: 2 2 2 1 1 2 3 4 7 10 12 14 16 18 20 19 17 15 12 10 8 6 4 3, which sums
            // to 208 replica-hours → $665.60. Changes: 2→1, 1→2, then every hour from 06:00 on
            // (18): 20 events; churn 1 + 1 + (20 − 2) up + (20 − 3) down = 37.
            let r = try Self.daySimulation().run(.oracle)
            #expect(abs(r.replicaHours - 208) < 1e-9)
            #expect(abs(r.cost - 665.6) < 1e-9)
            #expect(r.scalingEvents == 20 && r.churn == 37 && r.peakReplicas == 20)
            #expect(r.slaViolationMinutes == 0 && r.unservedRequests == 0)
            // Over-provisioned: only the rounding up, Σ_h (⌈D_h/10⌉ − D_h/10) = 208 − 2,037/10 = 4.3.
            #expect(abs(r.overprovisionedGPUHours - 4.3) < 1e-9)
        }

        @Test func policiesOnTheDayMatchThePythonReference() throws {
            // The same figures as scripts/bench.d/autoscale_reference.py day (an independent
            // implementation of both policies), printed there to 6 decimals.
            func check(_ r: AutoscaleResult, cost: Double, hours: Double, violation: Double, overprovisioned: Double,
                       unserved: Double, events: Int, churn: Int, peak: Int) {
                #expect(abs(r.cost - cost) < 1e-6, "\(r.policy) cost \(r.cost)")
                #expect(abs(r.replicaHours - hours) < 1e-6)
                #expect(abs(r.slaViolationMinutes - violation) < 1e-6)
                #expect(abs(r.overprovisionedGPUHours - overprovisioned) < 1e-6)
                #expect(abs(r.unservedRequests - unserved) < 1e-6)
                #expect(r.scalingEvents == events && r.churn == churn && r.peakReplicas == peak)
            }
            let threshold = try Self.daySimulation().run(.threshold(ThresholdPolicy()))
            #expect(threshold.stepSeconds == 60 && threshold.steps == 1_440)
            check(threshold, cost: 1_179.146667, hours: 368.483333, violation: 2, overprovisioned: 164.808333,
                  unserved: 900, events: 13, churn: 48, peak: 28)
            let hpa = HPAPolicy(metric: .utilization(target: 0.7), minReplicas: 1, maxReplicas: 40)
            let quick = try Self.daySimulation().run(.hpa(hpa))
            #expect(quick.stepSeconds == 15 && quick.steps == 5_760)
            check(quick, cost: 962.586667, hours: 300.808333, violation: 0.75, overprovisioned: 97.11875,
                  unserved: 375, events: 17, churn: 49, peak: 26)
            let cold = try Self.daySimulation(readiness: 60).run(.hpa(hpa))
            check(cold, cost: 962.586667, hours: 300.808333, violation: 3.75, overprovisioned: 96.727083,
                  unserved: 1_875, events: 17, churn: 49, peak: 26)
        }

        @Test func moreDemandNeverLowersTheBaselinesCost() throws {
            var random = SplitMix64(seed: 17)
            for seed in 0..<40 {
                let base = (0..<120).map { _ in 100 * random.unit() }
                var more = base
                for _ in 0..<10 { more[random.index(below: more.count)] += 50 * random.unit() }
                let replica = ReplicaModel(capacity: 7, pricePerHour: 1.3)
                let scoring = AutoscaleScoring(targetUtilization: 0.8)
                let low = try AutoscaleSimulation(trace: DemandTrace(values: base, stepSeconds: 60), replica: replica, scoring: scoring)
                let high = try AutoscaleSimulation(trace: DemandTrace(values: more, stepSeconds: 60), replica: replica, scoring: scoring)
                #expect(try high.run(.oracle).cost >= low.run(.oracle).cost, "seed \(seed)")
                #expect(try high.run(.staticPeak).cost >= low.run(.staticPeak).cost, "seed \(seed)")
                // The oracle never costs more than static provisioning, and never misses.
                #expect(try low.run(.oracle).cost <= low.run(.staticPeak).cost, "seed \(seed)")
                #expect(try low.run(.oracle).slaViolationMinutes == 0)
            }
        }

        @Test func seriesBucketsKeepTheWorstCase() throws {
            let trace = try DemandTrace(values: [1, 5, 2, 8, 3, 4, 9, 1, 1, 7], stepSeconds: 60)
            let simulation = try AutoscaleSimulation(trace: trace, replica: ReplicaModel(capacity: 1, pricePerHour: 1),
                                                     scoring: AutoscaleScoring(series: .points(4)))
            let series = try #require(try simulation.run(.oracle).series)
            // ⌈10/4⌉ = 3 steps per bucket: [1 5 2] [8 3 4] [9 1 1] [7].
            #expect(series.stepsPerBucket == 3 && series.bucketSeconds == 180)
            #expect(series.demand == [5, 8, 9, 7])
            #expect(series.ready == [1, 3, 1, 7])
            #expect(series.desired == [5, 8, 9, 7])
            #expect(series.time(at: 2) == 360)
            #expect(try simulation.run(.oracle, stepSeconds: 60).series?.demand.count == 4)
            let none = try AutoscaleSimulation(trace: trace, replica: ReplicaModel(capacity: 1, pricePerHour: 1))
            #expect(try none.run(.oracle).series == nil)
        }

        @Test func zeroDemandCostsNothingAndStaysFinite() throws {
            let trace = try DemandTrace(values: Array(repeating: 0, count: 30), stepSeconds: 60)
            let simulation = try AutoscaleSimulation(trace: trace, replica: ReplicaModel(capacity: 5, pricePerHour: 2))
            for policy: AutoscalePolicy in [.oracle, .staticPeak, .threshold(ThresholdPolicy()),
                                            .hpa(HPAPolicy(metric: .utilization(target: 0.7), maxReplicas: 5))] {
                let r = try simulation.run(policy)
                for figure in [r.cost, r.replicaHours, r.slaViolationMinutes, r.overprovisionedGPUHours, r.unservedRequests, r.meanReplicas] {
                    #expect(figure.isFinite && figure >= 0, "\(r.policy)")
                }
            }
            #expect(try simulation.run(.oracle).cost == 0)
        }
    }
}
