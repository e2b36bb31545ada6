/// A CSV file read by `CSVReader`: a header (or none) and rows of fields, all rows the same width.
///
/// Fields are not copied out of the file: the table keeps the file's bytes and, for each field,
/// where its content starts and ends (inside the quotes for a quoted field). Only a field with a
/// doubled quote (`""`) is unescaped, when it is read. Reading a field as a `String` allocates;
/// the loaders read numbers and timestamps straight from the bytes.
public struct CSVTable: Sendable {
    /// The file name used in error messages.
    public let fileName: String
    /// Column names from the header row, or `nil` when the file has no header.
    public let header: [String]?
    /// Fields per row (every row has exactly this many).
    public let columnCount: Int
    /// Data rows (the header is not counted).
    public var rowCount: Int { rowLines.count }

    let bytes: [UInt8]
    /// Two entries per field, row-major: content start and end (byte offsets into `bytes`).
    /// An end stored as `~end` (negative) marks a quoted field containing doubled quotes.
    let bounds: [Int32]
    /// The 1-based line on which each data row starts.
    let rowLines: [Int32]
    /// The byte offset at which each data row starts (its line starts there too).
    let rowOffsets: [Int32]

    /// Column names for messages and lookups: the header, or "1", "2", … without one.
    public var columnNames: [String] {
        header ?? (1...max(columnCount, 1)).map(String.init)
    }

    /// The field at `row` (0-based data row) and `column` (0-based), unescaped.
    public func field(row: Int, column: Int) -> String {
        withField(row: row, column: column) { String(decoding: $0, as: UTF8.self) }
    }

    /// All fields of a data row, unescaped.
    public func row(_ row: Int) -> [String] {
        (0..<columnCount).map { field(row: row, column: $0) }
    }

    /// The 1-based line on which data row `row` starts.
    public func line(ofRow row: Int) -> Int { Int(rowLines[row]) }

    /// Calls `body` with the field's content bytes (unescaped).
    func withField<R>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let k = 2 * (row * columnCount + column)
        let start = Int(bounds[k])
        let rawEnd = bounds[k + 1]
        return try bytes.withUnsafeBufferPointer { all in
            if rawEnd >= 0 {
                return try body(UnsafeBufferPointer(rebasing: all[start..<Int(rawEnd)]))
            }
            // Doubled quotes: keep one of each pair.
            var unescaped: [UInt8] = []
            var i = start
            let end = Int(~rawEnd)
            while i < end {
                unescaped.append(all[i])
                i += all[i] == 0x22 ? 2 : 1
            }
            return try unescaped.withUnsafeBufferPointer(body)
        }
    }

    /// Byte range of a field's content and whether it needs unescaping, for hot loops that hold
    /// the table's bytes open themselves.
    @inline(__always)
    func span(row: Int, column: Int) -> (start: Int, end: Int, escaped: Bool) {
        let k = 2 * (row * columnCount + column)
        let rawEnd = bounds[k + 1]
        return rawEnd >= 0 ? (Int(bounds[k]), Int(rawEnd), false) : (Int(bounds[k]), Int(~rawEnd), true)
    }

    /// Where the field at `row`, `column` is in the file (the opening quote of a quoted field).
    public func location(row: Int, column: Int) -> FileLocation {
        let k = 2 * (row * columnCount + column)
        var offset = Int(bounds[k])
        return bytes.withUnsafeBufferPointer { all in
            if offset > 0, all[offset - 1] == 0x22, isQuoted(row: row, column: column, all) { offset -= 1 }
            // A quoted field may span lines: find the line holding `offset`.
            var line = Int(rowLines[row])
            var lineStart = Int(rowOffsets[row])
            var i = lineStart
            while i < offset {
                if all[i] == 0x0A || all[i] == 0x0D {
                    if all[i] == 0x0D, i + 1 < offset, all[i + 1] == 0x0A { i += 1 }
                    line += 1
                    lineStart = i + 1
                }
                i += 1
            }
            return FileLocation.at(offset, lineStart: lineStart, line: line, in: all, file: fileName)
        }
    }

    private func isQuoted(row: Int, column: Int, _ all: UnsafeBufferPointer<UInt8>) -> Bool {
        // A field's content starts right after its separator, its row start, or its opening quote.
        let start = Int(bounds[2 * (row * columnCount + column)])
        if column == 0 { return start == Int(rowOffsets[row]) + 1 }
        return start >= 2 && all[start - 2] == 0x2C
    }
}
