import Foundation
import Testing
@testable import CapPlan

struct GrowthCurveTests {
    @Test func linearRecoversSlopeFromSeededNoise() throws {
        // y = 100 + 2.5·t + N(0, 1), t = 0…59. OLS slope SE = σ/√Σ(t−t̄)² = 1/√17,995 ≈ 0.0075;
        // tolerance 0.05 is > 6 SE.
        var rng = ForecastSplitMix64(seed: 1)
        let y = (0..<60).map { 100 + 2.5 * Double($0) + rng.normal() }
        let fit = try GrowthFit.fit(ForecastSeries(values: y, stepSeconds: 86_400), method: .linear)
        guard case let .linear(m) = fit.model else { Issue.record("wrong model"); return }
        #expect(Swift.abs(m.slope - 2.5) < 0.05)
        #expect(Swift.abs(m.intercept - 100) < 1.5)
    }

    @Test func linearFitIsExactOnALine() throws {
        // y = 3 − 0.5t exactly: OLS returns it to rounding.
        let m = try LinearGrowth.fit((0..<5).map { 3 - 0.5 * Double($0) })
        #expect(Swift.abs(m.slope + 0.5) < 1e-12 && Swift.abs(m.intercept - 3) < 1e-12)
    }

    @Test func exponentialRecoversMonthlyRateAndDoublingTime() throws {
        // y = 1000·1.042^t·(1 + 1% noise), 48 months: r = 4.2%/month, doubling ln2/ln1.042 = 16.85 months.
        var rng = ForecastSplitMix64(seed: 2)
        let y = (0..<48).map { 1000 * Foundation.pow(1.042, Double($0)) * (1 + 0.01 * rng.normal()) }
        let series = ForecastSeries(values: y, stepSeconds: ForecastSeries.secondsPerMonth, valueUnit: "requests/day")
        let fit = try GrowthFit.fit(series, method: .exponential)
        guard case let .exponential(m) = fit.model else { Issue.record("wrong model"); return }
        let rate = m.rate(stepSeconds: series.stepSeconds)
        #expect(Swift.abs(rate.perStep - 0.042) < 0.001)
        #expect(Swift.abs(rate.perMonth - rate.perStep) < 1e-12)     // the step is a month
        #expect(Swift.abs(try #require(rate.doublingSteps) - 16.85) < 0.5)
        // Summary in planner words; the doubling time is printed with one decimal.
        #expect(fit.summary.hasPrefix("+4.2% per month, doubles in "))
        #expect(fit.summary.hasSuffix(" months"))
    }

    @Test func growthRateConversionsMatchHandValues() {
        // (1 + 0.10)^(1/12) − 1 = 0.00797414…; doubling at 10%/yr = ln2/ln1.1 = 7.2725 yr.
        let yearly = GrowthRate.fromYearly(0.10, stepSeconds: ForecastSeries.secondsPerMonth)
        #expect(Swift.abs(yearly.perStep - 0.0079741404) < 1e-9)
        #expect(Swift.abs(yearly.perYear - 0.10) < 1e-12)
        let perYear = GrowthRate(perStep: 0.10, stepSeconds: ForecastSeries.secondsPerYear)
        #expect(Swift.abs(perYear.doublingSteps! - 7.272540897) < 1e-8)
        #expect(GrowthRate(perStep: -0.1, stepSeconds: 1).doublingSteps == nil)
    }

    @Test func logisticRecoversCapRateAndMidpoint() throws {
        // K = 1.3M, k = 0.15 per step, t₀ = 40, 80 points, noise N(0, 5,000) (0.4% of K).
        var rng = ForecastSplitMix64(seed: 3)
        let y = (0..<80).map { 1.3e6 / (1 + Foundation.exp(-0.15 * (Double($0) - 40))) + 5_000 * rng.normal() }
        let series = ForecastSeries(values: y, stepSeconds: 86_400 * 7, valueUnit: "requests/day")
        let fit = try GrowthFit.fit(series, method: .logistic)
        guard case let .logistic(m) = fit.model else { Issue.record("wrong model"); return }
        #expect(Swift.abs(m.capacity / 1.3e6 - 1) < 0.01)
        #expect(Swift.abs(m.rate - 0.15) < 0.005)
        #expect(Swift.abs(m.midpoint - 40) < 0.5)
        #expect(fit.summary.hasPrefix("saturates at 1.3M requests/day"))
    }

    @Test func logisticForecastAndIntervalsNeverExceedTheCap() throws {
        var rng = ForecastSplitMix64(seed: 4)
        let y = (0..<40).map { 500 / (1 + Foundation.exp(-0.3 * (Double($0) - 15))) + 10 * rng.normal() }
        let series = ForecastSeries(values: y, stepSeconds: 86_400)
        let fit = try GrowthFit.fit(series, method: .logistic)
        guard case let .logistic(m) = fit.model else { Issue.record("wrong model"); return }
        let forecast = try Forecast.make(series: series, fit: fit, horizon: 30)
        for p in forecast.points {
            #expect(p.mean <= m.capacity)
            for i in p.intervals { #expect(i.upper <= m.capacity && i.lower <= p.mean && p.mean <= i.upper) }
        }
    }

    @Test func exponentialRejectsZeros() {
        let series = ForecastSeries(values: [1, 2, 0, 4], stepSeconds: 60)
        #expect(throws: ForecastError.nonPositiveValue(method: "exponential growth", index: 2, value: 0)) {
            try GrowthFit.fit(series, method: .exponential)
        }
    }
}
