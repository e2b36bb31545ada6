import Foundation
import Testing
@testable import CapPlan

struct ForecastTests {
    @Test func decliningCountsAreClippedAtZeroAndSaySo() throws {
        // y = 100 − 5t: the linear forecast crosses 0 at t = 20, 10 steps past the data.
        let series = ForecastSeries(values: (0..<10).map { 100 - 5 * Double($0) }, stepSeconds: 86_400)
        let fit = try GrowthFit.fit(series, method: .linear)
        let forecast = try Forecast.make(series: series, fit: fit, horizon: 20)
        #expect(forecast.points.allSatisfy { p in p.mean >= 0 && p.intervals.allSatisfy { $0.lower >= 0 } })
        #expect(forecast.points.last?.mean == 0)
        #expect(forecast.notes.contains { $0.contains("clipped to 0") })
    }

    @Test func intervalsNestAndContainTheMean() throws {
        var rng = ForecastSplitMix64(seed: 7)
        let y = (0..<48).map { 200 + 2 * Double($0) + 15 * Foundation.sin(2 * Double.pi * Double($0) / 12) + 3 * rng.normal() }
        let series = ForecastSeries(values: y, stepSeconds: ForecastSeries.secondsPerMonth)
        for method in [ForecastMethod.linear, .holtWinters(seasonality: .additive, damped: false)] {
            let fit = try GrowthFit.fit(series, method: method, season: .steps(12))
            let forecast = try Forecast.make(series: series, fit: fit, horizon: 12)
            for p in forecast.points {
                let i80 = try #require(p.interval(0.8)), i95 = try #require(p.interval(0.95))
                #expect(i95.lower <= i80.lower && i80.lower <= p.mean && p.mean <= i80.upper && i80.upper <= i95.upper)
            }
        }
    }

    @Test func sameInputGivesIdenticalOutput() throws {
        var rng = ForecastSplitMix64(seed: 8)
        let y = (0..<40).map { 50 + Double($0) + 10 * Foundation.sin(Double($0) * Double.pi / 2) + rng.normal() }
        let series = ForecastSeries(values: y, stepSeconds: 3_600)
        let method = ForecastMethod.holtWinters(seasonality: .additive, damped: true)
        let a = try GrowthFit.fit(series, method: method, season: .steps(4))
        let b = try GrowthFit.fit(series, method: method, season: .steps(4))
        #expect(a == b)
        #expect(try Forecast.make(series: series, fit: a, horizon: 8) == Forecast.make(series: series, fit: b, horizon: 8))
    }

    @Test func invalidHorizonAndLevelAreRejected() throws {
        let series = ForecastSeries(values: [1, 2, 3, 4], stepSeconds: 60)
        let fit = try GrowthFit.fit(series, method: .linear)
        #expect(throws: ForecastError.invalidHorizon(0, maximum: 100_000)) { try Forecast.make(series: series, fit: fit, horizon: 0) }
        #expect(throws: ForecastError.invalidIntervalLevel(1.5)) { try Forecast.make(series: series, fit: fit, horizon: 1, levels: [1.5]) }
    }

    @Test func autoPrefersHoltWintersOnASeasonalSeriesAndLinearOnALine() throws {
        var rng = ForecastSplitMix64(seed: 9)
        let seasonal = (0..<48).map { 300 + 3 * Double($0) + 40 * Foundation.sin(2 * Double.pi * Double($0) / 12) + 2 * rng.normal() }
        let s = try AutoSelection.run(ForecastSeries(values: seasonal, stepSeconds: ForecastSeries.secondsPerMonth))
        #expect(s.seasonLength == 12)
        guard case .holtWinters = s.winner else { Issue.record("auto chose \(s.winner.name)"); return }
        #expect(s.candidates.count == ForecastMethod.autoCandidates.count)
        #expect(s.candidates.allSatisfy { $0.coverage.count == 2 })
        let line = (0..<30).map { 10 + 2 * Double($0) + 0.1 * rng.normal() }
        let l = try AutoSelection.run(ForecastSeries(values: line, stepSeconds: 86_400))
        #expect(l.winner == .linear || l.winner == .holtWinters(seasonality: .none, damped: false))
    }

    @Test func errorsCarryAMessageAndAHint() {
        let e: any UserFacingError = ForecastError.tooFewPoints(method: "logistic", points: 2, needed: 4)
        #expect(e.message == "logistic needs at least 4 points of history; the series has 2")
        #expect(e.userHint != nil)
    }
}
