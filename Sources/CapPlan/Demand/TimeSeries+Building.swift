extension TimeSeries {
    /// The most steps a series may have (10 million), so that a wrong step fails with a message
    /// instead of exhausting memory.
    public static let maximumSteps = 10_000_000

    /// Builds a series from rows of (timestamp, value) in file order.
    ///
    /// What happens, each step recorded in `notes` when it changes anything:
    /// 1. rows out of time order are sorted (stable);
    /// 2. rows with the same timestamp are combined: counts summed, rates averaged;
    /// 3. the data's step is inferred: calendar months when every timestamp falls on the same
    ///    day of the month and time of day 28 days or more apart, else the most common positive
    ///    difference between consecutive timestamps (ties: the smaller);
    /// 4. with no `step`, or `step` equal to the data's, values are placed on that grid starting
    ///    at the first timestamp; a timestamp between grid points goes to the step it falls in;
    /// 5. with a coarser `step`, rows are binned into steps aligned to the clock (UTC midnight,
    ///    whole hours, Mondays for weeks, calendar months) and combined by `aggregation`
    ///    (see `resampled(to:aggregation:)` for what each means for counts and rates).
    /// Steps with no row are gaps (`gaps`), rows without a value are `missingValues`; neither is
    /// filled.
    ///
    /// - Parameters:
    ///   - times: epoch seconds (UTC), one per row; finite.
    ///   - values: one per row; nil for a missing value.
    ///   - kind: what a value means (count per step, or rate per second).
    ///   - step: the step wanted; nil to use the data's own.
    ///   - aggregation: how to combine rows in a coarser step; nil for the kind's default
    ///     (counts: sum, rates: mean).
    ///   - source: the file name, for messages.
    /// - Throws: `DemandError` (no rows, a single row without a step, too many steps, a step that
    ///   does not fit the data, summing rates).
    /// - Complexity: O(n log n) when rows must be sorted, else O(n + steps).
    public static func build(
        times: [Double], values: [Double?], kind: Kind, step: Step? = nil,
        aggregation: Aggregation? = nil, source: String
    ) throws -> TimeSeries {
        precondition(times.count == values.count, "one value per timestamp")
        guard !times.isEmpty else { throw DemandError.noData(source: source) }
        var notes: [String] = []
        let rows = sortAndCombine(times: times, values: values, kind: kind, notes: &notes)
        let dataStep = inferStep(rows.times)
        return try grid(
            rows: rows, kind: kind, dataStep: dataStep, step: step, aggregation: aggregation,
            source: source, notes: notes, inheritedMissing: 0)
    }

    /// Rows sorted by time, duplicates combined; `hasValue` false where every duplicate was missing.
    struct Rows {
        var times: [Double]
        var values: [Double]
        var hasValue: [Bool]
    }

    static func sortAndCombine(times: [Double], values: [Double?], kind: Kind, notes: inout [String]) -> Rows {
        var order: [Int]? = nil
        var outOfOrder = 0
        for i in 1..<max(times.count, 1) where times[i] < times[i - 1] { outOfOrder += 1 }
        if outOfOrder > 0 {
            order = times.indices.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
            notes.append("sorted \(DemandFormat.grouped(outOfOrder)) row\(outOfOrder == 1 ? " that was" : "s that were") out of time order")
        }
        var out = Rows(times: [], values: [], hasValue: [])
        out.times.reserveCapacity(times.count)
        out.values.reserveCapacity(times.count)
        out.hasValue.reserveCapacity(times.count)
        var duplicates = 0
        var groupCount = 0  // present values in the current group (for means)
        for k in 0..<times.count {
            let i = order?[k] ?? k
            let t = times[i], v = values[i]
            if let last = out.times.last, last == t {
                duplicates += 1
                if let v {
                    let j = out.times.count - 1
                    if out.hasValue[j] {
                        if kind == .count {
                            out.values[j] += v
                        } else {
                            out.values[j] += (v - out.values[j]) / Double(groupCount + 1)
                        }
                    } else {
                        out.values[j] = v
                        out.hasValue[j] = true
                    }
                    groupCount += 1
                }
            } else {
                out.times.append(t)
                out.values.append(v ?? 0)
                out.hasValue.append(v != nil)
                groupCount = v == nil ? 0 : 1
            }
        }
        if duplicates > 0 {
            let what = kind == .count ? "summed" : "averaged"
            notes.append("\(DemandFormat.grouped(duplicates)) duplicate timestamp\(duplicates == 1 ? "" : "s") \(what)")
        }
        return out
    }

    /// The data's own step: calendar months, or the most common difference; nil for one row.
    /// `regular` is false when fewer than half the differences equal it (event data).
    static func inferStep(_ times: [Double]) -> (step: Step, regular: Bool)? {
        guard times.count >= 2 else { return nil }
        var diffs: [Double] = []
        diffs.reserveCapacity(times.count - 1)
        for i in 1..<times.count { diffs.append(((times[i] - times[i - 1]) * 1e6).rounded() / 1e6) }
        diffs.sort()
        var best = diffs[0], bestRun = 0, run = 0
        for i in diffs.indices {
            run = i > 0 && diffs[i] == diffs[i - 1] ? run + 1 : 1
            if run > bestRun { best = diffs[i]; bestRun = run }
        }
        let regular = bestRun * 2 >= diffs.count
        if best >= 28 * 86_400, let months = monthlyStep(times) { return (.months(months), true) }
        return (.seconds(best), regular)
    }

    /// Months between timestamps when all share a day of the month (≤ 28) and a time of day.
    private static func monthlyStep(_ times: [Double]) -> Int? {
        let first = CivilCalendar.date(days: CivilCalendar.dayNumber(times[0]))
        let timeOfDay = times[0] - Double(CivilCalendar.dayNumber(times[0])) * 86_400
        guard first.day <= 28 else { return nil }
        var monthDiffs: [Int: Int] = [:]
        var previous = CivilCalendar.monthNumber(times[0])
        for t in times {
            let day = CivilCalendar.dayNumber(t)
            guard CivilCalendar.date(days: day).day == first.day, t - Double(day) * 86_400 == timeOfDay else { return nil }
            let m = CivilCalendar.monthNumber(t)
            if m != previous { monthDiffs[m - previous, default: 0] += 1 }
            previous = m
        }
        return monthDiffs.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    static func validate(_ step: Step) throws {
        switch step {
        case .seconds(let s): guard s.isFinite, s > 0 else { throw DemandError.invalidStep(step) }
        case .months(let m): guard m > 0 else { throw DemandError.invalidStep(step) }
        }
    }
}
