import CapPlan
import Testing
@testable import CapShell

/// The evaluator as a calculator: values print with their unit, units convert, dimensions are
/// checked, and no input gives NaN, infinity or a crash.
struct EvaluatorTests {
    /// The output of `text` run as a script, without echo, trimmed.
    static func run(_ text: String) -> String {
        Transcript.run(text, echo: false).output.trimmingCharacters(in: .newlines)
    }

    struct PrintCase: Sendable, CustomTestStringConvertible {
        var input: String
        var output: String
        var testDescription: String { input }
        init(_ input: String, _ output: String) {
            self.input = input
            self.output = output
        }
    }

    @Test(arguments: [
        PrintCase("10k rps * 1.2", "12,000 rps"),
        PrintCase("700W to kW", "0.7 kW"),
        // 80e9 B / 3.35e12 B/s = 0.0238806 s.
        PrintCase("80GB / 3.35TB/s to ms", "23.8806 ms"),
        // 3.6e6 / 3,600 s = 1,000 rps.
        PrintCase("3.6M rph to rps", "1,000 rps"),
        PrintCase("3.6Mrph to rps", "1,000 rps"),
        // $4.50/h × 730 h = $3,285/mo.
        PrintCase("$4.50/h to $/mo", "$3,285/mo"),
        PrintCase("set month 720h; $4.50/h to $/mo", "$3,240/mo"),
        PrintCase("set month 720h; 1 mo to h", "720 h"),
        PrintCase("1 mo to h", "730 h"),
        // 100 × 1.1 / 10 is 11.000000000000002 in binary: it prints 11 and ceil says 11.
        PrintCase("100 rps * 1.1 / 10 rps", "11"),
        PrintCase("ceil(100 rps * 1.1 / 10 rps)", "11"),
        PrintCase("floor(100 rps * 0.7 / 10 rps)", "7"),
        PrintCase("ceil(11.2)", "12"),
        PrintCase("let x = 12000 rps; x / 5 rps", "x = 12,000 rps\n2,400"),
        PrintCase("let peak = 10k rps * 1.2; peak / 5 rps", "peak = 12,000 rps\n2,400"),
        PrintCase("2 h + 30 min", "2.5 h"),
        PrintCase("10 rps * 2 s", "20"),
        PrintCase("1 GiB to MB", "1,073.74 MB"),
        PrintCase("10k rps to rph", "36,000,000 rph"),
        PrintCase("5 rpm to rph", "300 rph"),
        PrintCase("1 wk to d", "7 d"),
        PrintCase("1000 tok/s * 60 s", "60,000 tok"),
        PrintCase("$4.50", "$4.50"),
        PrintCase("$4800", "$4,800"),
        PrintCase("$0.00042", "$0.00042"),
        PrintCase("-$0.001", "-$0.001"),
        PrintCase("$0.001 * -0", "$0.00"),
        PrintCase("30%", "0.3"),
        PrintCase("2.5x", "2.5"),
        PrintCase("2e6", "2,000,000"),
        PrintCase("70 B", "70 B"),
        PrintCase("sqrt(4 GB^2)", "4 GB"),
        PrintCase("max(1 s, 2 ms)", "1 s"),
        PrintCase("min(3, 1, 2)", "1"),
        PrintCase("round(2.5)", "3"),
        PrintCase("log(exp(2))", "2"),
        PrintCase("2 + 3; ans * 2", "5\n10"),
    ])
    func expressionsPrintTheirValueWithTheirUnit(_ c: PrintCase) {
        #expect(Self.run(c.input) == c.output)
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var id: String
        var input: String
        var message: String
        var testDescription: String { id }
    }

    @Test(arguments: [
        ErrorCase(id: "ms + GB", input: "2 ms + 3 GB", message: "error: cannot add time and data"),
        ErrorCase(id: "rps - $", input: "5 rps - $3", message: "error: cannot subtract a request rate and money"),
        ErrorCase(id: "tok/s + rps", input: "5 tok/s + 5 rps", message: "error: cannot add a token rate and a request rate"),
        ErrorCase(id: "convert data to time", input: "1 GB to s", message: "error: cannot convert data to s (time)"),
        ErrorCase(id: "currency is never converted to time", input: "$5 to h", message: "error: cannot convert money to h (time)"),
        ErrorCase(id: "division by zero", input: "1 / 0", message: "error: division by zero"),
        ErrorCase(id: "division by a zero quantity", input: "5 GB / (3 s - 3 s)", message: "error: division by zero"),
        ErrorCase(id: "0^-1", input: "0^-1", message: "error: division by zero"),
        ErrorCase(id: "exp(1000)", input: "exp(1000)", message: "error: the result of exp is too large to represent"),
        ErrorCase(id: "10^400", input: "10^400", message: "error: the result of exponentiation is too large to represent"),
        ErrorCase(id: "1e400", input: "1e400", message: "error: the number 1e400 is too large"),
        ErrorCase(id: "1e308 * 10", input: "1e308 * 10", message: "error: the result of multiplication is too large to represent"),
        ErrorCase(id: "sqrt(-1)", input: "sqrt(-1)", message: "error: sqrt of a negative number"),
        ErrorCase(id: "sqrt of seconds", input: "sqrt(4 s)", message: "error: time has no square root"),
        ErrorCase(id: "(-8)^0.5", input: "(-8)^0.5", message: "error: a fractional power of a negative number is not a real number"),
        ErrorCase(id: "log(0)", input: "log(0)", message: "error: log of a number that is not positive"),
        ErrorCase(id: "log(-1)", input: "log(-1)", message: "error: log of a number that is not positive"),
        ErrorCase(id: "ceil of a time", input: "ceil(1.5 s)", message: "error: ceil() takes a plain number, not time"),
        ErrorCase(id: "min across dimensions", input: "min(1 s, 2 GB)", message: "error: min() needs quantities of one dimension: time and data"),
        ErrorCase(id: "unknown function", input: "foo(1)", message: "error: unknown function 'foo'"),
        ErrorCase(id: "too few arguments", input: "sqrt()", message: "error: sqrt() takes 1 argument, got 0"),
        ErrorCase(id: "unknown name", input: "2 * zz", message: "error: unknown name 'zz'"),
        ErrorCase(id: "a unit alone", input: "rps * 2", message: "error: 'rps' is a unit, not a value"),
        ErrorCase(id: "ans before any result", input: "ans", message: "error: 'ans' has no value yet"),
        ErrorCase(id: "bare 70B", input: "70B", message: "error: '70B' is ambiguous: billion or bytes?"),
        ErrorCase(id: "10K", input: "10K", message: "error: unknown unit or suffix 'K'"),
        ErrorCase(id: "unbalanced (", input: "(1 + 2", message: "error: missing ')'"),
        ErrorCase(id: "unbalanced )", input: "1 + 2)", message: "error: unbalanced ')'"),
        ErrorCase(id: "unterminated string", input: "\"abc", message: "error: unterminated string"),
    ])
    func everyErrorPathIsAnErrorNeverNaNOrInfinity(_ c: ErrorCase) {
        let run = Transcript.run(c.input, echo: false)
        #expect(run.status.failures == 1)
        #expect(run.output.contains(c.message), "\(run.output)")
        let lowered = run.output.lowercased()
        #expect(!lowered.contains("nan") && !lowered.contains("inf") && !lowered.contains("n/a"), "\(run.output)")
    }

    @Test func dimensionErrorsNameBothSidesAndHint() {
        let output = Self.run("2 ms + 3 GB")
        #expect(output.contains("cannot add time and data"))
        #expect(output.contains("hint: both sides need the same kind of unit"))
    }

    @Test func garbageInputIsAnErrorNotACrash() {
        let inputs = [
            "\u{FFFD}\u{FFFD}\u{FFFD}",
            String(repeating: "x", count: 100_000),
            String(repeating: "1+", count: 50_000) + "1",
            String(repeating: "(", count: 50_000),
            String(repeating: "-", count: 100_000) + "1",
            String(repeating: "9", count: 400),
            "1" + String(repeating: "0", count: 400) + " rps",
            "\u{0}\u{1}\u{7F}",
            "$$$", "%%%", "()", "(()", "))", "1 ^ ^ 2", "to", "5 to", "let", "let = 1", "assert",
        ]
        for input in inputs {
            let run = Transcript.run(input, echo: false)
            #expect(run.status.failures == 1, "\(input.prefix(20))")
            let lowered = run.output.lowercased()
            #expect(!lowered.contains("nan") && !lowered.contains("inf"), "\(input.prefix(20))")
        }
    }

    @Test func aHundredThousandCharacterLineShowsACaretWindowNotTheWholeLine() {
        let line = String(repeating: "1 + ", count: 400) + "zz" + String(repeating: " + 1", count: 24_500)
        #expect(line.count > 99_000)
        let run = Transcript.run(line, file: "long.cap", echo: false)
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("long.cap:1:") == true, "\(lines.first ?? "")")
        #expect(lines.allSatisfy { $0.count < 400 })
    }

    @Test func variablesAndFunctionsEvaluateThroughTheSession() throws {
        var session = Session()
        session.bind("x", to: Quantity(12_000, unit: UnitTable.unit("rps")!))
        var parser = try ExpressionParser("ceil(x / 5 rps * 1.1)", conventions: .standard, nameArgumentFunctions: [])
        let q = try Evaluator(session: session).evaluate(parser.parseExpression())
        // 2,400 × 1.1 = 2,640.0000000000005 in binary; ceil snaps to 2,640.
        #expect(q == Quantity(2_640))
    }
}
