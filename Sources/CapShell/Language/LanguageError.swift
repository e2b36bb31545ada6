import CapPlan

/// An error in what the user typed or loaded, with where it happened and how to fix it.
///
/// `span` is a range of character offsets in the statement's logical line (0-based, end
/// exclusive); the shell turns it into a file, line and column for the caret. Every stage of the
/// language (lexing, parsing, binding options, evaluating, running a command, reading a file)
/// reports through this one type so that all messages look alike; `stage` says which.
public struct LanguageError: Error, Hashable, Sendable {
    public enum Stage: String, Hashable, Sendable {
        case lex, parse, bind, evaluate, command, file, assertion
    }

    public var stage: Stage
    public var message: String
    public var hint: String?
    public var span: Range<Int>?
    /// Set when the error is inside another file (a CSV line, a sourced script): the location
    /// there, and that file's offending line for the caret.
    public var fileLocation: SourceLocation?
    public var fileLine: String?

    public init(_ stage: Stage, _ message: String, hint: String? = nil, span: Range<Int>? = nil) {
        self.stage = stage
        self.message = message
        self.hint = hint
        self.span = span
    }

    /// The same error, pointing at `span` unless it already points somewhere.
    public func at(_ span: Range<Int>?) -> LanguageError {
        var copy = self
        if copy.span == nil { copy.span = span }
        return copy
    }

    /// The same error, with its span moved by `offset` (for a value parsed out of a word).
    public func shifted(by offset: Int) -> LanguageError {
        var copy = self
        if let span { copy.span = (span.lowerBound + offset)..<(span.upperBound + offset) }
        return copy
    }
}

extension QuantityError {
    func languageError(_ span: Range<Int>?) -> LanguageError {
        LanguageError(.evaluate, message, hint: hint, span: span)
    }
}
