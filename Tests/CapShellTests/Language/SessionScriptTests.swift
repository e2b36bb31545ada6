import Foundation
import CapPlan
import Testing
@testable import CapShell

/// A tiny seeded generator (SplitMix64) so that sweeps are reproducible by seed.
typealias LanguageSplitMix64 = SplitMix64

/// `save` writes the commands that rebuild the session; replaying them with `source` in a
/// fresh shell gives a session that prints identically.
struct SessionScriptTests {
    /// One random `add workload` line: random rates in random units, tokens, SLAs, pricing,
    /// headroom, sometimes a quoted name with a blank.
    static func randomWorkload(_ index: Int, _ rng: inout LanguageSplitMix64) -> (name: String, line: String) {
        let name = Bool.random(using: &rng) && index % 3 == 0 ? "w \(index)" : "w\(index)"
        var keys: [String] = []
        let amount = Double(Int.random(in: 1...9_999_999, using: &rng)) / Double([1, 10, 100, 1_000].randomElement(using: &rng)!)
        let rateUnit = ["rps", "rpm", "rph", "rpd"].randomElement(using: &rng)!
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: keys.append("\(rateUnit)=\(amount)")
        case 1: keys.append("rate=\(amount)\(rateUnit)")
        case 2: keys.append("rate=\(amount)k\(rateUnit)")
        default: keys.append("rps=\(Double.random(in: 0.001...50_000, using: &rng))")
        }
        if Bool.random(using: &rng) { keys.append("in=\(Int.random(in: 1...32_000, using: &rng))") }
        if Bool.random(using: &rng) { keys.append("out=\(Int.random(in: 1...4_000, using: &rng))") }
        if Bool.random(using: &rng) { keys.append("peak=\(Double(Int.random(in: 10...50, using: &rng)) / 10)x") }
        if Bool.random(using: &rng) { keys.append("sla.ttft=\(Int.random(in: 50...5_000, using: &rng))ms") }
        if Bool.random(using: &rng) { keys.append("sla.tpot=\(Double.random(in: 0.005...0.2, using: &rng))s") }
        if Bool.random(using: &rng) { keys.append("sla.e2e=\(Double(Int.random(in: 5...600, using: &rng)) / 10)s") }
        if Bool.random(using: &rng) { keys.append("sla.quantile=\(["p50", "p90", "p95", "p99", "p99.9", "99.99%"].randomElement(using: &rng)!)") }
        if Bool.random(using: &rng) { keys.append("pricing=\(["on-demand", "spot", "reserved-1y", "reserved-3y"].randomElement(using: &rng)!)") }
        if Bool.random(using: &rng) { keys.append("headroom=\(Double(Int.random(in: 0...2_000, using: &rng)) / 10)%") }
        if Bool.random(using: &rng) { keys.append("per_instance=\(Double.random(in: 0.1...500, using: &rng))rps") }
        if Bool.random(using: &rng) { keys.append("price=$\(Double(Int.random(in: 1...10_000, using: &rng)) / 100)/h") }
        if Bool.random(using: &rng) { keys.append("spares=\(Int.random(in: 0...4, using: &rng))") }
        if Bool.random(using: &rng) { keys.append("model=llama-3-\(["8b", "70b"].randomElement(using: &rng)!)") }
        keys.shuffle(using: &rng)
        let quoted = name.contains(" ") ? "\"\(name)\"" : name
        return (name, "add workload \(quoted) " + keys.joined(separator: " "))
    }

    static func show(_ shell: inout Shell, names: [String]) -> String {
        let text = (["show workloads", "show settings", "show variables"]
            + names.map { "show workload \(WorkloadKeys.quotedIfNeeded($0))" }).joined(separator: "\n")
        return ShellTests.run(text, on: &shell).output
    }

    @Test func savedSessionsReplayToIdenticalOutput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("capplan-roundtrip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for seed in UInt64(0)..<40 {
            var rng = LanguageSplitMix64(seed: seed)
            let workloads = (0..<Int.random(in: 1...6, using: &rng)).map { Self.randomWorkload($0, &rng) }
            var lines = workloads.map { $0.line }
            if Bool.random(using: &rng) { lines.insert("set headroom \(Int.random(in: 0...90, using: &rng))%", at: 0) }
            if Bool.random(using: &rng) { lines.insert("set month 720h", at: 0) }
            if Bool.random(using: &rng) { lines.append("let budget = $\(Double(Int.random(in: 1...10_000_000, using: &rng)) / 100)/mo") }
            if Bool.random(using: &rng) { lines.append("let peak = \(Double.random(in: 1...1e6, using: &rng)) rps") }
            if Bool.random(using: &rng) { lines.append("set workload \(WorkloadKeys.quotedIfNeeded(workloads[0].name)) peak=3x") }

            let file = "plan-\(seed).cap"
            var original = Transcript.run(lines.joined(separator: "\n") + "\nsave \(file)", directory: directory.path, keepGoing: false, echo: false).shell
            var replayed = Transcript.run("source \(file)", directory: directory.path, keepGoing: false, echo: false).shell
            let names = workloads.map { $0.name }
            #expect(original.session.workloadNames == names, "seed \(seed)")
            let before = Self.show(&original, names: names)
            let after = Self.show(&replayed, names: names)
            #expect(before == after, "seed \(seed): \(lines.joined(separator: "\n"))")
            #expect(replayed.session.settings == original.session.settings, "seed \(seed)")
        }
    }
}
