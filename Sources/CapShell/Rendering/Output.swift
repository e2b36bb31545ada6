import CapPlan

/// What a command produced: blocks for people, one JSON document for programs, and the table
/// `export` writes.
public struct Output: Sendable {
    public enum Block: Sendable {
        case text(String)
        case table(Table)
    }

    public var blocks: [Block] = []
    /// The command's result as one JSON document (`--format json` prints it on one line).
    public var json: JSONValue? {
        get { explicitJSON ?? (jsonIsExportRows ? exportTable.map { .object([($0.name, $0.jsonRows)]) } : nil) }
        set { explicitJSON = newValue; jsonIsExportRows = false }
    }
    private var explicitJSON: JSONValue?
    /// Whether the JSON document is the export table's rows, built only when asked for: most
    /// results are only shown.
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

    /// A table result: shown as a table, exported as itself, JSON as `{"rows": [...]}` unless given.
    public static func table(_ table: Table, json: JSONValue? = nil) -> Output {
        var output = Output(blocks: [.table(table)], json: json, exportTable: table)
        output.jsonIsExportRows = json == nil
        return output
    }

    public var hasResult: Bool { explicitJSON != nil || exportTable != nil }
}
