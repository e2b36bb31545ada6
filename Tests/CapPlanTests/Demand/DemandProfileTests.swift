import Testing
@testable import CapPlan

struct DemandProfileTests {
    /// Two hours of 1-minute counts from midnight: hour 1 at 60/min (1 rps); hour 2 at 30/min
    /// (0.5 rps) except one minute of 300 (5 rps).
    ///
    ///     mean    = (60·60 + 59·30 + 300) / 7,200 s = 5,670 / 7,200 = 0.7875 rps
    ///     PMR 1 min = 5 / 0.7875 = 6.349206…       PMR 1 h = 1 / 0.7875 = 1.269841…
    static func twoHours() throws -> TimeSeries {
        var values = [Double](repeating: 60, count: 60) + [Double](repeating: 30, count: 60)
        values[90] = 300
        return try TimeSeries.build(times: (0..<120).map { Double($0) * 60 }, values: values, kind: .count, source: "syn")
    }

    @Test func peakToMeanMatchesHandValues() throws {
        let p = try DemandProfile(try Self.twoHours())
        #expect(p.meanRate == 0.7875)
        #expect(p.peakRate == 5)
        #expect(p.peakToMean.count == 2)            // 1 d needs two complete days
        #expect(abs(p.peakToMean[0].ratio - 36_000.0 / 5_670) < 1e-12)
        #expect(p.peakToMean[1].window == .seconds(3_600))
        #expect(abs(p.peakToMean[1].ratio - 7_200.0 / 5_670) < 1e-12)
        #expect(p.daily == nil && p.weekly == nil)
    }

    @Test func peakMultiplierOverAWindow() throws {
        let s = try Self.twoHours()
        // 10-min windows: the one holding minute 90 (1:30–1:40) averages (9·0.5 + 5)/10 = 0.95 rps.
        let m = try s.peakMultiplier(window: 600)
        #expect(m.windows == 12)
        #expect(abs(m.peakRate - 1.0) < 1e-12)      // …but every first-hour window is 1 rps
        let late = try s.resampled(to: .seconds(60)).peakMultiplier(window: 60)
        #expect(late.peakStart == 5_400)
        #expect(throws: DemandError.windowIncompatible(window: 30, step: .seconds(60))) { try s.peakMultiplier(window: 30) }
        #expect(throws: DemandError.windowIncompatible(window: 90, step: .seconds(60))) { try s.peakMultiplier(window: 90) }
        #expect(throws: DemandError.notEnoughDataForWindow(window: 86_400, span: 7_200)) { try s.peakMultiplier(window: 86_400) }
    }

    @Test func percentilesInterpolateLikeNumpy() {
        // numpy.percentile([1…10], [50, 90, 99]) = 5.5, 9.1, 9.91: h = 9p, x[⌊h⌋] + frac·1.
        let x = (1...10).map(Double.init)
        #expect(Percentile.of(x, 0.5) == 5.5)
        #expect(abs(Percentile.of(x, 0.9) - 9.1) < 1e-12)
        #expect(abs(Percentile.of(x, 0.99) - 9.91) < 1e-12)
        #expect(Percentile.of([7], 0.99) == 7)
    }

    @Test func interarrivalCVOfRegularAndUnevenArrivals() {
        #expect(DemandProfile.interarrivalCV([0, 1, 2, 3]) == 0)
        // Gaps 1 and 2: mean 1.5, population std 0.5 → CV 1/3.
        #expect(abs(DemandProfile.interarrivalCV([0, 1, 3])! - 1.0 / 3) < 1e-15)
        #expect(DemandProfile.interarrivalCV([0, 1]) == nil)
    }

    @Test func requestLogProfileCountsRequestsAndTokens() throws {
        // Four requests in two seconds: at 0.2, 0.7, 0.9 and 1.5 → 3 in second 0, 1 in second 1.
        let log = RequestLog(source: "r", times: [0.2, 0.7, 0.9, 1.5], inputTokens: [100, 200, 300, 400], outputTokens: [10, nil, 30, 40])
        let series = try log.requestSeries()
        #expect(series.values == [3, 1])
        #expect(try log.tokenSeries(.input)?.values == [600, 400])
        let p = try DemandProfile(log)
        #expect(p.requests?.count == 4)
        #expect(p.requests?.inputTokens?.p50 == 250)     // h = 1.5 between 200 and 300
        #expect(p.requests?.outputTokens?.count == 3)    // the missing one is left out
        #expect(p.meanRate == 2)                          // 4 requests over two 1-s steps
    }

    @Test func dailyAndWeeklyProfilesNeedTheSpan() throws {
        // Eight days of hourly counts equal to the hour of day: hour h has rate h/3600.
        let times = (0..<(8 * 24)).map { Double($0) * 3_600 }
        let s = try TimeSeries.build(times: times, values: times.map { Double(Int($0 / 3_600) % 24) }, kind: .count, source: "d")
        let p = try DemandProfile(s)
        #expect(p.daily?[0] == 0)
        #expect(p.daily?[23] == 23.0 / 3_600)
        // Every day has the same mean, 11.5/3600 per second; 1970-01-01 was a Thursday (index 3).
        #expect(p.weekly?.allSatisfy { abs($0! - 11.5 / 3_600) < 1e-15 } == true)
    }

    @Test(.enabled(if: DemandLoaderTests.sharedDataAvailable, "needs ../shared/data beside the repository"))
    func realFilesCharacterise() throws {
        let log = try DemandLoader.requestLog(try DemandLoaderTests.shared("azure_llm_2023_conv.csv"), fileName: "azure.csv")
        let p = try DemandProfile(log)
        #expect(p.step == .seconds(1))
        #expect(abs(p.meanRate - 5.528) < 0.001)     // 19,366 requests over 3,503 one-second steps
        #expect(p.peakRate == 19)
        #expect(p.requests?.inputTokens?.p50 == 1_020)
        #expect(p.requests?.outputTokens?.p99 == 601)
        #expect(abs(p.requests!.interarrivalCV! - 1.094) < 0.001)
        let taxi = try DemandProfile(try DemandLoader.csvSeries(try DemandLoaderTests.shared("nyc_taxi_30min.csv"), fileName: "taxi.csv"))
        #expect(taxi.peakToMean.map(\.window) == [.seconds(1_800), .seconds(3_600), .seconds(86_400)])
        #expect(taxi.daily?.count == 24 && taxi.weekly?.count == 7)
    }
}
