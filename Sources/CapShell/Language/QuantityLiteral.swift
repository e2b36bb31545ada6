import CapPlan

/// What a bare `B` means where a number is read: billion, bytes, or "ask the user".
public enum NumberContext: Sendable, Hashable {
    /// A calculator expression: `70B` is ambiguous and an error.
    case expression
    /// A count is expected (`params=70B`): `B` means billion.
    case count
    /// Data is expected (`ram=512B`): `B` means bytes.
    case data
}

/// Reads the text attached to a number: SI suffixes, units, `%` and `x`.
///
/// Rules (issue 2): k, M, G, T are decimal (1e3 ... 1e12) and case-sensitive; `Ki`, `Mi`, `Gi`,
/// `Ti` exist only before a byte unit (`GiB`); `30%` is 0.3; `2.5x` is 2.5; `B` alone is bytes
/// where data is expected, billion where a count is, and an error in an expression.
enum QuantityLiteral {
    static let suffixes: [Character: Double] = ["k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]

    static func resolve(_ number: Double, tail: String, money: Bool = false, context: NumberContext,
                        conventions: UnitConventions, span: Range<Int>) throws(LanguageError) -> Quantity {
        func finite(_ q: Quantity) throws(LanguageError) -> Quantity {
            guard q.value.isFinite else {
                throw LanguageError(.lex, "the number is too large", hint: "numbers must be below about 1e308", span: span)
            }
            return q
        }
        if money {
            // `$4.50`, `$4.50/h`, `$250k`, `$2M/mo`.
            var amount = number
            var rest = Substring(tail)
            if let first = rest.first, let multiplier = suffixes[first], rest.dropFirst().first != "i" {
                amount *= multiplier
                rest = rest.dropFirst()
            }
            if rest.isEmpty { return try finite(Quantity(amount, unit: UnitTable.unit("$")!)) }
            guard let unit = UnitTable.unit("$" + rest, conventions: conventions) else {
                throw LanguageError(.lex, "unknown money unit '$\(rest)'", hint: "use $, $/h, $/mo, $/yr or $/kWh", span: span)
            }
            return try finite(Quantity(amount, unit: unit))
        }
        switch tail {
        case "": return Quantity(number)
        case "%": return Quantity(number / 100)
        case "x": return Quantity(number)
        case "B":
            switch context {
            case .count: return try finite(Quantity(number * 1e9))
            case .data: return Quantity(number, unit: UnitTable.unit("B")!)
            case .expression:
                throw LanguageError(.lex, "'\(NumberFormat.decimal(number))B' is ambiguous: billion or bytes?",
                                    hint: "write \(NumberFormat.decimal(number))G for \(NumberFormat.decimal(number)) billion, or \(NumberFormat.decimal(number)) bytes for data",
                                    span: span)
            }
        default: break
        }
        if let unit = UnitTable.unit(tail, conventions: conventions) {
            return try finite(Quantity(number, unit: unit))
        }
        // A binary prefix without bytes: `10Ki`, `4Gi`, `2KiW`.
        if let first = tail.first, "KMGT".contains(first), tail.dropFirst().hasPrefix("i") {
            throw LanguageError(.lex, "binary prefix '\(first)i' needs a byte unit", hint: "write \(first)iB, or \(first == "K" ? "k" : String(first)) for a decimal multiple", span: span)
        }
        // An SI suffix, optionally followed by a unit: `10k`, `3.6Mrph`, `2Grps`.
        if let first = tail.first, let multiplier = suffixes[first] {
            let rest = String(tail.dropFirst())
            if rest.hasPrefix("i") {
                throw LanguageError(.lex, "binary prefix '\(first)i' needs a byte unit", hint: "write \(first)iB, or \(first) for a decimal multiple", span: span)
            }
            if rest.isEmpty { return try finite(Quantity(number * multiplier)) }
            if rest == "B" && context == .count { return try finite(Quantity(number * multiplier * 1e9)) }
            if let unit = UnitTable.unit(rest, conventions: conventions) {
                return try finite(Quantity(number * multiplier, unit: unit))
            }
        }
        throw unknownUnit(tail, span: span)
    }

    static func unknownUnit(_ tail: String, span: Range<Int>) -> LanguageError {
        var hint = Suggestions.hint(for: tail, in: UnitTable.spellings + ["k", "M", "G", "T", "%", "x"])
        if hint == nil, let upper = UnitTable.unit(tail.uppercased()) {
            hint = "did you mean '\(upper.symbol)'? units are case-sensitive"
        }
        if hint == nil && tail.first == "K" {
            hint = "the thousands suffix is a lower-case k"
        }
        return LanguageError(.lex, "unknown unit or suffix '\(tail)'",
                             hint: hint ?? "suffixes are k, M, G, T; units include ms, s, h, mo, rps, tok/s, GB, TB/s, TFLOPS, W, $/h",
                             span: span)
    }
}
