import CapPlan
import Foundation
import Testing
@testable import CapShell

/// `plan` against a hand computation, and the errors of the forecasting commands.
struct ForecastPlanTests {
    typealias H = ForecastShellHarness

    /// 31 daily rates on a straight line, 10 + t req/s for 2024-01-01 … 2024-01-31, so the linear
    /// fit is exact and every interval collapses onto the mean.
    static let straightRates = H.daily((0..<31).map { 10 + Double($0) }, kind: .rate)

    /// The same line as requests per day (counts): 86,400 × (10 + t).
    static let straightCounts = H.daily((0..<31).map { 86_400 * (10 + Double($0)) }, kind: .count)

    /// By hand (per_instance = 10 req/s, price $1/h, headroom 20%, month 730 h, lead 8 weeks):
    /// - the history ends 2024-02-01 (day index 31); the last observed rate is 40 → 40·1.2/10 = 4.8 → 5.
    /// - February 2024 is days 31…59: max demand 10 + 59 = 69 → 69·1.2/10 = 8.28 → 9 instances, $6,570.
    /// - March 2024 is days 60…90: max 100 → 100·1.2/10 = 12 → 12 instances, $8,760.
    /// - total $15,330; orders: +4 by 2024-02-01 − 56 d = 2023-12-07, +3 by 2024-03-01 − 56 d = 2024-01-05.
    @Test(arguments: ["rate", "count"])
    func planMatchesTheHandComputation(kind: String) {
        let session = H.session(history: kind == "rate" ? Self.straightRates : Self.straightCounts)
        let j = H.json("fit growth w method=linear\nplan w horizon=2mo step=1mo quantile=p90 lead=8wk", session: session)
        let rows = j["rows"] as? [[String: Any]] ?? []
        #expect(rows.count == 2)
        #expect(rows.map { $0["t"] as? String } == ["2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"])
        #expect(rows.map { H.number($0, "demand") }.enumerated().allSatisfy { abs($0.element - [69.0, 100.0][$0.offset]) < 1e-6 })
        #expect(rows.map { H.number($0, "gpus") } == [9, 12])
        #expect(rows.map { H.number($0, "cost") } == [6_570, 8_760])
        #expect(H.number(j, "total_cost") == 15_330)
        #expect(H.number(j, "baseline_gpus") == 5)
        let orders = j["orders"] as? [[String: Any]] ?? []
        #expect(orders.map { $0["by"] as? String } == ["2023-12-07T00:00:00Z", "2024-01-05T00:00:00Z"])
        #expect(orders.map { H.number($0, "gpus") } == [4, 3])
    }

    @Test func peakMultiplierAppliesOnTopOfThePlannedDemand() {
        // peak=2x doubles the demand sized for: February 69·2·1.2/10 = 16.56 → 17 instances.
        let session = H.session(keys: { $0.peakMultiplier = 2 }, history: Self.straightRates)
        let j = H.json("fit growth w method=linear\nplan w horizon=1mo", session: session)
        #expect((j["rows"] as? [[String: Any]])?.first.map { H.number($0, "gpus") } == 17)
        let explained = H.run("explain plan w horizon=1mo", session: session).output
        #expect(explained.contains("mean → peak") && explained.contains("peak 2x"))
    }

    @Test func planTableShowsOrdersAndTotal() {
        let session = H.session(history: Self.straightRates)
        let text = H.run("fit growth w method=linear\nplan w horizon=2mo", session: session).output
        #expect(text.contains("2023-12-07") && text.contains("+4") && text.contains("total $15,330"))
    }

    @Test func errorsAreClearAndChangeNothing() {
        let none = H.session(history: nil)
        let noHistory = H.run("fit growth w", session: none).output
        #expect(noHistory.contains("error: workload 'w' has no demand history") && noHistory.contains("hint: load one first"))
        #expect(H.run("plan w", session: none).output.contains("has no demand history"))

        let short = H.session(history: H.monthly([1, 2]))
        let tooFew = H.run("fit growth w method=linear", session: short).output
        #expect(tooFew.contains("needs at least 3 points") && tooFew.contains("hint:"))

        let monthly = H.session(history: ForecastCommandTests.growing)
        let (long, shell) = H.run("fit growth w method=holt-winters season=24mo", session: monthly)
        #expect(long.contains("too long for the history") && long.contains("hint:"))
        #expect(shell.session.histories["w"]?.fit == nil)
        #expect(H.run("fit growth w season=5h", session: monthly).output.contains("whole number of at least 2 steps"))
        #expect(H.run("forecast w interval=150%", session: monthly).output.contains("interval= expects levels"))

        var gap = H.monthly((0..<12).map(Double.init))
        gap.values[4] = nil
        let missing = H.run("fit growth w", session: H.session(history: gap)).output
        #expect(missing.contains("missing value at 2021-05") && missing.contains("fill"))
    }
}
