/// One blank-separated word of a command line: a positional value or `key=value`.
///
/// Quotes group blanks into a name or path (`"my plan.cap"`); parentheses group an expression
/// (`rate=(10k rps * 1.2)`). Spans are character offsets in the statement.
struct Word: Sendable, Hashable {
    var text: String
    var span: Range<Int>
    /// For `key=value`: the key and where the value starts.
    var key: String?
    var keySpan: Range<Int>?
    var value: String
    var valueSpan: Range<Int>
    /// Whether the value was written in quotes (then it is a literal string, quotes removed).
    var quoted: Bool

    /// Splits `chars[from...]` into words.
    static func split(_ chars: [SourceChar], from start: Int) throws(LanguageError) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(8)  // a command line rarely has more; growing 1, 2, 4, 8 showed in replays
        var i = start
        while i < chars.count {
            while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
            guard i < chars.count else { break }
            let wordStart = i
            var quote: SourceChar?
            var quoteStart = 0
            var depth = 0
            while i < chars.count {
                let c = chars[i]
                if let q = quote {
                    if c == "\\" { i += 2; continue }
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                    quoteStart = i
                } else if c == "(" {
                    depth += 1
                } else if c == ")" {
                    depth -= 1
                    if depth < 0 {
                        throw LanguageError(.parse, "unbalanced ')'", span: i..<(i + 1))
                    }
                } else if (c == " " || c == "\t") && depth == 0 {
                    break
                }
                i += 1
            }
            if quote != nil {
                throw LanguageError(.lex, "unterminated string", hint: "close it with \(quote!)", span: quoteStart..<chars.count)
            }
            if depth > 0 {
                throw LanguageError(.parse, "missing ')'", hint: "a '(' in this word is not closed", span: wordStart..<chars.count)
            }
            i = Swift.min(i, chars.count)
            words.append(Word.make(chars, wordStart..<i))
        }
        return words
    }

    private static func make(_ chars: [SourceChar], _ span: Range<Int>) -> Word {
        let text = String(scalars: chars[span])
        // `key=value` where key is NAME{.NAME} and the `=` is not part of `==`, `<=`, `>=`, `!=`.
        var keyEnd: Int?
        var j = span.lowerBound
        if j < span.upperBound, chars[j].isLetter || chars[j] == "_" {
            while j < span.upperBound, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
            if j < span.upperBound, chars[j] == "=", !(j + 1 < span.upperBound && chars[j + 1] == "=") {
                keyEnd = j
            }
        }
        if let keyEnd {
            let valueSpan = (keyEnd + 1)..<span.upperBound
            let (value, quoted) = unquote(chars, valueSpan)
            return Word(text: text, span: span, key: String(scalars: chars[span.lowerBound..<keyEnd]), keySpan: span.lowerBound..<keyEnd,
                        value: value, valueSpan: valueSpan, quoted: quoted)
        }
        let (value, quoted) = unquote(chars, span)
        return Word(text: text, span: span, key: nil, keySpan: nil, value: value, valueSpan: span, quoted: quoted)
    }

    /// Removes surrounding quotes and backslash escapes from a fully quoted value.
    private static func unquote(_ chars: [SourceChar], _ span: Range<Int>) -> (String, Bool) {
        guard span.count >= 2, let first = chars[span].first, first == "\"" || first == "'", chars[span.upperBound - 1] == first else {
            return (String(scalars: chars[span]), false)
        }
        var out = String.UnicodeScalarView()
        var i = span.lowerBound + 1
        while i < span.upperBound - 1 {
            if chars[i] == "\\", i + 1 < span.upperBound - 1 {
                out.append(chars[i + 1])
                i += 2
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return (String(out), true)
    }
}
