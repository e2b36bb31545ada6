import Foundation
import Testing
@testable import CapPlan

struct HoltWintersTests {
    /// A model with hand-set state: ℓ = 100, b = 2, m = 4, seasonals by phase [10, −5, 0, −5].
    static func handModel(_ s: HoltWintersModel.Seasonality) -> HoltWintersModel {
        HoltWintersModel(seasonality: s, seasonLength: 4, isDamped: false,
                         parameters: .init(alpha: 0.5, beta: 0.1, gamma: 0.2),
                         initialState: .init(level: 100, trend: 2, seasonals: [0, 0, 0, 0]))
    }

    @Test(arguments: [3, 4, 5, 6])
    func forecastUsesTheLatestSeasonalStateAtMultiplesOfTheSeason(lastIndex t: Int) {
        // ŷ_{t+h} = ℓ + h·b + s_{t+h−m(k+1)}, k = ⌊(h−1)/m⌋. The ring holds s by phase τ mod 4.
        // At h = m the source time is t itself (phase t mod 4), at h = 2m also t; a version that
        // used ⌊h/m⌋ would read phase (t+1) mod 4 instead.
        let model = Self.handModel(.additive)
        let ring = [10.0, -5, 0, -5]
        let state = HoltWintersModel.State(level: 100, trend: 2, seasonals: ring)
        let f = model.forecast(from: state, lastIndex: t, horizon: 8)
        for h in 1...8 {
            let k = (h - 1) / 4
            let source = t + h - 4 * (k + 1)
            #expect(f[h - 1] == 100 + 2 * Double(h) + ring[source % 4])
        }
        #expect(f[3] == 108 + ring[t % 4])     // h = m
        #expect(f[7] == 116 + ring[t % 4])     // h = 2m
        #expect(f[0] == 102 + ring[(t + 1) % 4])
    }

    @Test func multiplicativeForecastScalesTheSeasonalIndexAtHEqualsM() {
        let model = Self.handModel(.multiplicative)
        let state = HoltWintersModel.State(level: 100, trend: 2, seasonals: [1.2, 0.9, 1.0, 0.9])
        let f = model.forecast(from: state, lastIndex: 7, horizon: 8)  // phase of t = 3
        #expect(Swift.abs(f[3] - 108 * 0.9) < 1e-12)
        #expect(Swift.abs(f[7] - 116 * 0.9) < 1e-12)
        #expect(Swift.abs(f[0] - 102 * 1.2) < 1e-12)
    }

    @Test func dampedTrendSumsPowersOfPhi() {
        // φ = 0.9, h = 3: (0.9 + 0.81 + 0.729)·b = 2.439·2 = 4.878.
        let model = HoltWintersModel(seasonality: .none, seasonLength: nil, isDamped: true,
                                     parameters: .init(alpha: 0.5, beta: 0.1, gamma: 0, phi: 0.9),
                                     initialState: .init(level: 0, trend: 0, seasonals: []))
        let f = model.forecast(from: .init(level: 100, trend: 2, seasonals: []), lastIndex: 9, horizon: 3)
        #expect(Swift.abs(f[2] - 104.878) < 1e-12)
    }

    @Test func oneStepRecursionMatchesHandComputation() {
        // Additive, α = 0.5, β* = 0.1, γ = 0.2, ℓ₀ = 100, b₀ = 2, s = [10, −5, 0, −5], y₀ = 115:
        // ŷ = 102 + 10 = 112; ℓ = 0.5(115 − 10) + 0.5·102 = 103.5; b = 0.1·3.5 + 0.9·2 = 2.15;
        // s₀ = 0.2(115 − 102) + 0.8·10 = 10.6.
        var model = Self.handModel(.additive)
        model.initialState.seasonals = [10, -5, 0, -5]
        let run = model.filter([115])
        #expect(run.oneStep == [112])
        #expect(Swift.abs(run.final.level - 103.5) < 1e-12)
        #expect(Swift.abs(run.final.trend - 2.15) < 1e-12)
        #expect(Swift.abs(run.final.seasonals[0] - 10.6) < 1e-12)
    }

    @Test func fitRecoversAPureSeasonalPlusTrendSeries() throws {
        // y = 50 + 0.5t + [8, −3, 4, −9] by phase: exact for any α, β*, γ with the right initial
        // states, so the optimised fit should have (near) zero one-step error and forecast the
        // pattern exactly; tolerance 1e-3 of the level.
        let pattern = [8.0, -3, 4, -9]
        let y = (0..<32).map { 50 + 0.5 * Double($0) + pattern[$0 % 4] }
        let series = ForecastSeries(values: y, stepSeconds: 3_600)
        let fit = try GrowthFit.fit(series, method: .holtWinters(seasonality: .additive, damped: false), season: .steps(4))
        #expect(fit.rmse < 1e-3)
        let f = fit.pointForecast(horizon: 8)
        for h in 1...8 {
            let t = 31 + h
            #expect(Swift.abs(f[h - 1] - (50 + 0.5 * Double(t) + pattern[t % 4])) < 0.05)
        }
    }

    @Test func multiplicativeFitTracksAScaledSeason() throws {
        // y = (100 + 2t)·[1.2, 0.8, 1.1, 0.9] by phase; noise-free, 40 points.
        let pattern = [1.2, 0.8, 1.1, 0.9]
        let y = (0..<40).map { (100 + 2 * Double($0)) * pattern[$0 % 4] }
        let series = ForecastSeries(values: y, stepSeconds: 3_600)
        let fit = try GrowthFit.fit(series, method: .holtWinters(seasonality: .multiplicative, damped: false), season: .steps(4))
        let f = fit.pointForecast(horizon: 8)
        for h in 1...8 {
            let t = 39 + h
            let truth = (100 + 2 * Double(t)) * pattern[t % 4]
            #expect(Swift.abs(f[h - 1] / truth - 1) < 0.01)
        }
    }

    @Test func seasonDetectionPicksTwelveForMonthlyAndTwentyFourForHourly() {
        let monthly = (0..<60).map { 100 + Double($0) + 20 * Foundation.sin(2 * Double.pi * Double($0) / 12) }
        #expect(SeasonDetection.choose(monthly, stepSeconds: ForecastSeries.secondsPerMonth).seasonLength == 12)
        let hourly = (0..<24 * 10).map { 100 + 30 * Foundation.sin(2 * Double.pi * Double($0) / 24) }
        #expect(SeasonDetection.choose(hourly, stepSeconds: 3_600).seasonLength == 24)
        #expect(SeasonDetection.candidates(stepSeconds: 1_800) == [48, 336])
        let flat = (0..<60).map { Double($0 % 2) * 0.0 + Double($0) }
        #expect(SeasonDetection.choose(flat, stepSeconds: ForecastSeries.secondsPerMonth).seasonLength == nil)
    }

    @Test func seasonTooLongForTheHistoryIsAUserFacingError() {
        let series = ForecastSeries(values: (0..<10).map(Double.init), stepSeconds: 3_600)
        #expect(throws: ForecastError.invalidSeasonLength(length: 24, points: 10)) {
            try GrowthFit.fit(series, method: .holtWinters(seasonality: .additive, damped: false), season: .steps(24))
        }
    }
}
