/// Little's law for any stable system in steady state, whatever the distributions:
///
///     L = λ·W
///
/// L is the mean number in the system (or in the queue, or in service), λ the arrival rate
/// (requests per second) and W the mean time a request spends there (seconds). For a fleet,
/// the concurrency it must hold is λ × end-to-end latency.
///
/// Derivation and references: docs/capacity-math.md, "Definitions"; Little, *Operations
/// Research* 9(3) (1961); Kleinrock, *Queueing Systems* Vol. 1, §2.1.
public enum LittlesLaw {
    /// L = λ·W, the mean number in the system.
    ///
    /// - Parameters:
    ///   - arrivalRate: λ in requests per second; finite, at least 0.
    ///   - meanTime: W in seconds; finite, at least 0.
    /// - Returns: a count (requests), finite, at least 0.
    /// - Throws: `.invalidArrivalRate`, `.invalidTime`, `.resultOutOfRange` on overflow.
    public static func meanNumber(arrivalRate: Double, meanTime: Double) throws -> Double {
        let lambda = try QueueingValidation.arrivalRate(arrivalRate)
        let w = try QueueingValidation.time(meanTime)
        return try finite(lambda * w, "the mean number in the system")
    }

    /// W = L/λ, the mean time in the system, seconds.
    ///
    /// - Parameters:
    ///   - meanNumber: L, requests; finite, at least 0.
    ///   - arrivalRate: λ in requests per second; finite, above 0.
    /// - Throws: `.invalidMeanNumber`, `.invalidArrivalRate` (also for λ = 0), `.resultOutOfRange`.
    public static func meanTime(meanNumber: Double, arrivalRate: Double) throws -> Double {
        let l = try validMeanNumber(meanNumber)
        let lambda = try QueueingValidation.arrivalRate(arrivalRate)
        guard lambda > 0 else { throw QueueingError.invalidArrivalRate(lambda) }
        return try finite(l / lambda, "the mean time in the system")
    }

    /// λ = L/W, the arrival rate, requests per second.
    ///
    /// - Parameters:
    ///   - meanNumber: L, requests; finite, at least 0.
    ///   - meanTime: W in seconds; finite, above 0.
    /// - Throws: `.invalidMeanNumber`, `.invalidTime` (also for W = 0), `.resultOutOfRange`.
    public static func arrivalRate(meanNumber: Double, meanTime: Double) throws -> Double {
        let l = try validMeanNumber(meanNumber)
        let w = try QueueingValidation.time(meanTime)
        guard w > 0 else { throw QueueingError.invalidTime(w) }
        return try finite(l / w, "the arrival rate")
    }

    private static func validMeanNumber(_ value: Double) throws -> Double {
        guard value.isFinite, value >= 0 else { throw QueueingError.invalidMeanNumber(value) }
        return value
    }

    private static func finite(_ value: Double, _ quantity: String) throws -> Double {
        guard value.isFinite else { throw QueueingError.resultOutOfRange(quantity: quantity) }
        return value
    }
}
