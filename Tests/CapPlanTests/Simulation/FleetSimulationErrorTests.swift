import Testing
@testable import CapPlan

struct FleetSimulationErrorTests {
    static let times = FleetLinearStepTimes.constant(prefill: 0.1, decodeStep: 0.02)

    func make(replicas: Int = 2, maxBatch: Int = 4, kv: Int = 1_000,
              arrivals: FleetArrivals = .poisson(rate: 5, requests: 100, inputTokens: 10, outputTokens: 5),
              failures: [FleetFailure] = [], queueLimit: Int? = nil, sla: FleetSLA = FleetSLA(),
              warmUp: Double = 0.1, batches: Int = 20, times: any FleetStepTimes = Self.times) throws -> FleetSimulation {
        try FleetSimulation(replicas: replicas, maxBatch: maxBatch, kvCapacityTokens: kv, stepTimes: times, arrivals: arrivals,
                            failures: failures, queueLimit: queueLimit, sla: sla, warmUpFraction: warmUp,
                            batches: batches, seed: 1)
    }

    static func trace(_ t: [Double], _ i: [Int], _ o: [Int]) -> FleetArrivals {
        .trace(FleetTrace(arrivalSeconds: t, inputTokens: i, outputTokens: o))
    }

    @Test func fleetShapeIsBounded() throws {
        #expect(throws: FleetSimulationError.invalidReplicaCount(0)) { try make(replicas: 0) }
        #expect(throws: FleetSimulationError.invalidReplicaCount(1_000_001)) { try make(replicas: 1_000_001) }
        #expect(throws: FleetSimulationError.invalidMaxBatch(0)) { try make(maxBatch: 0) }
        #expect(throws: FleetSimulationError.invalidKVCapacity(0)) { try make(kv: 0) }
        #expect(throws: FleetSimulationError.invalidQueueLimit(0)) { try make(queueLimit: 0) }
        #expect(throws: FleetSimulationError.invalidBatchCount(1)) { try make(batches: 1) }
        _ = try make(replicas: 1, maxBatch: 1, kv: 1, queueLimit: 1)
    }

    @Test func arrivalsAreBounded() throws {
        for rate in [0, -1, .nan, .infinity] {
            #expect(throws: FleetSimulationError.self) {
                try make(arrivals: .poisson(rate: rate, requests: 10, inputTokens: 1, outputTokens: 1))
            }
        }
        #expect(throws: FleetSimulationError.invalidRequestCount(50_000_001)) {
            try make(arrivals: .poisson(rate: 1, requests: 50_000_001, inputTokens: 1, outputTokens: 1))
        }
        #expect(throws: FleetSimulationError.invalidRequestCount(0)) { try make(arrivals: Self.trace([], [], [])) }
        #expect(throws: FleetSimulationError.invalidTokens(what: "output tokens", value: 0, request: nil)) {
            try make(arrivals: .poisson(rate: 1, requests: 10, inputTokens: 1, outputTokens: 0))
        }
        #expect(throws: FleetSimulationError.traceLengthsDiffer(arrivals: 2, inputTokens: 1, outputTokens: 2)) {
            try make(arrivals: Self.trace([0, 1], [5], [5, 5]))
        }
        #expect(throws: FleetSimulationError.invalidArrivalTime(request: 1, seconds: -1)) {
            try make(arrivals: Self.trace([0, -1], [5, 5], [5, 5]))
        }
        #expect(throws: FleetSimulationError.invalidTokens(what: "input tokens", value: 0, request: 0)) {
            try make(arrivals: Self.trace([0], [0], [5]))
        }
    }

    @Test func failuresSLAAndWarmUpAreChecked() throws {
        #expect(throws: FleetSimulationError.invalidFailure(replica: 2, seconds: 1, replicas: 2)) {
            try make(failures: [FleetFailure(replica: 2, atSeconds: 1)])
        }
        #expect(throws: FleetSimulationError.self) {
            try make(failures: [FleetFailure(replica: 1, atSeconds: 1), FleetFailure(replica: 1, atSeconds: 2)])
        }
        #expect(throws: FleetSimulationError.self) { try make(failures: [FleetFailure(replica: 0, atSeconds: .nan)]) }
        #expect(throws: FleetSimulationError.invalidSLA(what: "TTFT", seconds: 0)) { try make(sla: FleetSLA(ttftSeconds: 0)) }
        #expect(throws: FleetSimulationError.invalidWarmUp(1)) { try make(warmUp: 1) }
        #expect(throws: FleetSimulationError.invalidWarmUp(-0.1)) { try make(warmUp: -0.1) }
        #expect(try make(warmUp: 0.999_999_999_999_999_9).warmUpRequests == 99)
    }

    @Test func badStepTimesStopTheRun() throws {
        // The first step prefills the first request (10 tokens): 0.1 s of prefill − 1 s of decode.
        let negative = FleetLinearStepTimes(prefillBase: 0.1, decodeBase: -1)
        #expect(throws: FleetSimulationError.invalidStepTime(what: "step with 1 prefill", batch: 1, tokens: 10, seconds: -0.9)) {
            try make(times: negative).run()
        }
        let infinite = FleetLinearStepTimes(prefillBase: .infinity, decodeBase: 0.01)
        #expect(throws: FleetSimulationError.self) { try make(times: infinite).run() }
    }

    @Test func errorsAreUserFacing() {
        let errors: [FleetSimulationError] = [
            .invalidReplicaCount(0), .invalidReplicaCount(2_000_000), .invalidMaxBatch(0), .invalidKVCapacity(0),
            .invalidArrivalRate(0), .invalidRequestCount(0), .invalidRequestCount(60_000_000),
            .invalidTokens(what: "input tokens", value: 0, request: 3), .invalidTokens(what: "output tokens", value: 0, request: nil),
            .traceLengthsDiffer(arrivals: 1, inputTokens: 2, outputTokens: 3), .invalidArrivalTime(request: 0, seconds: -1),
            .invalidWarmUp(2), .invalidQueueLimit(0), .invalidSLA(what: "TTFT", seconds: -1),
            .invalidFailure(replica: 9, seconds: 1, replicas: 2), .invalidBatchCount(40),
            .invalidStepTime(what: "prefill", batch: 1, tokens: 10, seconds: .nan),
        ]
        for error in errors {
            #expect(!error.message.isEmpty && !error.message.hasSuffix("."))
            #expect(!error.hint.isEmpty)
            #expect((error as any UserFacingError).userHint == error.hint)
        }
        #expect(FleetSimulationError.invalidRequestCount(60_000_000).message.contains("50,000,000"))
        #expect(FleetSimulationError.invalidTokens(what: "input tokens", value: 0, request: 3).message.contains("request 4"))
    }
}
