/// Why a queueing computation refused its input.
///
/// Every queueing function validates its input and throws one of these instead of trapping or
/// returning NaN or infinity. Each case carries the values needed to explain itself; `message`
/// says what is wrong and `hint` what to do about it, both in plain English for the user.
/// All message text lives in this file.
public enum QueueingError: Error, Sendable, Equatable {
    /// The offered load `a = λ·E[S]` (erlangs) is at or above the number of servers, so the queue
    /// grows without bound. `minimumServers` is the fewest servers that make it stable,
    /// `floor(a) + 1` (capped at `Int.max` for absurd loads).
    case unstable(servers: Int, offeredLoad: Double, minimumServers: Int)
    /// An arrival rate (requests per second) that is negative, NaN or infinite.
    case invalidArrivalRate(Double)
    /// A mean service time (seconds) outside `QueueingLimits.serviceTimeRange`, NaN or infinite.
    case invalidServiceTime(Double)
    /// A server count below 1 or above `QueueingLimits.maximumServers`.
    case invalidServers(Int)
    /// An offered load (erlangs) that is negative, NaN or infinite.
    case invalidOfferedLoad(Double)
    /// A percentile that is not strictly between 0 and 1 (0.99 means p99).
    case invalidPercentile(Double)
    /// A probability target that is not strictly between 0 and 1.
    case invalidProbability(Double)
    /// A duration (seconds) that is negative, NaN or infinite.
    case invalidTime(Double)
    /// A utilisation cap outside (0, 1].
    case invalidUtilizationCap(Double)
    /// A squared coefficient of variation outside [0, `QueueingLimits.maximumSquaredCoefficientOfVariation`].
    /// `name` is `"ca2"` (inter-arrival times) or `"cs2"` (service times).
    case invalidSquaredCoefficientOfVariation(name: String, value: Double)
    /// A Halfin–Whitt staffing parameter β that is negative, NaN or infinite.
    case invalidStaffingParameter(Double)
    /// A mean number in system (Little's law) that is negative, NaN or infinite.
    case invalidMeanNumber(Double)
    /// A result that would overflow a Double (for example Little's law on huge inputs).
    case resultOutOfRange(quantity: String)
    /// No server count up to `limit` meets the target (a search that ran off the end).
    case noServerCountWithinLimit(limit: Int)

    /// What went wrong, one sentence, no trailing period.
    public var message: String {
        switch self {
        case let .unstable(servers, offeredLoad, _):
            let utilization = offeredLoad / Double(servers) * 100
            return "unstable queue: an offered load of \(Self.describe(offeredLoad)) erlangs on "
                + "\(Self.describe(servers)) servers is \(Self.describePercent(utilization)) utilisation, "
                + "and a queue at or above 100% grows without bound"
        case let .invalidArrivalRate(value):
            return "arrival rate must be a finite number of requests per second, at least 0; got \(Self.describe(value))"
        case let .invalidServiceTime(value):
            return "mean service time must be a finite number of seconds between "
                + "\(Self.describe(QueueingLimits.serviceTimeRange.lowerBound)) and "
                + "\(Self.describe(QueueingLimits.serviceTimeRange.upperBound)); got \(Self.describe(value))"
        case let .invalidServers(value):
            return "server count must be between 1 and \(Self.describe(QueueingLimits.maximumServers)); got \(Self.describe(value))"
        case let .invalidOfferedLoad(value):
            return "offered load must be a finite number of erlangs, at least 0; got \(Self.describe(value))"
        case let .invalidPercentile(value):
            return "percentile must be strictly between 0 and 1 (0.99 for p99); got \(Self.describe(value))"
        case let .invalidProbability(value):
            return "probability must be strictly between 0 and 1 (0.01 for 1%); got \(Self.describe(value))"
        case let .invalidTime(value):
            return "time must be a finite number of seconds, at least 0; got \(Self.describe(value))"
        case let .invalidUtilizationCap(value):
            return "maximum utilisation must be above 0 and at most 1 (0.8 for 80%); got \(Self.describe(value))"
        case let .invalidSquaredCoefficientOfVariation(name, value):
            return "\(name) (squared coefficient of variation) must be between 0 and "
                + "\(Self.describe(QueueingLimits.maximumSquaredCoefficientOfVariation)); got \(Self.describe(value))"
        case let .invalidStaffingParameter(value):
            return "Halfin–Whitt β must be a finite number, at least 0; got \(Self.describe(value))"
        case let .invalidMeanNumber(value):
            return "mean number in the system must be a finite number, at least 0; got \(Self.describe(value))"
        case let .resultOutOfRange(quantity):
            return "\(quantity) is too large to represent"
        case let .noServerCountWithinLimit(limit):
            return "no fleet of at most \(Self.describe(limit)) servers meets the target"
        }
    }

    /// What the user can do about it, one sentence, no trailing period.
    public var hint: String {
        switch self {
        case let .unstable(_, offeredLoad, minimumServers):
            if minimumServers > QueueingLimits.maximumServers {
                return "stability needs more than \(Self.describe(offeredLoad)) servers, beyond the limit of "
                    + "\(Self.describe(QueueingLimits.maximumServers)); check the units of the arrival rate and service time"
            }
            return "stability needs at least \(Self.describe(minimumServers)) servers (more than the offered load); "
                + "add servers, lower the arrival rate or shorten the service time"
        case .invalidArrivalRate:
            return "give the rate in requests per second, for example arrival=100rps"
        case .invalidServiceTime:
            return "give the mean time one server spends on one request, for example service=2s or service=250ms"
        case .invalidServers:
            return "use a whole number of servers, for example servers=214"
        case .invalidOfferedLoad:
            return "offered load is arrival rate × mean service time, for example 100 rps × 2 s = 200 erlangs"
        case .invalidPercentile:
            return "write p99 as 0.99 and p50 as 0.5; 0 and 1 themselves are not percentiles"
        case .invalidProbability:
            return "write 1% as 0.01"
        case .invalidTime:
            return "give a duration such as 0.5s or 200ms"
        case .invalidUtilizationCap:
            return "write 80% as 0.8; use 1 for no cap beyond stability"
        case .invalidSquaredCoefficientOfVariation:
            return "use 1 for Poisson arrivals or exponential service, 0 for deterministic, above 1 for bursty"
        case .invalidStaffingParameter:
            return "β = (servers − offered load) / √(offered load), for example 1 for c = a + √a"
        case .invalidMeanNumber:
            return "the mean number in the system is a count such as 12.5 requests"
        case .resultOutOfRange:
            return "check the units of the inputs"
        case .noServerCountWithinLimit:
            return "loosen the target (a longer wait or a lower percentile) or check the units of the inputs"
        }
    }
}

// Formatting for the messages above; members, so that the names cannot clash with helpers
// elsewhere in the module.
extension QueueingError {
    /// A Double for a message: whole numbers with thousands separators, everything else as Swift
    /// prints it; NaN and infinity spelled out.
    fileprivate static func describe(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "infinity" : "−infinity" }
        if value == value.rounded(), abs(value) < 1e15 {
            return Self.describe(Int(value))
        }
        return "\(value)"
    }

    /// An Int for a message, with thousands separators: 10000000 → "10,000,000".
    fileprivate static func describe(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A percentage for a message, to one decimal place: 100.45 → "100.5%".
    fileprivate static func describePercent(_ percent: Double) -> String {
        guard percent.isFinite, abs(percent) < 1e15 else { return Self.describe(percent) + "%" }
        let tenths = (percent * 10).rounded()
        let whole = Self.describe(Int(tenths / 10))
        let fraction = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
        return whole + "." + String(fraction) + "%"
    }
}
