import Testing
@testable import CapPlan

/// Positions in the expected errors are counted by hand: line and column from 1, a column is a
/// Unicode scalar, a line break (LF, CR or CRLF) ends a line.
struct CSVReaderTests {
    private func read(_ text: String, header: CSVReader.HeaderPolicy = .auto) throws -> CSVTable {
        try CSVReader.read(text, fileName: "f.csv", header: header)
    }

    private func rows(_ table: CSVTable) -> [[String]] { (0..<table.rowCount).map(table.row) }

    @Test(arguments: [
        ("a,b\n1,2\n3,4\n", "LF with a final newline"),
        ("a,b\r\n1,2\r\n3,4", "CRLF without a final newline"),
        ("a,b\r1,2\r3,4\r", "CR only"),
        ("a,b\r\n1,2\n3,4\r", "mixed"),
        ("\u{FEFF}a,b\n1,2\n\n3,4\n\n", "BOM and empty lines"),
    ])
    func everyLineEndingGivesTheSameTable(text: String, label: String) throws {
        let table = try read(text)
        #expect(table.header == ["a", "b"], "\(label)")
        #expect(rows(table) == [["1", "2"], ["3", "4"]], "\(label)")
        #expect(table.line(ofRow: 0) == 2, "\(label)")
    }

    @Test func quotedFieldsKeepCommasNewlinesAndDoubledQuotes() throws {
        let table = try read("name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",\"\"\r\nplain,x")
        #expect(rows(table) == [["a,b", "say \"hi\""], ["two\r\nlines", ""], ["plain", "x"]])
        // Row 2 starts on line 3 and its quoted field runs onto line 4, so row 3 starts on line 5.
        #expect(table.line(ofRow: 1) == 3)
        #expect(table.line(ofRow: 2) == 5)
    }

    @Test func headerIsDetectedFromTheFirstRow() throws {
        #expect(try read("ds,y\n1992-01-01,5").header == ["ds", "y"])
        let noHeader = try read("2023-11-16,5\n2023-11-17,6")
        #expect(noHeader.header == nil)
        #expect(noHeader.columnNames == ["1", "2"])
        #expect(noHeader.rowCount == 2)
        #expect(try read("x,y\n1,2", header: .absent).rowCount == 2)
        #expect(try read("1,2\n3,4", header: .present).header == ["1", "2"])
    }

    @Test func emptyFieldsAndTrailingCommaAreFields() throws {
        let table = try read("a,b,c\n1,,\n,,3")
        #expect(rows(table) == [["1", "", ""], ["", "", "3"]])
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: CSVError
        var testDescription: String { expected.message }
    }

    @Test(arguments: [
        // `1,"x` opens a quote at line 2 column 3 and the file ends inside it.
        ErrorCase(text: "a,b\n1,\"x\n2,3", expected: .unterminatedQuote(.init(file: "f.csv", line: 2, column: 3, lineText: "1,\"x"))),
        // `1,x"y`: the quote is the 4th character.
        ErrorCase(text: "a,b\r\n1,x\"y\r\n", expected: .quoteInUnquotedField(.init(file: "f.csv", line: 2, column: 4, lineText: "1,x\"y"))),
        // `1,"x"y`: 1 , " x " y → the y is column 6.
        ErrorCase(text: "a,b\n1,\"x\"y\n", expected: .textAfterClosingQuote(.init(file: "f.csv", line: 2, column: 6, lineText: "1,\"x\"y"))),
        // `3,4,5`: the extra field starts at column 5.
        ErrorCase(text: "a,b\n1,2\n3,4,5\n", expected: .wrongFieldCount(.init(file: "f.csv", line: 3, column: 5, lineText: "3,4,5"), expected: 2, found: 3)),
        // `3` alone: the row ends after column 1, so the missing field is at column 2.
        ErrorCase(text: "a,b\r\n1,2\r\n3\r\n", expected: .wrongFieldCount(.init(file: "f.csv", line: 3, column: 2, lineText: "3"), expected: 2, found: 1)),
        // CR-only line endings count lines too.
        ErrorCase(text: "a,b\r1,2\r3", expected: .wrongFieldCount(.init(file: "f.csv", line: 3, column: 2, lineText: "3"), expected: 2, found: 1)),
        // A quoted line break moves the next rows down a line: `2,3,4` is line 4.
        ErrorCase(text: "a,b\n\"x\ny\",1\n2,3,4", expected: .wrongFieldCount(.init(file: "f.csv", line: 4, column: 5, lineText: "2,3,4"), expected: 2, found: 3)),
        // Columns count characters, not bytes: é is 2 bytes but column 1, so the quote is column 2.
        ErrorCase(text: "name,n\né\"x,1", expected: .quoteInUnquotedField(.init(file: "f.csv", line: 2, column: 2, lineText: "é\"x,1"))),
        // A byte-order mark is not a column: the quote after `a,` is column 3.
        ErrorCase(text: "\u{FEFF}a,\"b", expected: .unterminatedQuote(.init(file: "f.csv", line: 1, column: 3, lineText: "a,\"b"))),
    ])
    func malformedRowNamesLineAndColumn(_ c: ErrorCase) {
        #expect(throws: c.expected) { try read(c.text) }
    }

    @Test func errorMessageStartsWithFileLineColumnAndHasAHint() {
        let error = CSVError.unterminatedQuote(.init(file: "chat.csv", line: 12, column: 24, lineText: "x"))
        #expect(error.message == "chat.csv:12:24: the quoted field that starts here is never closed")
        #expect(error.userHint?.contains("\"\"") == true)
    }

    @Test func emptyFileAndHeaderOnlyAreErrors() {
        #expect(throws: CSVError.noRows(file: "f.csv", headerOnly: false)) { try read("") }
        #expect(throws: CSVError.noRows(file: "f.csv", headerOnly: true)) { try read("a,b\r\n") }
    }

    @Test func fieldLocationPointsAtTheOpeningQuote() throws {
        let table = try read("a,b\n1,\"x\"\n\"p\nq\",\"r\"")
        #expect(table.location(row: 0, column: 1) == FileLocation(file: "f.csv", line: 2, column: 3, lineText: "1,\"x\""))
        // Row 2's second field opens on line 4 (`q","r"`), column 4.
        #expect(table.location(row: 1, column: 1).line == 4)
        #expect(table.location(row: 1, column: 1).column == 4)
    }
}
