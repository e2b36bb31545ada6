import Foundation
import Testing
@testable import CapShell
import CapPlan

/// `simulate queue mmc`: the JSON contract, agreement with Erlang C inside the interval, the same
/// bytes for the same seed, timings only with `set timer on`, and errors that change nothing.
struct SimulateQueueCommandTests {
    static let command = "simulate queue mmc arrival=9rps service=1s servers=10 requests=40k seed=11"

    @Test func jsonContractAndAgreementWithErlangC() throws {
        let (json, line) = QueueCommandJSON.run(Self.command)
        let keys = QueueCommandJSON.keys(line)
        #expect(keys == ["requests", "mean_wait_s", "mean_wait_ci95_s", "wait_p99_s", "wait_p99_ci95_s", "p_wait",
                         "utilization", "mean_in_system", "measured_requests", "seed", "analytic"])
        let analytic = try #require(json["analytic"] as? [String: Any])
        // Erlang C for λ = 9, E[S] = 1 s, c = 10: a = 9, C(10, 9) = 0.66873, E[W_q] = C/(cμ − λ) = 0.66873 s.
        let meanAnalytic = try #require((analytic["mean_wait_s"] as? NSNumber)?.doubleValue)
        #expect(abs(meanAnalytic - 0.668_732) < 1e-5)
        let mean = QueueCommandJSON.number(json, "mean_wait_s"), half = QueueCommandJSON.number(json, "mean_wait_ci95_s")
        #expect(half > 0 && abs(mean - meanAnalytic) <= half)
        #expect(QueueCommandJSON.number(json, "requests") == 40_000)
        #expect(QueueCommandJSON.number(json, "measured_requests") == 36_000)
    }

    @Test func sameSeedSameBytesAndTimerOnlyWhenAsked() {
        let a = Transcript.run(Self.command, echo: false).output
        let b = Transcript.run(Self.command, echo: false).output
        #expect(a == b)
        #expect(!a.contains("events/s"))
        let other = Transcript.run(Self.command.replacingOccurrences(of: "seed=11", with: "seed=12"), echo: false).output
        #expect(other != a)
        let timed = Transcript.run("set timer on\n" + Self.command, echo: false).output
        #expect(timed.contains("events/s"))
        let (json, _) = QueueCommandJSON.run(Self.command, setup: "set timer on")
        #expect(json["events_per_s"] != nil)
    }

    @Test func badInputIsAnErrorNamingTheOption() {
        let few = Transcript.run("simulate queue mmc arrival=9rps service=1s servers=10 requests=10", echo: false).output
        #expect(few.contains("requests must be a whole number from 1,000 to 50,000,000"))
        let unstable = Transcript.run("simulate queue mmc arrival=9rps service=1s servers=9 requests=10k", echo: false).output
        #expect(unstable.contains("unstable queue"))
        let missing = Transcript.run("simulate queue mmc arrival=9rps servers=9", echo: false).output
        #expect(missing.contains("needs service="))
    }
}
