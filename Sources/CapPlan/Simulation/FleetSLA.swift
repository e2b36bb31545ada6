/// Latency objectives for counting late requests, seconds; nil objectives are not checked.
/// A request is late when any given objective is exceeded.
public struct FleetSLA: Sendable, Hashable {
    public var ttftSeconds: Double?
    public var e2eSeconds: Double?

    public init(ttftSeconds: Double? = nil, e2eSeconds: Double? = nil) {
        self.ttftSeconds = ttftSeconds
        self.e2eSeconds = e2eSeconds
    }
}
