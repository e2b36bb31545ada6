extension DemandProfile {
    /// Windows besides the loaded step at which peak-to-mean is reported.
    public static let standardWindows: [Double] = [60, 3_600, 86_400]

    /// Characterises a time series.
    /// - Throws: `DemandError.allValuesMissing` when nothing is present.
    public init(_ series: TimeSeries) throws {
        let mean = try series.meanRate()
        var peak = -Double.infinity
        for i in series.values.indices { if let r = series.rate(at: i), r > peak { peak = r } }
        var ratios = [PeakToMean(window: series.step, ratio: mean > 0 ? peak / mean : 1, windows: series.values.count { $0 != nil })]
        if case .seconds(let s) = series.step {
            for w in Self.standardWindows where w > s * (1 + 1e-9) {
                if let m = try? series.peakMultiplier(window: w) {
                    ratios.append(PeakToMean(window: .seconds(w), ratio: m.multiplier, windows: m.windows))
                }
            }
        }
        self.init(
            source: series.source, kind: series.kind, start: series.start, end: series.end, step: series.step,
            points: series.count, missingSteps: series.missingSteps, gaps: series.gaps,
            missingValues: series.missingValues, meanRate: mean, peakRate: peak, peakToMean: ratios,
            requests: nil, daily: series.profile(period: 86_400, buckets: 24),
            weekly: series.profile(period: 7 * 86_400, buckets: 7), notes: series.notes)
    }

    /// Characterises a request log: its request counts per `step` (default: the log's
    /// `defaultStep`), plus inter-arrival variability and token percentiles.
    public init(_ log: RequestLog, step: TimeSeries.Step? = nil) throws {
        let series = try log.requestSeries(step: step)
        try self.init(series)
        start = log.times.first ?? series.start
        end = log.times.last ?? series.end
        requests = Requests(
            count: log.count, interarrivalCV: Self.interarrivalCV(log.times),
            inputTokens: log.inputTokens.flatMap(Self.percentiles), outputTokens: log.outputTokens.flatMap(Self.percentiles))
    }

    /// std/mean of consecutive differences (population standard deviation).
    static func interarrivalCV(_ times: [Double]) -> Double? {
        guard times.count >= 3 else { return nil }
        let n = Double(times.count - 1)
        let mean = (times[times.count - 1] - times[0]) / n
        guard mean > 0 else { return nil }
        var sq = 0.0
        for i in 1..<times.count {
            let d = times[i] - times[i - 1] - mean
            sq += d * d
        }
        return (sq / n).squareRoot() / mean
    }

    static func percentiles(_ values: [Double?]) -> Percentiles? {
        let present = values.compactMap { $0 }.sorted()
        guard !present.isEmpty else { return nil }
        return Percentiles(
            p50: Percentile.of(present, 0.5), p90: Percentile.of(present, 0.9), p99: Percentile.of(present, 0.99),
            mean: present.reduce(0, +) / Double(present.count), count: present.count)
    }
}

extension TimeSeries {
    /// Mean rate per second over the present steps:
    ///
    ///     counts: λ̄ = Σ c_i / Σ Δt_i        rates: λ̄ = mean(r_i)        (present i only)
    ///
    /// - Throws: `DemandError.allValuesMissing`.
    public func meanRate() throws -> Double {
        var total = 0.0, seconds = 0.0, n = 0
        for i in values.indices {
            guard let v = values[i] else { continue }
            n += 1
            if kind == .count { total += v; seconds += duration(at: i) } else { total += v }
        }
        guard n > 0 else { throw DemandError.allValuesMissing(source: source) }
        return kind == .count ? total / seconds : total / Double(n)
    }

    /// The measured peak multiplier over windows of `window` seconds:
    ///
    ///     multiplier = max_w (mean rate in window w) ÷ (mean rate overall)
    ///
    /// Windows tumble, aligned to the clock (whole minutes, hours, UTC days) when the steps
    /// allow, else to the first step; only complete windows count; a window's mean rate is over
    /// its present steps.
    ///
    /// - Parameter window: seconds; a whole multiple of the series' fixed step.
    /// - Throws: `DemandError.windowIncompatible` (calendar-month data, or a window that is
    ///   shorter than the step or not a multiple of it), `.notEnoughDataForWindow` (fewer than
    ///   two complete windows), `.allValuesMissing`.
    public func peakMultiplier(window: Double) throws -> PeakMeasurement {
        guard case .seconds(let s) = step, window.isFinite, window >= s * (1 - 1e-9) else {
            throw DemandError.windowIncompatible(window: window, step: step)
        }
        let ratio = window / s
        guard abs(ratio - ratio.rounded()) <= 1e-6 * ratio else { throw DemandError.windowIncompatible(window: window, step: step) }
        let k = Int(ratio.rounded())
        let mean = try meanRate()
        // First step that starts a clock-aligned window.
        var first = 0
        for i in 0..<min(k, count) {
            // Aligned when the start is within a microsecond of a multiple of the window: a
            // relative tolerance on epoch times (~1.7e9 s) would accept starts a second early.
            let t = time(at: i)
            let offset = t - (t / window).rounded(.down) * window
            if offset <= 1e-6 || window - offset <= 1e-6 { first = i; break }
        }
        let windows = (count - first) / k
        guard windows >= 2 else { throw DemandError.notEnoughDataForWindow(window: window, span: end - start) }
        var best = -Double.infinity, bestStart = start
        for w in 0..<windows {
            var sum = 0.0, n = 0
            for i in (first + w * k)..<(first + (w + 1) * k) {
                if let r = rate(at: i) { sum += r; n += 1 }
            }
            guard n > 0 else { continue }
            let m = sum / Double(n)
            if m > best { best = m; bestStart = time(at: first + w * k) }
        }
        guard best.isFinite else { throw DemandError.allValuesMissing(source: source) }
        return PeakMeasurement(
            window: window, meanRate: mean, peakRate: best, multiplier: mean > 0 ? best / mean : 1,
            peakStart: bestStart, windows: windows)
    }

    /// Mean rate per bucket of a period (hours of the day, days of the week), UTC; nil unless the
    /// step divides a bucket and the data spans at least one period.
    func profile(period: Double, buckets: Int) -> [Double?]? {
        let bucket = period / Double(buckets)
        guard case .seconds(let s) = step, s <= bucket,
              abs(bucket / s - (bucket / s).rounded()) <= 1e-9, end - start >= period else { return nil }
        let anchor = period == 7 * 86_400 ? 4.0 * 86_400 : 0  // the week starts on Monday 1970-01-05
        var sums = [Double](repeating: 0, count: buckets), counts = [Int](repeating: 0, count: buckets)
        for i in values.indices {
            guard let r = rate(at: i) else { continue }
            var phase = (time(at: i) - anchor).truncatingRemainder(dividingBy: period)
            if phase < 0 { phase += period }
            let b = min(Int((phase / bucket + 1e-9).rounded(.down)), buckets - 1)
            sums[b] += r
            counts[b] += 1
        }
        return (0..<buckets).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
    }
}
