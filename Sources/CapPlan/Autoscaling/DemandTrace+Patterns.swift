import Foundation  // cos

/// Synthetic demand: inline hourly values, a cosine day, a spike. Each samples its pattern at
/// the sample times t_i = startSeconds + i·Δt, for ⌈duration/Δt⌉ samples; `startSeconds` is
/// the first sample's offset from midnight, seconds.
extension DemandTrace {
    /// How inline hourly values fill the hour between them.
    public enum HourlyShape: String, Sendable, Equatable, CaseIterable {
        /// Each hour holds its value from hh:00 to the next hour (a staircase).
        case step
        /// A straight line from each value at hh:00 to the next hour's value at the next hh:00;
        /// the last hour runs back to the first value (midnight wraps).
        case linear
    }

    /// Inline hourly values repeated: `hourly[h]` is the demand at h:00, and n values cover n
    /// hours and then repeat (24 values make a day).
    ///
    ///     p = (t mod n·3600 s) / 3600 s,   h = ⌊p⌋,   f = p − h
    ///     step:    D(t) = v[h]
    ///     linear:  D(t) = v[h] + (v[(h + 1) mod n] − v[h])·f
    ///
    /// - Parameters:
    ///   - hourly: requests per second, each finite and ≥ 0; at least one.
    ///   - shape: `.step` or `.linear`.
    ///   - stepSeconds: Δt, seconds; above 0.
    ///   - durationSeconds: seconds covered; above 0, at most `maximumSteps` steps.
    ///   - startSeconds: offset of the first sample from midnight, seconds.
    /// - Throws: `AutoscalingError` for an empty or invalid pattern, step or duration.
    public static func hourly(_ hourly: [Double], shape: HourlyShape = .step, stepSeconds: Double,
                              durationSeconds: Double = 86_400, startSeconds: Double = 0) throws -> DemandTrace {
        let pattern = try DemandTrace(values: hourly, stepSeconds: 3_600).values
        let n = try stepCount(durationSeconds: durationSeconds, stepSeconds: stepSeconds)
        try checkStart(startSeconds)
        let period = Double(pattern.count) * 3_600
        let values = (0..<n).map { i -> Double in
            let t = startSeconds + Double(i) * stepSeconds
            let p = (t - (t / period).rounded(.down) * period) / 3_600
            let h = min(Int(p), pattern.count - 1)  // p < n, but rounding may reach n exactly
            switch shape {
            case .step:
                return pattern[h]
            case .linear:
                let f = p - Double(h)
                let next = pattern[(h + 1) % pattern.count]
                return pattern[h] + (next - pattern[h]) * f
            }
        }
        return DemandTrace(checked: values, stepSeconds: stepSeconds, startSeconds: startSeconds)
    }

    /// A cosine day between `trough` at 04:00 and `peak` at 16:00.
    ///
    ///     D(t) = trough + (peak − trough)·(1 − cos(2π·(t − 4 h)/24 h))/2      t in seconds
    ///
    /// Why 04:00 and 16:00: interactive traffic bottoms out in the small hours and peaks in the
    /// afternoon of its main time zone; a cosine puts the peak 12 h after the trough, which is
    /// the simplest day that is smooth across midnight. Real traces are skewed (a faster
    /// morning ramp); load history or hourly values when that matters.
    ///
    /// - Parameters:
    ///   - peak, trough: requests per second; finite, 0 ≤ trough ≤ peak.
    ///   - stepSeconds, durationSeconds, startSeconds: as for `hourly`.
    /// - Throws: `AutoscalingError.invalidParameter` for a bad peak or trough.
    public static func diurnal(peak: Double, trough: Double, stepSeconds: Double,
                               durationSeconds: Double = 86_400, startSeconds: Double = 0) throws -> DemandTrace {
        try AutoscalingValidation.nonNegative(trough, "trough")
        guard peak.isFinite, peak >= trough else {
            throw AutoscalingError.invalidParameter(name: "peak", value: peak, requirement: "finite and at least the trough")
        }
        let n = try stepCount(durationSeconds: durationSeconds, stepSeconds: stepSeconds)
        try checkStart(startSeconds)
        let values = (0..<n).map { i -> Double in
            let t = startSeconds + Double(i) * stepSeconds
            return diurnalValue(at: t, peak: peak, trough: trough)
        }
        return DemandTrace(checked: values, stepSeconds: stepSeconds, startSeconds: startSeconds)
    }

    /// The cosine day at `t` seconds after midnight (written out so the benchmark and its
    /// Python reference evaluate the same expression in the same order).
    static func diurnalValue(at t: Double, peak: Double, trough: Double) -> Double {
        let c = cos(2 * Double.pi * (t - 14_400) / 86_400)
        return trough + (peak - trough) * (1 - c) / 2
    }

    /// A flat `base` with one spike: `base × multiplier` for `lastingSeconds` from `at`.
    ///
    ///     D(t) = base·multiplier   for at ≤ t < at + lasting
    ///     D(t) = base              otherwise
    ///
    /// - Parameters:
    ///   - at: the spike's start, seconds, on the samples' clock (t_0 = `startSeconds`).
    ///   - multiplier: finite, ≥ 0 (5 means five times the base).
    ///   - base: requests per second; finite, ≥ 0.
    ///   - lastingSeconds: the spike's length, seconds; above 0. Default 10 minutes.
    ///   - stepSeconds, durationSeconds, startSeconds: as for `hourly`.
    public static func spike(at: Double, multiplier: Double, base: Double, lastingSeconds: Double = 600,
                             stepSeconds: Double, durationSeconds: Double = 86_400,
                             startSeconds: Double = 0) throws -> DemandTrace {
        guard at.isFinite else {
            throw AutoscalingError.invalidParameter(name: "spike start", value: at, requirement: "a finite number of seconds")
        }
        try AutoscalingValidation.nonNegative(multiplier, "spike multiplier")
        try AutoscalingValidation.nonNegative(base, "base demand")
        try AutoscalingValidation.positive(lastingSeconds, "spike length")
        guard (base * multiplier).isFinite else {
            throw AutoscalingError.invalidParameter(name: "spike demand", value: base * multiplier, requirement: "finite")
        }
        let n = try stepCount(durationSeconds: durationSeconds, stepSeconds: stepSeconds)
        try checkStart(startSeconds)
        let values = (0..<n).map { i -> Double in
            let t = startSeconds + Double(i) * stepSeconds
            return t >= at && t < at + lastingSeconds ? base * multiplier : base
        }
        return DemandTrace(checked: values, stepSeconds: stepSeconds, startSeconds: startSeconds)
    }

    private static func checkStart(_ start: Double) throws {
        guard start.isFinite else {
            throw AutoscalingError.invalidParameter(name: "start", value: start, requirement: "a finite number of seconds")
        }
    }
}
