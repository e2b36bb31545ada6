/// A replica that stops at a given time (the N+k question: does the fleet hold with k down?).
///
/// At `atSeconds` the replica stops at once: its step in progress is lost, and every request
/// it held — running ones first, in slot order, then queued ones oldest first — is routed
/// again as if it had just arrived, keeping its original arrival time (its latency counts from
/// there). A rerouted request restarts from its prompt: the tokens it had generated are lost
/// and regenerated, and a TTFT already recorded stands (the user saw that token). The replica
/// never comes back.
public struct FleetFailure: Sendable, Hashable {
    /// Index of the replica, 0 ..< replicas.
    public var replica: Int
    /// Simulated time of the failure, seconds (finite, ≥ 0).
    public var atSeconds: Double

    public init(replica: Int, atSeconds: Double) {
        self.replica = replica
        self.atSeconds = atSeconds
    }
}
