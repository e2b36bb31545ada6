import CapPlan

/// The metrics at one server count, from `MMcMetrics` or `AllenCunneenMetrics`.
struct QueueFigures: Sendable {
    var servers: Int
    var offeredLoad: Double
    var utilization: Double
    var probabilityOfWait: Double
    var erlangB: Double
    /// θ = (c − a)/E[S], per second (the M/M/c decay rate, before dividing by k).
    var theta: Double
    var variabilityFactor: Double
    var meanWait: Double
    var queueLength: Double
    var waitP50: Double
    var waitP95: Double
    var waitP99: Double
    var meanSojourn: Double
    var sojournP99: Double?
    private var percentile: @Sendable (Double) throws -> Double

    init(_ input: QueueInput, servers c: Int) throws {
        let mmc = try MMcMetrics(arrivalRate: input.arrivalRate, meanServiceTime: input.serviceTime, servers: c)
        servers = c
        offeredLoad = mmc.offeredLoad
        utilization = mmc.utilization
        probabilityOfWait = mmc.probabilityOfWait
        erlangB = try CapPlan.erlangB(servers: c, offeredLoad: mmc.offeredLoad)
        theta = mmc.decayRate
        if input.isAllenCunneen {
            let ac = try AllenCunneenMetrics(arrivalRate: input.arrivalRate, meanServiceTime: input.serviceTime, servers: c,
                                             arrivalSCV: input.arrivalSCV, serviceSCV: input.serviceSCV)
            variabilityFactor = ac.variabilityFactor
            meanWait = ac.meanWait
            queueLength = ac.meanQueueLength
            waitP50 = ac.waitP50
            waitP95 = ac.waitP95
            waitP99 = ac.waitP99
            sojournP99 = nil
            percentile = { try ac.waitPercentile($0) }
        } else {
            variabilityFactor = 1
            meanWait = mmc.meanWait
            queueLength = mmc.meanQueueLength
            waitP50 = mmc.waitP50
            waitP95 = mmc.waitP95
            waitP99 = mmc.waitP99
            sojournP99 = try mmc.sojournPercentile(0.99)
            percentile = { try mmc.waitPercentile($0) }
        }
        meanSojourn = meanWait + input.serviceTime
    }

    func waitAt(_ p: Double) -> Double { (try? percentile(p)) ?? .nan }
}
