import Testing
@testable import CapPlan

/// The sizing pipeline against hand-derived fleets (derivations in comments).
struct SizerTests {
    static func measured(_ name: String, rate: Double, perInstance: Double, price: Double? = nil) -> Workload {
        var w = Workload(name: name)
        w.rate = rate
        w.perInstance = perInstance
        w.pricePerInstanceHour = price
        return w
    }

    /// issue 3: peak 10,000 rps, 5 rps per GPU, 20% headroom, N+1, $2/GPU-hour.
    /// D = 10,000 × 1.2 = 12,000 rps; R = 12,000 / 5 = 2,400; +1 spare = 2,401 GPUs;
    /// cost = 2,401 × $2 = $4,802/h (2,400 × $2 = $4,800/h before the spare).
    @Test func asrFleetMatchesTheHandDerivation() throws {
        var w = Self.measured("asr", rate: 10_000, perInstance: 5, price: 2)
        w.headroom = 0.2
        w.spares = 1
        let r = try Sizer.size(w, catalog: Catalog(), policy: SizingPolicy())
        #expect(r.neededInstances == 2_400)
        #expect(r.instances == 2_401)
        #expect(r.gpus == 2_401)
        #expect(abs((r.costPerHour ?? 0) - 4_802) < 1e-9)
        // 4 rps per GPU: 12,000 / 4 = 3,000 (+1) → $6,002/h, $1,200/h more.
        w.perInstance = 4
        let slower = try Sizer.size(w, catalog: Catalog(), policy: SizingPolicy())
        #expect(abs((slower.costPerHour ?? 0) - (r.costPerHour ?? 0) - 1_200) < 1e-9)
    }

    /// 100 rps × 1.1 / 10 rps per instance is 11 instances, not 12 (11.000000000000002 in
    /// binary floating point).
    @Test func roundingIsDecimalExact() throws {
        var w = Self.measured("w", rate: 100, perInstance: 10)
        w.headroom = 0.1
        #expect(try Sizer.size(w, catalog: Catalog(), policy: SizingPolicy()).instances == 11)
        #expect(requiredCount(100 * 1.1 / 10) == 11)
        #expect(requiredCount(11.0001) == 12)
        #expect(requiredCount(0) == 0)
    }

    /// Z zones surviving f failures: R = Z × ceil(R₁ / (Z − f)).
    /// 10 needed, N+2, 3 zones, 1 failure: R₁ = 12, 3 × ceil(12 / 2) = 18.
    @Test func zoneSpreadFollowsTheFormula() {
        #expect(redundantInstances(needed: 10, spares: 2, zones: 3, zoneFailures: 1) == 18)
        #expect(redundantInstances(needed: 10, spares: 0, zones: 1, zoneFailures: 0) == 10)
        // 35 needed, N+2 (SRE book): 37.
        #expect(redundantInstances(needed: 35, spares: 2, zones: 1, zoneFailures: 0) == 37)
        // 7 over 4 zones surviving 2: 4 × ceil(7 / 2) = 16.
        #expect(redundantInstances(needed: 7, spares: 0, zones: 4, zoneFailures: 2) == 16)
    }

    /// five-services from issue 3 with 30% headroom.
    @Test(arguments: [
        ("recommendation", 500.0, 100.0, 7), // ceil(650 / 100) = 7
        ("fraud", 1_000, 200, 7),            // ceil(1,300 / 200) = 7
        ("image", 200, 50, 6),               // ceil(260 / 50) = 6
        ("chat", 50, 5, 13),                 // ceil(65 / 5) = 13
        ("search", 2_000, 500, 6),           // ceil(2,600 / 500) = 6
    ])
    func fiveServicesNeedTheHandCounts(_ name: String, _ rate: Double, _ perInstance: Double, _ expected: Int) throws {
        var policy = SizingPolicy()
        policy.headroom = 0.3
        let r = try Sizer.size(Self.measured(name, rate: rate, perInstance: perInstance), catalog: Catalog(), policy: policy)
        #expect(r.instances == expected)
    }

    /// CPU-only: totals of cores and RAM scale with instances (7 × 8 cores, 7 × 16 GB).
    @Test func cpuOnlyServiceReportsCoresAndRAM() throws {
        var w = Self.measured("fraud", rate: 1_000, perInstance: 200, price: 0.34)
        w.gpu = "none"
        w.cpuPerInstance = 8
        w.ramPerInstance = 16e9
        var policy = SizingPolicy()
        policy.headroom = 0.3
        let r = try Sizer.size(w, catalog: Catalog(), policy: policy)
        #expect(r.gpus == 0)
        #expect(r.cpuCores == 56)
        #expect(r.ramBytes == 112e9)
        #expect(abs((r.costPerHour ?? 0) - 7 * 0.34) < 1e-12)
    }

    /// A measured service with a service time gets a latency count: λ = 12 rps sized, S = 1 s,
    /// X = 2 rps per instance → k = X·S = 2 slots; p99 wait ≤ 0.1 s needs c* servers (M/M/c),
    /// and the count is ceil(c* / 2), never below the throughput count ceil(12 / 2) = 6.
    @Test func serviceTimeAddsALatencyCount() throws {
        var w = Self.measured("api", rate: 10, perInstance: 2)
        w.serviceTime = 1
        w.sla.e2e = 1.1
        let r = try Sizer.size(w, catalog: Catalog(), policy: SizingPolicy())
        let c = try minimumServers(arrivalRate: 12, meanServiceTime: 1, percentile: 0.99, maximumWait: 0.1)
        #expect(r.latencyInstances == (c + 1) / 2)
        #expect(r.instances == max(6, (c + 1) / 2))
        #expect(r.meetsSLA)
    }

    @Test func missingDemandOrCapacityIsAClearError() {
        var noRate = Workload(name: "x")
        noRate.perInstance = 5
        #expect(throws: SizingError.missingDemand(workload: "x")) { try Sizer.size(noRate, catalog: Catalog(), policy: SizingPolicy()) }
        var noCapacity = Workload(name: "y")
        noCapacity.rate = 5
        #expect(throws: SizingError.missingCapacity(workload: "y")) { try Sizer.size(noCapacity, catalog: Catalog(), policy: SizingPolicy()) }
        let huge = Self.measured("z", rate: 1e300, perInstance: 1e-300)
        #expect(throws: (any Error).self) { try Sizer.size(huge, catalog: Catalog(), policy: SizingPolicy()) }
    }

    /// An LLM workload on the bundled catalog: Llama-3-8B on one L4 fits at TP 1, the TPOT
    /// objective caps the batch, and the capacity is B / slot time (Little's law).
    @Test func llmWorkloadIsSizedByThePerformanceModel() throws {
        var w = Workload(name: "chat")
        w.rate = 5
        w.inputTokens = 500
        w.outputTokens = 100
        w.model = "llama-3-8b"
        w.gpu = "l4"
        w.sla.tpot = 0.15
        let r = try Sizer.size(w, catalog: .bundled, policy: SizingPolicy())
        #expect(r.tensorParallel == 1)
        #expect(r.source == .llm)
        #expect((r.tpot ?? 1) <= 0.15)
        // The capacity is the performance model's requests/s at the batch chosen: the number
        // `perf ... batch=B` prints (B / slot time, prefill counted).
        let model = LLMPerformanceModel()
        let d = LLMDeployment(model: try Catalog.bundled.model(named: "llama-3-8b"), gpu: try Catalog.bundled.gpu(named: "l4"), tensorParallel: 1)
        let perf = try model.evaluate(d, shape: LLMRequestShape(inputTokens: 500, outputTokens: 100), batch: .fixed(r.batch ?? 1))
        #expect(r.capacityPerInstance == perf.requestsPerSecond)
        #expect(abs(perf.requestsPerSecond - Double(r.batch ?? 0) / perf.steady.slotSeconds) <= 1e-12 * perf.requestsPerSecond)
        #expect(r.throughputInstances == requiredCount(5 * 1.2 / r.capacityPerInstance))
    }
}
