import Testing
@testable import CapPlan

/// The adapter from `LLMPerformanceModel` to `FleetStepTimes`, and a sized fleet simulated.
struct FleetLLMStepTimesTests {
    static let shape = LLMRequestShape(inputTokens: 500, outputTokens: 100)

    static func deployment(_ model: String, _ gpu: String, tp: Int? = nil) throws -> LLMDeployment {
        LLMDeployment(model: try Catalog.bundled.model(named: model), gpu: try Catalog.bundled.gpu(named: gpu), tensorParallel: tp)
    }

    @Test func stepTimesAreThePerformanceModels() throws {
        let perf = LLMPerformanceModel()
        for (model, gpu, tp) in [("llama-3-8b", "l4", 1), ("llama-2-70b", "h100-sxm", 4)] {
            let d = try Self.deployment(model, gpu, tp: tp)
            let times = try FleetLLMStepTimes(performance: perf, deployment: d, shape: Self.shape)
            #expect(times.tensorParallel == tp)
            let loads = [StepLoad.decode(batch: 1, context: 733), .decode(batch: 64, context: 733),
                         StepLoad.decode(batch: 7, context: 733).adding(.prefill(tokens: 500)), .prefill(tokens: 4_000)]
            for load in loads {
                let expected = try perf.stepTime(for: d, tensorParallel: tp, load: load).totalSeconds
                let got = times.stepSeconds(load, newPrompts: load.prefillTokens > 0 ? 1 : 0)
                #expect(abs(got - expected) <= 1e-12 * expected, "\(model) \(load)")
            }
            let plan = try perf.memoryPlan(for: d, tensorParallel: tp, shape: Self.shape)
            #expect(times.kvCapacityTokens == plan.kvCapacityTokens && times.maxBatch == plan.maxBatch)
            #expect(times.requestOverheadSeconds == perf.assumptions.ttftOverheadSeconds)
        }
    }

    @Test func unsetTensorParallelPicksTheSmallestThatFits() throws {
        let times = try FleetLLMStepTimes(deployment: try Self.deployment("llama-2-70b", "h100-sxm"), shape: Self.shape)
        #expect(times.tensorParallel == 2 || times.tensorParallel == 4)
        #expect(times.deployment.tensorParallel == times.tensorParallel)
    }

    @Test func rejectsWhatThePerformanceModelRejects() throws {
        #expect(throws: PerformanceError.self) {
            try FleetLLMStepTimes(deployment: try Self.deployment("llama-3-8b", "l4", tp: 3), shape: Self.shape)
        }
        #expect(throws: PerformanceError.self) {
            try FleetLLMStepTimes(deployment: try Self.deployment("bert-large", "l4"), shape: Self.shape)
        }
    }

    @Test func loneRequestTakesPrefillThenOneStepPerToken() throws {
        // TTFT = overhead + one step prefilling the 500-token prompt (its first token comes from
        // the prefill); E2E adds a decode step per token at context 500 + k, k = 1 … 99.
        let times = try FleetLLMStepTimes(deployment: try Self.deployment("llama-3-8b", "l4", tp: 1), shape: Self.shape)
        let sim = try FleetSimulation(replicas: 1, llm: times,
                                      arrivals: .trace(FleetTrace(arrivalSeconds: [0], inputTokens: [500], outputTokens: [100])),
                                      warmUpFraction: 0, seed: 1)
        let r = try sim.run()
        let ttft = times.requestOverheadSeconds + times.stepSeconds(.prefill(tokens: 500), newPrompts: 1)
        let e2e = (1...99).reduce(ttft) { $0 + times.stepSeconds(.decode(batch: 1, context: Double(500 + $1)), newPrompts: 0) }
        #expect(abs((r.ttft?.p50 ?? 0) - ttft) < 1e-12 && abs((r.e2e?.p50 ?? 0) - e2e) < 1e-12)
        #expect(sim.maxBatch == times.maxBatch && sim.kvCapacityTokens == times.kvCapacityTokens)
    }

    @Test func aLongPromptIsPrefilledInChunksOfTheTokenBudget() throws {
        // Llama-3.1-8B on an L4 (vLLM below 70 GiB: K = 2,048): a lone 5,000-token prompt takes
        // chunks of 2,048, 2,048 and 904 tokens, and its TTFT is the analytic one of `perf ...
        // concurrency=1` (three compute-bound chunk steps: the attention sums to S²/2 whatever
        // the split, the GEMMs to 2·N·S).
        let d = try Self.deployment("llama-3.1-8b", "l4", tp: 1)
        let shape = LLMRequestShape(inputTokens: 5000, outputTokens: 10)
        let times = try FleetLLMStepTimes(deployment: d, shape: shape)
        #expect(times.tokenBudget == 2048)
        let r = try FleetSimulation(replicas: 1, llm: times,
                                    arrivals: .trace(FleetTrace(arrivalSeconds: [0], inputTokens: [5000], outputTokens: [10])),
                                    warmUpFraction: 0, seed: 1).run()
        let analytic = try LLMPerformanceModel().evaluate(d, shape: shape, batch: .concurrency(1))
        #expect(analytic.steady.prefillChunks == 3)
        #expect(abs((r.ttft?.p50 ?? 0) - analytic.ttftSeconds) <= 1e-9 * analytic.ttftSeconds, "\(r.ttft?.p50 ?? 0) vs \(analytic.ttftSeconds)")
    }

    @Test func linearStepTimesWithABudgetSpreadAPromptOverSteps() throws {
        // Budget 100 tokens, prefill 1 ms per token, decode 10 ms a step: a 250-token prompt takes
        // three steps (100, 100, 50 tokens: 100 + 100 + 50 ms + 3 × 10 ms = 280 ms) to its first
        // token; its 4 more tokens take 4 decode steps of 10 ms (+ 1 context token each, free).
        var times = FleetLinearStepTimes(prefillPerToken: 0.001, decodeBase: 0.01)
        times.tokenBudget = 100
        let r = try FleetSimulation(replicas: 1, maxBatch: 4, kvCapacityTokens: 10_000, stepTimes: times,
                                    arrivals: .trace(FleetTrace(arrivalSeconds: [0], inputTokens: [250], outputTokens: [5])),
                                    warmUpFraction: 0, seed: 1).run()
        #expect(abs((r.ttft?.p50 ?? 0) - 0.28) < 1e-12)
        #expect(abs((r.e2e?.p50 ?? 0) - 0.32) < 1e-12)
    }

    @Test func sizedFleetKeepsUpWithItsPeakRate() throws {
        // Llama-3-8B on L4 at 5 requests/s with TPOT ≤ 150 ms (SizerTests' workload): the fleet
        // `size` chooses, simulated at that rate, completes everything below full utilisation,
        // and its TTFT sits at or above the analytic TTFT of a lone request.
        var w = Workload(name: "chat")
        w.rate = 5
        w.inputTokens = 500
        w.outputTokens = 100
        w.model = "llama-3-8b"
        w.gpu = "l4"
        w.sla.tpot = 0.15
        let sized = try Sizer.size(w, catalog: .bundled, policy: SizingPolicy())
        let times = try FleetLLMStepTimes(deployment: try Self.deployment("llama-3-8b", "l4", tp: sized.tensorParallel),
                                          shape: Self.shape)
        let r = try FleetSimulation(replicas: sized.instances, llm: times, maxBatch: sized.batch,
                                    arrivals: .poisson(rate: sized.peakRate, requests: 1_500, inputTokens: 500, outputTokens: 100),
                                    seed: 7).run()
        #expect(r.completed == 1_500 && r.dropped.total == 0)
        #expect(r.utilization > 0.2 && r.utilization < 1)
        let ttft = try #require(r.ttft), tpot = try #require(r.tpot)
        let base = try LLMPerformanceModel().evaluate(times.deployment, shape: Self.shape, batch: .fixed(1))
        #expect(ttft.p50 >= base.ttftSeconds && ttft.p50 < base.ttftSeconds + 2 * base.tpotSeconds + 0.5)
        #expect(tpot.p99 <= 0.15 * 1.5)    // the TPOT objective, with prefill stalls on top
    }
}
