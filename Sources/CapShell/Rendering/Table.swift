import CapPlan

/// A result table: rendered as a box table, aligned text, CSV or JSON from one value.
///
/// Each cell keeps both the text a person reads (`$4,800`) and the raw value a program reads
/// (4800), so CSV and JSON exports carry numbers, not formatted strings.
public struct Table: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var title: String
        /// The key in JSON and the header in CSV (snake_case, stable API): the given one, else
        /// the title in snake_case — derived when read, since most tables are only shown.
        public var key: String {
            get { explicitKey ?? Table.snakeCase(title) }
            set { explicitKey = newValue }
        }
        private var explicitKey: String?
        public var alignment: Alignment
        public init(_ title: String, key: String? = nil, alignment: Alignment = .left) {
            self.title = title
            self.explicitKey = key
            self.alignment = alignment
        }
    }

    public enum Alignment: Sendable, Hashable { case left, right }

    public struct Cell: Sendable, Hashable {
        public var text: String
        public var value: JSONValue
        public init(_ text: String, value: JSONValue) {
            self.text = text
            self.value = value
        }
        public static func text(_ s: String) -> Cell { Cell(s, value: .string(s)) }
        public static func number(_ x: Double, _ text: String) -> Cell { Cell(text, value: .number(x)) }
        public static let empty = Cell("", value: .null)
    }

    public var name: String
    public var title: String?
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Lines under the table (totals explained, notes).
    public var footnotes: [String] = []

    public init(name: String, title: String? = nil, columns: [Column], rows: [[Cell]] = []) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// Rows as JSON objects keyed by column key.
    public var jsonRows: JSONValue {
        let keys = columns.map(\.key)  // once, not once per row: keys may be derived from titles
        return .array(rows.map { row in
            .object(zip(keys, row).map { ($0, $1.value) })
        })
    }

    static func snakeCase(_ title: String) -> String {
        var out = ""
        for c in title.lowercased() {
            if c.isLetter || c.isNumber { out.append(c) } else if !out.hasSuffix("_") && !out.isEmpty { out.append("_") }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }
}
