import Foundation
import Testing
@testable import CapShell
import CapPlan

/// `optimize budget|cost`: the JSON contract, a hand-checked optimum on the user's table, the
/// sized catalog options (every choice meets its SLA, the total fits), infeasibility as a result,
/// errors with file positions, and `result(KEY)` for asserts.
struct OptimizeCommandTests {
    /// Writes `text` to a fresh directory and returns it.
    static func directory(with files: [String: String]) throws -> String {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("capplan-opt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir.path
    }

    static func json(_ statement: String, directory: String? = nil, setup: String = "") -> [String: Any] {
        let text = (setup.isEmpty ? "" : setup + "\n") + statement
        let output = Transcript.run(text, directory: directory, echo: false, format: .json).output
        let line = output.split(separator: "\n").last { $0.hasPrefix("{") }.map(String.init) ?? ""
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }

    static let table = """
    workload,option,cost,quality,team
    chat,8b-l4,1200,62,ml
    chat,70b-h100,5200,80,ml
    chat,70b-h100-dominated,5300,79,ml
    code,qwen-h100,3100,86,dev
    code,8b-a10g,900,55,dev
    embed,bge-t4,300,40,search

    """

    @Test func userTableOptimumByHand() throws {
        // Plans within $7,000: chat 8b (1,200) + code qwen (3,100) + embed (300) = 4,600 → 188;
        // chat 70b (5,200) + code 8b (900) + embed = 6,400 → 175; chat 70b + code qwen = 8,600 (over).
        // The best is 188 at $4,600, leaving $2,400.
        let dir = try Self.directory(with: ["options.csv": Self.table])
        let j = Self.json("optimize budget 7000 options=options.csv", directory: dir)
        #expect(j["feasible"] as? Bool == true)
        #expect((j["total_cost"] as? NSNumber)?.doubleValue == 4_600)
        #expect((j["total_quality"] as? NSNumber)?.doubleValue == 188)
        #expect((j["unused_budget"] as? NSNumber)?.doubleValue == 2_400)
        #expect(j["per"] as? String == "month" && j["objective"] as? String == "quality")
        let choices = try #require(j["choices"] as? [[String: Any]])
        #expect(choices.map { $0["option"] as? String } == ["8b-l4", "qwen-h100", "bge-t4"])
        // Extra columns are carried through.
        #expect(choices.map { $0["team"] as? String } == ["ml", "dev", "search"])
        // With $9,000 the 70b chat and qwen code fit: 80 + 86 + 40 = 206 at $8,600.
        let richer = Self.json("optimize budget 9000 options=options.csv", directory: dir)
        #expect((richer["total_quality"] as? NSNumber)?.doubleValue == 206)
    }

    @Test func infeasibleIsAResultWithTheSmallestBudget() throws {
        // Cheapest per workload: 1,200 + 900 + 300 = $2,400.
        let dir = try Self.directory(with: ["options.csv": Self.table])
        let j = Self.json("optimize budget 2399.99 options=options.csv", directory: dir)
        #expect(j["feasible"] as? Bool == false)
        #expect((j["minimum_budget"] as? NSNumber)?.doubleValue == 2_400)
        #expect((j["choices"] as? [Any])?.isEmpty == true)
        let run = Transcript.run("optimize budget 2399.99 options=options.csv\nassert result(feasible) == 0\nassert result(minimum_budget) == $2400",
                                 directory: dir, keepGoing: false)
        #expect(run.status.failures == 0, "\(run.output)")
    }

    @Test func cheapestPlanFromTheTable() throws {
        let dir = try Self.directory(with: ["options.csv": Self.table])
        let j = Self.json("optimize cost options=options.csv", directory: dir)
        #expect((j["total_cost"] as? NSNumber)?.doubleValue == 2_400)
        #expect(j["budget"] is NSNull)
    }

    @Test func tableErrorsNameFileLineAndColumn() throws {
        let dir = try Self.directory(with: ["bad.csv": "workload,option,cost,quality\nchat,a,100,50\nchat,b,lots,60\n",
                                            "short.csv": "workload,option,price,quality\nchat,a,100,50\n"])
        let bad = Transcript.run("optimize budget 1000 options=bad.csv", directory: dir, echo: false).output
        #expect(bad.contains("bad.csv:3:8: error: cannot read 'lots' in column 'cost' as a number"))
        let short = Transcript.run("optimize budget 1000 options=short.csv", directory: dir, echo: false).output
        #expect(short.contains("no column 'cost'"))
        #expect(short.contains("the table needs a header with columns workload, option, cost, quality"))
        let missing = Transcript.run("optimize budget 1000 options=nowhere.csv", directory: dir, echo: false).output
        #expect(missing.contains("error:") && missing.contains("nowhere.csv"))
    }

    static let workloads = """
    add workload chat rph=360k in=800 out=200 peak=2x sla.ttft=500ms sla.tpot=50ms model=llama-3-8b models=llama-3-8b,llama-3-70b weight=2
    add workload code rps=20 in=2000 out=300 sla.ttft=1s sla.tpot=60ms model=llama-3-70b models=llama-3-70b,qwen2.5-72b
    """

    @Test func catalogPlanMeetsEverySLAWithinBudget() throws {
        let gpus = "gpus=a100,h100,l40s"
        let j = Self.json("optimize budget 150k \(gpus)", setup: Self.workloads)
        #expect(j["feasible"] as? Bool == true)
        let total = try #require((j["total_cost"] as? NSNumber)?.doubleValue)
        #expect(total <= 150_000)
        let choices = try #require(j["choices"] as? [[String: Any]])
        #expect(choices.count == 2)
        // Each choice is a real sizing: re-size it with `size` and compare cost and GPUs.
        for c in choices {
            let w = try #require(c["workload"] as? String), model = try #require(c["model"] as? String)
            let gpu = try #require(c["gpu"] as? String), pricing = try #require(c["pricing"] as? String)
            let precision = try #require(c["precision"] as? String)
            let sized = Self.json("set workload \(w) model=\(model) precision=\(precision)\nsize \(w) gpu=\(gpu) pricing=\(pricing)", setup: Self.workloads)
            #expect(sized["meets_sla"] as? Bool == true)
            #expect((sized["gpus"] as? NSNumber)?.doubleValue == (c["gpus"] as? NSNumber)?.doubleValue)
            let cost = try #require((sized["cost_per_month"] as? NSNumber)?.doubleValue)
            #expect(abs(cost - ((c["cost"] as? NSNumber)?.doubleValue ?? -1)) < 0.005)
        }
        // The objective is Σ weight × quality: chat's weight is 2.
        let quality = choices.reduce(0.0) { sum, c in
            sum + ((c["workload"] as? String) == "chat" ? 2 : 1) * ((c["quality"] as? NSNumber)?.doubleValue ?? 0)
        }
        #expect(abs(quality - ((j["total_quality"] as? NSNumber)?.doubleValue ?? -1)) < 1e-9)
    }

    @Test func moreBudgetNeverLowersQualityAndCostPlanIsTheFloor() throws {
        let gpus = "gpus=a100,h100,l40s"
        let cheapest = Self.json("optimize cost \(gpus)", setup: Self.workloads)
        let floor = try #require((cheapest["total_cost"] as? NSNumber)?.doubleValue)
        var previous = -1.0
        for budget in [floor, floor * 1.5, floor * 3, floor * 10, floor * 40] {
            let j = Self.json("optimize budget \(budget) \(gpus)", setup: Self.workloads)
            #expect(j["feasible"] as? Bool == true)
            let q = try #require((j["total_quality"] as? NSNumber)?.doubleValue)
            #expect(q >= previous)
            previous = q
        }
        let below = Self.json("optimize budget \(floor - 1) \(gpus)", setup: Self.workloads)
        #expect(below["feasible"] as? Bool == false)
        #expect(abs(((below["minimum_budget"] as? NSNumber)?.doubleValue ?? 0) - floor) < 0.005)
    }

    @Test func throughputObjectiveNeedsTokens() {
        let out = Transcript.run("add workload api rps=50 per_instance=10rps price=$2/h\noptimize budget 10k objective=throughput", echo: false).output
        #expect(out.contains("objective=throughput needs token counts, and api has none"))
    }

    @Test func explainListsCandidatesAndPruning() {
        let out = Transcript.run(Self.workloads + "\nexplain optimize budget 150k gpus=h100 pricing=on-demand,spot", echo: false).output
        #expect(out.contains("candidates"))
        #expect(out.contains("chosen"))
        #expect(out.contains("dominated by"))
        #expect(out.contains("marginal value"))
    }

    @Test func resultReadsTheLastResult() {
        let run = Transcript.run("""
        add workload api rps=50 per_instance=10rps price=$2/h
        optimize cost
        assert result(feasible) == 1
        assert result(total_cost) == 6 * $2/h * 730h
        """, keepGoing: false, echo: false)
        // 50 rps × 1.2 (the default 20% headroom) / 10 rps = 6 instances at $2/h for a 730-hour month.
        #expect(run.status.failures == 0, "\(run.output)")
        let missing = Transcript.run("optimize cost\n", echo: false).output
        #expect(missing.contains("there are no workloads to plan"))
        let noKey = Transcript.run("add workload api rps=50 per_instance=10rps price=$2/h\noptimize cost\nassert result(nope) == 1", echo: false).output
        #expect(noKey.contains("the last result has no key 'nope'"))
    }
}
