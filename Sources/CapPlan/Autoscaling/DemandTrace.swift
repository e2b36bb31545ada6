/// Demand in requests per second, sampled on a fixed grid: value `i` holds from
/// `startSeconds + i·stepSeconds` until the next sample.
///
///     t_i = startSeconds + i·Δt,   D(t) = values[i]  for t_i ≤ t < t_{i+1}
///
/// `startSeconds` is the first sample's offset from midnight (the synthetic patterns read the
/// time of day from it); a trace from loaded history may use any origin. Every value is finite
/// and 0 or more, and a trace has at least one value and at most `maximumSteps`, so a
/// simulation over it never meets NaN or infinity.
public struct DemandTrace: Sendable, Equatable {
    /// The most steps a trace (or a simulation) may hold: 50 million (400 MB of values).
    public static let maximumSteps = 50_000_000

    /// Demand per step, requests per second.
    public let values: [Double]
    /// Δt, seconds between samples; finite, above 0.
    public let stepSeconds: Double
    /// Offset of the first sample, seconds (from midnight for the synthetic patterns).
    public let startSeconds: Double

    /// A trace from values.
    ///
    /// - Parameters:
    ///   - values: requests per second, each finite and ≥ 0; 1 … `maximumSteps` of them.
    ///   - stepSeconds: Δt in seconds; finite, above 0.
    ///   - startSeconds: offset of the first sample, seconds; finite.
    /// - Throws: `AutoscalingError.emptyTrace`, `.invalidDemand`, `.invalidStep`, `.tooManySteps`,
    ///   `.invalidParameter` (a non-finite start).
    public init(values: [Double], stepSeconds: Double, startSeconds: Double = 0) throws {
        try AutoscalingValidation.step(stepSeconds)
        guard startSeconds.isFinite else {
            throw AutoscalingError.invalidParameter(name: "start", value: startSeconds, requirement: "a finite number of seconds")
        }
        guard !values.isEmpty else { throw AutoscalingError.emptyTrace }
        guard values.count <= Self.maximumSteps else { throw AutoscalingError.tooManySteps(Double(values.count)) }
        for (index, value) in values.enumerated() where !(value.isFinite && value >= 0) {
            throw AutoscalingError.invalidDemand(index: index, value: value)
        }
        self.init(checked: values, stepSeconds: stepSeconds, startSeconds: startSeconds)
    }

    /// For values already known to be valid (the generators and resampling).
    init(checked values: [Double], stepSeconds: Double, startSeconds: Double) {
        self.values = values
        self.stepSeconds = stepSeconds
        self.startSeconds = startSeconds
    }

    /// Number of samples.
    public var count: Int { values.count }

    /// count·Δt, seconds covered.
    public var durationSeconds: Double { Double(values.count) * stepSeconds }

    /// The largest value, requests per second.
    public var peak: Double { values.max() ?? 0 }

    /// t_i, seconds.
    public func time(at index: Int) -> Double { startSeconds + Double(index) * stepSeconds }

    /// The sample in force at `time` (seconds): the last one at or before it; times before the
    /// first sample take the first, times after the last take the last.
    public func value(at time: Double) -> Double {
        values[index(at: time)]
    }

    /// Index of the sample in force at `time`, clamped to the trace.
    func index(at time: Double) -> Int {
        let position = (time - startSeconds) / stepSeconds
        guard position > 0 else { return 0 }
        return position >= Double(values.count - 1) ? values.count - 1 : Int(position)  // ⌊position⌋
    }

    /// Number of steps of `stepSeconds` that cover `durationSeconds` (rounded up, relative
    /// tolerance 1e-9), checked against `maximumSteps`.
    static func stepCount(durationSeconds: Double, stepSeconds: Double) throws -> Int {
        try AutoscalingValidation.step(stepSeconds)
        try AutoscalingValidation.positive(durationSeconds, "duration")
        let exact = durationSeconds / stepSeconds
        guard exact <= Double(maximumSteps) * (1 + 1e-9) else { throw AutoscalingError.tooManySteps(exact) }
        let whole = exact.rounded(.down)
        return max(1, exact - whole <= 1e-9 * max(1, whole) ? Int(whole) : Int(whole) + 1)
    }
}
