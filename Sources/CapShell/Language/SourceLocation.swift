/// A place in an input: file name, line and column, both starting at 1.
///
/// Columns count characters (extended grapheme clusters), not bytes, so the caret under an
/// error lines up with what the user sees. Interactive input uses the file name `<stdin>`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
