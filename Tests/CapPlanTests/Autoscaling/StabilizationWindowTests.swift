import Testing
@testable import CapPlan

extension AutoscalingTests {
    /// The block (van Herk / Gil-Werman) windows against the controller's own rule: every record
    /// with time > now − W, scanned.
    struct StabilizationWindowTests {
        /// The controller's scan: the extreme of the records at times s > now − W (nil = none).
        static func scan(_ records: [(time: Double, value: Int?)], now: Double, window: Double,
                         keepsMaximum: Bool) -> Int? {
            let inside = records.filter { $0.time > now - window }.compactMap(\.value)
            return keepsMaximum ? inside.max() : inside.min()
        }

        @Test func windowsMatchTheControllersScanOverSeededSequences() {
            var random = SplitMix64(seed: 6)
            for trial in 0..<60 {
                let sync = [15.0, 10, 30, 60][random.index(below: 4)]
                let seconds = [0, 5, 15, 20, 45, 60, 300, 3_600][random.index(below: 8)]
                var highest = StabilizationWindow<HighestRecommendation>(seconds: seconds, syncPeriodSeconds: sync)
                var lowest = StabilizationWindow<LowestRecommendation>(seconds: seconds, syncPeriodSeconds: sync)
                var records: [(time: Double, value: Int?)] = []
                for n in 1...300 {
                    let now = Double(n) * sync
                    let expectedHigh = Self.scan(records, now: now, window: Double(seconds), keepsMaximum: true)
                    let expectedLow = Self.scan(records, now: now, window: Double(seconds), keepsMaximum: false)
                    let high = highest.extreme, low = lowest.extreme  // (#expect cannot borrow a noncopyable value)
                    #expect(high == (expectedHigh ?? Int.min), "trial \(trial) W=\(seconds) S=\(sync) sync \(n)")
                    #expect(low == (expectedLow ?? Int.max), "trial \(trial) W=\(seconds) S=\(sync) sync \(n)")
                    // One sync in ten records nothing (no metrics).
                    if random.index(below: 10) == 0 {
                        highest.recordNothing()
                        lowest.recordNothing()
                        records.append((now, nil))
                    } else {
                        let value = random.index(below: 40)
                        highest.record(value)
                        lowest.record(value)
                        records.append((now, value))
                    }
                }
            }
        }

        @Test func spanCountsTheEarlierSyncsInsideTheWindow() {
            // k = ⌈W/S⌉ − 1: 300 s at 15 s holds 19 earlier syncs; 20 s at 15 s holds 1; 10 s none.
            func span(_ seconds: Int) -> (Int, Bool) {
                let window = StabilizationWindow<HighestRecommendation>(seconds: seconds, syncPeriodSeconds: 15)
                return (window.span, window.isOpen)
            }
            #expect(span(300) == (19, true))
            #expect(span(20) == (1, true))
            #expect(span(10) == (0, true))
            #expect(span(0) == (0, false))
        }
    }
}
