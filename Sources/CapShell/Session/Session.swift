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
    /// Workloads and variables in the order they were added, in chunked lists: a command works
    /// on a copy of the session and `undo` keeps the old one, so a plain array would be copied
    /// whole by every change (see ChunkedList).
    // Elements are boxed too, so that a search passes a reference, not a copy of every field.
    private var workloadList = ChunkedList<Box<Workload>>()
    private var variableList = ChunkedList<Box<Variable>>()

    struct Variable: Sendable {
        var name: String
        var value: Quantity
    }

    /// Workloads in the order they were added (tables and `save` keep that order).
    public var workloads: [Workload] { workloadList.map(\.value) }
    /// Variables bound with `let`, in the order first bound.
    public var variables: [(name: String, value: Quantity)] { variableList.map { ($0.value.name, $0.value.value) } }
    /// `ans`: the last calculator value.
    public var answer: Quantity?
    /// The last result table, for `export csv|json FILE` without a table name.
    public var lastResult: Table?
    /// The JSON document of the last result, for `export json FILE`.
    public var lastResultJSON: JSONValue?
    /// Loaded traffic, fits and forecasts, by workload name (issue 4).
    public var histories: [String: DemandHistory] = [:]

    public init() {}

    // MARK: Workloads

    public func workload(named name: String) -> Workload? {
        workloadList.firstIndex { $0.value.name == name }.map { workloadList[$0].value }
    }

    public var workloadNames: [String] { workloadList.map(\.value.name) }

    public mutating func addWorkload(_ workload: Workload) {
        workloadList.append(Box(workload))
    }

    public mutating func replaceWorkload(_ workload: Workload) {
        if let i = workloadList.firstIndex(where: { $0.value.name == workload.name }) { workloadList[i] = Box(workload) }
    }

    public mutating func removeWorkload(named name: String) {
        workloadList.removeAll { $0.value.name == name }
        histories[name] = nil
    }

    // MARK: Variables

    public func variable(_ name: String) -> Quantity? {
        variableList.firstIndex { $0.value.name == name }.map { variableList[$0].value.value }
    }

    public var variableNames: [String] { variableList.map(\.value.name) }

    public mutating func bind(_ name: String, to value: Quantity) {
        if let i = variableList.firstIndex(where: { $0.value.name == name }) {
            variableList[i] = Box(Variable(name: name, value: value))
        } else {
            variableList.append(Box(Variable(name: name, value: value)))
        }
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
