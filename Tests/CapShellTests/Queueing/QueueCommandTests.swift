import Foundation
import Testing
@testable import CapShell

/// `queue mmc`: values derived by hand, the JSON contract, errors with carets, and the derivation.
struct QueueCommandTests {
    static func close(_ x: Double, _ y: Double, _ relative: Double = 1e-9) -> Bool {
        abs(x - y) <= relative * Swift.max(1, abs(y))
    }

    @Test func mm1HandValues() {
        // M/M/1, λ = 0.8/s, E[S] = 1 s: a = 0.8, ρ = 0.8, C = ρ = 0.8 (one server), θ = 1 − 0.8 = 0.2/s.
        // E[W_q] = C/θ = 4 s; L_q = Cρ/(1 − ρ) = 0.64/0.2 = 3.2;
        // w_p = ln(C/(1 − p))/θ = 5·ln(0.8/(1 − p)): p50 = 5 ln 1.6 = 2.350018146, p95 = 5 ln 16 = 13.86294361,
        // p99 = 5 ln 80 = 21.91013317 (mpmath, 30 digits). Time in system is Exp(μ − λ = 0.2): mean 5 s,
        // p99 = 5 ln 100 = 23.02585093.
        let (json, _) = QueueCommandJSON.run("queue mmc arrival=0.8rps service=1s servers=1")
        let n = { QueueCommandJSON.number(json, $0) }
        #expect(n("servers") == 1)
        #expect(Self.close(n("utilization"), 0.8))
        #expect(Self.close(n("p_wait"), 0.8))
        #expect(Self.close(n("mean_wait_s"), 4))
        #expect(Self.close(n("queue_length"), 3.2))
        #expect(Self.close(n("wait_p50_s"), 2.35001814622867804))
        #expect(Self.close(n("wait_p95_s"), 13.8629436111989061))
        #expect(Self.close(n("wait_p99_s"), 21.9101331733694080))
        #expect(Self.close(n("mean_sojourn_s"), 5))
        #expect(Self.close(n("sojourn_p99_s"), 23.0258509299404568, 1e-6))
    }

    @Test func mm2HandValuesWithZeroMedianWait() {
        // M/M/2, λ = 1/s, E[S] = 1 s: a = 1, ρ = 0.5. Erlang B: B1 = 1·1/(1 + 1) = 1/2,
        // B2 = 1·(1/2)/(2 + 1/2) = 0.2. C = 0.2/(1 − 0.5·0.8) = 1/3. θ = 2·1 − 1 = 1/s.
        // E[W_q] = 1/3 s; L_q = (1/3)(0.5)/(0.5) = 1/3. p50: C = 1/3 ≤ 0.5 → 0.
        // p95 = ln(20/3) = 1.897119985, p99 = ln(100/3) = 3.506557897.
        // θ = μ, so P(T > t) = (2/3)e^(−t) + (1/3)(1 + t)e^(−t) = e^(−t)(1 + t/3); = 0.01 at
        // t = 5.665960684 (mpmath findroot).
        let (json, _) = QueueCommandJSON.run("queue mmc arrival=1 service=1 servers=2")
        let n = { QueueCommandJSON.number(json, $0) }
        #expect(Self.close(n("p_wait"), 1.0 / 3))
        #expect(Self.close(n("mean_wait_s"), 1.0 / 3))
        #expect(Self.close(n("queue_length"), 1.0 / 3))
        #expect(n("wait_p50_s") == 0)
        #expect(Self.close(n("wait_p95_s"), 1.89711998488588130))
        #expect(Self.close(n("wait_p99_s"), 3.50655789731998168))
        #expect(Self.close(n("sojourn_p99_s"), 5.66596068379299722, 1e-6))
        let table = Transcript.run("queue mmc arrival=1 service=1 servers=2", echo: false).output
        #expect(table.contains("wait p50 = 0: only P(wait) = 33.33% of requests wait at all"))
    }

    @Test func referencePointNeeds2055Servers() {
        // capacity-math.md §2: λ = 1,000/s, E[S] = 2 s (a = 2,000 erlangs); P(W_q > 0.1 s) ≤ 1%, i.e. the
        // p99 of the wait ≤ 0.1 s, first holds at c = 2,055 (ρ = 2,000/2,055 = 0.97324, C = 0.149).
        // mpmath (50 digits): P(W_q > 0.1) = 0.00951991 at 2,055 and 0.01043977 at 2,054.
        // θ = 2,055·0.5 − 1,000 = 27.5/s, so w99 = ln(C/0.01)/27.5 = 0.0982 s ≤ 0.1 s.
        let (json, _) = QueueCommandJSON.run("queue mmc arrival=1000rps service=2s sla=p99<=0.1s")
        let n = { QueueCommandJSON.number(json, $0) }
        #expect(n("servers") == 2_055)
        #expect(Self.close(n("utilization"), 2_000.0 / 2_055))
        #expect(abs(n("p_wait") - 0.149) < 0.0005)
        #expect(n("wait_p99_s") <= 0.1 && n("wait_p99_s") > 0.098)
        #expect(n("sla_percentile") == 0.99 && n("sla_wait_s") == 0.1)
    }

    @Test(arguments: ["p99<=0.1s", "p99<100ms", "99%<=100ms", "0.99<=0.1s", "p99≤0.1s"])
    func slaSpellingsAgree(_ sla: String) {
        #expect(QueueCommandJSON.number(QueueCommandJSON.run("queue mmc arrival=1000rps service=2s sla=\(sla)").object, "servers") == 2_055)
    }

    @Test func slaWithoutPercentileUsesTheSessionQuantile() {
        // p95 ≤ 0.5 s for a = 200: smaller than the p99 answer (214).
        let p99 = QueueCommandJSON.number(QueueCommandJSON.run("queue mmc arrival=100rps service=2s sla=0.5s").object, "servers")
        let p95 = QueueCommandJSON.number(QueueCommandJSON.run("queue mmc arrival=100rps service=2s sla=0.5s", setup: "set sla.quantile p95").object, "servers")
        #expect(p99 == 214)
        #expect(p95 < p99)
    }

    @Test func utilizationCapBindsAboveTheLatencyAnswer() {
        // a = 200: p95 < 500 ms alone needs fewer servers than ⌈200/0.9⌉ = 223.
        let (json, _) = QueueCommandJSON.run("queue mmc arrival=100rps service=2s sla=p95<500ms max_util=90%")
        #expect(QueueCommandJSON.number(json, "servers") == 223)
    }

    @Test func allenCunneenScalesWaitsByTheVariabilityFactor() {
        // c = 2, a = 1 as in mm2HandValues, c_a² = 3, c_s² = 1: k = (3 + 1)/2 = 2.
        // E[W_q] ≈ (1/3)/1 × 2 = 2/3 s; w99 ≈ ln(100/3) × 2 = 7.013115795; P(wait) stays 1/3.
        let (json, _) = QueueCommandJSON.run("queue mmc arrival=1 service=1 servers=2 ca2=3")
        let n = { QueueCommandJSON.number(json, $0) }
        #expect(Self.close(n("mean_wait_s"), 2.0 / 3))
        #expect(Self.close(n("wait_p99_s"), 7.01311579463996335))
        #expect(Self.close(n("p_wait"), 1.0 / 3))
        #expect(json["sojourn_p99_s"] is NSNull)
        #expect(json["method"] as? String == "allen-cunneen")
        let table = Transcript.run("queue mmc arrival=1 service=1 servers=2 ca2=3", echo: false).output
        #expect(table.contains("Allen–Cunneen"))
    }

    @Test func jsonKeysAreTheContractInOrder() {
        let (_, text) = QueueCommandJSON.run("queue mmc arrival=100rps service=2s servers=214")
        let keys = QueueCommandJSON.keys(text)
        #expect(Array(keys.prefix(8)) == ["servers", "utilization", "p_wait", "mean_wait_s", "queue_length", "wait_p50_s", "wait_p95_s", "wait_p99_s"])
    }

    @Test func explainShowsTheSubstitutedFormulas() {
        let out = Transcript.run("explain queue mmc arrival=1000rps service=2s sla=p99<=100ms", echo: false).output
        for piece in [
            "a = λ·E[S]", "1,000 /s × 2 s", "2,000 erlangs",
            "c_lo = floor(a) + 1", "2,001 servers", "c* = 2,055 servers",
            "c = 2,054: C = 0.155341", "101.594 ms > 100 ms",
            "ρ = a/c", "2,000 / 2,055", "0.973236",
            "B_c = 0.00466114", "C = B_c / (1 − ρ(1 − B_c))", "C = 0.148916",
            "E[W_q] = C/(cμ − λ) = C/θ", "0.148916 / 27.5 /s",
            "w_p = max(0, ln(C/(1 − p))/θ)", "ln(0.148916 / 0.01) / 27.5 /s", "98.2109 ms ≤ 100 ms",
            "Poisson", "exponential", "FCFS", "capacity-math.md §2",
        ] {
            #expect(out.contains(piece), "explain output lacks \(piece)")
        }
        #expect(!out.contains("error"))
    }

    @Test func explainNamesAllenCunneen() {
        let out = Transcript.run("explain queue mmc arrival=1 service=1 servers=2 ca2=3", echo: false).output
        #expect(out.contains("k = (c_a² + c_s²)/2"))
        #expect(out.contains("(3 + 1) / 2"))
        #expect(out.contains("Allen–Cunneen"))
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var statement: String
        var message: String
        /// The caret's column (1-based) in `<test>:1:COLUMN:`, when it matters.
        var column: Int?
        var testDescription: String { statement }
    }

    static let errorCases: [ErrorCase] = [
        .init(statement: "queue mmc arrival=100rps service=2s servers=200", message: "at least 201 servers", column: 45),
        .init(statement: "queue mmc arrival=100rps service=2s servers=150", message: "unstable queue", column: 45),
        .init(statement: "queue mmc arrival=1000000rps service=1000000s sla=p99<=1s", message: "unstable queue", column: nil),
        .init(statement: "queue mmc arrival=100rps service=2s sla=p99>=0.5s", message: "bounds the wait from above", column: 44),
        .init(statement: "queue mmc arrival=100rps service=2s sla=x99<=0.5s", message: "expects a percentile", column: 41),
        .init(statement: "queue mmc arrival=100rps service=2s sla=p99<=0.5", message: "needs a unit", column: 46),
        .init(statement: "queue mmc arrival=100rps service=2s sla=p99<=", message: "needs a time after", column: 46),
        .init(statement: "queue mmc arrival=100rps service=2s sla=<=0.5s", message: "needs a percentile before", column: 41),
        .init(statement: "queue mmc arrival=100rps service=2s sla=p99<=5rps", message: "compares the wait with a time", column: 46),
        .init(statement: "queue mmc arrival=100rps service=2s sla=p150<=1s", message: "expects a percentile", column: 41),
        .init(statement: "queue mmc service=2s servers=3", message: "needs arrival=", column: nil),
        .init(statement: "queue mmc arrival=100rps servers=3", message: "needs service=", column: nil),
        .init(statement: "queue mmc arrival=100rps service=2s", message: "needs servers=", column: nil),
        .init(statement: "queue mmc arrival=100rps service=2s servers=300 sla=p99<=1s", message: "not both", column: nil),
        .init(statement: "queue mmc arrival=100rps service=2s servers=300 max_util=80%", message: "only to an sla= search", column: nil),
        .init(statement: "queue mmc arrival=100rps service=2s servers=0", message: "server count must be", column: 45),
        .init(statement: "queue mmc arrival=100rps service=2s servers=300 ca2=-1", message: "ca2", column: nil),
        .init(statement: "queue mmc arrival=100rps service=0s servers=300", message: "mean service time", column: 34),
    ]

    @Test(arguments: errorCases)
    func errorsSayWhatAndWhere(_ c: ErrorCase) {
        let (output, status, _) = Transcript.run(c.statement, echo: false)
        #expect(status.failures > 0)
        #expect(output.contains("error:"), "no error for \(c.statement)")
        #expect(output.contains(c.message), "\(c.statement): \(output)")
        if let column = c.column {
            #expect(output.contains("<test>:1:\(column):"), "\(c.statement): \(output)")
        }
        #expect(!output.contains("nan") && !output.contains("inf"))
    }
}
