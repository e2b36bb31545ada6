import Foundation
import Testing
@testable import CapShell
import CapPlan

/// `breakeven` and `pareto`: the capacity-math example, the JSON contract, errors, and a frontier
/// whose points are non-dominated.
struct CostCommandTests {
    static let example = "breakeven gpu=h100 capex=$250k gpus_per_server=8 years=4 power=10.2kW pue=1.58 kwh_price=$0.10 ops=15%"
    static let chat = "add workload chat rph=360k in=800 out=200 peak=2x sla.ttft=500ms sla.tpot=50ms model=llama-3-8b"

    static func close(_ x: Double, _ y: Double, _ relative: Double = 1e-9) -> Bool {
        abs(x - y) <= relative * Swift.max(1, abs(y))
    }

    @Test func capacityMathExample() throws {
        // h_capex = 250,000/(4·8,760·8) = 0.891838; h_power = 10.2·0.7·1.58·0.10/8 = 0.141015;
        // h_ops = 0.15·250,000/(8,760·8) = 0.535103; h_own = 1.567956 $/GPU-h.
        let capex: Double = 250_000 / (4 * 8_760 * 8.0)
        let power: Double = 10.2 * 0.7 * 1.58 * 0.10 / 8
        let ops: Double = 0.15 * 250_000 / (8_760 * 8.0)
        let hOwn = capex + power + ops
        #expect(Self.close(hOwn, 1.567956, 1e-6))
        let (json, _) = QueueCommandJSON.run(Self.example)
        #expect(Self.close(QueueCommandJSON.number(json, "cost_per_gpu_hour"), hOwn))
        let onDemand = try #require(Session().catalog.gpu(named: "h100").prices[.onDemand].value)
        let uStar = try #require((json["breakeven_utilization"] as? [String: Any])?["on-demand"] as? NSNumber).doubleValue
        #expect(Self.close(uStar, hOwn / onDemand))
        #expect(Self.close(uStar, 1.568 / onDemand, 1e-3))
        let table = Transcript.run(Self.example, echo: false).output
        #expect(table.contains("owned $1.57/GPU-h = capex $0.89 + power $0.14 + ops $0.54"))
        #expect(table.contains(NumberFormat.percent(hOwn / onDemand)))
    }

    @Test func jsonKeysAndPayback() throws {
        let (json, text) = QueueCommandJSON.run(Self.example + " utilization=60%")
        let keys = QueueCommandJSON.keys(text)
        for key in ["cost_per_gpu_hour", "breakeven_utilization", "payback_months"] { #expect(keys.contains(key)) }
        let payback = try #require(json["payback_months"] as? [String: Any])
        let modes = Set(PricingMode.allCases.map(\.rawValue))
        #expect(Set(payback.keys) == modes)
        // Payback = Capex / (u·n·p·730 − (h_power + h_ops)·n·730), per server.
        let price = try #require(Session().catalog.gpu(named: "h100").prices[.onDemand].value)
        let power: Double = 10.2 * 0.7 * 1.58 * 0.10 / 8
        let ops: Double = 0.15 * 250_000 / (8_760 * 8.0)
        let opex: Double = (power + ops) * 8 * 730
        let avoided: Double = 0.6 * 8 * price * 730
        let expected = 250_000 / (avoided - opex)
        #expect(Self.close((payback["on-demand"] as? NSNumber)?.doubleValue ?? .nan, expected))
    }

    @Test func neverPaysBackIsNullWithAReason() throws {
        let (json, _) = QueueCommandJSON.run(Self.example + " utilization=5%")
        let payback = try #require(json["payback_months"] as? [String: Any])
        #expect(payback["on-demand"] is NSNull)
        let reasons = try #require(json["payback_reasons"] as? [String: Any])
        #expect((reasons["on-demand"] as? String)?.contains("never pays back") == true)
    }

    @Test func explainShowsTheDerivation() {
        let output = Transcript.run("explain " + Self.example, echo: false).output
        #expect(output.contains("h_own = h_capex + h_power + h_ops"))
        #expect(output.contains("u* = h_own / p_cloud"))
    }

    @Test func errors() {
        let unknown = Transcript.run("breakeven gpu=h999 capex=$250k gpus_per_server=8 years=4 power=10.2kW pue=1.3 kwh_price=$0.10", echo: false).output
        #expect(unknown.contains("error"))
        #expect(unknown.contains("h999"))
        let badUnit = Transcript.run("breakeven gpu=h100 capex=10kW gpus_per_server=8 years=4 power=10.2kW pue=1.3 kwh_price=$0.10", echo: false).output
        #expect(badUnit.contains("error"))
        #expect(!badUnit.contains("owned $"))
        let badPower = Transcript.run("breakeven gpu=h100 capex=$250k gpus_per_server=8 years=4 power=$5 pue=1.3 kwh_price=$0.10", echo: false).output
        #expect(badPower.contains("error"))
        let missing = Transcript.run("breakeven gpu=h100 capex=$250k", echo: false).output
        #expect(missing.contains("needs gpus_per_server="))
        let badPUE = Transcript.run("breakeven gpu=h100 capex=$250k gpus_per_server=8 years=4 power=10.2kW pue=0.5 kwh_price=$0.10", echo: false).output
        #expect(badPUE.contains("pue"))
        #expect(badPUE.contains("error"))
    }

    @Test func paretoFrontierIsNonDominated() throws {
        for metric in ["p99", "ttft"] {
            let (json, text) = QueueCommandJSON.run("pareto chat y=\(metric)", setup: Self.chat)
            #expect(QueueCommandJSON.keys(text).contains("points"))
            let points = try #require(json["points"] as? [[String: Any]])
            #expect(!points.isEmpty)
            let pairs = points.map { (($0["cost"] as? NSNumber)?.doubleValue ?? .nan, ($0["y"] as? NSNumber)?.doubleValue ?? .nan) }
            for p in points { #expect(p["option"] is String) }
            for (i, a) in pairs.enumerated() {
                for (j, b) in pairs.enumerated() where i != j {
                    let dominates = b.0 <= a.0 && b.1 <= a.1 && (b.0 < a.0 || b.1 < a.1)
                    #expect(!dominates, "point \(i) is dominated by point \(j)")
                }
            }
            // Every dominated option is beaten by some frontier point.
            let dominated = (json["dominated"] as? [String]) ?? []
            #expect(dominated.count + points.count >= 2)
        }
    }

    @Test func paretoErrors() {
        let output = Transcript.run(Self.chat + "\npareto chat gpus=h999\npareto nosuch", echo: false).output
        #expect(output.contains("h999"))
        #expect(output.contains("nosuch"))
    }
}
