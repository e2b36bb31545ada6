/// Finding the time, value and token columns of a CSV table by name or by content.
enum ColumnDetection {
    /// Names that mean "the time" (compared case-insensitively, spaces and `_` ignored).
    static let timeNames: Set<String> = [
        "time", "timestamp", "ts", "date", "datetime", "ds", "period", "t", "time(utc)", "timeutc",
        "starttime", "start", "createdat", "created", "arrivaltime", "eventtime",
    ]
    static let inputHints = ["input", "prompt", "context", "request", "tokensin", "intokens"]
    static let outputHints = ["output", "generated", "completion", "response", "tokensout", "outtokens"]

    static func normalise(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" })
    }

    /// The column called `name` (case-insensitive), or numbered `name` (1-based).
    static func column(named name: String, in table: CSVTable) throws -> Int {
        let names = table.columnNames
        if let exact = names.firstIndex(of: name) { return exact }
        let wanted = normalise(name)
        if let loose = names.firstIndex(where: { normalise($0) == wanted }) { return loose }
        if let number = Int(name), number >= 1, number <= table.columnCount { return number - 1 }
        throw DemandError.unknownColumn(file: table.fileName, name: name, columns: names)
    }

    /// The time column: by a known name, else the first whose first value reads as a date,
    /// else the first column when its first value reads as epoch seconds.
    static func timeColumn(in table: CSVTable) throws -> Int {
        let names = table.columnNames
        if table.header != nil, let byName = names.firstIndex(where: { timeNames.contains(normalise($0)) }) {
            return byName
        }
        for c in 0..<table.columnCount {
            if let text = firstValue(table, column: c), text.contains("-"), (try? Timestamp.parse(text)) != nil { return c }
        }
        if let text = firstValue(table, column: 0), (try? Timestamp.parse(text)) != nil { return 0 }
        throw DemandError.noTimeColumn(file: table.fileName, columns: names)
    }

    /// Columns other than `except` whose first present value (in the first 100 rows) is a number.
    static func numericColumns(in table: CSVTable, except: Int) -> [Int] {
        (0..<table.columnCount).filter { c in
            guard c != except, let _ = firstValue(table, column: c) else { return false }
            return table.withField(row: firstPresentRow(table, column: c)!, column: c) { NumberReader.parse($0) != nil }
        }
    }

    /// The first column whose normalised name contains one of `hints`.
    static func column(matching hints: [String], in table: CSVTable, except: Set<Int>) -> Int? {
        guard table.header != nil else { return nil }
        let names = table.columnNames.map(normalise)
        for hint in hints {
            if let c = names.indices.first(where: { !except.contains($0) && names[$0].contains(hint) }) { return c }
        }
        return nil
    }

    static func firstPresentRow(_ table: CSVTable, column: Int) -> Int? {
        (0..<min(table.rowCount, 100)).first { row in
            !table.withField(row: row, column: column) { NumberReader.isMissingMarker($0) }
        }
    }

    static func firstValue(_ table: CSVTable, column: Int) -> String? {
        firstPresentRow(table, column: column).map { table.field(row: $0, column: column) }
    }
}
