// Input checks shared by the queueing functions. Each returns the value it checked so that
// callers can validate and bind in one line; each throws the matching `QueueingError`.

enum QueueingValidation {
    static func arrivalRate(_ value: Double) throws -> Double {
        guard value.isFinite, value >= 0 else { throw QueueingError.invalidArrivalRate(value) }
        return value
    }

    static func serviceTime(_ value: Double) throws -> Double {
        guard value.isFinite, QueueingLimits.serviceTimeRange.contains(value) else {
            throw QueueingError.invalidServiceTime(value)
        }
        return value
    }

    static func servers(_ value: Int) throws -> Int {
        guard value >= 1, value <= QueueingLimits.maximumServers else {
            throw QueueingError.invalidServers(value)
        }
        return value
    }

    static func offeredLoad(_ value: Double) throws -> Double {
        guard value.isFinite, value >= 0 else { throw QueueingError.invalidOfferedLoad(value) }
        return value
    }

    static func percentile(_ value: Double) throws -> Double {
        guard value > 0, value < 1 else { throw QueueingError.invalidPercentile(value) }  // NaN fails too
        return value
    }

    static func probability(_ value: Double) throws -> Double {
        guard value > 0, value < 1 else { throw QueueingError.invalidProbability(value) }
        return value
    }

    static func time(_ value: Double) throws -> Double {
        guard value.isFinite, value >= 0 else { throw QueueingError.invalidTime(value) }
        return value
    }

    static func utilizationCap(_ value: Double) throws -> Double {
        guard value > 0, value <= 1 else { throw QueueingError.invalidUtilizationCap(value) }
        return value
    }

    static func squaredCoefficientOfVariation(_ value: Double, name: String) throws -> Double {
        guard value >= 0, value <= QueueingLimits.maximumSquaredCoefficientOfVariation else {
            throw QueueingError.invalidSquaredCoefficientOfVariation(name: name, value: value)
        }
        return value
    }

    /// The offered load `a = λ·E[S]` of valid inputs, which may still overflow a Double.
    static func offeredLoad(arrivalRate: Double, meanServiceTime: Double) throws -> Double {
        let load = arrivalRate * meanServiceTime
        guard load.isFinite else {
            throw QueueingError.resultOutOfRange(quantity: "offered load (arrival rate × service time)")
        }
        return load
    }

    /// Throws `.unstable` unless `offeredLoad < servers`.
    static func requireStable(servers: Int, offeredLoad: Double) throws {
        guard offeredLoad < Double(servers) else {
            throw QueueingError.unstable(
                servers: servers, offeredLoad: offeredLoad,
                minimumServers: stabilityBound(offeredLoad: offeredLoad))
        }
    }

    /// The fewest servers with `offeredLoad < servers`: `floor(a) + 1`, at least 1, capped at
    /// `Int.max` so that no conversion can trap.
    static func stabilityBound(offeredLoad: Double) -> Int {
        let bound = offeredLoad.rounded(.down) + 1
        guard bound < 9e18 else { return Int.max }
        return Swift.max(1, Int(bound))
    }
}
