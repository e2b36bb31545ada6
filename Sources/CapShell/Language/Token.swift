import CapPlan

/// A token of the expression language.
struct Token: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A number with what is attached to it: `10k` → (10, "k"), `3.35TB/s` → (3.35, "TB/s").
        case number(Double, tail: String)
        /// A money literal: `$4.50/h` → (4.5, "/h"), `$250k` → (250, "k").
        case money(Double, tail: String)
        case identifier(String)
        case string(String)
        case symbol(String)
        case end
    }
    var kind: Kind
    /// Character offsets in the text being lexed.
    var span: Range<Int>
}

/// Turns expression text into tokens. Offsets are character offsets from the start of `text`.
struct Lexer {
    let chars: [SourceChar]
    private(set) var position = 0

    init(_ text: String) { chars = Array(text.unicodeScalars) }
    init(chars: [SourceChar]) { self.chars = chars }

    static let symbols: [String] = ["==", "!=", "<=", ">=", "+", "-", "*", "/", "^", "(", ")", ",", "<", ">", "=", "%"]

    mutating func skipBlanks() {
        while position < chars.count, chars[position] == " " || chars[position] == "\t" { position += 1 }
    }

    /// Whether the next character is a blank (used to tell `10 TB/s` from `10 TB / s`).
    var atBlank: Bool { position < chars.count && (chars[position] == " " || chars[position] == "\t") }

    mutating func next() throws(LanguageError) -> Token {
        skipBlanks()
        guard position < chars.count else { return Token(kind: .end, span: position..<position) }
        let start = position
        let c = chars[position]
        if c.isASCII && c.isNumber || (c == "." && peekIsDigit(1)) {
            let value = try number()
            return Token(kind: .number(value, tail: unitTail()), span: start..<position)
        }
        if c == "$" {
            position += 1
            guard position < chars.count, chars[position].isASCII, chars[position].isNumber || chars[position] == "." else {
                throw LanguageError(.lex, "'$' must be followed by an amount", hint: "write money as $4.50 or $4.50/h", span: start..<position)
            }
            let value = try number()
            return Token(kind: .money(value, tail: unitTail(leadingSlash: true)), span: start..<position)
        }
        if Lexer.isIdentifierStart(c) {
            while position < chars.count, Lexer.isIdentifierBody(chars[position]) { position += 1 }
            return Token(kind: .identifier(String(scalars: chars[start..<position])), span: start..<position)
        }
        if c == "\"" || c == "'" {
            return try quoted(c)
        }
        for symbol in Lexer.symbols where matches(symbol) {
            position += symbol.unicodeScalars.count
            return Token(kind: .symbol(symbol), span: start..<position)
        }
        let shown = c.properties.isWhitespace || c.value < 32 || c == "\u{FFFD}"
            ? "U+" + String(c.value, radix: 16, uppercase: true)
            : "'\(c)'"
        throw LanguageError(.lex, "unexpected character \(shown)", hint: c == "\u{FFFD}" ? "the input is not valid UTF-8 text" : nil, span: start..<(start + 1))
    }

    private func peekIsDigit(_ ahead: Int) -> Bool {
        let i = position + ahead
        return i < chars.count && chars[i].isASCII && chars[i].isNumber
    }

    private func matches(_ symbol: String) -> Bool {
        var i = position
        for s in symbol.unicodeScalars {
            guard i < chars.count, chars[i] == s else { return false }
            i += 1
        }
        return true
    }

    private mutating func number() throws(LanguageError) -> Double {
        let start = position
        // The digits as an integer and the count after the point, for the exact fast path below.
        var mantissa: UInt64 = 0
        var digits = 0
        var decimals = 0
        func digit() -> Bool {
            guard position < chars.count, chars[position].isASCII, chars[position].isNumber else { return false }
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(chars[position].value - 48) }
            digits += 1
            position += 1
            return true
        }
        while digit() {}
        if position < chars.count, chars[position] == "." {
            position += 1
            while digit() { decimals += 1 }
        }
        var exponent = false
        // An exponent only when digits follow: `2e6`, `1.5e-3`; `5eV` is not one.
        if position < chars.count, chars[position] == "e" || chars[position] == "E" {
            var i = position + 1
            if i < chars.count, chars[i] == "+" || chars[i] == "-" { i += 1 }
            if i < chars.count, chars[i].isASCII, chars[i].isNumber {
                exponent = true
                position = i
                while position < chars.count, chars[position].isASCII, chars[position].isNumber { position += 1 }
            }
        }
        // Up to 15 digits and no exponent: integer / 10^decimals is one correctly rounded
        // division of two exact doubles, the same value strtod gives (Clinger's fast path).
        if !exponent, digits > 0, digits <= 15, decimals <= 22 {
            return Double(mantissa) / NumberFormat.powersOfTen[decimals]
        }
        let text = String(scalars: chars[start..<position])
        guard let value = Double(text) else {
            throw LanguageError(.lex, "'\(text)' is not a number", span: start..<position)
        }
        guard value.isFinite else {
            throw LanguageError(.lex, "the number \(text) is too large", hint: "numbers must be below about 1e308", span: start..<position)
        }
        return value
    }

    /// Letters, `%`, `µ` and `/`-joined unit parts written straight after a number.
    private mutating func unitTail(leadingSlash: Bool = false) -> String {
        let start = position
        while position < chars.count {
            let c = chars[position]
            if c.isLetter || c == "%" || c == "µ" || c == "$" {
                position += 1
            } else if c == "/", position + 1 < chars.count, chars[position + 1].isLetter || chars[position + 1] == "$", position > start || leadingSlash {
                position += 1
            } else {
                break
            }
        }
        return String(scalars: chars[start..<position])
    }

    private mutating func quoted(_ quote: SourceChar) throws(LanguageError) -> Token {
        let start = position
        position += 1
        var text = String.UnicodeScalarView()
        while position < chars.count {
            let c = chars[position]
            if c == "\\", position + 1 < chars.count {
                text.append(chars[position + 1])
                position += 2
                continue
            }
            if c == quote {
                position += 1
                return Token(kind: .string(String(text)), span: start..<position)
            }
            text.append(c)
            position += 1
        }
        throw LanguageError(.lex, "unterminated string", hint: "close it with \(quote)", span: start..<chars.count)
    }

    /// Reads a unit spelling with no blanks (after `to`): `kW`, `$/mo`, `TB/s`.
    mutating func rawWord() -> Token {
        skipBlanks()
        let start = position
        while position < chars.count, chars[position] != " ", chars[position] != "\t", chars[position] != ")", chars[position] != "," {
            position += 1
        }
        return Token(kind: .identifier(String(scalars: chars[start..<position])), span: start..<position)
    }

    mutating func reset(to offset: Int) { position = offset }

    func text(_ span: Range<Int>) -> String { String(scalars: chars[span]) }

    /// Reads a name token: letters, digits, `-`, `.`, `_`.
    mutating func rawName() -> Range<Int> {
        let start = position
        while position < chars.count, Lexer.isNameCharacter(chars[position]) { position += 1 }
        return start..<position
    }

    static func isNameCharacter(_ c: SourceChar) -> Bool {
        c == "-" || c == "." || c == "_" || c.isLetter || (c.isASCII && c.isNumber)
    }

    static func isIdentifierStart(_ c: SourceChar) -> Bool {
        c == "_" || (c.isLetter && c != "µ")
    }

    static func isIdentifierBody(_ c: SourceChar) -> Bool {
        c == "_" || c.isLetter || (c.isASCII && c.isNumber)
    }
}
