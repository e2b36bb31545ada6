import CapPlan

/// The arguments of `queue mmc`, read and checked.
struct QueueInput: Sendable {
    var arrivalQuantity: Quantity
    var arrivalRate: Double
    var serviceTime: Double
    var servers: Int?
    var target: WaitTarget?
    var maximumUtilization: Double
    var arrivalSCV: Double
    var serviceSCV: Double

    var isAllenCunneen: Bool { arrivalSCV != 1 || serviceSCV != 1 }
    var methodTitle: String {
        isAllenCunneen
            ? "G/G/c (Allen–Cunneen, c_a² = \(NumberFormat.decimal(arrivalSCV)), c_s² = \(NumberFormat.decimal(serviceSCV)))"
            : "M/M/c"
    }

    init(_ arguments: Arguments, quantile: Double, reader: ValueReader) throws {
        let usage = "e.g. queue mmc arrival=100rps service=2s servers=214, or ... sla=p99<=0.5s"
        guard let arrival = arguments.quantity("arrival") else {
            throw LanguageError(.command, "'queue mmc' needs arrival= (the arrival rate λ)", hint: usage, span: Self.end(arguments))
        }
        guard let service = arguments.quantity("service") else {
            throw LanguageError(.command, "'queue mmc' needs service= (the mean service time E[S])", hint: usage, span: Self.end(arguments))
        }
        arrivalQuantity = arrival
        arrivalRate = arrival.value
        serviceTime = service.value
        do {
            _ = try MMcValidationProbe.check(arrivalRate: arrival.value, serviceTime: service.value)
        } catch let error as QueueingError {
            let key = error.isAboutArrival ? "arrival" : "service"
            throw LanguageError(.bind, error.message, hint: error.hint, span: Self.valueSpan(arguments.option(key)))
        }
        let serversArgument = arguments.option("servers")
        let slaArgument = arguments.option("sla")
        switch (serversArgument, slaArgument) {
        case (nil, nil):
            throw LanguageError(.command, "'queue mmc' needs servers= (to evaluate a fleet) or sla= (to find the fewest servers)",
                                hint: usage, span: Self.end(arguments))
        case (let s?, let t?):
            throw LanguageError(.command, "give servers= or sla=, not both",
                                hint: "servers= evaluates a given fleet; sla= finds the fewest servers that meet the target",
                                span: Self.covering([s.span, t.span]))
        default: break
        }
        if let serversArgument {
            let c = serversArgument.value.quantity?.value ?? 0
            guard c >= 1, c <= Double(QueueingLimits.maximumServers) else {
                throw LanguageError(.bind, QueueingError.invalidServers(c < 1 ? 0 : Int(Swift.min(c, 1e15))).message,
                                    hint: QueueingError.invalidServers(0).hint, span: Self.valueSpan(serversArgument))
            }
            servers = Int(c)
        }
        if let slaArgument {
            target = try WaitTarget.parse(slaArgument.text, span: Self.valueSpan(slaArgument), defaultPercentile: quantile, reader: reader)
        }
        maximumUtilization = arguments.quantity("max_util")?.value ?? 1
        if let cap = arguments.option("max_util") {
            guard target != nil else {
                throw LanguageError(.command, "max_util= applies only to an sla= search", hint: "with servers= the utilisation is λ·E[S]/c", span: cap.span)
            }
            guard maximumUtilization > 0, maximumUtilization <= 1 else {
                throw LanguageError(.bind, QueueingError.invalidUtilizationCap(maximumUtilization).message,
                                    hint: "e.g. max_util=80%; 100% means no cap beyond stability", span: Self.valueSpan(cap))
            }
        }
        arrivalSCV = arguments.quantity("ca2")?.value ?? 1
        serviceSCV = arguments.quantity("cs2")?.value ?? 1
        for (key, value) in [("ca2", arrivalSCV), ("cs2", serviceSCV)] where !(value >= 0 && value <= QueueingLimits.maximumSquaredCoefficientOfVariation) {
            let error = QueueingError.invalidSquaredCoefficientOfVariation(name: key, value: value)
            throw LanguageError(.bind, error.message, hint: error.hint, span: Self.valueSpan(arguments.option(key)))
        }
    }

    /// Where the value of `key=value` starts and ends in the line (the bound span covers the key).
    static func valueSpan(_ argument: BoundArgument?) -> Range<Int>? {
        guard let argument else { return nil }
        let start = Swift.max(argument.span.lowerBound, argument.span.upperBound - argument.text.count)
        return start..<Swift.max(start + 1, argument.span.upperBound)
    }

    /// The span from the first to the last of `spans`, whatever order the options were
    /// typed in (`sla=` before `servers=`).
    static func covering(_ spans: [Range<Int>]) -> Range<Int> {
        let lower = spans.map(\.lowerBound).min() ?? 0
        return lower..<Swift.max(lower, spans.map(\.upperBound).max() ?? lower)
    }

    static func end(_ arguments: Arguments) -> Range<Int> { arguments.span.upperBound..<(arguments.span.upperBound + 1) }
}

/// Checks λ and E[S] through CapPlan's own validation, so the limits and messages are its.
private enum MMcValidationProbe {
    static func check(arrivalRate: Double, serviceTime: Double) throws -> Bool {
        // One server at zero load validates the service time; the arrival check needs a load.
        _ = try MMcMetrics(arrivalRate: 0, meanServiceTime: serviceTime, servers: 1)
        guard arrivalRate.isFinite, arrivalRate >= 0 else { throw QueueingError.invalidArrivalRate(arrivalRate) }
        return true
    }
}

extension QueueingError {
    fileprivate var isAboutArrival: Bool {
        if case .invalidArrivalRate = self { return true }
        return false
    }
}
