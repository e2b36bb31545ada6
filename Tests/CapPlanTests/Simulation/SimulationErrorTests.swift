import Testing
@testable import CapPlan

struct SimulationErrorTests {
    func make(lambda: Double = 8, service: Double = 1, servers: Int = 10, requests: Int = 10_000,
              warmUp: Int? = nil, batches: Int = 20) throws -> MMcSimulation {
        try MMcSimulation(arrivalRate: lambda, meanServiceTime: service, servers: servers,
                          requests: requests, warmUp: warmUp, batches: batches, seed: 1)
    }

    @Test func unstableQueueThrowsQueueingError() {
        #expect(throws: QueueingError.unstable(servers: 10, offeredLoad: 10, minimumServers: 11)) {
            try make(lambda: 10)
        }
        #expect(throws: QueueingError.self) { try make(lambda: 12) }
    }

    @Test func nonPositiveRatesThrow() {
        #expect(throws: SimulationError.invalidArrivalRate(0)) { try make(lambda: 0) }
        #expect(throws: SimulationError.invalidArrivalRate(-1)) { try make(lambda: -1) }
        #expect(throws: SimulationError.self) { try make(lambda: .infinity) }
        #expect(throws: QueueingError.self) { try make(service: 0) }
        #expect(throws: QueueingError.self) { try make(service: -2) }
        #expect(throws: QueueingError.self) { try make(servers: 0) }
    }

    @Test func requestCountWarmUpAndBatchesAreBounded() throws {
        #expect(throws: SimulationError.invalidRequestCount(999)) { try make(requests: 999) }
        #expect(throws: SimulationError.invalidRequestCount(50_000_001)) { try make(requests: 50_000_001) }
        _ = try make(requests: 1_000)
        #expect(throws: SimulationError.invalidWarmUp(warmUp: 9_600, requests: 10_000)) { try make(warmUp: 9_600) }
        #expect(throws: SimulationError.self) { try make(warmUp: -1) }
        #expect(throws: SimulationError.invalidBatchCount(1)) { try make(batches: 1) }
        #expect(throws: SimulationError.invalidBatchCount(32)) { try make(batches: 32) }
    }

    @Test func errorsAreUserFacing() {
        let errors: [SimulationError] = [
            .invalidArrivalRate(0), .invalidRequestCount(10), .invalidRequestCount(60_000_000),
            .invalidWarmUp(warmUp: 900, requests: 1_000), .invalidBatchCount(40),
        ]
        for error in errors {
            let facing: any UserFacingError = error
            #expect(!facing.message.isEmpty && !facing.message.hasSuffix("."))
            #expect(facing.userHint?.isEmpty == false)
        }
        #expect(SimulationError.invalidRequestCount(60_000_000).message.contains("50,000,000"))
    }
}
