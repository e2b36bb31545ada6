/// Demand over time on a regular grid: value `i` belongs to the step starting at `time(at: i)`.
///
/// A value is `nil` when it is missing: either no row fell in that step (a gap) or the row's
/// value was empty. Nothing is filled unless asked (`filled(_:)`). `kind` says what a value
/// means: `.count` is a count per step (requests in the step), `.rate` a rate per second
/// (a Prometheus `rate()`), so that resampling and the mean rate treat each correctly.
/// Times are epoch seconds, UTC.
public struct TimeSeries: Sendable, Hashable {
    /// What one value means.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A count per step (requests, passengers); converting to a rate divides by the step.
        case count
        /// A rate per second; it is averaged, never summed, when the step grows.
        case rate
    }

    /// The length of one step: fixed seconds, or calendar months (`mo` on time axes, design.md).
    public enum Step: Sendable, Hashable, CustomStringConvertible {
        case seconds(Double)
        case months(Int)

        /// Seconds of a fixed step; nil for calendar months (their length varies).
        public var fixedSeconds: Double? {
            if case .seconds(let s) = self { return s }
            return nil
        }

        /// `30 min`, `1 h`, `1 d`, `1 mo`, `250 ms`.
        public var description: String {
            switch self {
            case .seconds(let s): return DemandFormat.duration(s)
            case .months(let m): return m == 12 ? "1 y" : "\(m) mo"
            }
        }
    }

    /// How values are combined when several fall in one step (resampling, duplicates).
    public enum Aggregation: String, Sendable, Hashable, CaseIterable {
        case sum, mean, max
    }

    /// How missing values are filled when asked.
    public enum Fill: String, Sendable, Hashable, CaseIterable {
        /// Missing means nothing happened: 0.
        case zero
        /// A straight line between the present neighbours; edges take the nearest present value.
        case linear
        /// The last present value; leading missing values take the first present one.
        case previous
    }

    /// A run of consecutive steps in which no row fell.
    public struct Gap: Sendable, Hashable {
        /// Epoch seconds of the first missing step.
        public var start: Double
        /// Number of missing steps in the run.
        public var steps: Int
        public init(start: Double, steps: Int) {
            self.start = start
            self.steps = steps
        }
    }

    /// Where the data came from (a file name), for messages and `show history`.
    public var source: String
    public var kind: Kind
    /// Epoch seconds (UTC) at which the first step starts.
    public var start: Double
    public var step: Step
    public var values: [Double?]
    /// Runs of steps in which the source had no row (values there are nil unless filled).
    public var gaps: [Gap]
    /// Rows that were present but had no value (empty, NA, NaN …).
    public var missingValues: Int
    /// What was done to the data on the way in, in words: "sorted 12 rows that were out of order".
    public var notes: [String]

    public init(
        source: String, kind: Kind, start: Double, step: Step, values: [Double?],
        gaps: [Gap] = [], missingValues: Int = 0, notes: [String] = []
    ) {
        self.source = source
        self.kind = kind
        self.start = start
        self.step = step
        self.values = values
        self.gaps = gaps
        self.missingValues = missingValues
        self.notes = notes
    }

    /// Number of steps (present or missing).
    public var count: Int { values.count }

    /// Steps with no row (the sum of the gaps).
    public var missingSteps: Int { gaps.reduce(0) { $0 + $1.steps } }

    /// Epoch seconds at which step `index` starts.
    public func time(at index: Int) -> Double {
        switch step {
        case .seconds(let s): return start + Double(index) * s
        case .months(let m): return CivilCalendar.startOfMonth(CivilCalendar.monthNumber(start) + index * m)
                + (start - CivilCalendar.startOfMonth(CivilCalendar.monthNumber(start)))
        }
    }

    /// Length of step `index` in seconds (calendar months vary: 28 to 31 days).
    public func duration(at index: Int) -> Double {
        switch step {
        case .seconds(let s): return s
        case .months: return time(at: index + 1) - time(at: index)
        }
    }

    /// Epoch seconds at which the series ends (the end of its last step).
    public var end: Double { time(at: count) }

    /// Value `index` as a rate per second (a count divided by its step's duration).
    public func rate(at index: Int) -> Double? {
        guard let v = values[index] else { return nil }
        return kind == .rate ? v : v / duration(at: index)
    }
}
