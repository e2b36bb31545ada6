import Testing
@testable import CapPlan

struct TimeSeriesTests {
    private func counts(_ times: [Double], _ values: [Double?], step: TimeSeries.Step? = nil,
                        aggregation: TimeSeries.Aggregation? = nil) throws -> TimeSeries {
        try TimeSeries.build(times: times, values: values, kind: .count, step: step, aggregation: aggregation, source: "s")
    }

    @Test func unsortedRowsAreSortedAndSaidSo() throws {
        // 120, 0, 60: one row (0) is below its predecessor.
        let s = try counts([120, 0, 60], [3, 1, 2])
        #expect(s.values == [1, 2, 3])
        #expect(s.start == 0)
        #expect(s.step == .seconds(60))
        #expect(s.notes == ["sorted 1 row that was out of time order"])
    }

    @Test func duplicateTimestampsAreSummedForCountsAndAveragedForRates() throws {
        let c = try counts([0, 0, 60], [5, 7, 1])
        #expect(c.values == [12, 1])
        #expect(c.notes == ["1 duplicate timestamp summed"])
        let r = try TimeSeries.build(times: [0, 0, 0, 60], values: [5, 7, 9, 1], kind: .rate, source: "s")
        #expect(r.values == [7, 1])   // (5 + 7 + 9) / 3
        #expect(r.notes == ["2 duplicate timestamps averaged"])
    }

    @Test func gapsAreReportedNotFilled() throws {
        // Differences 60, 120, 60, 180 → step 60 (most common); grid 0…420 has 8 steps;
        // no rows at 120 (1 step) and at 300, 360 (2 steps).
        let s = try counts([0, 60, 180, 240, 420], [1, 2, 3, 4, 5])
        #expect(s.count == 8)
        #expect(s.values == [1, 2, nil, 3, 4, nil, nil, 5])
        #expect(s.gaps == [.init(start: 120, steps: 1), .init(start: 300, steps: 2)])
        #expect(s.missingSteps == 3)
        #expect(s.missingValues == 0)
    }

    @Test func missingValuesAreCountedApartFromGaps() throws {
        let s = try counts([0, 60, 120], [1, nil, 3])
        #expect(s.values == [1, nil, 3])
        #expect(s.gaps.isEmpty)
        #expect(s.missingValues == 1)
    }

    @Test func monthlyDatesGiveACalendarMonthStep() throws {
        // 1st of each month: differences of 31, 29 (2024 is a leap year), 31 days.
        let times = [("2024-01-01"), ("2024-02-01"), ("2024-03-01"), ("2024-04-01")].map { try! Timestamp.parse($0) }
        let s = try counts(times, [1, 2, 3, 4])
        #expect(s.step == .months(1))
        #expect(s.time(at: 2) == (try Timestamp.parse("2024-03-01")))
        #expect(s.duration(at: 1) == 29 * 86_400)
        #expect(s.end == (try Timestamp.parse("2024-05-01")))
        let quarters = try s.resampled(to: .months(3))
        #expect(quarters.values == [6, 4])   // Jan–Mar, Apr (partial)
    }

    @Test func resamplingCountsKeepsCountsPerNewStep() throws {
        // 30-min counts 10, 20 | 30, 40 → per hour: sum 30 | 70; mean·2 = 30 | 70; max·2 = 40 | 80.
        let s = try counts([0, 1_800, 3_600, 5_400], [10, 20, 30, 40])
        #expect(try s.resampled(to: .seconds(3_600)).values == [30, 70])
        #expect(try s.resampled(to: .seconds(3_600), aggregation: .mean).values == [30, 70])
        #expect(try s.resampled(to: .seconds(3_600), aggregation: .max).values == [40, 80])
        // A missing half hour: the sum counts what is there (10), the mean extrapolates (10·2).
        let holed = try counts([0, 1_800, 3_600, 5_400], [10, nil, 30, 40])
        #expect(try holed.resampled(to: .seconds(3_600)).values == [10, 70])
        #expect(try holed.resampled(to: .seconds(3_600), aggregation: .mean).values == [20, 70])
    }

    @Test func resamplingRatesAveragesAndNeverSums() throws {
        let s = try TimeSeries.build(times: [0, 1_800, 3_600, 5_400], values: [1, 2, 3, 4], kind: .rate, source: "r")
        #expect(try s.resampled(to: .seconds(3_600)).values == [1.5, 3.5])
        #expect(try s.resampled(to: .seconds(3_600), aggregation: .max).values == [2, 4])
        #expect(throws: DemandError.cannotSumRates(source: "r")) { try s.resampled(to: .seconds(3_600), aggregation: .sum) }
        // The mean rate is the same at either step: (1+2+3+4)/4 = 2.5 = (1.5+3.5)/2.
        #expect(try s.meanRate() == 2.5)
        #expect(try s.resampled(to: .seconds(3_600)).meanRate() == 2.5)
    }

    @Test func resamplingAlignsToTheClockAndNotesPartialSteps() throws {
        // 30-min counts from 00:30: the first hour (00:00–01:00) holds only one of them.
        let s = try counts([1_800, 3_600, 5_400], [1, 2, 3])
        let hourly = try s.resampled(to: .seconds(3_600))
        #expect(hourly.start == 0)
        #expect(hourly.values == [1, 5])
        #expect(hourly.notes.contains("the first step is only partly covered by the data, so its sum is low"))
    }

    @Test func stepsThatDoNotFitAreRefused() throws {
        let s = try counts([0, 1_800, 3_600], [1, 2, 3])
        #expect(throws: DemandError.stepFinerThanData(step: .seconds(60), dataStep: .seconds(1_800))) {
            try s.resampled(to: .seconds(60))
        }
        #expect(throws: DemandError.stepNotMultiple(step: .seconds(2_700), dataStep: .seconds(1_800))) {
            try s.resampled(to: .seconds(2_700))
        }
        #expect(throws: DemandError.invalidStep(.seconds(0))) { try s.resampled(to: .seconds(0)) }
        #expect(throws: DemandError.stepNeeded(source: "s")) { try counts([5], [1]) }
    }

    @Test func aWrongStepFailsInsteadOfExhaustingMemory() {
        // 0 … 1,700,000,001 at 1 s is 1,700,000,002 steps, above the 10 million cap.
        #expect(throws: DemandError.tooManySteps(source: "s", steps: 1_700_000_002, step: .seconds(1))) {
            try counts([0, 1_700_000_000, 1_700_000_001], [1, 2, 3], step: .seconds(1))
        }
    }

    @Test func fillingIsOnlyOnRequest() throws {
        let s = try counts([0, 60, 240, 300], [2, 4, 10, nil])   // steps 0…300: 2, 4, –, –, 10, –
        #expect(s.values == [2, 4, nil, nil, 10, nil])
        #expect(try s.filled(.zero).values == [2, 4, 0, 0, 10, 0])
        // Linear between 4 (step 1) and 10 (step 4): +2 per step; the end takes the last value.
        #expect(try s.filled(.linear).values == [2, 4, 6, 8, 10, 10])
        #expect(try s.filled(.previous).values == [2, 4, 4, 4, 10, 10])
        #expect(try s.filled(.linear).notes.last == "filled 3 missing values (linear)")
    }
}
