import CapPlan

/// What a command produced: blocks for people, one JSON document for programs, and the table
/// `export` writes.
public struct Output: Sendable {
    public enum Block: Sendable {
        case text(String)
        case table(Table)
        /// A table built when it is first shown or exported (see `Output.table(build:json:)`).
        case deferredTable(Deferred<Table>)
    }

    public var blocks: [Block] = []
    /// The command's result as one JSON document (`--format json` prints it on one line).
    public var json: JSONValue? {
        get {
            if let explicitJSON { return explicitJSON.value }
            return jsonIsExportRows ? exportTable.map { .object([($0.name, $0.jsonRows)]) } : nil
        }
        set { explicitJSON = newValue.map { Deferred(value: $0) }; jsonIsExportRows = false }
    }
    private var explicitJSON: Deferred<JSONValue>?
    /// Whether the JSON document is the export table's rows, built only when asked for: most
    /// results are only shown.
    private var jsonIsExportRows = false
    /// The table `export csv|json` writes when this is the last result.
    public var exportTable: Table? {
        get { deferredExportTable?.value }
        set { deferredExportTable = newValue.map { Deferred(value: $0) } }
    }
    private var deferredExportTable: Deferred<Table>?
    /// Whether there is an export table, without building it.
    public var hasExportTable: Bool { deferredExportTable != nil }
    /// A calculator value: becomes `ans`.
    public var value: Quantity?
    /// How the result was reached; `explain COMMAND` prints it instead of the result.
    public var derivation: Derivation?
    /// Tables `explain COMMAND` prints after the derivation (optimize's candidate table).
    public var explanationTables: [Table] = []

    public init(blocks: [Block] = [], json: JSONValue? = nil, exportTable: Table? = nil, value: Quantity? = nil) {
        self.blocks = blocks
        self.explicitJSON = json.map { Deferred(value: $0) }
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

    /// A table result built only when something reads it, shown and exported as one table.
    /// `build` and `json` run later, maybe on another thread (Deferred): they must be pure.
    /// Without `json`, the JSON document is the table's rows.
    public static func table(build: @escaping @Sendable () -> Table, json: (@Sendable () -> JSONValue)? = nil) -> Output {
        let table = Deferred(build)
        var output = Output(blocks: [.deferredTable(table)], value: nil)
        output.deferredExportTable = table
        output.explicitJSON = json.map { Deferred($0) }
        output.jsonIsExportRows = json == nil
        return output
    }

    /// A calculator answer: shown as `text`, becomes `ans`; `json` runs only if the answer is
    /// printed as JSON (maybe on another thread: it must be pure).
    public static func answer(_ value: Quantity, text: String, json: @escaping @Sendable () -> JSONValue) -> Output {
        var output = Output(blocks: [.text(text)], value: value)
        output.explicitJSON = Deferred(json)
        return output
    }

    public var hasResult: Bool { explicitJSON != nil || deferredExportTable != nil }
}
