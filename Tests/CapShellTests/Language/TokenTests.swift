import Testing
@testable import CapShell

/// The lexer (Token.swift): numbers with what is attached to them, money, names, strings,
/// symbols, and character (not byte) offsets.
struct TokenTests {
    static func tokens(_ text: String) throws -> [Token] {
        var lexer = Lexer(text)
        var out: [Token] = []
        while true {
            let token = try lexer.next()
            if token.kind == .end { return out }
            out.append(token)
        }
    }

    static func kinds(_ text: String) throws -> [Token.Kind] { try tokens(text).map(\.kind) }

    @Test func aNumberKeepsItsSuffixAndUnitAsOneTail() throws {
        #expect(try Self.kinds("10k rps * 1.2") == [.number(10, tail: "k"), .identifier("rps"), .symbol("*"), .number(1.2, tail: "")])
        #expect(try Self.kinds("3.35TB/s") == [.number(3.35, tail: "TB/s")])
        #expect(try Self.kinds("3.6Mrph") == [.number(3.6, tail: "Mrph")])
        #expect(try Self.kinds("30%") == [.number(30, tail: "%")])
        #expect(try Self.kinds("2.5x") == [.number(2.5, tail: "x")])
        #expect(try Self.kinds("10 TB / s") == [.number(10, tail: ""), .identifier("TB"), .symbol("/"), .identifier("s")])
    }

    @Test(arguments: [("2e6", 2e6), ("1.5e-3", 0.0015), ("1E+3", 1000), (".5", 0.5), ("0", 0), ("007", 7)])
    func exponentsAndLeadingDotsAreNumbers(_ text: String, _ value: Double) throws {
        #expect(try Self.kinds(text) == [.number(value, tail: "")])
    }

    /// Short decimals take the lexer's exact fast path (digits / 10^decimals); longer ones and
    /// exponents go through strtod. Both must give the value Double(text) gives, bit for bit:
    /// a seeded sweep of digit strings around the 15-digit boundary, with and without a point.
    @Test func decimalsLexToTheCorrectlyRoundedDouble() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            // SplitMix64 step, inline: the sweep only needs a fixed, reproducible digit stream.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<2_000 {
            let length = Int(next() % 19) + 1
            var digits = (0..<length).map { _ in Character(String(next() % 10)) }
            if next() % 4 != 0 { digits.insert(".", at: Int(next() % UInt64(length + 1))) }
            let text = String(digits)
            let expected = try #require(Double(text))
            #expect(try Self.kinds(text) == [.number(expected, tail: "")], "\(text)")
        }
        // Edges: 0.1 and 0.3 (not exact in binary), fifteen and sixteen digits, 22 decimals.
        for text in ["0.1", "0.3", "999999999999999", "9999999999999999", "0.0000000000000000000001", "123456789.012345"] {
            #expect(try Self.kinds(text) == [.number(Double(text)!, tail: "")], "\(text)")
        }
    }

    @Test func anEWithoutDigitsIsNotAnExponent() throws {
        // `5eV` is 5 with the tail "eV" (an unknown unit later), not 5e-something.
        #expect(try Self.kinds("5eV") == [.number(5, tail: "eV")])
        #expect(try Self.kinds("2e") == [.number(2, tail: "e")])
    }

    @Test func aNumberBeyondDoubleRangeIsALexError() {
        #expect(throws: LanguageError.self) { try Self.tokens("1e400") }
        do {
            _ = try Self.tokens("2 * 1e400")
            Issue.record("1e400 was accepted")
        } catch let error as LanguageError {
            #expect(error.message == "the number 1e400 is too large")
            #expect(error.span == 4..<9)
        } catch { Issue.record("\(error)") }
    }

    @Test func moneyIsADollarSignThenAnAmountAndAnOptionalPeriod() throws {
        #expect(try Self.kinds("$4.50/h") == [.money(4.5, tail: "/h")])
        #expect(try Self.kinds("$250k") == [.money(250, tail: "k")])
        #expect(try Self.kinds("$2M/mo") == [.money(2, tail: "M/mo")])
        #expect(throws: LanguageError.self) { try Self.tokens("$") }
        #expect(throws: LanguageError.self) { try Self.tokens("$abc") }
    }

    @Test func comparisonOperatorsAreSingleTokens() throws {
        #expect(try Self.kinds("a==b<=c>=d!=e<f>g") == [
            .identifier("a"), .symbol("=="), .identifier("b"), .symbol("<="), .identifier("c"), .symbol(">="),
            .identifier("d"), .symbol("!="), .identifier("e"), .symbol("<"), .identifier("f"), .symbol(">"), .identifier("g"),
        ])
    }

    @Test func stringsTakeEitherQuoteAndBackslashEscapes() throws {
        #expect(try Self.kinds(#""my plan.cap""#) == [.string("my plan.cap")])
        #expect(try Self.kinds("'a b'") == [.string("a b")])
        #expect(try Self.kinds(#""say \"hi\"""#) == [.string(#"say "hi""#)])
    }

    @Test func anUnterminatedStringIsAnErrorCoveringTheRestOfTheLine() {
        do {
            _ = try Self.tokens(#"1 + "abc"#)
            Issue.record("accepted")
        } catch let error as LanguageError {
            #expect(error.message == "unterminated string")
            #expect(error.span == 4..<8)
            #expect(error.hint == "close it with \"")
        } catch { Issue.record("\(error)") }
    }

    @Test func spansCountCharactersNotBytes() throws {
        // "é" and "µ" are two bytes each in UTF-8 but one character.
        let tokens = try Self.tokens("né + 10µs")
        #expect(tokens.map(\.span) == [0..<2, 3..<4, 5..<9])
        #expect(tokens.last?.kind == .number(10, tail: "µs"))
    }

    @Test func theReplacementCharacterOfInvalidUTF8IsReportedByCodePoint() {
        do {
            _ = try Self.tokens("1 + \u{FFFD}")
            Issue.record("accepted")
        } catch let error as LanguageError {
            #expect(error.message == "unexpected character U+FFFD")
            #expect(error.hint == "the input is not valid UTF-8 text")
            #expect(error.span == 4..<5)
        } catch { Issue.record("\(error)") }
    }

    @Test(arguments: ["@", "`", "\u{7}", "&", "|", "[", "{"])
    func unknownCharactersAreErrorsNotCrashes(_ text: String) {
        #expect(throws: LanguageError.self) { try Self.tokens("1 " + text) }
    }

    @Test func namesMayContainDigitsAndUnderscoresButNotHyphens() throws {
        #expect(try Self.kinds("peak_2x") == [.identifier("peak_2x")])
        #expect(try Self.kinds("llama-3") == [.identifier("llama"), .symbol("-"), .number(3, tail: "")])
        #expect(Lexer.isNameCharacter("-") && Lexer.isNameCharacter(".") && !Lexer.isNameCharacter("+"))
    }
}
