import Testing
@testable import CapPlan

extension AutoscalingTests {
    struct AutoscalingErrorTests {
        static let trace = try! DemandTrace(values: [1, 2, 3], stepSeconds: 60)

        @Test func impossibleReplicaModelsAndScoringThrow() {
            #expect(throws: AutoscalingError.invalidCapacity(0)) {
                try AutoscaleSimulation(trace: Self.trace, replica: ReplicaModel(capacity: 0, pricePerHour: 1))
            }
            #expect(throws: AutoscalingError.invalidCapacity(-3)) {
                try AutoscaleSimulation(trace: Self.trace, replica: ReplicaModel(capacity: -3, pricePerHour: 1))
            }
            #expect(throws: AutoscalingError.self) {
                try AutoscaleSimulation(trace: Self.trace, replica: ReplicaModel(capacity: .infinity, pricePerHour: 1))
            }
            #expect(throws: AutoscalingError.self) {
                try AutoscaleSimulation(trace: Self.trace, replica: ReplicaModel(capacity: 1, pricePerHour: .nan))
            }
            #expect(throws: AutoscalingError.self) {
                try AutoscaleSimulation(trace: Self.trace, replica: ReplicaModel(capacity: 1, pricePerHour: 1, readinessDelaySeconds: -5))
            }
            #expect(throws: AutoscalingError.self) {
                try AutoscaleSimulation(trace: Self.trace, replica: ReplicaModel(capacity: 1, pricePerHour: 1),
                                        scoring: AutoscaleScoring(targetUtilization: 0))
            }
            #expect(throws: AutoscalingError.self) {
                try AutoscaleSimulation(trace: Self.trace, replica: ReplicaModel(capacity: 1, pricePerHour: 1),
                                        scoring: AutoscaleScoring(series: .points(0)))
            }
        }

        @Test func impossiblePoliciesThrowWhenRun() throws {
            let simulation = try AutoscaleSimulation(trace: Self.trace, replica: ReplicaModel(capacity: 1, pricePerHour: 1))
            #expect(throws: AutoscalingError.invalidReplicaRange(minimum: 5, maximum: 2, lowest: 1)) {
                try simulation.run(.hpa(HPAPolicy(metric: .utilization(target: 0.7), minReplicas: 5, maxReplicas: 2)))
            }
            #expect(throws: AutoscalingError.invalidInitialReplicas(9, minimum: 1, maximum: 4)) {
                try simulation.run(.hpa(HPAPolicy(metric: .utilization(target: 0.7), maxReplicas: 4, initialReplicas: 9)))
            }
            #expect(throws: AutoscalingError.invalidReplicaRange(minimum: 3, maximum: 2, lowest: 1)) {
                try simulation.run(.threshold(ThresholdPolicy(minReplicas: 3, maxReplicas: 2)))
            }
            #expect(throws: AutoscalingError.invalidStep(0)) { try simulation.run(.oracle, stepSeconds: 0) }
            #expect(throws: AutoscalingError.self) { try simulation.run(.oracle, stepSeconds: -.infinity) }
            #expect(throws: AutoscalingError.periodNotMultipleOfStep(name: "evaluation period", period: 60, step: 40)) {
                try simulation.run(.threshold(ThresholdPolicy()), stepSeconds: 40)
            }
        }

        @Test func everyErrorSaysWhatAndWhatToDo() {
            let errors: [AutoscalingError] = [
                .emptyTrace, .invalidDemand(index: 3, value: -1), .invalidStep(0), .tooManySteps(6e7),
                .invalidCapacity(0), .invalidReplicaRange(minimum: 0, maximum: 4, lowest: 1),
                .invalidReplicaRange(minimum: 5, maximum: 4, lowest: 1), .invalidInitialReplicas(9, minimum: 1, maximum: 4),
                .periodNotMultipleOfStep(name: "sync period", period: 15, step: 10),
                .invalidParameter(name: "lead time", value: -1, requirement: "a finite number, 0 or more"),
                .noScalingPolicies(direction: "down"),
            ]
            for error in errors {
                #expect(!error.message.isEmpty && !error.message.hasSuffix("."), "\(error)")
                #expect(!error.hint.isEmpty, "\(error)")
                let userFacing: any UserFacingError = error
                #expect(userFacing.userHint == error.hint)
            }
            #expect(AutoscalingError.invalidDemand(index: 3, value: -1).message.contains("value 4"))
            #expect(AutoscalingError.tooManySteps(6e7).message.contains("60,000,000"))
            #expect(AutoscalingError.periodNotMultipleOfStep(name: "sync period", period: 15, step: 10).message
                        == "the sync period (15 s) is not a whole number of 10 s steps")
        }
    }
}
