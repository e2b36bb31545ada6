import Foundation
import Testing
@testable import CapShell

/// `in.p50= in.p90= in.p99=` (and `out.`): kept, checked against the mean, saved, and used by
/// size's TTFT percentiles.
struct TokenPercentileKeyTests {
    @Test func percentilesAreKeptSavedAndRaiseTheTTFTPercentile() throws {
        let r = Transcript.run("""
        add workload a model=llama-3.1-8b gpu=h100 rps=20 in=1000 out=200
        add workload b model=llama-3.1-8b gpu=h100 rps=20 in=1000 in.p50=700 in.p90=2200 in.p99=4500 out=200 out.p99=600
        size a
        size b
        """, echo: false, format: .json)
        #expect(r.status.failures == 0)
        let lines = r.output.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        // size's ttft_ms is the p99 at the operating point (the SLA percentile).
        let ttft = lines.compactMap { $0["ttft_ms"] as? Double }
        let script = r.shell.session.replayScript
        #expect(script.contains("add workload b") && script.contains("in.p50=700 in.p90=2200 in.p99=4500") && script.contains("out.p99=600"))
        let b = try #require(r.shell.session.workload(named: "b"))
        #expect(b.inputPercentiles.map(\.tokens) == [700, 2200, 4500] && b.outputPercentiles.map(\.p) == [0.99])
        // The same means: b's prompts vary, so its TTFT p99 is higher.
        #expect(ttft.count == 2 && ttft[1] > ttft[0])
        let replay = Transcript.run(script, echo: false)
        #expect(replay.status.failures == 0 && replay.shell.session.replayScript == script)
    }

    @Test func percentilesThatCannotBeAreRefusedWithTheKey() {
        let r = Transcript.run("add workload c model=llama-3.1-8b gpu=h100 rps=20 in=1000 in.p50=700 in.p90=600", echo: false)
        #expect(r.status.failures == 1 && r.shell.session.workload(named: "c") == nil)
        #expect(r.output.contains("in.p90=: p90 (600 tokens) is below p50 (700)") && r.output.contains("hint: percentiles grow with p"))
        let huge = Transcript.run("add workload e model=llama-3.1-8b gpu=h100 rps=20 in=1000 in.p99=1e300", echo: false)
        #expect(huge.status.failures == 1 && huge.output.contains("in.p99= must be at most 10,000,000 tokens"))
        let mean = Transcript.run("add workload d model=llama-3.1-8b gpu=h100 rps=20 in.p99=1e6 in=100", echo: false)
        #expect(mean.status.failures == 1 && mean.output.contains("in=: p99 of 1,000,000 tokens cannot come with a mean of 100"))
    }
}
