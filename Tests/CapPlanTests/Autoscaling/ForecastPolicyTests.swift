import Testing
@testable import CapPlan

extension AutoscalingTests {
    struct ForecastPolicyTests {
        static let demand: [Double] = [5, 5, 30, 30, 12, 12, 12, 40, 8, 8, 8, 8, 25, 3, 3]

        @Test func aPerfectForecastWithoutDelayIsTheOracle() throws {
            let trace = try DemandTrace(values: Self.demand, stepSeconds: 60)
            let simulation = try AutoscaleSimulation(trace: trace, replica: ReplicaModel(capacity: 10, pricePerHour: 2),
                                                     scoring: AutoscaleScoring(targetUtilization: 0.8))
            let forecast = ForecastPolicy(kind: .schedule, forecast: trace, targetUtilization: 0.8, minReplicas: 0, maxReplicas: 100)
            let scheduled = try simulation.run(.forecast(forecast))
            let oracle = try simulation.run(.oracle)
            #expect(scheduled.policy == "schedule")
            #expect(scheduled.cost == oracle.cost && scheduled.replicaHours == oracle.replicaHours)
            #expect(scheduled.scalingEvents == oracle.scalingEvents && scheduled.churn == oracle.churn)
            #expect(scheduled.overprovisionedGPUHours == oracle.overprovisionedGPUHours)
            #expect(scheduled.slaViolationMinutes == 0)
        }

        @Test func capacityIsAskedForAheadAndReleasedOnlyWhenNotNeededAgain() throws {
            // 1-minute steps, readiness 120 s (2 steps), 10 rps per replica at target 1:
            // R(t) = ⌈F(t)/10⌉ = 1 1 3 3 2 2 2 4 1 1 1 1 3 1 1.
            // R_alloc(t) = max R over t … t + 2:
            //            = 3 3 3 3 2 4 4 4 1 1 3 3 3 1 1
            let trace = try DemandTrace(values: Self.demand, stepSeconds: 60)
            let simulation = try AutoscaleSimulation(
                trace: trace, replica: ReplicaModel(capacity: 10, pricePerHour: 60, readinessDelaySeconds: 120),
                scoring: AutoscaleScoring(series: .full))
            let policy = ForecastPolicy(forecast: trace, minReplicas: 1, maxReplicas: 10)
            let r = try simulation.run(.forecast(policy))
            let series = try #require(r.series)
            #expect(series.desired == [3, 3, 3, 3, 2, 4, 4, 4, 1, 1, 3, 3, 3, 1, 1])
            // Added replicas serve two steps after they are asked for; removals are immediate. The
            // start is warm (3 ready), and every rise is asked for 2 steps before it is needed.
            #expect(series.ready == [3, 3, 3, 3, 2, 2, 2, 4, 1, 1, 1, 1, 3, 1, 1])
            #expect(r.slaViolationMinutes == 0)
            #expect(r.policy == "predictive")
        }

        @Test func leadTimeLooksFurtherAhead() throws {
            let trace = try DemandTrace(values: [5, 5, 5, 5, 50, 5], stepSeconds: 60)
            let simulation = try AutoscaleSimulation(trace: trace, replica: ReplicaModel(capacity: 10, pricePerHour: 1),
                                                     scoring: AutoscaleScoring(series: .full))
            let plain = try simulation.run(.forecast(ForecastPolicy(forecast: trace, maxReplicas: 10)))
            let early = try simulation.run(.forecast(ForecastPolicy(forecast: trace, maxReplicas: 10, leadSeconds: 120)))
            #expect(plain.series?.desired == [1, 1, 1, 1, 5, 1])
            #expect(early.series?.desired == [1, 1, 5, 5, 5, 1])
        }

        @Test func forecastIsReadOnTheTracesClock() throws {
            // An hourly forecast for a 15-minute trace: each step takes the hour it falls in, and
            // steps past the forecast's end hold its last value.
            let trace = try DemandTrace(values: Array(repeating: 1, count: 12), stepSeconds: 900)
            let forecast = try DemandTrace(values: [10, 40], stepSeconds: 3_600)
            let simulation = try AutoscaleSimulation(trace: trace, replica: ReplicaModel(capacity: 10, pricePerHour: 1),
                                                     scoring: AutoscaleScoring(series: .full))
            let r = try simulation.run(.forecast(ForecastPolicy(forecast: forecast, maxReplicas: 10)))
            #expect(r.series?.desired == [1, 1, 1, 1, 4, 4, 4, 4, 4, 4, 4, 4])
        }

        @Test func invalidForecastPoliciesThrow() throws {
            let trace = try DemandTrace(values: [1], stepSeconds: 60)
            #expect(throws: AutoscalingError.self) { try ForecastPolicy(forecast: trace, targetUtilization: 0, maxReplicas: 1).validate() }
            #expect(throws: AutoscalingError.self) { try ForecastPolicy(forecast: trace, minReplicas: 3, maxReplicas: 2).validate() }
            #expect(throws: AutoscalingError.self) { try ForecastPolicy(forecast: trace, maxReplicas: 1, leadSeconds: -1).validate() }
        }
    }
}
