import CapPlan
import Foundation
import Testing
@testable import CapShell

/// `fit growth`, `forecast` and `plan` on synthetic histories with known growth.
struct ForecastCommandTests {
    typealias H = ForecastShellHarness

    /// 36 monthly points growing 3% a month, with a small deterministic wobble (±1%).
    static let growing = H.monthly((0..<36).map { 1_000 * pow(1.03, Double($0)) * (1 + 0.01 * sin(Double($0) * 1.7)) })

    /// Two weeks of hourly counts: a daily cycle (±30) on a slow upward trend.
    static let seasonalHourly = H.hourly((0..<336).map { t in
        let d = Double(t)
        return 200 + 0.05 * d + 30 * sin(2 * Double.pi * d / 24) + 3 * sin(d * 2.3)
    })

    @Test func compoundGrowthRateIsRecoveredAndWordedPerMonth() {
        let session = H.session(history: Self.growing)
        let j = H.json("fit growth w method=compound", session: session)
        #expect(j["workload"] as? String == "w")
        #expect(j["method"] as? String == "exponential")
        let params = j["params"] as? [String: Any] ?? [:]
        let r = H.number(params, "rate_per_month")
        #expect(abs(r - 0.03) < 0.002, "fitted \(r), expected 3% ± 0.2 points")
        #expect((j["summary"] as? String)?.hasPrefix("+3.0% per month, doubles in 23.") == true, "\(j["summary"] ?? "")")
        let backtest = j["backtest"] as? [String: Any] ?? [:]
        for key in ["mape", "smape", "mase"] { #expect(backtest[key] is NSNumber, "backtest.\(key)") }
        #expect((j["candidates"] as? [Any])?.isEmpty == true)
    }

    @Test func autoScoresCandidatesAndPicksLowestMASE() {
        let session = H.session(history: Self.growing)
        let j = H.json("fit growth w method=auto", session: session)
        let candidates = j["candidates"] as? [[String: Any]] ?? []
        #expect(candidates.count >= 4)
        let chosen = candidates.filter { $0["chosen"] as? Bool == true }
        #expect(chosen.count == 1)
        let best = candidates.map { H.number($0, "mase") }.filter(\.isFinite).min()
        #expect(chosen.first.map { H.number($0, "mase") } == best)
        #expect(chosen.first?["method"] as? String == j["method"] as? String)
        #expect(((chosen.first?["coverage"] as? [String: Any])?["80"]) is NSNumber)
        let table = H.run("fit growth w method=auto", session: session).output
        #expect(table.contains("candidates (rolling-origin backtest)") && table.contains("MASE") && table.contains("cover 95%"))
    }

    @Test func fitIsStoredWithCanonicalTextAndExplained() {
        let session = H.session(history: Self.growing)
        let (_, shell) = H.run("fit growth w method=compound damped=no\nforecast w horizon=3mo", session: session)
        let history = shell.session.histories["w"]
        #expect(history?.fitCommand == "fit growth w method=exponential damped=no")
        #expect(history?.forecastCommand == "forecast w horizon=3mo")
        #expect(history?.forecast?.points.count == 3)
        #expect(history?.replayLines == ["load history w data/test.csv", "fit growth w method=exponential damped=no", "forecast w horizon=3mo"])
        let explained = H.run("explain fit growth w method=exponential", session: session).output
        #expect(explained.contains("doubling time") && explained.contains("rate per month"))
    }

    @Test func holtWintersFindsTheDailySeasonOfAnHourlySeries() {
        let session = H.session(history: Self.seasonalHourly)
        let given = H.json("fit growth w method=holt-winters season=24h", session: session)
        #expect(H.number(given["params"] as? [String: Any] ?? [:], "season_length") == 24)
        let auto = H.json("fit growth w method=holt-winters season=auto", session: session)
        #expect(H.number(auto["params"] as? [String: Any] ?? [:], "season_length") == 24)
        let mase = H.number(given["backtest"] as? [String: Any] ?? [:], "mase")
        #expect(mase < 1, "a seasonal fit beats seasonal-naive on a clean cycle; MASE \(mase)")
    }

    @Test func forecastJSONHasTheContractKeysAndCalendarTimes() {
        let session = H.session(history: Self.growing)
        let j = H.json("fit growth w method=compound\nforecast w horizon=6mo", session: session)
        #expect(j["workload"] as? String == "w" && j["method"] as? String == "exponential")
        let points = j["points"] as? [[String: Any]] ?? []
        #expect(points.count == 6)
        // 36 months from 2021-01: the history ends 2023-12, so the forecast starts 2024-01.
        #expect(points.first?["t"] as? String == "2024-01-01T00:00:00Z")
        #expect(points.last?["t"] as? String == "2024-06-01T00:00:00Z")
        for p in points {
            #expect(Set(p.keys) == ["t", "mean", "lo80", "hi80", "lo95", "hi95"])
            let n = { H.number(p, $0) }
            #expect(n("lo95") <= n("lo80") && n("lo80") <= n("mean") && n("mean") <= n("hi80") && n("hi80") <= n("hi95"))
        }
        let text = H.run("forecast w horizon=6mo", session: session).output
        #expect(text.contains("no fit stored: fitted method=auto now"))
        #expect(text.contains("2024-01") && text.contains("backtest coverage"))
        #expect(text.contains("* history") && text.contains("95% interval"))
    }

    @Test func forecastOfAFallingCountNeverGoesNegative() {
        let falling = H.monthly((0..<24).map { 200 - 8 * Double($0) + 2 * sin(Double($0)) })
        let session = H.session(history: falling)
        let j = H.json("fit growth w method=linear\nforecast w horizon=24mo", session: session)
        let points = j["points"] as? [[String: Any]] ?? []
        #expect(points.count == 24)
        for p in points {
            for key in ["mean", "lo80", "hi80", "lo95", "hi95"] { #expect(H.number(p, key) >= 0, "\(key) \(p)") }
        }
        #expect(points.last.map { H.number($0, "mean") } == 0)
        let notes = j["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("clipped to 0") })
    }

    @Test func logisticForecastStaysUnderItsCapAndReadsFlatWhenSaturated() {
        // K = 1,000, midpoint 10 steps before the data: the series is already near the cap.
        let saturated = H.monthly((0..<30).map { (i: Int) -> Double in
            let t = Double(i)
            let curve: Double = 1_000 / (1 + exp(-0.3 * (t + 10)))
            return curve + 2 * sin(t * 1.3)
        })
        let session = H.session(history: saturated)
        let fit = H.json("fit growth w method=logistic", session: session)
        let cap = H.number(fit["params"] as? [String: Any] ?? [:], "capacity")
        #expect((fit["summary"] as? String)?.hasPrefix("flat at about") == true, "\(fit["summary"] ?? "")")
        let j = H.json("fit growth w method=logistic\nforecast w horizon=12mo", session: session)
        for p in j["points"] as? [[String: Any]] ?? [] {
            #expect(H.number(p, "hi95") <= cap * (1 + 1e-12))
            #expect(H.number(p, "mean") <= cap * (1 + 1e-12))
        }
    }

    @Test func intervalOptionChoosesTheLevels() {
        let session = H.session(history: Self.growing)
        let j = H.json("forecast w horizon=2mo interval=50%,90%", session: session)
        let p = (j["points"] as? [[String: Any]])?.first ?? [:]
        #expect(Set(p.keys) == ["t", "mean", "lo50", "hi50", "lo90", "hi90"])
    }
}
