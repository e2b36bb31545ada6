import Foundation

/// Deterministic number text for tables, calculator answers and golden files.
///
/// Rules (design.md "Output"): thousands separators; up to six significant digits with trailing
/// zeros dropped; whole numbers print whole; scientific notation only outside [1e-4, 1e15).
/// Money: two decimals below $1,000, whole dollars from $1,000, and two significant digits for
/// amounts under a cent (a cost per request must not print as $0.00).
public enum NumberFormat {
    public static func decimal(_ x: Double, significantDigits: Int = 6) -> String {
        guard x.isFinite else { return "n/a" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e15 || magnitude < 1e-4 {
            return scientific(x, significantDigits: significantDigits)
        }
        let exponent = magnitude.exponentBase10Value
        let decimals = Swift.max(0, significantDigits - 1 - exponent)
        return digits(x, decimals: decimals, trimZeros: true, grouping: true)
    }

    /// A whole count: `2,401`.
    public static func integer(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        if abs(x) >= 1e15 { return scientific(x, significantDigits: 6) }
        return digits(x, decimals: 0, trimZeros: false, grouping: true)
    }

    /// A fixed number of decimals with separators: `fixed(1234.5, 2)` is `1,234.50`.
    public static func fixedPoint(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "n/a" }
        if abs(x) >= 1e15 { return scientific(x, significantDigits: 6) }
        return digits(x, decimals: decimals, trimZeros: false, grouping: true)
    }

    /// Money without a unit suffix: `$4.50`, `$4,800`, `$0.00042`, `-$12.00`.
    public static func money(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let sign = x < 0 ? "-" : ""
        let magnitude = abs(x)
        let digits: String
        if magnitude >= 1e15 {
            digits = scientific(magnitude, significantDigits: 6)
        } else if magnitude >= 999.995 {
            // From $1,000 whole dollars; $999.999 rounds to cents as 1000.00, so it is $1,000.
            digits = integer(magnitude)
        } else if magnitude >= 0.01 || magnitude == 0 {
            digits = fixed(magnitude, decimals: 2, trimZeros: false)
        } else if magnitude >= 1e-12 {
            // Two significant digits in plain decimals: $0.00042, never $4.2e-4.
            let decimals = Swift.max(2, 1 - magnitude.exponentBase10Value)
            digits = fixed(magnitude, decimals: decimals, trimZeros: true)
        } else {
            digits = "0.00"
        }
        // Rounding can turn -0.001 into "0.00": never print "-$0.00".
        if sign == "-" && digits.allSatisfy({ $0 == "0" || $0 == "." }) { return "$" + digits }
        return sign + "$" + digits
    }

    /// Money to the cent with thousands separators, for amounts that are exact in cents (plan
    /// totals): 1972642.5 → "$1,972,642.50". Beyond $10¹⁵ it falls back to `money`.
    public static func cents(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return money(x) }
        let digits = digits(abs(x), decimals: 2, trimZeros: false, grouping: true)
        if x < 0 && digits != "0.00" { return "-$" + digits }
        return "$" + digits
    }

    /// A percentile's label: 0.99 → `p99`, 0.999 → `p99.9` (rounded to 1e-9 of a percent, so
    /// float noise never shows as `p99.89999999999999`).
    public static func percentile(_ q: Double) -> String {
        "p" + Quantity.shortest((q * 100 * 1e9).rounded() / 1e9)
    }

    /// A share as a percentage with at most one decimal: `0.8333` → `83.3%`, `0.2` → `20%`.
    public static func percent(_ x: Double, decimals: Int = 1) -> String {
        guard x.isFinite else { return "n/a" }
        return fixed(x * 100, decimals: decimals, trimZeros: true) + "%"
    }

    public static func scientific(_ x: Double, significantDigits: Int) -> String {
        var text = String(format: "%.\(Swift.max(0, significantDigits - 1))e", x)
        // "1.50000e+15" → "1.5e15"
        guard let e = text.firstIndex(of: "e") else { return text }
        var mantissa = String(text[..<e])
        var exponent = String(text[text.index(after: e)...])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        if exponent.hasPrefix("+") { exponent.removeFirst() }
        let negative = exponent.hasPrefix("-")
        if negative { exponent.removeFirst() }
        while exponent.count > 1 && exponent.hasPrefix("0") { exponent.removeFirst() }
        text = mantissa + "e" + (negative ? "-" : "") + exponent
        return text
    }

    /// `x` with `decimals` digits after the point, rounded half away from zero, no separators.
    public static func fixed(_ x: Double, decimals: Int, trimZeros: Bool) -> String {
        digits(x, decimals: decimals, trimZeros: trimZeros, grouping: false)
    }

    /// Inserts a comma every three digits of the integer part of a plain decimal text.
    public static func grouped(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = Array(parts[0])
        var out = ""
        for (i, ch) in integerPart.enumerated() {
            if i > 0 && (integerPart.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        if parts.count > 1 { out += "." + parts[1] }
        return sign + out
    }

    /// The one digit writer behind every format: scales to an integer, writes its digits into a
    /// byte buffer from the right (with the point, separators and sign), and makes one String.
    ///
    /// Written by hand rather than with `String(format:)`: Foundation's formatter and String
    /// surgery cost microseconds a call on Linux, and a replayed plan formats hundreds of
    /// thousands of numbers. Values whose scaled form exceeds 2^53 fall back to `String(format:)`.
    static func digits(_ x: Double, decimals: Int, trimZeros: Bool, grouping: Bool) -> String {
        var d = Swift.max(0, Swift.min(decimals, 22))
        let scaled = (Swift.abs(x) * powersOfTen[d]).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.007_199_254_740_992e15 else {
            var text = String(format: "%.\(d)f", x)
            if text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
            if trimZeros && text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return grouping ? grouped(text) : text
        }
        var n = UInt64(scaled)
        if trimZeros {
            while d > 0 && n % 10 == 0 { n /= 10; d -= 1 }
        }
        // At most 16 digits, 5 separators, a point, a leading zero run of 22, and a sign: on the
        // stack (a heap buffer per number showed up in replay profiles).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var i = buffer.count
            func put(_ byte: UInt8) { i -= 1; buffer[i] = byte }
            for _ in 0..<d {
                put(UInt8(ascii: "0") + UInt8(n % 10))
                n /= 10
            }
            if d > 0 { put(UInt8(ascii: ".")) }
            var written = 0
            repeat {
                if grouping && written > 0 && written % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "0") + UInt8(n % 10))
                n /= 10
                written += 1
            } while n > 0
            if x < 0 && !(scaled == 0) { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[i...]), as: UTF8.self)
        }
    }

    /// 10⁰ … 10²², each exactly representable in a Double.
    public static let powersOfTen: [Double] = (0...22).map { Foundation.pow(10, Double($0)) }
}

extension Double {
    /// floor(log10(|x|)) for a non-zero finite x, without rounding surprises at powers of ten.
    public var exponentBase10Value: Int {
        var e = 0
        var m = Swift.abs(self)
        guard m > 0, m.isFinite else { return 0 }
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        return e
    }
}
