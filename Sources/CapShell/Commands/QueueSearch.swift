import CapPlan

/// What the `sla=` search found, and the facts that prove it is the fewest.
struct QueueSearch: Sendable {
    var target: WaitTarget
    /// c_lo: the smallest stable count within max_util, where the search starts.
    var lowerBound: Int
    var stabilityBound: Int
    /// The metrics at c* − 1 when that count is stable and within max_util.
    var previous: QueueFigures?

    var answerServers: Int
    var offeredLoad: Double
    var maximumUtilization: Double

    init(input: QueueInput, target: WaitTarget, answer: Int) throws {
        self.target = target
        let a = input.arrivalRate * input.serviceTime
        answerServers = answer
        offeredLoad = a
        maximumUtilization = input.maximumUtilization
        stabilityBound = Int(a.rounded(.down)) + 1
        var low = stabilityBound
        if input.maximumUtilization < 1 { low = Swift.max(low, Int((a / input.maximumUtilization).rounded(.up))) }
        lowerBound = Swift.min(low, answer)
        let below = answer - 1
        if below >= 1, Double(below) > a, a / Double(below) <= input.maximumUtilization {
            previous = try QueueFigures(input, servers: below)
        }
    }

    /// "; at 2,054 servers it is 0.1004 s > 0.1 s" or why c* − 1 is not allowed.
    var previousText: String {
        if let previous {
            let w = previous.waitAt(target.percentile)
            return "; at \(NumberFormat.integer(Double(previous.servers))) servers it is \(QueueCommands.seconds(w, digits: 6)) > \(target.waitText)"
        }
        let fewer = answerServers - 1
        if lowerBound > stabilityBound, fewer >= 1 {
            return "; \(NumberFormat.integer(Double(fewer))) servers would be \(NumberFormat.percent(offeredLoad / Double(fewer), decimals: 2)) utilised, above max_util=\(NumberFormat.percent(maximumUtilization, decimals: 0))"
        }
        return "; fewer servers would not be stable (ρ < 1 needs more than \(NumberFormat.decimal(offeredLoad)) servers)"
    }
}
