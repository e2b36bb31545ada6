import CapPlan

/// Everything a planning session knows, as one value (design.md "The session").
///
/// A command runs on a copy and the shell keeps the copy only if the command succeeds, so a
/// failing command changes nothing and `undo` is "put the previous value back".
public struct Session: Sendable {
    public var settings = Settings()
    /// The catalog of accelerators and models: the bundled one plus this session's additions.
    /// The bundled catalog is decoded on first use, so `capplan -c quit` never pays for it.
    public var catalog: Catalog {
        get { catalogStorage ?? .bundled }
        set { catalogStorage = newValue }
    }
    private var catalogStorage: Catalog?

    /// Decodes the bundled catalog now, so that the first command needing it does not wait:
    /// a batch run calls this on another thread while it reads its script.
    public static func prepareBundledCatalog() {
        _ = Catalog.bundled
    }
    /// Workloads and variables in the order they were added, found by name without a scan and
    /// cheap to copy (see NamedList): a command works on a copy of the session and `undo` keeps
    /// the old one.
    private var workloadList = NamedList<Workload>()
    private var variableList = NamedList<Variable>()

    struct Variable: Sendable, Named {
        var name: String
        var value: Quantity
    }

    /// Workloads in the order they were added (tables and `save` keep that order).
    public var workloads: [Workload] { Array(workloadList) }
    /// Variables bound with `let`, in the order first bound.
    public var variables: [(name: String, value: Quantity)] { variableList.map { ($0.name, $0.value) } }
    /// `ans`: the last calculator value.
    public var answer: Quantity?
    /// The last result table, for `export csv|json FILE` without a table name.
    public var lastResult: Table? { lastOutput?.value.exportTable }
    /// The JSON document of the last result, for `export json FILE` and `result(KEY)`.
    public var lastResultJSON: JSONValue? { lastOutput?.value.json }
    /// The output that produced them: its JSON is built only when something reads it. Boxed,
    /// since every statement copies the session.
    private var lastOutput: Box<Output>?

    /// Keeps `output` as the last result (when it has a table to export).
    mutating func recordResult(_ output: Output) {
        if output.hasExportTable { lastOutput = Box(output) }
    }

    /// This session's plan with `other`'s last result: what `undo` restores. Undo takes back
    /// changes to the plan, not what was last shown, so the undo stack need not keep every
    /// result alive (a long replay would free them all late, in bulk).
    func withResult(of other: Session) -> Session {
        var session = self
        session.lastOutput = other.lastOutput
        return session
    }

    /// The plan without its last result, as the undo stack keeps it.
    var withoutResult: Session {
        var session = self
        session.lastOutput = nil
        return session
    }
    /// Loaded traffic, fits and forecasts, by workload name (issue 4).
    public var histories: [String: DemandHistory] = [:]

    public init() {}

    // MARK: Workloads

    public func workload(named name: String) -> Workload? {
        workloadList[name]
    }

    public var workloadNames: [String] { workloadList.map(\.name) }

    /// Adds a workload at the end (a workload of the same name is replaced in its place; the
    /// commands check for duplicates first).
    public mutating func addWorkload(_ workload: Workload) {
        workloadList.upsert(workload)
    }

    public mutating func replaceWorkload(_ workload: Workload) {
        workloadList.replace(workload)
    }

    public mutating func removeWorkload(named name: String) {
        workloadList.remove(named: name)
        histories[name] = nil
    }

    // MARK: Variables

    public func variable(_ name: String) -> Quantity? {
        variableList[name]?.value
    }

    public var variableNames: [String] { variableList.map(\.name) }

    public mutating func bind(_ name: String, to value: Quantity) {
        variableList.upsert(Variable(name: name, value: value))
    }
}

/// An immutable value behind a reference, so that copying an array of them copies pointers.
final class Box<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension Session {
    /// The normalized `.cap` text that rebuilds this session (what `save` writes, and what the
    /// interactive journal keeps so `capplan --recover` loses nothing when a terminal dies).
    public var replayScript: String { SessionScript.render(self) }
}
