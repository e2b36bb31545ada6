import Testing
@testable import CapPlan

extension AutoscalingTests {
    struct DemandTraceTests {
        @Test func valuesHoldFromTheirSampleTime() throws {
            let trace = try DemandTrace(values: [10, 20, 30], stepSeconds: 60, startSeconds: 120)
            #expect(trace.count == 3)
            #expect(trace.durationSeconds == 180)
            #expect(trace.peak == 30)
            #expect(trace.time(at: 2) == 240)
            // Before the first sample: the first; between samples: the last one at or before.
            #expect(trace.value(at: 0) == 10)
            #expect(trace.value(at: 179.9) == 10)
            #expect(trace.value(at: 180) == 20)
            #expect(trace.value(at: 1_000) == 30)
        }

        @Test func hourlyStepHoldsEachHourAndRepeatsDaily() throws {
            let pattern = (0..<24).map { Double($0) }
            let trace = try DemandTrace.hourly(pattern, shape: .step, stepSeconds: 900, durationSeconds: 2 * 86_400)
            #expect(trace.count == 192)
            #expect(trace.values[0] == 0)
            #expect(trace.values[3] == 0)       // 00:45
            #expect(trace.values[4] == 1)       // 01:00
            #expect(trace.values[95] == 23)     // 23:45
            #expect(trace.values[96] == 0)      // midnight, second day
            #expect(trace.values[96 + 4 * 13] == 13)
        }

        @Test func hourlyLinearInterpolatesAndWrapsMidnight() throws {
            var pattern = Array(repeating: 10.0, count: 24)
            pattern[1] = 30
            pattern[23] = 50
            let trace = try DemandTrace.hourly(pattern, shape: .linear, stepSeconds: 900)
            #expect(trace.values[0] == 10)
            #expect(trace.values[2] == 20)           // 00:30, halfway from 10 to 30
            #expect(trace.values[4] == 30)           // 01:00
            #expect(trace.values[6] == 20)           // 01:30, back towards 10
            #expect(trace.values[92] == 50)          // 23:00
            #expect(trace.values[94] == 30)          // 23:30: halfway from 50 back to midnight's 10
        }

        @Test func hourlyPatternStartsAtTheTimeOfDayOfTheOffset() throws {
            let pattern = (0..<24).map { Double($0) }
            let trace = try DemandTrace.hourly(pattern, stepSeconds: 3_600, durationSeconds: 3 * 3_600, startSeconds: 22 * 3_600)
            #expect(trace.values == [22, 23, 0])
        }

        @Test func diurnalTroughAtFourAndPeakAtSixteen() throws {
            let trace = try DemandTrace.diurnal(peak: 200, trough: 20, stepSeconds: 3_600)
            #expect(trace.count == 24)
            #expect(abs(trace.values[4] - 20) < 1e-9)
            #expect(abs(trace.values[16] - 200) < 1e-9)
            // Halfway in time is halfway in demand: 10:00 and 22:00 are at 110.
            #expect(abs(trace.values[10] - 110) < 1e-9)
            #expect(abs(trace.values[22] - 110) < 1e-9)
            #expect(trace.values.allSatisfy { $0 >= 20 - 1e-9 && $0 <= 200 + 1e-9 })
        }

        @Test func spikeMultipliesTheBaseForItsLength() throws {
            let trace = try DemandTrace.spike(at: 600, multiplier: 5, base: 10, lastingSeconds: 300,
                                              stepSeconds: 60, durationSeconds: 1_200)
            #expect(trace.values == [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 50, 50, 50, 50, 50, 10, 10, 10, 10, 10])
        }

        @Test func resamplingHoldsOrInterpolates() throws {
            let trace = try DemandTrace(values: [0, 60, 120], stepSeconds: 60)
            let held = try trace.resampled(stepSeconds: 15)
            #expect(held.count == 12)
            #expect(held.values == [0, 0, 0, 0, 60, 60, 60, 60, 120, 120, 120, 120])
            let linear = try trace.resampled(stepSeconds: 15, method: .linear)
            #expect(linear.values == [0, 15, 30, 45, 60, 75, 90, 105, 120, 120, 120, 120])
            // Coarser: one sample in k.
            let quarter = try DemandTrace(values: (0..<8).map(Double.init), stepSeconds: 15)
            #expect(try quarter.resampled(stepSeconds: 60).values == [0, 4])
            #expect(try quarter.resampled(stepSeconds: 15) == quarter)
        }

        @Test func resamplingAFractionalStepLandsOnWholeSamples() throws {
            // 0.1 s steps to 0.3 s: 3·0.1/0.1 is 2.9999999999999996 in Double, still sample 3.
            let trace = try DemandTrace(values: (0..<9).map(Double.init), stepSeconds: 0.1)
            #expect(try trace.resampled(stepSeconds: 0.3).values == [0, 3, 6])
        }

        @Test(arguments: [
            (values: [Double](), step: 60.0, error: AutoscalingError.emptyTrace),
            (values: [1, -1], step: 60.0, error: AutoscalingError.invalidDemand(index: 1, value: -1)),
            (values: [1, .infinity], step: 60.0, error: AutoscalingError.invalidDemand(index: 1, value: .infinity)),
            (values: [1], step: 0.0, error: AutoscalingError.invalidStep(0)),
            (values: [1], step: -15.0, error: AutoscalingError.invalidStep(-15)),
        ])
        func invalidTracesThrow(values: [Double], step: Double, error: AutoscalingError) {
            #expect(throws: error) { try DemandTrace(values: values, stepSeconds: step) }
        }

        @Test func nanDemandAndTooManyStepsThrow() {
            #expect(throws: AutoscalingError.self) { try DemandTrace(values: [.nan], stepSeconds: 1) }
            // A year at 0.5 s is 63 million steps, above the 50 million limit; nothing is allocated.
            #expect(throws: AutoscalingError.tooManySteps(63_072_000)) {
                try DemandTrace.diurnal(peak: 2, trough: 1, stepSeconds: 0.5, durationSeconds: 365 * 86_400)
            }
            #expect(throws: AutoscalingError.self) {
                try DemandTrace(values: [1, 2], stepSeconds: 60).resampled(stepSeconds: 1e-9)
            }
            #expect(throws: AutoscalingError.self) { try DemandTrace.hourly([], stepSeconds: 60) }
            #expect(throws: AutoscalingError.self) { try DemandTrace.diurnal(peak: 1, trough: 2, stepSeconds: 60) }
            #expect(throws: AutoscalingError.self) {
                try DemandTrace.spike(at: 0, multiplier: .nan, base: 1, stepSeconds: 60)
            }
        }
    }
}
