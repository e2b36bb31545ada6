import Testing
@testable import CapPlan

/// Hand-traced runs with constant step times: prefill 0.1 s per prompt, decode step 0.02 s,
/// unless a test says otherwise. No warm-up, so every request is measured.
struct FleetSimulationTests {
    static let constant = FleetLinearStepTimes.constant(prefill: 0.1, decodeStep: 0.02)

    static func trace(_ times: [Double], input: Int = 10, output: Int = 5) -> FleetArrivals {
        .trace(FleetTrace(arrivalSeconds: times, inputTokens: times.map { _ in input },
                          outputTokens: times.map { _ in output }))
    }

    static func run(_ arrivals: FleetArrivals, replicas: Int = 1, maxBatch: Int = 4, kv: Int = 1_000,
                    times: any FleetStepTimes = constant, routing: FleetRouting = .leastLoaded,
                    failures: [FleetFailure] = [], queueLimit: Int? = nil, sla: FleetSLA = FleetSLA()) throws -> FleetSimulationResult {
        try FleetSimulation(replicas: replicas, maxBatch: maxBatch, kvCapacityTokens: kv, stepTimes: times,
                            arrivals: arrivals, routing: routing, failures: failures, queueLimit: queueLimit,
                            sla: sla, warmUpFraction: 0, seed: 1).run()
    }

    static func near(_ a: Double?, _ b: Double, _ tol: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tol
    }

    @Test func oneRequestTTFTIsPrefillPlusOneStep() throws {
        // Arrives at 1.0; step 1 = prefill 0.1 + decode 0.02 → first token at 1.12 (TTFT 0.12);
        // 4 more steps of 0.02 → finish at 1.20: E2E 0.20, TPOT 0.08/4 = 0.02.
        let r = try Self.run(Self.trace([1.0]))
        #expect(r.completed == 1 && r.dropped.total == 0)
        #expect(Self.near(r.ttft?.p50, 0.12) && Self.near(r.ttft?.p99, 0.12))
        #expect(Self.near(r.e2e?.p99, 0.20))
        #expect(Self.near(r.tpot?.p50, 0.02))
        #expect(r.steps == 5)
        #expect(r.eventsProcessed == 6)   // 1 arrival + 5 step ends
        #expect(Self.near(r.simulatedSeconds, 1.2) && Self.near(r.measuredSeconds, 0.2))
        #expect(Self.near(r.utilization, 1) && Self.near(r.meanBatch, 1))
        #expect(Self.near(r.slotUtilization, 0.25))   // 1 of 4 slots
        #expect(r.peakQueue == 0)
    }

    @Test func decodeStepSeesBatchAndGrowingContext() throws {
        // decode = 0.001 s × Σ context, no prefill; in = 10, out = 3: contexts 10, 11, 12 →
        // steps 0.010, 0.011, 0.012: TTFT 0.010, E2E 0.033, TPOT (0.033 − 0.010)/2 = 0.0115.
        let times = FleetLinearStepTimes(decodeBase: 0, decodePerContextToken: 0.001)
        let r = try Self.run(Self.trace([0], input: 10, output: 3), times: times)
        #expect(Self.near(r.ttft?.p50, 0.010) && Self.near(r.e2e?.p50, 0.033) && Self.near(r.tpot?.p50, 0.0115))
        // decode = 0.01 × B: two requests admitted together (both queued behind a first one).
        let perSequence = FleetLinearStepTimes(decodeBase: 0, decodePerSequence: 0.01)
        let two = try Self.run(Self.trace([0, 0], input: 10, output: 1), times: perSequence)
        // Request 0 alone: 0.01. Request 1 then alone: 0.01 → E2Es 0.01 and 0.02.
        #expect(Self.near(two.e2e?.max, 0.02) && Self.near(two.e2e?.mean, 0.015))
    }

    @Test func requestsArrivingDuringAStepAreBatchedAtTheNext() throws {
        // 0: request 0 arrives, step 1 [0, 0.12] with batch 1. Requests 1 and 2 arrive at 0.05.
        // 0.12: request 0 has token 1 (TTFT 0.12); 1 and 2 join: step 2 = 2 × 0.1 + 0.02 = 0.22
        //       → 0.34: request 0 token 2; 1 and 2 token 1 (TTFT 0.29 each).
        // 0.36: request 0 token 3, done (E2E 0.36). 0.38: 1 and 2 done (E2E 0.33 each).
        // Mean batch = (1·0.12 + 3·0.22 + 3·0.02 + 2·0.02) / 0.38 = 0.88 / 0.38.
        let r = try Self.run(Self.trace([0, 0.05, 0.05], output: 3))
        #expect(r.completed == 3)
        #expect(Self.near(r.ttft?.p50, 0.29) && Self.near(r.ttft?.max, 0.29) && Self.near(r.ttft?.mean, (0.12 + 0.58) / 3))
        #expect(Self.near(r.e2e?.max, 0.36) && Self.near(r.e2e?.p50, 0.33))
        // TPOT: request 0 (0.36 − 0.12)/2 = 0.12; requests 1, 2 (0.38 − 0.34)/2 = 0.02.
        #expect(Self.near(r.tpot?.max, 0.12) && Self.near(r.tpot?.p50, 0.02))
        #expect(Self.near(r.meanBatch, 0.88 / 0.38) && Self.near(r.slotUtilization, 0.88 / (0.38 * 4)))
        #expect(r.steps == 4 && r.peakQueue == 2)
    }

    @Test func kvCacheMakesTheSecondRequestWait() throws {
        // Each request reserves 10 + 10 = 20 tokens. Capacity 30: request 1 (arrives 0.05) waits
        // for request 0 to finish at 0.12 + 9 × 0.02 = 0.30; then TTFT 0.30 + 0.12 − 0.05 = 0.37,
        // finish 0.42 + 0.18 = 0.60, E2E 0.55.
        let arrivals = Self.trace([0, 0.05], input: 10, output: 10)
        let tight = try Self.run(arrivals, kv: 30)
        #expect(Self.near(tight.ttft?.max, 0.37) && Self.near(tight.e2e?.max, 0.55))
        #expect(Self.near(tight.meanBatch, 1))
        // Capacity 40: both fit; request 1 joins at 0.12 (TTFT 0.12 + 0.12 − 0.05 = 0.19).
        let roomy = try Self.run(arrivals, kv: 40)
        #expect(Self.near(roomy.ttft?.max, 0.19))
        #expect(roomy.meanBatch > 1)
        // The batch limit has the same effect as the KV limit here (only slot utilisation, which
        // counts against B_max, differs).
        let single = try Self.run(arrivals, maxBatch: 1, kv: 40)
        #expect(single.ttft == tight.ttft && single.e2e == tight.e2e && single.steps == tight.steps)
        #expect(Self.near(single.slotUtilization, 1) && Self.near(tight.slotUtilization, 0.25))
    }

    @Test func requestTooBigForAnEmptyReplicaIsDropped() throws {
        let arrivals = FleetArrivals.trace(FleetTrace(arrivalSeconds: [0, 0.01, 0.02], inputTokens: [10, 25, 10],
                                                      outputTokens: [10, 10, 10]))
        let r = try Self.run(arrivals, kv: 30)
        #expect(r.dropped.exceedsKVCache == 1 && r.dropped.total == 1)
        #expect(r.completed == 2 && r.measuredDropped == 1 && r.measuredCompleted == 2)
        #expect(r.completed + r.dropped.total == r.requests)
    }

    @Test func queueLimitDropsArrivalsToAFullQueue() throws {
        // Batch 1: request 0 runs, request 1 waits (the queue holds 1), request 2 is dropped;
        // request 3 arrives after request 0 finished (0.2) and request 1 was admitted: queue empty.
        let r = try Self.run(Self.trace([0, 0.01, 0.02, 0.25]), maxBatch: 1, queueLimit: 1)
        #expect(r.dropped.queueFull == 1 && r.completed == 3)
        #expect(r.peakQueue == 1)
    }

    @Test func singleTokenRequestsHaveNoTPOT() throws {
        let r = try Self.run(Self.trace([0, 1], output: 1))
        #expect(r.tpot == nil)
        #expect(Self.near(r.e2e?.p99, 0.12) && Self.near(r.ttft?.p99, 0.12))
    }

    @Test func overheadShiftsTTFTAndE2EButNotTPOT() throws {
        let times = FleetLinearStepTimes(prefillBase: 0.1, decodeBase: 0.02, requestOverheadSeconds: 0.015)
        let r = try Self.run(Self.trace([1.0]), times: times)
        #expect(Self.near(r.ttft?.p50, 0.135) && Self.near(r.e2e?.p50, 0.215) && Self.near(r.tpot?.p50, 0.02))
    }

    @Test func lateCountsAnyMissedObjective() throws {
        // TTFTs 0.12, 0.29, 0.29; E2Es 0.36, 0.33, 0.33 (see requestsArrivingDuringAStep...).
        let arrivals = Self.trace([0, 0.05, 0.05], output: 3)
        #expect(try Self.run(arrivals, sla: FleetSLA(ttftSeconds: 0.2)).late == 2)
        #expect(try Self.run(arrivals, sla: FleetSLA(e2eSeconds: 0.35)).late == 1)
        #expect(try Self.run(arrivals, sla: FleetSLA(ttftSeconds: 0.2, e2eSeconds: 0.35)).late == 3)
        #expect(try Self.run(arrivals).late == 0)
    }

    @Test func leastLoadedSpreadsSimultaneousRequests() throws {
        // Three replicas, three requests close together: one each, so nobody waits.
        let r = try Self.run(Self.trace([0, 0.001, 0.002]), replicas: 3)
        #expect(Self.near(r.ttft?.max, 0.12) && Self.near(r.meanBatch, 1))
        #expect(Self.near(r.utilization, 0.6 / (3 * 0.202)))  // 3 × 0.2 s busy of 3 × 0.202 s
    }

    @Test func unsortedTraceIsReplayedInTimeOrder() throws {
        let sorted = try Self.run(Self.trace([0, 0.05, 0.05], output: 3))
        let shuffled = FleetArrivals.trace(FleetTrace(arrivalSeconds: [0.05, 0, 0.05], inputTokens: [10, 10, 10],
                                                      outputTokens: [3, 3, 3]))
        #expect(try Self.run(shuffled) == sorted)
    }

    // MARK: - Failures

    @Test func failedReplicasWorkIsReroutedAndItsStepLost() throws {
        // Request 0 → replica 0 at 0, request 1 → replica 1 at 0.01 (least loaded). Replica 0 fails
        // at 0.05 mid-step: request 0 goes to replica 1's queue, joins at 0.13 (end of its first
        // step): TTFT 0.13 + 0.12 = 0.25. Request 1: TTFT 0.12.
        let r = try Self.run(Self.trace([0, 0.01]), replicas: 2, failures: [FleetFailure(replica: 0, atSeconds: 0.05)])
        #expect(r.rerouted == 1 && r.completed == 2 && r.liveReplicasAtEnd == 1)
        #expect(Self.near(r.ttft?.max, 0.25) && Self.near(r.ttft?.p50, 0.12))
    }

    @Test func rerouteKeepsTheFirstTokenAlreadySeen() throws {
        // Request 0 gets its first token at 0.12 on replica 0, which fails at 0.13. It restarts on
        // replica 1 at 0.13 and regenerates all 5 tokens: finish 0.13 + 0.12 + 4 × 0.02 = 0.33.
        let r = try Self.run(Self.trace([0]), replicas: 2, failures: [FleetFailure(replica: 0, atSeconds: 0.13)])
        #expect(Self.near(r.ttft?.p50, 0.12) && Self.near(r.e2e?.p50, 0.33))
        #expect(Self.near(r.tpot?.p50, (0.33 - 0.12) / 4))
    }

    @Test func withEveryReplicaFailedArrivalsAreDropped() throws {
        let failures = [FleetFailure(replica: 0, atSeconds: 0.5), FleetFailure(replica: 1, atSeconds: 0.06)]
        for routing in FleetRouting.allCases {
            let r = try Self.run(Self.trace([0, 0.01, 1, 2]), replicas: 2, routing: routing, failures: failures)
            #expect(r.completed == 2 && r.dropped.noLiveReplica == 2 && r.liveReplicasAtEnd == 0)
        }
    }
}
