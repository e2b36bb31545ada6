import CapPlan
import OrderedCollections

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

    /// Workloads and variables in the order they were added (tables and `save` keep that
    /// order), found by name.
    private var workloadsByName: OrderedDictionary<String, Workload> = [:]
    private var variablesByName: OrderedDictionary<String, Quantity> = [:]

    /// Workloads in the order they were added.
    public var workloads: [Workload] { Array(workloadsByName.values) }
    /// Variables bound with `let`, in the order first bound.
    public var variables: [(name: String, value: Quantity)] { variablesByName.map { ($0.key, $0.value) } }
    /// `ans`: the last calculator value.
    public var answer: Quantity?
    /// The last result table, for `export csv|json FILE` without a table name.
    public var lastResult: Table? { lastOutput?.exportTable }
    /// The JSON document of the last result, for `export json FILE` and `result(KEY)`.
    public var lastResultJSON: JSONValue? { lastOutput?.json }
    /// The output that produced them.
    private var lastOutput: Output?

    /// Keeps `output` as the last result (when it has a table to export).
    mutating func recordResult(_ output: Output) {
        if output.exportTable != nil { lastOutput = output }
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
        workloadsByName[name]
    }

    public var workloadNames: [String] { Array(workloadsByName.keys) }

    /// Adds a workload at the end (a workload of the same name is replaced in its place; the
    /// commands check for duplicates first).
    public mutating func addWorkload(_ workload: Workload) {
        workloadsByName[workload.name] = workload
    }

    public mutating func replaceWorkload(_ workload: Workload) {
        if workloadsByName[workload.name] != nil { workloadsByName[workload.name] = workload }
    }

    public mutating func removeWorkload(named name: String) {
        workloadsByName.removeValue(forKey: name)
        histories[name] = nil
    }

    // MARK: Variables

    public func variable(_ name: String) -> Quantity? {
        variablesByName[name]
    }

    public var variableNames: [String] { Array(variablesByName.keys) }

    public mutating func bind(_ name: String, to value: Quantity) {
        variablesByName[name] = value
    }
}

extension Session {
    /// The normalized `.cap` text that rebuilds this session (what `save` writes, and what the
    /// interactive journal keeps so `capplan --recover` loses nothing when a terminal dies).
    public var replayScript: String { SessionScript.render(self) }
}
