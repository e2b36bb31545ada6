/// Moving a trace to another step (a policy's natural step: 15 s for the HPA, 1 minute for the
/// threshold policy) over the same span.
extension DemandTrace {
    /// How a resampled value is read from the original samples.
    public enum Resampling: String, Sendable, Equatable, CaseIterable {
        /// The last original sample at or before the new sample time (a staircase).
        case hold
        /// A straight line between the two original samples around the new sample time; after
        /// the last original sample, its value.
        case linear
    }

    /// The same span at another step: ⌈duration/Δt'⌉ samples at t'_j = startSeconds + j·Δt'.
    ///
    ///     p = j·Δt'/Δt,   i = ⌊p⌋,   f = p − i
    ///     hold:    D'_j = D_i
    ///     linear:  D'_j = D_i + (D_{i+1} − D_i)·f      (D_{i+1} = D_i past the end)
    ///
    /// Both read points, not averages: to a coarser step, `hold` keeps one sample in k (a
    /// 15 s trace to 1 minute keeps samples 0, 4, 8, …), so a spike shorter than the new step
    /// can be missed. A position within 1e-9 of a whole sample counts as that sample.
    ///
    /// - Parameters:
    ///   - stepSeconds: Δt', seconds; finite, above 0.
    ///   - method: `.hold` (default) or `.linear`.
    /// - Throws: `AutoscalingError.invalidStep`, `.tooManySteps`.
    /// - Complexity: O(count of the result).
    public func resampled(stepSeconds newStep: Double, method: Resampling = .hold) throws -> DemandTrace {
        try AutoscalingValidation.step(newStep)
        if newStep == stepSeconds { return self }
        let n = try Self.stepCount(durationSeconds: durationSeconds, stepSeconds: newStep)
        let last = values.count - 1
        let ratio = newStep / stepSeconds
        let resampled = values.withUnsafeBufferPointer { v in
            (0..<n).map { j -> Double in
                let p = Double(j) * ratio
                let i = min(Int((p + 1e-9).rounded(.down)), last)
                guard method == .linear, i < last else { return v[i] }
                let f = max(0, p - Double(i))
                return v[i] + (v[i + 1] - v[i]) * f
            }
        }
        return DemandTrace(checked: resampled, stepSeconds: newStep, startSeconds: startSeconds)
    }
}
