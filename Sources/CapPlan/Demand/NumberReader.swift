/// Numbers in loaded files, read straight from their bytes.
///
/// Integers take a hand-written fast path (request logs are millions of token counts); anything
/// else (`12.5`, `1e3`, `-0.25`) goes through Swift's `Double(_:)`, which rounds correctly.
/// Spaces around a number are ignored. `inf` and `nan` are not numbers here: real files write a
/// missing value as empty, `NA`, `NaN`, `null` or `None`, and `isMissingMarker` recognises those.
enum NumberReader {
    /// 10^0 … 10^15, exact doubles.
    static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { v, _ in v * 10 } }

    static func parse(_ all: UnsafeBufferPointer<UInt8>) -> Double? {
        var lo = 0, hi = all.count
        while lo < hi, all[lo] == 0x20 || all[lo] == 0x09 { lo += 1 }
        while hi > lo, all[hi - 1] == 0x20 || all[hi - 1] == 0x09 { hi -= 1 }
        guard lo < hi else { return nil }
        // Fast path: up to 15 digits with an optional sign is exact as a Double.
        var i = lo
        var negative = false
        if all[i] == 0x2D || all[i] == 0x2B { negative = all[i] == 0x2D; i += 1 }
        if i < hi, hi - i <= 15 {
            var value = 0
            var j = i
            while j < hi, all[j] >= 0x30, all[j] <= 0x39 {
                value = value * 10 + Int(all[j] - 0x30)
                j += 1
            }
            if j == hi { return Double(negative ? -value : value) }
        }
        // Decimal fast path (Clinger 1990): at most 15 digits around one point, no exponent. The
        // digits as an integer m and 10^k are exact doubles, so m / 10^k is one correctly
        // rounded division — the same Double the standard parser returns.
        if hi - i <= 16 {
            var mantissa = 0
            var digits = 0
            var fraction = -1
            var j = i
            while j < hi {
                let c = all[j]
                if c >= 0x30 && c <= 0x39 {
                    mantissa = mantissa * 10 + Int(c - 0x30)
                    digits += 1
                    if fraction >= 0 { fraction += 1 }
                } else if c == 0x2E && fraction < 0 {
                    fraction = 0
                } else {
                    break
                }
                j += 1
            }
            if j == hi, digits > 0, digits <= 15, fraction > 0 {
                let value = Double(mantissa) / powersOfTen[fraction]
                return negative ? -value : value
            }
        }
        // General path: only characters a decimal number can hold, then the standard parser.
        for k in lo..<hi {
            let c = all[k]
            let ok = (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x65 || c == 0x45
            if !ok { return nil }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: all[lo..<hi]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Empty, or a common spelling of "no value": NA, N/A, NaN, null, None, nil (any case).
    static func isMissingMarker(_ all: UnsafeBufferPointer<UInt8>) -> Bool {
        var lo = 0, hi = all.count
        while lo < hi, all[lo] == 0x20 || all[lo] == 0x09 { lo += 1 }
        while hi > lo, all[hi - 1] == 0x20 || all[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return true }
        guard hi - lo <= 4 else { return false }
        var lower = ""
        for k in lo..<hi { lower.unicodeScalars.append(Unicode.Scalar(all[k] | 0x20)) }
        return ["na", "n/a", "nan", "null", "none", "nil"].contains(lower)
    }
}
