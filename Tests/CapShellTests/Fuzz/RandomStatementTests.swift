import CapPlan
import Foundation
import Synchronization
import Testing
@testable import CapShell

/// Grammar-aware random statements, generated from the command registry: every command with
/// random positionals and options, values at the edges (0, negatives, 1e19, 1e300, 5e-324,
/// NaN, infinity, wrong units) and ordinary ones. Each must end as a result or a diagnostic:
/// a trap kills the test process and fails the suite. Work options (requests=, horizon=) stay
/// small here so the suite stays quick; Tests/fuzz/statement_fuzz.py drives the release binary
/// with large values too. Seeded: the same statements every run.
struct RandomStatementTests {
    static let prelude = """
    add workload chat model=llama-3.1-8b gpu=h100 rps=20 in=1000 out=200 sla.ttft=500ms sla.tpot=50ms
    add workload api rps=10 per_instance=2rps sla.e2e=2s service_time=100ms
    add workload img rps=5 flops=2TFLOP bytes=10GB gpu=l4
    add workload web rps=100 per_instance=10rps
    load history web "data/retail_sales_monthly.csv" value=y
    let x = 5rps
    """

    static let numbers = ["0", "-1", "1", "2", "0.5", "1.5", "1e19", "9.3e18", "-9.3e18", "1e300", "-1e300", "5e-324", "nan", "inf", "-inf", "3", "64"]
    static let units = ["", "s", "ms", "h", "d", "mo", "yr", "rps", "GB", "GiB", "%", "x", "$/h", "tok/s", "TFLOP", "W"]
    /// Options whose ordinary values set how much work a command does: small or extreme here.
    static let workKeys: Set<String> = ["requests", "horizon", "step", "lead", "samples", "folds", "replicas", "count", "max"]

    struct Generator {
        var random: SplitMix64

        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(random.next() % UInt64(xs.count))] }
        mutating func chance(_ p: Double) -> Bool { random.unit() < p }

        mutating func name(_ kind: NameKind) -> String {
            switch kind {
            case .workload: return pick(["chat", "api", "img", "web", "nosuch"])
            case .gpu: return pick(["h100", "l4", "a100", "mi300x", "nosuch"])
            case .model: return pick(["llama-3.1-8b", "llama-3-70b", "mixtral-8x7b", "bert-base", "nosuch"])
            case .setting: return pick(SettingKeys.names + ["nosuch"])
            case .command: return pick(["size", "perf", "nosuch"])
            case .table: return pick(["settings", "workloads", "nosuch"])
            case .variable: return pick(["x", "y"])
            case .pricing: return pick(["spot", "on-demand", "reserved-1y", "nosuch"])
            case .precision: return pick(Precision.spellings + ["fp4"])
            case .generic: return pick(["a", "b"])
            }
        }

        mutating func value(_ spec: OptionSpec) -> String {
            if chance(0.15) { return pick(RandomStatementTests.numbers) + pick(RandomStatementTests.units) }
            let edge = pick(RandomStatementTests.numbers)
            let small = pick(["1", "2", "0.5", "3"])
            // Work options get small values or extremes the limits refuse at once, never a
            // large ordinary value (a million requests) that would just take long.
            let extreme = pick(["0", "-1", "1e19", "9.3e18", "1e300", "5e-324", "nan", "inf"])
            let number = RandomStatementTests.workKeys.contains(spec.key) ? (chance(0.5) ? extreme : small) : (chance(0.5) ? edge : small)
            switch spec.kind {
            case let .quantity(_, unit, _):
                return number + (unit.map { chance(0.8) ? $0 : pick(RandomStatementTests.units) } ?? pick(RandomStatementTests.units))
            case .count, .number: return number
            case .counts: return (0..<Int(1 + random.next() % 3)).map { _ in pick(["1", "8", "0", "1e19", "-3", "nan"]) }.joined(separator: ",")
            case .share: return pick(["20%", "0%", "-5%", "1e19%", "100%", "0.5", "5e-324", "nan"])
            case .percentile: return pick(["p99", "p50", "p0", "p100", "p99.99999", "150%"])
            case let .name(kind): return name(kind)
            case let .list(kind): return name(kind) + (chance(0.5) ? "," + name(kind) : "")
            case let .choice(words): return chance(0.9) ? pick(words) : "nosuch"
            case .flag: return pick(["yes", "no", "maybe"])
            case .path: return pick(["out.json", "data/retail_sales_monthly.csv", "nosuch.csv", "out.csv"])
            case .text: return pick(["a", "\"a b\"", "1"])
            }
        }

        mutating func statement(_ commands: [CommandSpec]) -> String {
            let spec = pick(commands)
            var words = spec.path
            for p in spec.positionals where p.isRequired || chance(0.7) { words.append(value(p)) }
            var options = spec.options
            for _ in 0..<Int(random.next() % 5) where !options.isEmpty {
                let i = Int(random.next() % UInt64(options.count))
                let o = options.remove(at: i)
                words.append("\(o.key)=\(value(o))")
            }
            // Simulations default to a million requests: keep them small unless given.
            if spec.options.contains(where: { $0.key == "requests" }), !words.contains(where: { $0.hasPrefix("requests=") }) { words.append("requests=2000") }
            return words.joined(separator: " ")
        }
    }

    @Test func randomStatementsEndInAResultOrADiagnostic() throws {
        let excluded: Set<String> = ["quit", "source", "run", "help", "history", "undo", "reset"]
        let commands = CommandRegistry.all.filter { !excluded.contains($0.name) }
        // CAPPLAN_FUZZ_SEED and CAPPLAN_FUZZ_BATCHES explore further (100 statements a batch).
        let environmentValues = ProcessInfo.processInfo.environment
        let seed = environmentValues["CAPPLAN_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_208
        let batches = environmentValues["CAPPLAN_FUZZ_BATCHES"].flatMap(Int.init) ?? 40
        var generator = Generator(random: SplitMix64(seed: seed))
        let directory = try Transcript.scratchCopyOfSessions()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failures = Mutex(0)
        let sink = ScriptRunner.Sink(output: { _ in }, error: { _ in failures.withLock { $0 += 1 } })
        let runner = ScriptRunner(options: .init(keepGoing: true, echo: false), sink: sink)
        let environment = ShellEnvironment(files: FileAccess(baseDirectory: directory.path))
        var statements = 0
        // A fresh session every 100 statements keeps the state (and so the work) bounded.
        for _ in 0..<batches {
            var shell = Shell(session: Session(), environment: environment)
            _ = runner.run(ScriptSource(file: "<prelude>", text: Self.prelude), shell: &shell)
            let batch = (0..<100).map { _ in generator.statement(commands) }
            _ = runner.run(ScriptSource(file: "<random>", text: batch.joined(separator: "\n")), shell: &shell)
            statements += batch.count
        }
        // Reaching here means no statement trapped; most of them are meant to fail.
        #expect(statements == batches * 100)
        #expect(failures.withLock { $0 } > statements / 4)
    }
}
