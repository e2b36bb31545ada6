import Foundation

/// Number formatting for fit summaries: three significant digits, with k/M/G suffixes for
/// large values ("1.3M"), so a planner reads "saturates at 1.3M requests/day".
enum ForecastFormat {
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let a = Swift.abs(x)
        let (scaled, suffix): (Double, String) =
            a >= 1e12 ? (x / 1e12, "T") : a >= 1e9 ? (x / 1e9, "G") : a >= 1e6 ? (x / 1e6, "M")
            : a >= 1e4 ? (x / 1e3, "k") : (x, "")
        return NumberFormat.decimal(scaled, significantDigits: 3) + suffix
    }

    /// "+4.2%", "−0.3%".
    static func signedPercent(_ fraction: Double) -> String {
        let p = fraction * 100
        let digits = Swift.abs(p) >= 10 ? 1 : (Swift.abs(p) >= 1 ? 1 : 2)
        let body = String(format: "%.\(digits)f%%", Swift.abs(p))
        return (p < 0 ? "−" : "+") + body
    }

    /// One decimal, grouped: "16.8", "1,204.5" (durations read better at a fixed precision).
    static func oneDecimal(_ x: Double) -> String { NumberFormat.fixedPoint(x, decimals: 1) }

    /// Full-precision-ish number for derivation substitutions.
    static func precise(_ x: Double) -> String { NumberFormat.decimal(x, significantDigits: 6) }

    /// Value with unit: "1.3M requests/day".
    static func value(_ x: Double, unit: String) -> String {
        unit.isEmpty ? number(x) : "\(number(x)) \(unit)"
    }
}
