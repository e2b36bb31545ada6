import Foundation
import Testing
@testable import CapShell
import CapPlan

/// `simulate fleet` and `validate size` through the shell: the JSON contract, conservation,
/// the same bytes for the same seed, failures, and workloads it cannot simulate.
struct FleetCommandTests {
    // 12 × L4 for Llama-3-8B at 30 rps peak (size chat: the TTFT p99 at the operating point
    // binds), small runs: debug builds are slow.
    static let setup = "add workload chat rps=20 in=500 out=100 peak=1.5x sla.ttft=1s sla.e2e=15s model=llama-3-8b gpu=l4"

    @Test func jsonContractAndConservation() throws {
        let (json, line) = QueueCommandJSON.run("simulate fleet chat requests=4000 seed=3", setup: Self.setup)
        let keys = QueueCommandJSON.keys(line)
        #expect(Array(keys.prefix(8)) == ["requests", "ttft_p50_ms", "ttft_p99_ms", "tpot_p99_ms", "e2e_p50_ms", "e2e_p99_ms", "utilization", "max_queue"])
        #expect(QueueCommandJSON.number(json, "requests") == 4000)
        // Conservation: every request completes or is counted as dropped.
        #expect(QueueCommandJSON.number(json, "completed") + QueueCommandJSON.number(json, "dropped") == 4000)
        #expect(QueueCommandJSON.number(json, "replicas") == 12)
        // Ordered percentiles, and TTFT below end to end.
        #expect(QueueCommandJSON.number(json, "ttft_p50_ms") <= QueueCommandJSON.number(json, "ttft_p99_ms"))
        #expect(QueueCommandJSON.number(json, "e2e_p50_ms") <= QueueCommandJSON.number(json, "e2e_p99_ms"))
        #expect(QueueCommandJSON.number(json, "ttft_p99_ms") < QueueCommandJSON.number(json, "e2e_p99_ms"))
        // End to end at least prefill + 99 decode steps: 100 tokens at ≥ the batch-1 TPOT.
        #expect(QueueCommandJSON.number(json, "e2e_p50_ms") > 99 * QueueCommandJSON.number(json, "tpot_p50_ms") * 0.5)
    }

    @Test func sameSeedSameBytes() {
        let text = Self.setup + "\nsimulate fleet chat requests=3000 seed=9 routing=random"
        let a = Transcript.run(text, echo: false).output
        #expect(a == Transcript.run(text, echo: false).output)
        #expect(a != Transcript.run(text.replacingOccurrences(of: "seed=9", with: "seed=10"), echo: false).output)
    }

    @Test func failuresReroute() {
        let (json, _) = QueueCommandJSON.run("simulate fleet chat requests=4000 seed=3 failures=2", setup: Self.setup)
        #expect(QueueCommandJSON.number(json, "completed") == 4000)
        #expect(QueueCommandJSON.number(json, "rerouted") > 0)
        let tooMany = Transcript.run(Self.setup + "\nsimulate fleet chat requests=4000 failures=12", echo: false).output
        #expect(tooMany.contains("failures must be a whole number from 0 to 11"))
    }

    @Test func sizeCheckSimulateAddsTheSimulatedP99s() throws {
        // The same fleet, simulated with 100,000 requests at seed 1: size's JSON gains "check"
        // with validate size's keys, and its analytic p99s are size's own.
        let (json, _) = QueueCommandJSON.run("size chat check=simulate", setup: Self.setup)
        let check = try #require(json["check"] as? [String: Any])
        #expect(QueueCommandJSON.number(check, "requests") == 100_000)
        #expect(QueueCommandJSON.number(check, "replicas") == QueueCommandJSON.number(json, "instances"))
        let analytic = try #require(check["analytic"] as? [String: Any])
        #expect(QueueCommandJSON.number(analytic, "ttft_p99_ms") == QueueCommandJSON.number(json, "ttft_ms"))
        let refused = Transcript.run(Self.setup + "\nsize chat check=simulate gpu=h100", echo: false).output
        #expect(refused.contains("without gpu=") && refused.contains("set workload chat gpu=h100"))
    }

    @Test func validateSizeReportsGapsAgainstTheAnalyticP99() throws {
        let (json, _) = QueueCommandJSON.run("validate size chat requests=4000 seed=3", setup: Self.setup)
        let analytic = try #require(json["analytic"] as? [String: Any])
        let simulated = try #require(json["simulated"] as? [String: Any])
        let gap = try #require(json["gap"] as? [String: Any])
        let a = try #require((analytic["e2e_p99_ms"] as? NSNumber)?.doubleValue)
        let s = try #require((simulated["e2e_p99_ms"] as? NSNumber)?.doubleValue)
        // gap = (simulated − analytic) / analytic.
        #expect(abs(((gap["e2e"] as? NSNumber)?.doubleValue ?? .nan) - (s - a) / a) < 1e-9)
        // The analytic p99 is the one `size` prints.
        let sized = QueueCommandJSON.run("size chat", setup: Self.setup).object
        #expect(abs(a - QueueCommandJSON.number(sized, "e2e_p99_ms")) < 1e-6)
    }

    @Test func workloadsItCannotSimulate() {
        let out = Transcript.run("add workload api rps=50 per_instance=10rps\nsimulate fleet api\nsimulate fleet chat\n" + Self.setup + "\nsimulate fleet chat arrivals=trace", echo: false).output
        #expect(out.contains("api is not an LLM on a GPU"))
        #expect(out.contains("unknown workload 'chat'"))
        #expect(out.contains("chat has no request log to replay"))
    }
}
