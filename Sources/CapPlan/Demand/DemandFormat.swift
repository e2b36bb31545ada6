/// Durations and numbers for demand messages and notes.
public enum DemandFormat {
    /// `250 ms`, `1 s`, `90 s`, `30 min`, `1 h`, `36 h`, `1 d`, `7 d`: the largest unit that
    /// divides the duration exactly, else seconds.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds) s" }
        let units: [(Double, String)] = [(86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")]
        for (size, name) in units where seconds >= size {
            let n = seconds / size
            if n == n.rounded() { return "\(number(n)) \(name)" }
        }
        if seconds < 1, seconds > 0, (seconds * 1000) == (seconds * 1000).rounded() {
            return "\(number(seconds * 1000)) ms"
        }
        return "\(number(seconds)) s"
    }

    /// A number for a message: whole numbers with thousands separators, others to 3 decimals
    /// (4 significant digits below 1).
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "infinity" : "−infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return grouped(Int(value)) }
        if abs(value) >= 1e15 { return "\(value)" }
        var scale = 1000.0
        var probe = abs(value)
        while probe < 1, scale < 1e12 { probe *= 10; scale *= 10 }
        return "\((value * scale).rounded() / scale)"
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}
