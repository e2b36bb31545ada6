/// A strict RFC 4180 reader that knows where every field came from.
///
/// Why not a package: SwiftCSV and CSV.swift (yaslab) were checked (design.md). Neither reports
/// the line and column of a malformed row: CSV.swift throws a bare `invalidCSVFormat`, SwiftCSV a
/// message without a position, and neither rejects a row with the wrong number of fields. Users
/// need `file:line:column` and nothing half-loaded, so this small reader does it in one pass.
///
/// Accepted:
/// - line breaks CRLF, LF or CR alone, mixed; a last row with or without a final line break;
/// - quoted fields (`"a,b"`, `"say ""hi"""`, line breaks inside quotes);
/// - a UTF-8 byte-order mark at the start (skipped);
/// - empty lines (skipped: they hold no fields);
/// - a header row or none (`HeaderPolicy`).
///
/// Rejected with a `CSVError` naming file, line and column: an unterminated quoted field, a
/// quote inside an unquoted field, text after a closing quote, a row whose field count differs
/// from the first row's. Spaces are part of a field (RFC 4180); the number readers trim them.
///
/// - Complexity: O(n) in the file's bytes, one pass, no per-field allocation.
public enum CSVReader {
    /// Whether the first row names the columns.
    public enum HeaderPolicy: String, Sendable, CaseIterable {
        /// The first row is a header when none of its fields starts like a number or a date
        /// (a digit, `+`, `-` or `.`): `ds,y` is a header, `2023-11-16,5` is data.
        case auto
        case present
        case absent
    }

    /// Reads `bytes` (UTF-8) as CSV. `fileName` is used in errors only.
    ///
    /// - Throws: `CSVError`.
    public static func read(_ bytes: [UInt8], fileName: String, header: HeaderPolicy = .auto) throws -> CSVTable {
        guard bytes.count < Int(Int32.max) else { throw CSVError.tooLarge(file: fileName, bytes: bytes.count) }
        var parser = Parser(fileName: fileName)
        try bytes.withUnsafeBufferPointer { try parser.run($0) }
        guard let firstCount = parser.expectedFields else { throw CSVError.noRows(file: fileName, headerOnly: false) }

        var names: [String]? = nil
        var dropFirst = false
        let isHeader: Bool
        switch header {
        case .present: isHeader = true
        case .absent: isHeader = false
        case .auto: isHeader = bytes.withUnsafeBufferPointer { parser.firstRowLooksLikeHeader($0, fields: firstCount) }
        }
        if isHeader {
            names = bytes.withUnsafeBufferPointer { all in
                (0..<firstCount).map { parser.firstRowField($0, all) }
            }
            dropFirst = true
        }
        // Take the arrays out of the parser so they are uniquely referenced: dropping the header
        // then shifts them in place instead of copying them whole (a page-faulting copy of
        // every bound in the file).
        var bounds: [Int32] = [], lines: [Int32] = [], offsets: [Int32] = []
        swap(&bounds, &parser.bounds)
        swap(&lines, &parser.rowLines)
        swap(&offsets, &parser.rowOffsets)
        if dropFirst {
            bounds.removeFirst(2 * firstCount)
            lines.removeFirst()
            offsets.removeFirst()
            if lines.isEmpty { throw CSVError.noRows(file: fileName, headerOnly: true) }
        }
        return CSVTable(
            fileName: fileName, header: names, columnCount: firstCount,
            bytes: bytes, bounds: bounds, rowLines: lines, rowOffsets: offsets)
    }

    /// Reads text as CSV (it is read as its UTF-8 bytes).
    public static func read(_ text: String, fileName: String, header: HeaderPolicy = .auto) throws -> CSVTable {
        try read(Array(text.utf8), fileName: fileName, header: header)
    }
}

/// The state of one pass over the bytes.
private struct Parser {
    let fileName: String
    var bounds: [Int32] = []
    var rowLines: [Int32] = []
    var rowOffsets: [Int32] = []
    var expectedFields: Int? = nil

    init(fileName: String) { self.fileName = fileName }

    private static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    mutating func run(_ b: UnsafeBufferPointer<UInt8>) throws {
        let n = b.count
        var i = 0
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }  // byte-order mark
        var line = 1
        var lineStart = i
        bounds.reserveCapacity(min(n / 4, 1 << 26))

        func location(_ offset: Int) -> FileLocation {
            FileLocation.at(offset, lineStart: lineStart, line: line, in: b, file: fileName)
        }

        while i < n {
            // Skip empty lines.
            if b[i] == Self.lf || b[i] == Self.cr {
                if b[i] == Self.cr, i + 1 < n, b[i + 1] == Self.lf { i += 1 }
                i += 1
                line += 1
                lineStart = i
                continue
            }
            rowLines.append(Int32(line))
            rowOffsets.append(Int32(i))
            var fields = 0
            while true {
                if let expected = expectedFields, fields == expected {
                    // One field too many: point at its first character.
                    var found = fields
                    var j = i
                    var inQuotes = false
                    while j < n {  // count the rest of the row for the message (quotes respected)
                        let c = b[j]
                        if c == Self.quote { inQuotes.toggle() } else if !inQuotes {
                            if c == Self.comma { found += 1 } else if c == Self.lf || c == Self.cr { break }
                        }
                        j += 1
                    }
                    throw CSVError.wrongFieldCount(location(i), expected: expected, found: found + 1)
                }
                if i < n, b[i] == Self.quote {
                    let quoteAt = i
                    let quoteLine = line, quoteLineStart = lineStart
                    i += 1
                    let start = i
                    var escaped = false
                    while true {
                        guard i < n else {
                            throw CSVError.unterminatedQuote(
                                FileLocation.at(quoteAt, lineStart: quoteLineStart, line: quoteLine, in: b, file: fileName))
                        }
                        let c = b[i]
                        if c == Self.quote {
                            if i + 1 < n, b[i + 1] == Self.quote {
                                escaped = true
                                i += 2
                                continue
                            }
                            break
                        }
                        if c == Self.lf || c == Self.cr {
                            if c == Self.cr, i + 1 < n, b[i + 1] == Self.lf { i += 1 }
                            line += 1
                            lineStart = i + 1
                        }
                        i += 1
                    }
                    bounds.append(Int32(start))
                    bounds.append(escaped ? ~Int32(i) : Int32(i))
                    i += 1  // the closing quote
                    if i < n, b[i] != Self.comma, b[i] != Self.lf, b[i] != Self.cr {
                        throw CSVError.textAfterClosingQuote(location(i))
                    }
                } else {
                    let start = i
                    while i < n {
                        let c = b[i]
                        if c == Self.comma || c == Self.lf || c == Self.cr { break }
                        if c == Self.quote { throw CSVError.quoteInUnquotedField(location(i)) }
                        i += 1
                    }
                    bounds.append(Int32(start))
                    bounds.append(Int32(i))
                }
                fields += 1
                if i < n, b[i] == Self.comma {
                    i += 1
                    continue
                }
                break  // end of row: a line break or the end of the file
            }
            if let expected = expectedFields {
                if fields != expected {
                    throw CSVError.wrongFieldCount(location(i), expected: expected, found: fields)
                }
            } else {
                expectedFields = fields
            }
            if i < n {
                if b[i] == Self.cr, i + 1 < n, b[i + 1] == Self.lf { i += 1 }
                i += 1
                line += 1
                lineStart = i
            }
        }
    }

    func firstRowField(_ column: Int, _ b: UnsafeBufferPointer<UInt8>) -> String {
        let start = Int(bounds[2 * column]), rawEnd = bounds[2 * column + 1]
        let end = rawEnd >= 0 ? Int(rawEnd) : Int(~rawEnd)
        guard rawEnd < 0 else { return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self) }
        var unescaped: [UInt8] = []
        var k = start
        while k < end {
            unescaped.append(b[k])
            k += b[k] == 0x22 ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    func firstRowLooksLikeHeader(_ b: UnsafeBufferPointer<UInt8>, fields: Int) -> Bool {
        for column in 0..<fields {
            let start = Int(bounds[2 * column]), rawEnd = bounds[2 * column + 1]
            let end = rawEnd >= 0 ? Int(rawEnd) : Int(~rawEnd)
            var k = start
            while k < end, b[k] == 0x20 { k += 1 }
            guard k < end else { continue }
            let c = b[k]
            if (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E { return false }
        }
        return true
    }
}
