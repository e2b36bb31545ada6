extension TimeSeries {
    /// Places sorted, de-duplicated rows on the data's own grid or bins them into a coarser step.
    static func grid(
        rows: Rows, kind: Kind, dataStep: (step: Step, regular: Bool)?, step: Step?,
        aggregation: Aggregation?, source: String, notes: [String], inheritedMissing: Int
    ) throws -> TimeSeries {
        if let step { try validate(step) }
        guard let target = step ?? dataStep?.step else { throw DemandError.stepNeeded(source: source) }
        if step == nil || step == dataStep?.step {
            return try placeOnOwnGrid(rows: rows, kind: kind, step: target, source: source, notes: notes)
        }
        return try bin(
            rows: rows, kind: kind, dataStep: dataStep, target: target,
            aggregation: aggregation ?? (kind == .count ? .sum : .mean), source: source, notes: notes)
    }

    /// Step `i` of the data's own grid, anchored at the first timestamp.
    private static func placeOnOwnGrid(
        rows: Rows, kind: Kind, step: Step, source: String, notes: [String]
    ) throws -> TimeSeries {
        let t0 = rows.times[0]
        let indexOf: (Double) -> (index: Int, onGrid: Bool)
        let steps: Double
        switch step {
        case .seconds(let s):
            steps = ((rows.times[rows.times.count - 1] - t0) / s + 1e-6).rounded(.down) + 1
            indexOf = { t in
                let x = (t - t0) / s
                let r = x.rounded()
                return abs(x - r) <= 1e-6 ? (Int(r), true) : (Int(x.rounded(.down)), false)
            }
        case .months(let m):
            let m0 = CivilCalendar.monthNumber(t0)
            let offset = t0 - CivilCalendar.startOfMonth(m0)
            steps = Double(CivilCalendar.floorDiv(CivilCalendar.monthNumber(rows.times[rows.times.count - 1]) - m0, m) + 1)
            indexOf = { t in
                let i = CivilCalendar.floorDiv(CivilCalendar.monthNumber(t) - m0, m)
                return (i, CivilCalendar.startOfMonth(m0 + i * m) + offset == t)
            }
        }
        guard steps <= Double(maximumSteps) else {
            throw DemandError.tooManySteps(source: source, steps: steps, step: step)
        }
        let n = Int(steps)
        var sums = [Double](repeating: 0, count: n)
        var present = [Int32](repeating: 0, count: n)
        var hasRow = [Bool](repeating: false, count: n)
        var offGrid = 0
        for r in rows.times.indices {
            let (i, onGrid) = indexOf(rows.times[r])
            if !onGrid { offGrid += 1 }
            hasRow[i] = true
            if rows.hasValue[r] {
                sums[i] += rows.values[r]
                present[i] += 1
            }
        }
        var values = [Double?](repeating: nil, count: n)
        var missingValues = 0
        for i in 0..<n {
            if present[i] > 0 {
                values[i] = kind == .count ? sums[i] : sums[i] / Double(present[i])
            } else if hasRow[i] {
                missingValues += 1
            }
        }
        var notes = notes
        if offGrid > 0 {
            notes.append("\(DemandFormat.grouped(offGrid)) timestamp\(offGrid == 1 ? "" : "s") between "
                + "\(step) grid points put in the step \(offGrid == 1 ? "it falls" : "they fall") in")
        }
        var series = TimeSeries(
            source: source, kind: kind, start: t0, step: step, values: values,
            missingValues: missingValues, notes: notes)
        series.gaps = series.runs(of: hasRow)
        return series
    }

    /// Rows binned into clock-aligned steps of `target`, combined by `aggregation`.
    private static func bin(
        rows: Rows, kind: Kind, dataStep: (step: Step, regular: Bool)?, target: Step,
        aggregation: Aggregation, source: String, notes: [String]
    ) throws -> TimeSeries {
        if kind == .rate, aggregation == .sum { throw DemandError.cannotSumRates(source: source) }
        // Fine steps per coarse step, when the data is regular: scales a mean or max count up to
        // a count per coarse step, and tells complete steps from partial ones.
        var fineSeconds: Double? = nil
        var fineMonths: Int? = nil
        if let data = dataStep, data.regular {
            switch (data.step, target) {
            case let (.seconds(s), .seconds(big)):
                guard big >= s * (1 - 1e-9) else { throw DemandError.stepFinerThanData(step: target, dataStep: data.step) }
                let ratio = big / s
                guard abs(ratio - ratio.rounded()) <= 1e-6 * ratio else {
                    throw DemandError.stepNotMultiple(step: target, dataStep: data.step)
                }
                fineSeconds = s
            case let (.seconds(s), .months):
                guard s <= 28 * 86_400 else { throw DemandError.stepFinerThanData(step: target, dataStep: data.step) }
                fineSeconds = s
            case let (.months(m), .months(big)):
                guard big >= m else { throw DemandError.stepFinerThanData(step: target, dataStep: data.step) }
                guard big % m == 0 else { throw DemandError.stepNotMultiple(step: target, dataStep: data.step) }
                fineMonths = m
            case (.months, .seconds):
                throw DemandError.stepNotMultiple(step: target, dataStep: data.step)
            }
        }
        if kind == .count, aggregation != .sum, fineSeconds == nil, fineMonths == nil {
            throw DemandError.countAggregationNeedsRegularData(aggregation: aggregation, source: source)
        }

        // Bin numbering.
        let first = rows.times[0], last = rows.times[rows.times.count - 1]
        let binOf: (Double) -> Int
        let start: Double
        let steps: Double
        switch target {
        case .seconds(let big):
            let anchor = (big / (7 * 86_400)).rounded() == big / (7 * 86_400) ? 4.0 * 86_400 : 0  // weeks start on Monday
            let firstBin = ((first - anchor) / big).rounded(.down)
            start = firstBin * big + anchor
            binOf = { t in Int(((t - start) / big + 1e-9).rounded(.down)) }
            steps = ((last - start) / big + 1e-9).rounded(.down) + 1
        case .months(let big):
            let firstBin = CivilCalendar.floorDiv(CivilCalendar.monthNumber(first), big)
            start = CivilCalendar.startOfMonth(firstBin * big)
            binOf = { t in CivilCalendar.floorDiv(CivilCalendar.monthNumber(t), big) - firstBin }
            steps = Double(CivilCalendar.floorDiv(CivilCalendar.monthNumber(last), big) - firstBin + 1)
        }
        guard steps <= Double(maximumSteps) else {
            throw DemandError.tooManySteps(source: source, steps: steps, step: target)
        }
        let n = Int(steps)
        var sums = [Double](repeating: 0, count: n)
        var maxima = [Double](repeating: -.infinity, count: n)
        var present = [Int](repeating: 0, count: n)
        var rowCounts = [Int](repeating: 0, count: n)
        for r in rows.times.indices {
            let i = min(max(binOf(rows.times[r]), 0), n - 1)
            rowCounts[i] += 1
            guard rows.hasValue[r] else { continue }
            let v = rows.values[r]
            sums[i] += v
            present[i] += 1
            if v > maxima[i] { maxima[i] = v }
        }

        var series = TimeSeries(source: source, kind: kind, start: start, step: target, values: [])
        // Fine steps in coarse step i.
        func fineSteps(_ i: Int) -> Double? {
            if let s = fineSeconds { return (series.duration(at: i) / s).rounded() }
            if let m = fineMonths, case .months(let big) = target { return Double(big / m) }
            return nil
        }
        var values = [Double?](repeating: nil, count: n)
        var missingValues = 0
        var incomplete = 0
        for i in 0..<n {
            if present[i] == 0 {
                if rowCounts[i] > 0 { missingValues += 1 }
                continue
            }
            let k = fineSteps(i)
            switch (kind, aggregation) {
            case (.count, .sum): values[i] = sums[i]
            case (.count, .mean): values[i] = sums[i] / Double(present[i]) * (k ?? 1)
            case (.count, .max): values[i] = maxima[i] * (k ?? 1)
            case (.rate, .mean): values[i] = sums[i] / Double(present[i])
            case (.rate, .max): values[i] = maxima[i]
            case (.rate, .sum): values[i] = nil  // rejected above
            }
            if let k, i > 0, i < n - 1, Double(present[i]) < k { incomplete += 1 }
        }
        series.values = values
        series.missingValues = missingValues
        series.gaps = series.runs(of: rowCounts.map { $0 > 0 })

        var notes = notes
        let what: String
        switch (kind, aggregation) {
        case (.count, .sum): what = "counts summed"
        case (.count, .mean): what = "mean count per \(dataStep?.step.description ?? "step") scaled to the \(target) step"
        case (.count, .max): what = "largest count per \(dataStep?.step.description ?? "step") scaled to the \(target) step"
        case (.rate, .mean): what = "rates averaged"
        default: what = "largest rate kept"
        }
        notes.append("binned into \(target) steps aligned to the clock (UTC): \(what)")
        if kind == .count, aggregation == .sum {
            let dataEnd = last + (fineSeconds ?? 0)
            let partialFirst = start < first, partialLast = series.end > dataEnd
            if partialFirst || partialLast {
                let which = partialFirst && partialLast ? "the first and last steps are" : partialFirst ? "the first step is" : "the last step is"
                notes.append("\(which) only partly covered by the data, so \(partialFirst && partialLast ? "their" : "its") sum is low")
            }
            if incomplete > 0 {
                notes.append("\(DemandFormat.grouped(incomplete)) step\(incomplete == 1 ? "" : "s") summed over missing data (sums are low)")
            }
        }
        series.notes = notes
        return series
    }

    /// Runs of `false` in `hasRow`, as gaps.
    func runs(of hasRow: [Bool]) -> [Gap] {
        var gaps: [Gap] = []
        var i = 0
        while i < hasRow.count {
            if hasRow[i] { i += 1; continue }
            var j = i
            while j < hasRow.count, !hasRow[j] { j += 1 }
            gaps.append(Gap(start: time(at: i), steps: j - i))
            i = j
        }
        return gaps
    }
}
