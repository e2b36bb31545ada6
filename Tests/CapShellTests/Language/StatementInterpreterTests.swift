import Testing
@testable import CapShell

/// StatementInterpreter: `let` binds names that cannot be confused with units, commands or
/// functions; `assert` compares with a tolerance and fails with both values.
struct StatementInterpreterTests {
    static func run(_ text: String) -> (output: String, failures: Int) {
        let run = Transcript.run(text, echo: false)
        return (run.output.trimmingCharacters(in: .newlines), run.status.failures)
    }

    struct LetCase: Sendable, CustomTestStringConvertible {
        var name: String
        var message: String
        var testDescription: String { name }
        init(_ name: String, _ message: String) {
            self.name = name
            self.message = message
        }
    }

    @Test(arguments: [
        LetCase("rps", "'rps' is a unit and cannot be a variable name"),
        LetCase("GB", "'GB' is a unit and cannot be a variable name"),
        LetCase("ms", "'ms' is a unit and cannot be a variable name"),
        LetCase("mo", "'mo' is a unit and cannot be a variable name"),
        LetCase("add", "'add' is a command and cannot be a variable name"),
        LetCase("show", "'show' is a command and cannot be a variable name"),
        LetCase("Save", "'Save' is a command and cannot be a variable name"),
        LetCase("undo", "'undo' is a command and cannot be a variable name"),
        LetCase("ceil", "'ceil' is a function and cannot be a variable name"),
        LetCase("sqrt", "'sqrt' is a function and cannot be a variable name"),
        LetCase("max", "'max' is a function and cannot be a variable name"),
        LetCase("ans", "'ans' is reserved"),
        LetCase("to", "'to' is reserved"),
        LetCase("let", "'let' is reserved"),
        LetCase("assert", "'assert' is reserved"),
    ])
    func letRejectsUnitNamesCommandWordsAndFunctionNames(_ c: LetCase) {
        let run = Self.run("let \(c.name) = 1")
        #expect(run.failures == 1)
        #expect(run.output.contains("error: \(c.message)"), "\(run.output)")
    }

    @Test func letPointsTheCaretAtTheRejectedName() {
        let run = Transcript.run("let   rps = 1", file: "p.cap", echo: false)
        #expect(run.output.hasPrefix("p.cap:1:7: error:"), "\(run.output)")
        #expect(run.output.contains("\n        ^~~\n"), "\(run.output)")
    }

    @Test func letBindsAndRebinds() {
        let run = Self.run("let peak = 10k rps * 1.2; let peak = peak * 2; peak / 5 rps; show variables")
        #expect(run.failures == 0, "\(run.output)")
        #expect(run.output.hasPrefix("peak = 12,000 rps\npeak = 24,000 rps\n4,800"), "\(run.output)")
    }

    @Test(arguments: ["let", "let x", "let x 1", "let 1x = 2", "let x == 1", "let x = ", "let x = zz"])
    func malformedLetIsAnErrorAndBindsNothing(_ text: String) {
        let run = Transcript.run(text + "\nshow variables", echo: false)
        #expect(run.status.failures == 1, "\(text)")
        #expect(run.shell.session.variables.isEmpty, "\(text)")
    }

    @Test func assertPassesSilentlyAndFailsWithBothValues() {
        let pass = Self.run("let x = 12000 rps; assert x / 5 rps == 2400; assert 100 * 1.1 / 10 == 11; assert 0.1 + 0.2 == 0.3")
        #expect(pass.failures == 0)
        #expect(pass.output == "x = 12,000 rps")
        let fail = Transcript.run("let x = 12000 rps\nassert x / 5 rps >= 2401", file: "ex.cap", echo: false)
        #expect(fail.status.failures == 1)
        #expect(fail.output.contains("ex.cap:2:8: error: assertion failed: 2,400 >= 2,401 is false"), "\(fail.output)")
    }

    @Test func assertShowsUnitsAndTenSignificantDigits() {
        let run = Self.run("assert 1 h == 59.99 min")
        #expect(run.output.contains("assertion failed: 1 h == 59.99 min is false"), "\(run.output)")
        let precise = Self.run("assert 1/3 == 0.3333")
        #expect(precise.output.contains("assertion failed: 0.3333333333 == 0.3333 is false"), "\(precise.output)")
    }

    @Test(arguments: [
        ("assert 1 = 1", "'=' assigns; compare with '=='"),
        ("assert 1", "assert needs a comparison"),
        ("assert 1 s == 1 GB", "cannot compare time and data"),
        ("assert zz == 1", "unknown name 'zz'"),
    ])
    func malformedAssertionsAreErrors(_ text: String, _ message: String) {
        let run = Self.run(text)
        #expect(run.failures == 1)
        #expect(run.output.contains("error: \(message)"), "\(run.output)")
    }

    @Test func anUnknownFirstWordFollowedByWordsIsReportedAsAnUnknownCommand() {
        let run = Self.run("sizee chat gpu=h100")
        #expect(run.output.contains("error: unknown command 'sizee'"), "\(run.output)")
    }
}
