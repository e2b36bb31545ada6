/// Splits input text into statements, remembering where each character came from.
///
/// Rules (issue 2, "The language"): one command a line; `#` starts a comment; a trailing `\`
/// joins the next line; `;` separates statements; quotes protect `#` and `;`; so do
/// parentheses (`rate=(10k rps * 1.2)`). CRLF and CR-only line endings are accepted.
public struct ScriptSource: Sendable {
    public var file: String
    public var statements: [Statement]

    public init(file: String, text: String, firstLine: Int = 1) {
        self.file = file
        self.statements = []
        // Scanned as UTF-8 bytes: LF and CR never occur inside a multi-byte sequence. The lines
        // keep the bytes (shared, one buffer for the whole text) and decode their own line's
        // text only for a diagnostic.
        let bytes = Array(text.utf8)
        let physical = ScriptSource.physicalLines(bytes)
        var index = 0
        while index < physical.count {
            // Gather one logical line: physical lines joined while they end in a backslash.
            var pieces: [LogicalLine.Piece] = []
            var joined: [SourceChar] = []
            repeat {
                var chars = ScriptSource.scalars(bytes[physical[index]])
                let continues = ScriptSource.endsWithContinuation(chars)
                if continues {
                    while let last = chars.last, last == " " || last == "\t" { chars.removeLast() }
                    chars.removeLast() // the backslash
                }
                pieces.append(LogicalLine.Piece(start: joined.count, line: firstLine + index, bytes: physical[index]))
                // Most logical lines are one physical line: take its characters as they are.
                if joined.isEmpty { swap(&joined, &chars) } else { joined.append(contentsOf: chars) }
                if continues { joined.append(" ") }
                index += 1
                if !continues { break }
            } while index < physical.count
            let logical = LogicalLine(file: file, text: joined, pieces: pieces, source: bytes)
            for range in ScriptSource.statementRanges(joined) where !joined[range].allSatisfy({ $0 == " " || $0 == "\t" }) {
                statements.append(Statement(line: logical, range: range, text: String(scalars: joined[range])))
            }
        }
    }

    /// The byte ranges of the lines, split on LF, CRLF or CR; a final line without a newline counts.
    static func physicalLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 10 || b == 13 {
                lines.append(start..<i)
                if b == 13 && i + 1 < bytes.count && bytes[i + 1] == 10 { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        return lines
    }

    /// The scalars of UTF-8 bytes: byte by byte when they are ASCII (nearly every script line).
    static func scalars(_ utf8: ArraySlice<UInt8>) -> [SourceChar] {
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.map { SourceChar($0) } }
        return Array(String(decoding: utf8, as: UTF8.self).unicodeScalars)
    }

    /// Whether a typed line asks for another (ends in `\` outside a comment): the interactive
    /// shell's rule and the script reader's are this one function.
    public static func continues(_ line: String) -> Bool {
        endsWithContinuation(Array(line.unicodeScalars))
    }

    static func endsWithContinuation(_ chars: [SourceChar]) -> Bool {
        var i = chars.count - 1
        while i >= 0 && (chars[i] == " " || chars[i] == "\t") { i -= 1 }
        guard i >= 0, chars[i] == "\\" else { return false }
        // A backslash inside a comment does not continue the line.
        return ScriptSource.commentStart(chars) == nil
    }

    /// Offset of a `#` that starts a comment (outside quotes), if any.
    static func commentStart(_ chars: [SourceChar]) -> Int? {
        var quote: SourceChar?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 2; continue }
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                return i
            }
            i += 1
        }
        return nil
    }

    /// Ranges of the `;`-separated statements before any comment.
    static func statementRanges(_ chars: [SourceChar]) -> [Range<Int>] {
        // Most lines have no comment, separator or quote: one statement, found in one quick pass.
        if !chars.contains(where: { $0 == "#" || $0 == ";" || $0 == "\"" || $0 == "'" }) { return [0..<chars.count] }
        let end = commentStart(chars) ?? chars.count
        var ranges: [Range<Int>] = []
        var quote: SourceChar?
        var depth = 0
        var start = 0
        var i = 0
        while i < end {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 2; continue }
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth = Swift.max(0, depth - 1)
            } else if c == ";" && depth == 0 {
                ranges.append(start..<i)
                start = i + 1
            }
            i += 1
        }
        ranges.append(start..<Swift.min(end, chars.count))
        return ranges
    }
}

/// One logical line (physical lines joined by `\`), with a map back to the physical lines.
public struct LogicalLine: Sendable {
    public struct Piece: Sendable {
        var start: Int
        var line: Int
        /// The physical line's bytes in `source`.
        var bytes: Range<Int>
    }
    public var file: String
    var text: [SourceChar]
    var pieces: [Piece]
    /// The whole text the line came from, as UTF-8 (shared by every line of a script).
    var source: [UInt8]

    /// The file position of a character offset, and the physical line's text for the caret.
    public func location(ofOffset offset: Int) -> (SourceLocation, String) {
        var piece = pieces[0]
        for candidate in pieces where candidate.start <= offset { piece = candidate }
        let column = offset - piece.start + 1
        return (SourceLocation(file: file, line: piece.line, column: column), String(decoding: source[piece.bytes], as: UTF8.self))
    }
}

/// One statement: its text and where it sits in its logical line.
public struct Statement: Sendable {
    public var line: LogicalLine
    public var range: Range<Int>
    public var text: String

    /// The source location of a character offset within this statement.
    public func location(ofOffset offset: Int) -> (SourceLocation, String) {
        line.location(ofOffset: range.lowerBound + Swift.max(0, offset))
    }

    /// The statement's characters (what `text` spells), without decoding the text again.
    var characters: [SourceChar] { Array(line.text[range]) }

    /// The statement text without leading and trailing blanks (for echo and history).
    public var trimmedText: String {
        let chars = line.text[range]
        var start = chars.startIndex
        var end = chars.endIndex
        while start < end, chars[start] == " " || chars[start] == "\t" { start += 1 }
        while end > start, chars[end - 1] == " " || chars[end - 1] == "\t" { end -= 1 }
        return start == chars.startIndex && end == chars.endIndex ? text : String(scalars: chars[start..<end])
    }
}
