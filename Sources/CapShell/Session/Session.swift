import CapPlan

/// Everything a planning session knows, as one value (design.md "The session").
///
/// A command runs on a copy and the shell keeps the copy only if the command succeeds, so a
/// failing command changes nothing and `undo` is "put the previous value back".
public struct Session: Sendable {
    public var settings = Settings()
    /// The catalog of accelerators and models: the bundled one plus this session's additions.
    public var catalog: Catalog = .bundled
    /// Workloads in the order they were added (tables and `save` keep that order).
    public private(set) var workloads: [Workload] = []
    /// Variables bound with `let`, in the order first bound.
    public private(set) var variables: [(name: String, value: Quantity)] = []
    /// `ans`: the last calculator value.
    public var answer: Quantity?
    /// The last result table, for `export csv|json FILE` without a table name.
    public var lastResult: Table?
    /// The JSON document of the last result, for `export json FILE`.
    public var lastResultJSON: JSONValue?

    public init() {}

    // MARK: Workloads

    public func workload(named name: String) -> Workload? { workloads.first { $0.name == name } }

    public var workloadNames: [String] { workloads.map(\.name) }

    public mutating func addWorkload(_ workload: Workload) {
        workloads.append(workload)
    }

    public mutating func replaceWorkload(_ workload: Workload) {
        if let i = workloads.firstIndex(where: { $0.name == workload.name }) { workloads[i] = workload }
    }

    public mutating func removeWorkload(named name: String) {
        workloads.removeAll { $0.name == name }
    }

    // MARK: Variables

    public func variable(_ name: String) -> Quantity? { variables.first { $0.name == name }?.value }

    public mutating func bind(_ name: String, to value: Quantity) {
        if let i = variables.firstIndex(where: { $0.name == name }) {
            variables[i].value = value
        } else {
            variables.append((name, value))
        }
    }
}
