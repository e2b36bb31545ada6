/// The fewest instances whose queueing wait meets a percentile objective (design.md "The
/// sizing pipeline", step 2, the latency count).
///
/// The fleet is modelled as one M/M/c queue (Allen–Cunneen for non-Poisson traffic) whose
/// servers are the request slots of all instances: an LLM replica with continuous batching is
/// B slots (capacity-math.md §2 "Batch servers", least-loaded routing), a measured instance is
/// X·S slots by Little's law, a roofline instance is one.
///
///     c* = min { c : w_p(c) ≤ budget }          budget = objective − the no-queue latency
///     R_lat = ceil(c* / slots per instance)
///
/// - Returns: nil when the budget is not positive (no fleet can meet the objective).
public func latencyInstances(arrivalRate: Double, serviceTime: Double, slotsPerInstance: Double,
                             percentile: Double, waitBudget: Double,
                             arrivalSCV: Double = 1, serviceSCV: Double = 1) throws -> Int? {
    guard waitBudget > 0 else { return nil }
    guard arrivalRate > 0 else { return 0 }
    let servers = try minimumServers(arrivalRate: arrivalRate, meanServiceTime: serviceTime, percentile: percentile,
                                     maximumWait: waitBudget, arrivalSCV: arrivalSCV, serviceSCV: serviceSCV)
    return requiredCount(Double(servers) / Swift.max(1e-12, slotsPerInstance))
}

/// The waiting-time percentile of the fleet in seconds (0 when few requests wait), with its
/// utilisation; nil when the fleet is unstable at this load.
public func fleetWaitPercentile(arrivalRate: Double, serviceTime: Double, servers: Int, percentile: Double,
                                arrivalSCV: Double = 1, serviceSCV: Double = 1) -> Double? {
    guard arrivalRate > 0 else { return 0 }
    guard servers >= 1, servers <= QueueingLimits.maximumServers else { return nil }
    if arrivalSCV == 1 && serviceSCV == 1 {
        guard let metrics = try? MMcMetrics(arrivalRate: arrivalRate, meanServiceTime: serviceTime, servers: servers) else { return nil }
        return try? metrics.waitPercentile(percentile)
    }
    guard let metrics = try? AllenCunneenMetrics(arrivalRate: arrivalRate, meanServiceTime: serviceTime, servers: servers,
                                                 arrivalSCV: arrivalSCV, serviceSCV: serviceSCV) else { return nil }
    return try? metrics.waitPercentile(percentile)
}
