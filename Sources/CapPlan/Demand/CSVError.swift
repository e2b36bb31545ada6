/// Why a CSV file could not be read. Nothing is loaded when one is thrown.
///
/// Every case names the file, the line and the column (both from 1; see `FileLocation`) and
/// carries the offending line's text, so the shell can print it with a caret under the spot.
/// All message text lives in this file.
public enum CSVError: Error, Sendable, Hashable {
    /// A quoted field that is never closed; the location is its opening quote.
    case unterminatedQuote(FileLocation)
    /// A `"` inside a field that does not start with one (`ab"c`).
    case quoteInUnquotedField(FileLocation)
    /// Something other than a comma or a line break right after a closing quote (`"ab"c`).
    case textAfterClosingQuote(FileLocation)
    /// A row with more or fewer fields than the first row (the header, when there is one).
    /// The location is the first extra field, or the end of a short row.
    case wrongFieldCount(FileLocation, expected: Int, found: Int)
    /// No rows at all (an empty file, or only a header).
    case noRows(file: String, headerOnly: Bool)
    /// A file too large for the reader's 32-bit offsets (2 GiB).
    case tooLarge(file: String, bytes: Int)

    /// Where it happened, when there is a single spot.
    public var location: FileLocation? {
        switch self {
        case .unterminatedQuote(let l), .quoteInUnquotedField(let l), .textAfterClosingQuote(let l),
             .wrongFieldCount(let l, _, _):
            return l
        case .noRows, .tooLarge:
            return nil
        }
    }

    /// What went wrong, one sentence, no trailing period, starting with `file:line:column:`.
    public var message: String {
        switch self {
        case .unterminatedQuote(let l):
            return "\(l): the quoted field that starts here is never closed"
        case .quoteInUnquotedField(let l):
            return "\(l): a quote inside a field that is not quoted"
        case .textAfterClosingQuote(let l):
            return "\(l): text after the closing quote of a field"
        case let .wrongFieldCount(l, expected, found):
            return "\(l): row has \(found) field\(found == 1 ? "" : "s"), expected \(expected)"
        case let .noRows(file, headerOnly):
            return headerOnly ? "\(file): only a header, no data rows" : "\(file): the file is empty"
        case let .tooLarge(file, bytes):
            return "\(file): \(bytes) bytes is more than this reader handles (2 GiB)"
        }
    }

    /// What to do about it, one sentence, no trailing period.
    public var hint: String {
        switch self {
        case .unterminatedQuote:
            return "close the field with \", and write a quote inside a quoted field as \"\""
        case .quoteInUnquotedField:
            return "quote the whole field and double the quote inside it: \"ab\"\"c\""
        case .textAfterClosingQuote:
            return "a quoted field ends at its closing quote; put a comma after it, "
                + "or double a quote that belongs inside it (\"\")"
        case .wrongFieldCount(_, let expected, _):
            return "every row needs \(expected) comma-separated fields; quote a field that contains a comma"
        case .noRows:
            return "check that this is the file you meant"
        case .tooLarge:
            return "split the file, or aggregate it to a coarser step first"
        }
    }
}

extension CSVError: UserFacingError {
    public var userHint: String? { hint }
}
