import Testing
@testable import CapShell

/// Words: `key=value` splitting that keeps names, comparisons, quotes and parenthesised
/// expressions whole.
struct WordsTests {
    static func words(_ text: String) throws -> [Word] { try Word.split(Array(text.unicodeScalars), from: 0) }

    @Test func aHyphenatedValueIsOneNameNeverASubtraction() throws {
        let words = try Self.words("add workload chat model=llama-3-70b gpu=a100-40gb pricing=reserved-1y")
        #expect(words.map(\.text) == ["add", "workload", "chat", "model=llama-3-70b", "gpu=a100-40gb", "pricing=reserved-1y"])
        #expect(words[3].key == "model" && words[3].value == "llama-3-70b")
        #expect(words[3].keySpan == 18..<23 && words[3].valueSpan == 24..<35)
        #expect(words[4].value == "a100-40gb" && words[5].value == "reserved-1y")
    }

    @Test func aComparisonInsideAValueStaysInTheValue() throws {
        let words = try Self.words("size chat sla=p99<=0.5s x>=3")
        #expect(words[2].key == "sla" && words[2].value == "p99<=0.5s")
        // `x>=3` has no key: `=` right after `>` is a comparison.
        #expect(words[3].key == nil)
        #expect(try Self.words("a==b")[0].key == nil)
        #expect(try Self.words("a!=b")[0].key == nil)
        #expect(try Self.words("a<=b")[0].key == nil)
    }

    @Test func dottedKeysAreOneKey() throws {
        let word = try Self.words("sla.ttft=500ms")[0]
        #expect(word.key == "sla.ttft" && word.value == "500ms")
    }

    @Test func quotedNamesKeepTheirBlanksAndLoseTheirQuotes() throws {
        let words = try Self.words(#"add workload "my chat" note='a b c' path="x\"y""#)
        #expect(words.count == 5)
        #expect(words[2].value == "my chat" && words[2].quoted && words[2].key == nil)
        #expect(words[3].key == "note" && words[3].value == "a b c" && words[3].quoted)
        #expect(words[4].value == #"x"y"#)
    }

    @Test func parenthesesKeepAnExpressionWithBlanksInOneWord() throws {
        let words = try Self.words("set workload a rate=(10k rps * 1.2) peak=2x")
        #expect(words.map(\.text) == ["set", "workload", "a", "rate=(10k rps * 1.2)", "peak=2x"])
        #expect(words[3].value == "(10k rps * 1.2)" && !words[3].quoted)
    }

    @Test func aValueMayBeEmptyOrStartWithEquals() throws {
        #expect(try Self.words("a=")[0].value == "")
        #expect(try Self.words("a==")[0].key == nil)
    }

    @Test func unbalancedQuotesAndParenthesesAreErrorsWithSpans() {
        #expect(throws: LanguageError(.lex, "unterminated string", hint: "close it with \"", span: 6..<10)) {
            try Self.words(#"save x"abc"#)
        }
        #expect(throws: LanguageError(.parse, "missing ')'", hint: "a '(' in this word is not closed", span: 2..<13)) {
            try Self.words("a rate=(1 + 2")
        }
        #expect(throws: LanguageError(.parse, "unbalanced ')'", span: 3..<4)) {
            try Self.words("a b)")
        }
    }

    @Test func blanksAndTabsSeparateWordsAndSpansAreCharacterOffsets() throws {
        let words = try Self.words("  é\tb=1   c ")
        #expect(words.map(\.text) == ["é", "b=1", "c"])
        #expect(words.map(\.span) == [2..<3, 4..<7, 10..<11])
    }

    @Test func keyValueWordsBindByTheOptionsDeclaredType() {
        let run = Transcript.run("""
        add workload w model=llama-3-70b pricing=reserved-1y rps=10
        show workload w
        add workload "quoted name" rps=1
        show workload "quoted name"
        """, echo: false)
        #expect(run.status.failures == 0, "\(run.output)")
        #expect(run.output.contains("llama-3-70b"))
        #expect(run.output.contains("reserved-1y"))
        #expect(run.output.contains("workload quoted name"), "\(run.output)")
    }
}
