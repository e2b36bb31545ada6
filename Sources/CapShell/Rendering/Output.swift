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
            return jsonIsExportRows ? exportTable.map { .object([($0.name, $0.jsonRows)]) } : nil
        }
        set { explicitJSON = newValue; jsonIsExportRows = false }
    }
    private var explicitJSON: JSONValue?
    /// Whether the JSON document is the export table's rows (derived when read).
    private var jsonIsExportRows = false
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

    /// A calculator answer: shown as `text`, becomes `ans`.
    public static func answer(_ value: Quantity, text: String, json: JSONValue) -> Output {
        Output(blocks: [.text(text)], json: json, value: value)
    }

    /// Whether there is something for `export` and `result()` to read.
    public var hasResult: Bool { explicitJSON != nil || exportTable != nil }
}
