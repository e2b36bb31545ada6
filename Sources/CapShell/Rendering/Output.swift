import CapPlan

/// What a command produced: blocks for people, one JSON document for programs, and the table
/// `export` writes. A plain value: the session keeps the last one for `export` and `result()`.
public struct Output: Sendable {
    public enum Block: Sendable {
        case text(String)
        case table(Table)
    }

    public var blocks: [Block] = []
    /// The command's result as one JSON document (`--format json` prints it on one line).
    /// A table result without a document of its own answers with the export table's rows.
    public var json: JSONValue? {
        get {
            if let explicitJSON { return explicitJSON }
            if let answer, let value { return Self.answerJSON(value, name: answer.name, formatted: answer.formatted) }
            return jsonIsExportRows ? exportTable.map { .object([($0.name, $0.jsonRows)]) } : nil
        }
        set { explicitJSON = newValue; jsonIsExportRows = false }
    }
    private var explicitJSON: JSONValue?
    /// Whether the JSON document is the export table's rows (derived when read).
    private var jsonIsExportRows = false
    /// A calculator answer's variable name (`let`) and formatted value: its JSON document is
    /// derived from them and `value` when read, since most answers are only shown.
    private var answer: (name: String?, formatted: String)?
    /// The table `export csv|json` writes when this is the last result.
    public var exportTable: Table?
    /// A calculator value: becomes `ans`.
    public var value: Quantity?
    /// How the result was reached; `explain COMMAND` prints it instead of the result.
    public var derivation: Derivation?
    /// Tables `explain COMMAND` prints after the derivation (optimize's candidate table).
    public var explanationTables: [Table] = []

    public init(blocks: [Block] = [], json: JSONValue? = nil, exportTable: Table? = nil, value: Quantity? = nil) {
        self.blocks = blocks
        self.explicitJSON = json
        self.exportTable = exportTable
        self.value = value
    }

    public static let none = Output()

    public static func text(_ s: String) -> Output { Output(blocks: [.text(s)]) }

    /// A table result: shown as a table, exported as itself, JSON as `{"NAME": [rows]}` unless
    /// given.
    public static func table(_ table: Table, json: JSONValue? = nil) -> Output {
        var output = Output(blocks: [.table(table)], json: json, exportTable: table)
        output.jsonIsExportRows = json == nil
        return output
    }

    /// A calculator answer: shown as `NAME = VALUE` (or `VALUE`), becomes `ans`.
    public static func answer(_ value: Quantity, name: String? = nil) -> Output {
        let formatted = value.formatted()
        var output = Output(blocks: [.text(name.map { "\($0) = \(formatted)" } ?? formatted)], value: value)
        output.answer = (name, formatted)
        return output
    }

    /// An answer as JSON: `{"name", "value", "unit", "text"}`, the value in its readable unit.
    static func answerJSON(_ value: Quantity, name: String?, formatted: String) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let name { pairs.append(("name", .string(name))) }
        let unit = value.unit ?? Quantity.readableUnitPublic(for: value)
        pairs.append(("value", .number(unit.map { value.value(in: $0) } ?? value.value)))
        pairs.append(("unit", unit.map { .string($0.symbol) } ?? .null))
        pairs.append(("text", .string(formatted)))
        return .object(pairs)
    }

    /// Whether there is something for `export` and `result()` to read.
    public var hasResult: Bool { explicitJSON != nil || exportTable != nil || answer != nil }
}
