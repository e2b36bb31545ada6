/// An error ready to show: where, what, the offending line with a caret, and a hint.
///
///     plan.cap:12:15: error: unknown GPU 'h10'
///       size chat gpu=h10
///                     ^~~
///       hint: did you mean 'h100'?
///       included from main.cap:3
public struct Diagnostic: Sendable, Hashable {
    public var location: SourceLocation
    public var message: String
    public var hint: String?
    /// The physical line the caret points into.
    public var lineText: String
    public var caretLength: Int
    /// Outermost last: the `source` statements that led here.
    public var includedFrom: [SourceLocation]

    public init(error: LanguageError, statement: Statement, includedFrom: [SourceLocation]) {
        if let location = error.fileLocation {
            self.location = location
            self.lineText = error.fileLine ?? ""
            self.caretLength = Swift.max(1, error.span?.count ?? 1)
            self.includedFrom = [statement.location(ofOffset: 0).0] + includedFrom
        } else {
            let offset = error.span?.lowerBound ?? 0
            let (location, line) = statement.location(ofOffset: offset)
            self.location = location
            self.lineText = line
            let remaining = Swift.max(1, line.unicodeScalars.count - (location.column - 1))
            self.caretLength = Swift.max(1, Swift.min(error.span?.count ?? 1, remaining))
            self.includedFrom = includedFrom
        }
        self.message = error.message
        self.hint = error.hint
    }

    public init(location: SourceLocation, message: String, hint: String? = nil, lineText: String = "", caretLength: Int = 1, includedFrom: [SourceLocation] = []) {
        self.location = location
        self.message = message
        self.hint = hint
        self.lineText = lineText
        self.caretLength = caretLength
        self.includedFrom = includedFrom
    }

    public func rendered(color: Bool = false) -> String {
        let red = color ? "\u{1B}[1;31m" : ""
        let bold = color ? "\u{1B}[1m" : ""
        let green = color ? "\u{1B}[32m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        var lines = ["\(bold)\(location):\(reset) \(red)error:\(reset) \(bold)\(message)\(reset)"]
        if !lineText.isEmpty {
            // Long lines (a pasted 1 MB line) are cut to a window around the caret.
            var shown = Array(lineText.unicodeScalars.map { $0 == "\t" ? " " : $0 })
            var column = location.column - 1
            if shown.count > 160 {
                let start = Swift.max(0, Swift.min(column - 60, shown.count - 160))
                shown = Array(shown[start..<Swift.min(shown.count, start + 160)])
                column -= start
            }
            column = Swift.max(0, Swift.min(column, shown.count))
            let length = Swift.max(1, Swift.min(caretLength, shown.count - column))
            lines.append("  " + String(scalars: shown))
            lines.append("  " + String(repeating: " ", count: column) + green + "^" + String(repeating: "~", count: length - 1) + reset)
        }
        if let hint { lines.append("  hint: \(hint)") }
        for place in includedFrom { lines.append("  included from \(place.file):\(place.line)") }
        return lines.joined(separator: "\n")
    }
}
