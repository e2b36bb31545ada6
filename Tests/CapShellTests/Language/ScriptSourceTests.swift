import Testing
@testable import CapShell

/// ScriptSource: statements split on lines, `;`, `\` continuation and `#` comments, with every
/// character traced back to its file line and column.
struct ScriptSourceTests {
    static func texts(_ text: String) -> [String] {
        ScriptSource(file: "t.cap", text: text).statements.map(\.trimmedText)
    }

    struct SplitCase: Sendable, CustomTestStringConvertible {
        var id: String
        var text: String
        var statements: [String]
        var testDescription: String { id }
    }

    @Test(arguments: [
        SplitCase(id: "one per line", text: "a\nb\nc\n", statements: ["a", "b", "c"]),
        SplitCase(id: "no final newline", text: "a\nb", statements: ["a", "b"]),
        SplitCase(id: "semicolons", text: "a; b ;c", statements: ["a", "b", "c"]),
        SplitCase(id: "empty statements vanish", text: ";; a ;;\n\n   \n", statements: ["a"]),
        SplitCase(id: "comment", text: "a # b; c\n# whole line\nd", statements: ["a", "d"]),
        SplitCase(id: "continuation", text: "add workload x \\\n  rps=10 \\\n  in=5\nnext", statements: ["add workload x    rps=10    in=5", "next"]),
        SplitCase(id: "continuation with trailing blanks", text: "a \\  \t\nb", statements: ["a  b"]),
        SplitCase(id: "backslash in a comment does not continue", text: "a # note \\\nb", statements: ["a", "b"]),
        SplitCase(id: "semicolon in double quotes", text: #"add workload "a;b" rps=1; c"#, statements: [#"add workload "a;b" rps=1"#, "c"]),
        SplitCase(id: "semicolon in single quotes", text: "x 'a;b'; c", statements: ["x 'a;b'", "c"]),
        SplitCase(id: "hash in quotes", text: #"save "plan#2.cap" # saved"#, statements: [#"save "plan#2.cap""#]),
        SplitCase(id: "escaped quote in quotes", text: #"x "a\";b"; c"#, statements: [#"x "a\";b""#, "c"]),
        SplitCase(id: "semicolon in parentheses", text: "set workload a rate=(10 rps; 2); b", statements: ["set workload a rate=(10 rps; 2)", "b"]),
        SplitCase(id: "CRLF", text: "a\r\nb\r\n", statements: ["a", "b"]),
        SplitCase(id: "CR only", text: "a\rb\rc", statements: ["a", "b", "c"]),
        SplitCase(id: "CRLF continuation", text: "a \\\r\nb\r\nc", statements: ["a  b", "c"]),
        SplitCase(id: "empty text", text: "", statements: []),
        SplitCase(id: "only comments", text: "# a\n  # b\r\n", statements: []),
    ])
    func statementsSplitOnLinesSemicolonsAndContinuations(_ c: SplitCase) {
        #expect(Self.texts(c.text) == c.statements)
    }

    @Test func crlfAndCROnlyLineEndingsSplitStatements() {
        for ending in ["\n", "\r\n", "\r"] {
            let source = ScriptSource(file: "t.cap", text: ["a", "b", "", "c"].joined(separator: ending))
            #expect(source.statements.map(\.text) == ["a", "b", "c"], "\(ending.debugDescription)")
            #expect(source.statements.map { $0.location(ofOffset: 0).0.line } == [1, 2, 4], "\(ending.debugDescription)")
        }
    }

    @Test func locationsFollowPhysicalLinesAcrossContinuations() {
        let source = ScriptSource(file: "plan.cap", text: "# header\nlet a = 1 + \\\n    2 + \\\n  zz; b\n")
        let statement = source.statements[0]
        // "zz" sits on line 4, column 3.
        let offset = Array(statement.text).firstIndex(of: "z")!
        let (location, line) = statement.location(ofOffset: offset)
        #expect(location == SourceLocation(file: "plan.cap", line: 4, column: 3))
        #expect(line == "  zz; b")
        let (second, _) = source.statements[1].location(ofOffset: 1)
        #expect(second == SourceLocation(file: "plan.cap", line: 4, column: 7))
    }

    @Test func columnsCountCharactersNotBytes() {
        let source = ScriptSource(file: "u.cap", text: "let né = 1; µ")
        let (location, _) = source.statements[1].location(ofOffset: 1)
        #expect(location.column == 13)
    }

    @Test func firstLineNumbersLinesFromAnOffset() {
        let source = ScriptSource(file: "t.cap", text: "a\nb", firstLine: 10)
        #expect(source.statements.map { $0.location(ofOffset: 0).0.line } == [10, 11])
    }

    @Test func invalidUTF8DecodedAsReplacementCharactersStillSplits() {
        let bytes: [UInt8] = [0x31, 0x0A, 0xFF, 0xFE, 0x0A, 0x32]
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(Self.texts(text) == ["1", "\u{FFFD}\u{FFFD}", "2"])
    }
}
