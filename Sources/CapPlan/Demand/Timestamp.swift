/// Timestamps in loaded files, read by hand into epoch seconds (UTC).
///
/// Accepted forms (leading and trailing spaces ignored):
///
///     2023-11-16                          a date: midnight UTC
///     2023-11-16T18:15 / 2023-11-16 18:15 date and time, `T` (or `t`) or one space between
///     2023-11-16 18:15:46                 with seconds
///     2023-11-16 18:15:46.6805900         fractional seconds of any length (`.` or `,`)
///     …Z  …+01:00  …+0100  …-05           a zone (optionally after one space); none means UTC
///     1700150146  1700150146.68           epoch seconds, integer or fractional
///
/// Why not `ISO8601DateFormatter`: it rejects timestamps without a zone (the Azure trace has
/// none) and fractions longer than three digits. The calendar is exact (`CivilCalendar`,
/// proleptic Gregorian, leap years by the 4/100/400 rule); leap seconds (`:60`) are rejected.
public enum Timestamp {
    /// Epoch seconds (UTC) for `text`.
    ///
    /// - Throws: `DemandError.invalidTimestamp` naming the text and what is wrong with it.
    public static func parse(_ text: String, column: String? = nil) throws -> Double {
        var utf8 = Array(text.utf8)
        return try utf8.withUnsafeMutableBufferPointer { buffer in
            switch parse(UnsafeBufferPointer(buffer)) {
            case .time(let t): return t
            case .empty: throw DemandError.invalidTimestamp(text: text, column: column, reason: "it is empty", at: nil)
            case .invalid(let reason): throw DemandError.invalidTimestamp(text: text, column: column, reason: reason, at: nil)
            }
        }
    }

    /// `2023-11-16T18:15:46Z`, with a fraction only when there is one (to the microsecond, trailing
    /// zeros removed); a whole day prints as `2023-11-16`.
    public static func format(_ t: Double) -> String {
        guard t.isFinite, abs(t) < 1e14 else { return "\(t)" }
        var micro = Int((t * 1e6).rounded())
        var days = micro / 86_400_000_000
        micro -= days * 86_400_000_000
        if micro < 0 { micro += 86_400_000_000; days -= 1 }
        let d = CivilCalendar.date(days: days)
        var s = pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2)
        if micro == 0 { return s }
        let secs = micro / 1_000_000, frac = micro % 1_000_000
        s += "T" + pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) + ":" + pad(secs % 60, 2)
        if frac != 0 {
            var f = pad(frac, 6)
            while f.hasSuffix("0") { f.removeLast() }
            s += "." + f
        }
        return s + "Z"
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n.magnitude)
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    enum Parsed: Equatable {
        case time(Double)
        case empty
        case invalid(String)
    }

    /// The hot-path parser over raw bytes (no allocation unless the text is an unusual number).
    static func parse(_ all: UnsafeBufferPointer<UInt8>) -> Parsed {
        var lo = 0, hi = all.count
        while lo < hi, all[lo] == 0x20 || all[lo] == 0x09 { lo += 1 }
        while hi > lo, all[hi - 1] == 0x20 || all[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return .empty }
        let b = UnsafeBufferPointer(rebasing: all[lo..<hi])
        let n = b.count

        @inline(__always) func digit(_ i: Int) -> Int? {
            guard i < n else { return nil }
            let c = b[i]
            return c >= 0x30 && c <= 0x39 ? Int(c - 0x30) : nil
        }
        @inline(__always) func twoDigits(_ i: Int) -> Int? {
            guard let a = digit(i), let c = digit(i + 1) else { return nil }
            return a * 10 + c
        }

        // A date needs "dddd-".
        guard n >= 5, digit(0) != nil, digit(1) != nil, digit(2) != nil, digit(3) != nil, b[4] == 0x2D else {
            return parseEpoch(b)
        }
        let year = digit(0)! * 1000 + digit(1)! * 100 + digit(2)! * 10 + digit(3)!
        guard let month = twoDigits(5), n >= 10, b[7] == 0x2D, let day = twoDigits(8) else {
            return .invalid("expected a date as YYYY-MM-DD")
        }
        guard (1...12).contains(month) else { return .invalid("month \(month) is not 1 to 12") }
        let monthDays = CivilCalendar.daysInMonth(year: year, month: month)
        guard day >= 1, day <= monthDays else {
            return .invalid("day \(day) is not in \(pad(year, 4))-\(pad(month, 2)), which has \(monthDays) days")
        }
        var seconds = Double(CivilCalendar.days(year: year, month: month, day: day)) * 86_400
        var i = 10
        if i == n { return .time(seconds) }

        guard b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else {
            return .invalid("expected `T` or a space between the date and the time")
        }
        i += 1
        guard let hour = twoDigits(i), i + 2 < n, b[i + 2] == 0x3A, let minute = twoDigits(i + 3) else {
            return .invalid("expected a time as hh:mm or hh:mm:ss")
        }
        guard hour < 24 else { return .invalid("hour \(hour) is not 0 to 23") }
        guard minute < 60 else { return .invalid("minute \(minute) is not 0 to 59") }
        seconds += Double(hour * 3600 + minute * 60)
        i += 5
        if i < n, b[i] == 0x3A {
            guard let second = twoDigits(i + 1) else { return .invalid("expected two digits of seconds") }
            guard second < 60 else { return .invalid("second \(second) is not 0 to 59") }
            seconds += Double(second)
            i += 3
            if i < n, b[i] == 0x2E || b[i] == 0x2C {
                i += 1
                // Any number of digits: the first 18 exactly as an integer, the rest cannot matter.
                var mantissa = 0, scale = 1.0, count = 0
                while let d = digit(i) {
                    if count < 18 { mantissa = mantissa * 10 + d; scale *= 10 }
                    count += 1
                    i += 1
                }
                guard count > 0 else { return .invalid("expected digits after the decimal point") }
                seconds += Double(mantissa) / scale
            }
        }
        if i == n { return .time(seconds) }

        // The zone.
        if b[i] == 0x20, i + 1 < n { i += 1 }
        let c = b[i]
        if (c == 0x5A || c == 0x7A), i + 1 == n { return .time(seconds) }
        guard c == 0x2B || c == 0x2D else { return .invalid("unexpected text after the time (a zone is Z, +hh:mm or +hhmm)") }
        let sign = c == 0x2B ? 1.0 : -1.0
        i += 1
        guard let zh = twoDigits(i) else { return .invalid("expected a zone offset as +hh:mm, +hhmm or +hh") }
        i += 2
        var zm = 0
        if i < n {
            if b[i] == 0x3A { i += 1 }
            guard let m = twoDigits(i), i + 2 == n else { return .invalid("expected a zone offset as +hh:mm, +hhmm or +hh") }
            zm = m
        }
        guard zh <= 23, zm <= 59 else { return .invalid("zone offset is out of range") }
        return .time(seconds - sign * Double(zh * 3600 + zm * 60))
    }

    /// Epoch seconds: digits with an optional sign, fraction and exponent.
    private static func parseEpoch(_ b: UnsafeBufferPointer<UInt8>) -> Parsed {
        if let value = NumberReader.parse(b), value.isFinite { return .time(value) }
        return .invalid("expected an ISO-8601 date or date-time (2023-11-16 18:15:46) or epoch seconds")
    }
}
