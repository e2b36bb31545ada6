/// A place in a loaded file, for error messages: `chat.csv:12:24`.
///
/// `line` and `column` start at 1. A line ends at LF, CR or CRLF (one line break each); a
/// byte-order mark at the start of the file is not counted. `column` counts Unicode scalars
/// (not bytes) from the start of the line, so a caret under `lineText` lands on the spot.
public struct FileLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The whole physical line (without its line break), cut to 200 characters with an ellipsis.
    public var lineText: String

    public init(file: String, line: Int, column: Int, lineText: String) {
        self.file = file
        self.line = line
        self.column = column
        self.lineText = lineText
    }

    /// `file:line:column`, the prefix compilers and `capplan` print before `error:`.
    public var description: String { "\(file):\(line):\(column)" }
}

extension FileLocation {
    /// The location of byte `offset` in `bytes`, whose line `line` starts at byte `lineStart`.
    static func at(
        _ offset: Int, lineStart: Int, line: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String
    ) -> FileLocation {
        var column = 1
        var index = lineStart
        while index < offset && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }  // skip UTF-8 continuation bytes
            index += 1
        }
        var end = lineStart
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self)
        if text.unicodeScalars.count > 200 {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(200))) + "…"
        }
        return FileLocation(file: file, line: line, column: column, lineText: text)
    }
}
