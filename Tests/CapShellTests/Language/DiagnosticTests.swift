import Foundation
import Testing
@testable import CapShell

/// Diagnostics as the user sees them: `FILE:LINE:COL: error: MESSAGE`, the physical line, and
/// a caret under the offending text, for every way statements can be laid out.
struct DiagnosticTests {
    struct CaretCase: Sendable, CustomTestStringConvertible {
        var id: String
        var text: String
        /// The expected first three lines of the diagnostic.
        var expected: [String]
        var testDescription: String { id }
    }

    @Test(arguments: [
        CaretCase(id: "first line", text: "2 ms + 3 GB", expected: [
            "plan.cap:1:1: error: cannot add time and data",
            "  2 ms + 3 GB",
            "  ^~~~~~~~~~~",
        ]),
        CaretCase(id: "second statement after a semicolon", text: "let a = 1; a + zz", expected: [
            "plan.cap:1:16: error: unknown name 'zz'",
            "  let a = 1; a + zz",
            "                 ^~",
        ]),
        CaretCase(id: "after a comment line", text: "# comment\n\n1 / 0", expected: [
            "plan.cap:3:5: error: division by zero",
            "  1 / 0",
            "      ^",
        ]),
        CaretCase(id: "third physical line of a continued statement", text: "let a = 1 + \\\n    2 + \\\n  zz\n", expected: [
            "plan.cap:3:3: error: unknown name 'zz'",
            "    zz",
            "    ^~",
        ]),
        CaretCase(id: "CRLF line endings", text: "let a = 1\r\nlet b = 2\r\n1 + zz\r\n", expected: [
            "plan.cap:3:5: error: unknown name 'zz'",
            "  1 + zz",
            "      ^~",
        ]),
        CaretCase(id: "CR-only line endings without a final newline", text: "let a = 1\rlet b = 2\r  3 + zz", expected: [
            "plan.cap:3:7: error: unknown name 'zz'",
            "    3 + zz",
            "        ^~",
        ]),
        CaretCase(id: "value of an option", text: "add workload w rps=10 in=zz", expected: [
            "plan.cap:1:26: error: unknown name 'zz'",
            "  add workload w rps=10 in=zz",
            "                           ^~",
        ]),
        CaretCase(id: "a key that does not exist", text: "add workload w rsp=10", expected: [
            "plan.cap:1:16: error: unknown option 'rsp' for 'add workload'",
            "  add workload w rsp=10",
            "                 ^~~",
        ]),
        CaretCase(id: "1e400 inside a let", text: "let big = 2 * 1e400", expected: [
            "plan.cap:1:15: error: the number 1e400 is too large",
            "  let big = 2 * 1e400",
            "                ^~~~~",
        ]),
        CaretCase(id: "an assignment without let points at the name", text: "x = 1; 5 GB / (3 s - 3 s)", expected: [
            "plan.cap:1:1: error: unknown name 'x'",
            "  x = 1; 5 GB / (3 s - 3 s)",
            "  ^",
        ]),
        CaretCase(id: "after a multi-byte character", text: "let né = 1; né + zz", expected: [
            "plan.cap:1:18: error: unknown name 'zz'",
            "  let né = 1; né + zz",
            "                   ^~",
        ]),
        CaretCase(id: "invalid UTF-8", text: "1 + \u{FFFD}", expected: [
            "plan.cap:1:5: error: unexpected character U+FFFD",
            "  1 + \u{FFFD}",
            "      ^",
        ]),
        CaretCase(id: "unterminated string", text: "save \"plan.cap", expected: [
            "plan.cap:1:6: error: unterminated string",
            "  save \"plan.cap",
            "       ^~~~~~~~~",
        ]),
    ])
    func errorsShowFileLineColumnAndACaretUnderTheProblem(_ c: CaretCase) {
        let run = Transcript.run(c.text, file: "plan.cap", echo: false)
        // Results of earlier statements (`a = 1`) come first; the diagnostic starts at "error:".
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .drop { !$0.contains(": error: ") }
        #expect(Array(lines.prefix(3)) == c.expected, "\(run.output)")
    }

    @Test func divisionByZeroPointsAtTheDivisor() {
        let run = Transcript.run("5 GB / (3 s - 3 s)", file: "plan.cap", echo: false)
        #expect(run.output.hasPrefix("""
        plan.cap:1:8: error: division by zero
          5 GB / (3 s - 3 s)
                 ^~~~~~~~~~~
        """), "\(run.output)")
    }

    @Test func aTypoedCommandWordSuggestsTheRightOne() {
        let run = Transcript.run("add wrkload x rps=1", file: "plan.cap", echo: false)
        #expect(run.output.contains("hint: did you mean") && run.output.contains("'add workload'"), "\(run.output)")
        #expect(run.output.hasPrefix("plan.cap:1:5: error:"), "\(run.output)")
    }

    @Test func anErrorInASourcedFileShowsTheChain() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("capplan-diag-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "let a = 1\n\n1 + zz\n".write(to: directory.appendingPathComponent("inner.cap"), atomically: true, encoding: .utf8)
        let run = Transcript.run("# outer\nsource inner.cap\n", file: "outer.cap", directory: directory.path, echo: false)
        #expect(run.output.contains("inner.cap:3:5: error: unknown name 'zz'"), "\(run.output)")
        #expect(run.output.contains("included from outer.cap:2"), "\(run.output)")
    }

    @Test func renderedDiagnosticsCutLongLinesToAWindowAroundTheCaret() {
        let line = String(repeating: "a", count: 5_000) + "ZZ" + String(repeating: "b", count: 5_000)
        let d = Diagnostic(location: SourceLocation(file: "f", line: 1, column: 5_001), message: "m", lineText: line, caretLength: 2)
        let lines = d.rendered().split(separator: "\n").map(String.init)
        #expect(lines[1].count == 162)
        let caretColumn = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let zzColumn = lines[1].firstIndex(of: "Z").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        #expect(caretColumn != nil && caretColumn == zzColumn)
        #expect(lines[2].hasSuffix("^~"))
    }
}
