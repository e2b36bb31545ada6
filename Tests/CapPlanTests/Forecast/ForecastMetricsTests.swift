import Testing
@testable import CapPlan

struct ForecastMetricsTests {
    // actual [100, 200, 400], forecast [110, 180, 400]
    // MAPE = 100/3·(10/100 + 20/200 + 0) = 6.6667
    // sMAPE = 100/3·(20/210 + 40/380 + 0) = 100/3·(0.0952381 + 0.1052632) = 6.68338
    @Test func mapeAndSmapeMatchHandValues() throws {
        let a = [100.0, 200, 400], f = [110.0, 180, 400]
        #expect(Swift.abs(try #require(ForecastMetrics.mape(actual: a, forecast: f)) - 20.0 / 3) < 1e-12)
        #expect(Swift.abs(ForecastMetrics.smape(actual: a, forecast: f) - 100.0 / 3 * (20.0 / 210 + 40.0 / 380)) < 1e-12)
    }

    @Test func mapeSkipsZeroActuals() {
        #expect(ForecastMetrics.mape(actual: [0, 50], forecast: [5, 55]) == 10)
        #expect(ForecastMetrics.mape(actual: [0], forecast: [5]) == nil)
    }

    // training [1, 3, 2, 5, 4], m = 2: |2−1| + |5−3| + |4−2| = 5 over 3 → scale 5/3.
    // errors |6−5|, |9−6| → MAE 2 → MASE = 2 / (5/3) = 1.2.
    @Test func maseUsesTheSeasonalNaiveScaleOfTheTrainingData() throws {
        let v = try #require(ForecastMetrics.mase(actual: [6, 9], forecast: [5, 6], training: [1, 3, 2, 5, 4], seasonLength: 2))
        #expect(Swift.abs(v - 1.2) < 1e-12)
        #expect(ForecastMetrics.mase(actual: [1], forecast: [1], training: [2, 2, 2], seasonLength: 1) == nil)
    }

    // τ = 0.9: y = 10 ≥ q = 8 → 0.9·2 = 1.8; y = 5 < q = 8 → 0.1·3 = 0.3; mean 1.05.
    @Test func pinballLossMatchesHandValue() {
        #expect(Swift.abs(ForecastMetrics.pinball(actual: [10, 5], quantile: [8, 8], tau: 0.9) - 1.05) < 1e-12)
    }

    @Test func coverageCountsInclusiveBounds() {
        #expect(ForecastMetrics.coverage(actual: [1, 2, 3, 4], lower: [1, 0, 4, 0], upper: [1, 1, 5, 9]) == 0.5)
    }

    @Test func quantileInterpolatesLikeNumpy() {
        // numpy.quantile([1, 2, 3, 4], 0.1) = 1.3; 0.5 → 2.5.
        #expect(Swift.abs(ForecastMetrics.quantile(sorted: [1, 2, 3, 4], 0.1) - 1.3) < 1e-12)
        #expect(ForecastMetrics.quantile(sorted: [1, 2, 3, 4], 0.5) == 2.5)
    }
}
