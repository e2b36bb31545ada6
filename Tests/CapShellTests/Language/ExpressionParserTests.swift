import CapPlan
import Testing
@testable import CapShell

/// ExpressionParser: precedence, units after numbers, `to`, name arguments, and limits that
/// keep pasted input from exhausting the stack.
struct ExpressionParserTests {
    static func parse(_ text: String, names: Set<String> = []) throws(LanguageError) -> Expression {
        var parser = try ExpressionParser(text, conventions: .standard, nameArgumentFunctions: names)
        return try parser.parseExpression()
    }

    static func value(_ text: String) throws -> Quantity {
        try Evaluator(session: Session()).evaluate(parse(text))
    }

    static func parseError(_ text: String) -> LanguageError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9), ("2 ^ 3 ^ 2", 512), ("-2 ^ 2", -4), ("2 * -3", -6),
        ("10 - 4 - 3", 3), ("100 / 10 / 5", 2), ("+5", 5), ("--5", 5), ("1 - 2 * 3 / 4 + 2^3^2", 511.5),
        ("2e6 / 1k", 2_000), ("30% * 200", 60), ("2.5x * 4", 10),
    ])
    func precedenceAndAssociativityFollowTheGrammar(_ text: String, _ expected: Double) throws {
        #expect(try Self.value(text) == Quantity(expected))
    }

    @Test func aUnitAfterANumberBelongsToItWithOrWithoutABlank() throws {
        guard case .binary(.divide, .variable("x", _), .literal(let q, let span), _) = try Self.parse("x / 5 rps") else {
            Issue.record("x / 5 rps did not divide by the quantity 5 rps")
            return
        }
        #expect(q.dimension == .rate && q.value == 5)
        #expect(span == 4..<9)
        #expect(try Self.value("10 TB/s") == Self.value("10TB/s"))
        #expect(try Self.value("3.35 TB/s").formatted() == "3.35 TB/s")
        #expect(try Self.value("10k rps").formatted() == "10,000 rps")
    }

    @Test func toConvertsTheWholeExpression() throws {
        #expect(try Self.value("700W to kW").formatted() == "0.7 kW")
        #expect(try Self.value("80GB / 3.35TB/s to ms").formatted() == "23.8806 ms")
    }

    @Test func hyphenatedNamesAreOneArgumentOfNameTakingFunctions() throws {
        guard case .call("f", let arguments, _) = try Self.parse("f(llama-3-70b, mixtral-8x7b)", names: ["f"]),
              arguments.count == 2,
              case .name("llama-3-70b", let span) = arguments[0],
              case .name("mixtral-8x7b", _) = arguments[1] else {
            Issue.record("a hyphenated name was split")
            return
        }
        #expect(span == 2..<13)
        // Elsewhere the same text is a subtraction.
        guard case .call("g", let other, _) = try Self.parse("g(llama-3-b)", names: ["f"]),
              case .expression(.binary(.subtract, _, _, _)) = other.first else {
            Issue.record("outside a name-taking function a hyphen is a minus")
            return
        }
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var id: String
        var text: String
        var message: String
        var span: Range<Int>
        var testDescription: String { id }
    }

    @Test(arguments: [
        ErrorCase(id: "unclosed parenthesis", text: "(1 + 2", message: "missing ')'", span: 0..<1),
        ErrorCase(id: "extra closing parenthesis", text: "1 + 2)", message: "unexpected ')' after the expression", span: 5..<6),
        ErrorCase(id: "expression ends early", text: "1 +", message: "expected a number, a name or '('", span: 3..<3),
        ErrorCase(id: "starts with an operator", text: "* 2", message: "unexpected '*'", span: 0..<1),
        ErrorCase(id: "two numbers", text: "1 2", message: "unexpected number after the expression", span: 2..<3),
        ErrorCase(id: "bare B", text: "70B * 2", message: "'70B' is ambiguous: billion or bytes?", span: 0..<3),
        ErrorCase(id: "to without a unit", text: "5 GB to", message: "'to' needs a unit", span: 5..<7),
        ErrorCase(id: "to an unknown unit", text: "5 GB to gb", message: "unknown unit or suffix 'gb'", span: 8..<10),
        ErrorCase(id: "a string in arithmetic", text: "1 + \"a\"", message: "a string (\"a\") cannot be used in arithmetic", span: 4..<7),
        ErrorCase(id: "unterminated string", text: "1 + \"a", message: "unterminated string", span: 4..<6),
        ErrorCase(id: "1e400", text: "1e400", message: "the number 1e400 is too large", span: 0..<5),
        ErrorCase(id: "K suffix", text: "10K", message: "unknown unit or suffix 'K'", span: 0..<3),
        ErrorCase(id: "bad call separator", text: "max(1 2)", message: "expected ',' or ')' in the arguments of max()", span: 6..<7),
    ])
    func malformedExpressionsAreErrorsThatPointAtTheProblem(_ c: ErrorCase) {
        guard let error = Self.parseError(c.text) else {
            Issue.record("'\(c.text)' parsed")
            return
        }
        #expect(error.message == c.message)
        #expect(error.span == c.span)
    }

    @Test func aSuffixAfterABlankSaysToWriteItAgainstTheNumber() {
        #expect(Self.parseError("10 k")?.hint == "write 'k' straight after the number, without a blank: 10k")
        #expect(Self.parseError("2.5 x")?.hint == "write 'x' straight after the number, without a blank: 10x")
        #expect(Self.parseError("(1 + 2) GB")?.hint?.hasPrefix("a unit goes straight after a number") == true)
        #expect(Self.parseError("3 mb")?.hint == "did you mean 'MB'?")
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        for (opening, closing) in [("(", ")"), ("-", ""), ("abs(", ")"), ("2^", "")] {
            let text = String(repeating: opening, count: 10_000) + "1" + String(repeating: closing, count: 10_000)
            let error = Self.parseError(text)
            #expect(error?.message.hasPrefix("the expression is nested too deeply") == true, "\(opening)")
        }
        // Within the limit nesting works.
        let fifty = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(Self.parseError(fifty) == nil)
    }

    @Test func aLongFlatChainEvaluatesWithoutRecursingPerOperand() throws {
        // 2,000 operands: within the limit, and evaluated without 2,000 nested calls.
        let text = String(repeating: "1 + ", count: 1_999) + "1"
        #expect(try Self.value(text) == Quantity(2_000))
        let longer = String(repeating: "1+", count: 50_000) + "1"
        #expect(Self.parseError(longer)?.message == "the expression is too long (more than 2,000 operands)")
    }
}
