import Foundation
import Testing
@testable import CapShell
import CapPlan

/// `purchase`: the hourly GPU profile, the all-on-demand baseline and a reserved option by hand.
struct PurchaseCommandTests {
    @Test func reservedBaseLoadByHand() throws {
        // Hourly 10 and 30 rps alternating; 10 rps per H100 instance, 20% headroom:
        // GPUs = ⌈10·1.2/10⌉ = 2 and ⌈30·1.2/10⌉ = 4, mean 3.
        let setup = "add workload api rps=20 per_instance=10rps gpu=h100"
        let (json, _) = QueueCommandJSON.run("purchase api pattern=10,30", setup: setup)
        let prices = try #require(try? Session().catalog.gpu(named: "h100").prices)
        let od = try #require(prices.onDemand.value), r1 = try #require(prices.reserved1y.value)
        #expect(abs(QueueCommandJSON.number(json, "mean_gpus") - 3) < 1e-12)
        #expect(QueueCommandJSON.number(json, "peak_gpus") == 4)
        // All on demand for 12 months: 3 GPUs × p_OD × 8,760 h.
        let allOD = QueueCommandJSON.number(json, "all_on_demand_cost")
        #expect(abs(allOD - 3 * od * 8_760) < 1e-6 * allOD)
        // Reserving the p10 (2 GPUs) for a year: 2·p_1y·8,760 + the excess (2 GPUs half the
        // hours, 1 GPU on average) on demand: 8,760·p_OD.
        let options = try #require(json["options"] as? [[String: Any]])
        let base = try #require(options.first { $0["term"] as? String == "1-year" && $0["sizing"] as? String == "base load" })
        #expect(QueueCommandJSON.number(base, "reserved_gpus") == 2)
        let expected = 8_760 * (2 * r1 + od)
        #expect(abs(QueueCommandJSON.number(base, "total_cost") - expected) < 1e-6 * expected)
        #expect(abs(QueueCommandJSON.number(base, "savings") - (allOD - expected)) < 1e-6 * allOD)
    }

    @Test func errorsAndHorizon() {
        let out = Transcript.run("""
        add workload api rps=20 per_instance=10rps gpu=h100
        purchase api pattern=10,30 base=lots
        purchase nobody
        """, echo: false).output
        #expect(out.contains("base= is p10 (a percentile), trough, or a number of GPUs"))
        #expect(out.contains("unknown workload 'nobody'"))
        // Three years cost three times one year when nothing is reserved.
        let one = QueueCommandJSON.run("purchase api pattern=10,30", setup: "add workload api rps=20 per_instance=10rps gpu=h100").object
        let three = QueueCommandJSON.run("purchase api pattern=10,30 horizon=36mo", setup: "add workload api rps=20 per_instance=10rps gpu=h100").object
        let a = QueueCommandJSON.number(one, "all_on_demand_cost"), b = QueueCommandJSON.number(three, "all_on_demand_cost")
        #expect(abs(b - 3 * a) < 1e-9 * b)
    }
}
