/// How an arriving request picks its replica. Each replica keeps its own queue: there is no
/// global queue, so a request never moves once routed (except off a failed replica).
///
/// capacity-math.md §2, "Batch servers": least-loaded routing behaves like one M/G/(R·B_max)
/// pool, random routing like R independent M/G/B_max queues, which wait longer.
public enum FleetRouting: String, Sendable, Hashable, CaseIterable {
    /// The replica with the fewest sequences running or queued; ties go to the lowest index.
    /// (What "least outstanding requests" load balancers do, with perfect information.)
    case leastLoaded = "least-loaded"
    /// A replica drawn uniformly among the live ones from the simulation's seeded stream.
    case random
}
