extension TimeSeries {
    /// The series on a coarser step, steps aligned to the clock (UTC).
    ///
    /// Every aggregation keeps the unit, so a count stays a count per (new) step and a rate
    /// stays per second. With k old steps in a new one:
    ///
    ///     count, sum   c′ = Σ c                       (the default for counts)
    ///     count, mean  c′ = mean(c) · k               (missing old steps extrapolated)
    ///     count, max   c′ = max(c) · k                (the new step at the busiest old step's pace)
    ///     rate,  mean  r′ = mean(r)                   (the default for rates)
    ///     rate,  max   r′ = max(r)
    ///     rate,  sum   rejected: rates are not summed over time
    ///
    /// Missing values are skipped; a new step with no present value is missing. Partial first and
    /// last steps and steps summed over missing data are noted, not hidden.
    ///
    /// - Parameters:
    ///   - step: a whole multiple of the current step (months for monthly data; calendar months
    ///     from any step of up to 28 days).
    ///   - aggregation: nil for the kind's default.
    /// - Throws: `DemandError.stepFinerThanData`, `.stepNotMultiple`, `.cannotSumRates`.
    public func resampled(to step: Step, aggregation: Aggregation? = nil) throws -> TimeSeries {
        try Self.validate(step)
        if step == self.step, aggregation == nil || aggregation == (kind == .count ? .sum : .mean) { return self }
        let hasRow = rowMask()
        var rows = Rows(times: [], values: [], hasValue: [])
        for i in values.indices where hasRow[i] {
            rows.times.append(time(at: i))
            rows.values.append(values[i] ?? 0)
            rows.hasValue.append(values[i] != nil)
        }
        guard !rows.times.isEmpty else { throw DemandError.allValuesMissing(source: source) }
        return try Self.grid(
            rows: rows, kind: kind, dataStep: (self.step, true), step: step,
            aggregation: aggregation ?? (kind == .count ? .sum : .mean), source: source,
            notes: notes, inheritedMissing: missingValues)
    }

    /// True at steps that had a row in the source (not inside a gap).
    func rowMask() -> [Bool] {
        var mask = [Bool](repeating: true, count: count)
        for gap in gaps {
            let first = index(of: gap.start)
            for i in max(first, 0)..<min(first + gap.steps, count) { mask[i] = false }
        }
        return mask
    }

    /// The step index at which epoch second `t` starts (t must be a step start).
    func index(of t: Double) -> Int {
        switch step {
        case .seconds(let s): return Int(((t - start) / s).rounded())
        case .months(let m):
            return CivilCalendar.floorDiv(CivilCalendar.monthNumber(t) - CivilCalendar.monthNumber(start), m)
        }
    }
}
