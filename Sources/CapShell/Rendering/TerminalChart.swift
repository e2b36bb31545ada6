import CapPlan

/// A plain-ASCII line chart for terminals and golden files: deterministic, no colour.
///
/// Every series is an array of optional values on a shared x axis (index 0 at the left, the last
/// index at the right); `nil` (or a non-finite value) is a gap. Series of different lengths are
/// laid out on the longest one, so a forecast chart passes history as `[h0, h1, ..., nil, nil]` and
/// the forecast as `[nil, ..., f0, f1]`. When there are more points than columns, each column shows
/// the mean of the points that fall into it; when fewer, points are spread over the width.
///
/// An optional band (lower/upper arrays on the same axis, e.g. a prediction interval) is drawn
/// first with a lighter symbol; the series are drawn over it, later series over earlier ones.
///
///     12.3k |          *
///           |     *  ** *   *
///      6.1k | ..*** *    ***
///           | **
///         0 +----------------
///            2023-11-16   2023-11-17
///            * requests/h
public enum TerminalChart {
    /// A shaded range drawn beneath the series.
    public struct Band: Sendable {
        public var label: String
        public var lower: [Double?]
        public var upper: [Double?]
        public var symbol: Character

        public init(label: String, lower: [Double?], upper: [Double?], symbol: Character = ".") {
            self.label = label
            self.lower = lower
            self.upper = upper
            self.symbol = symbol
        }
    }

    /// The chart as lines joined by `\n` (no trailing newline). `width` and `height` are the plot
    /// area in characters (clamped to at least 8 x 3); the y-axis labels take a few more columns.
    public static func render(
        series: [(label: String, values: [Double?], symbol: Character)],
        band: Band? = nil,
        xLabels: (String, String),
        width: Int = 72,
        height: Int = 12
    ) -> String {
        let width = max(8, width)
        let height = max(3, height)
        let count = max(series.map(\.values.count).max() ?? 0,
                        band.map { max($0.lower.count, $0.upper.count) } ?? 0)

        let columns = count == 0 ? 0 : min(width, count)
        let seriesColumns = series.map { column($0.values, count: count, columns: columns) }
        let lowerColumns = band.map { column($0.lower, count: count, columns: columns) }
        let upperColumns = band.map { column($0.upper, count: count, columns: columns) }

        let all = (seriesColumns + [lowerColumns ?? [], upperColumns ?? []]).flatMap { $0 }.compactMap { $0 }
        guard let minValue = all.min(), let maxValue = all.max() else {
            return "(no data to chart)"
        }
        // Counts and rates start at zero so a chart never exaggerates a small swing.
        let low = minValue >= 0 ? 0 : minValue
        var high = maxValue
        if high <= low { high = low + (low == 0 ? 1 : abs(low)) }

        func row(_ value: Double) -> Int {
            let fraction = (high - value) / (high - low)
            let r = Int((fraction * Double(height - 1)).rounded())
            return min(height - 1, max(0, r))
        }

        var grid = Array(repeating: Array(repeating: Character(" "), count: columns), count: height)
        if let band, let lowerColumns, let upperColumns {
            for c in 0..<columns {
                guard let lo = lowerColumns[c], let hi = upperColumns[c] else { continue }
                let top = row(max(lo, hi)), bottom = row(min(lo, hi))
                for r in top...bottom { grid[r][c] = band.symbol }
            }
        }
        for (index, entry) in series.enumerated() {
            for c in 0..<columns {
                guard let v = seriesColumns[index][c] else { continue }
                grid[row(v)][c] = entry.symbol
            }
        }

        // Y labels on the top, middle and bottom rows.
        let middleRow = (height - 1) / 2
        let middleValue = high - (high - low) * Double(middleRow) / Double(height - 1)
        let labels: [Int: String] = [0: axisNumber(high), middleRow: axisNumber(middleValue), height - 1: axisNumber(low)]
        let labelWidth = labels.values.map(\.count).max() ?? 1

        var lines: [String] = []
        for r in 0..<height {
            let label = labels[r] ?? ""
            let pad = String(repeating: " ", count: labelWidth - label.count)
            let body = String(grid[r])
            lines.append(trimTrailing(pad + label + " |" + body))
        }
        let indent = String(repeating: " ", count: labelWidth + 1)
        lines.append(indent + "+" + String(repeating: "-", count: columns))

        let (left, right) = xLabels
        let gap = max(1, columns - left.count - right.count)
        lines.append(trimTrailing(indent + " " + left + String(repeating: " ", count: gap) + right))

        var legend: [String] = []
        if series.count > 1 || band != nil {
            legend = series.map { "\($0.symbol) \($0.label)" }
            if let band { legend.append("\(band.symbol) \(band.label)") }
        } else if let only = series.first, !only.label.isEmpty {
            legend = ["\(only.symbol) \(only.label)"]
        }
        if !legend.isEmpty { lines.append(indent + " " + legend.joined(separator: "   ")) }
        return lines.joined(separator: "\n")
    }

    /// One value per column: the mean of the finite values whose index falls into the column.
    static func column(_ values: [Double?], count: Int, columns: Int) -> [Double?] {
        guard columns > 0 else { return [] }
        return (0..<columns).map { c in
            let start = c * count / columns
            let end = max(start + 1, (c + 1) * count / columns)
            var sum = 0.0, n = 0
            for i in start..<min(end, values.count) {
                if let v = values[i], v.isFinite { sum += v; n += 1 }
            }
            return n == 0 ? nil : sum / Double(n)
        }
    }

    /// Short axis numbers: `0`, `8.5`, `12.3k`, `4.1M`.
    static func axisNumber(_ x: Double) -> String {
        let magnitude = abs(x)
        let sign = x < 0 ? "-" : ""
        let (scaled, suffix): (Double, String) =
            magnitude >= 1e12 ? (magnitude / 1e12, "T") :
            magnitude >= 1e9 ? (magnitude / 1e9, "G") :
            magnitude >= 1e6 ? (magnitude / 1e6, "M") :
            magnitude >= 1e4 ? (magnitude / 1e3, "k") : (magnitude, "")
        if scaled == 0 { return "0" }
        let digits = scaled >= 100 ? 0 : (scaled >= 1 ? (scaled >= 10 ? 1 : 2) : 3)
        return sign + NumberFormat.decimal(
            rounded(scaled, decimals: digits), significantDigits: 6) + suffix
    }

    private static func rounded(_ x: Double, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (x * scale).rounded() / scale
    }

    private static func trimTrailing(_ s: String) -> String {
        var s = Substring(s)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
