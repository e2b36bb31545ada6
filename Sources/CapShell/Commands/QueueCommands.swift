import CapPlan
import Foundation  // log, exp, sqrt for the derivation's sanity check text

/// `queue mmc`: the metrics of an M/M/c (or Allen–Cunneen G/G/c) queue at a given server count,
/// or the fewest servers whose waiting-time percentile meets `sla=`.
///
/// The math is CapPlan's (`MMcMetrics`, `AllenCunneenMetrics`, `minimumServers`); this file
/// reads the arguments, renders the metrics and writes the derivation `explain queue mmc` shows.
enum QueueCommands {
    static let all = [mmc]

    static let mmc = CommandSpec(
        path: ["queue", "mmc"], group: .sizing,
        abstract: "M/M/c queue metrics at servers=, or the fewest servers meeting a wait percentile (sla=p99<=0.5s).",
        discussion: """
        Poisson arrivals at arrival= (λ), exponential service of mean service= (E[S]), one shared \
        first-come-first-served queue, identical servers. With servers=: utilisation, P(wait) \
        (Erlang C), mean wait in queue, queue length, waiting-time percentiles p50/p95/p99 over all \
        requests (0 when P(wait) ≤ 1 − p) and the time in system (wait + service). With sla=: the \
        fewest servers whose waiting time in queue (before service) meets the percentile, e.g. \
        sla=p99<=0.5s, sla=p95<500ms, sla=99%<=2s; sla=0.5s uses the session's sla.quantile. \
        max_util= caps the utilisation of the answer. ca2= and cs2= (squared coefficients of \
        variation of inter-arrival and service times, 1 for Poisson/exponential) switch to the \
        Allen–Cunneen approximation. JSON keys: servers, utilization, p_wait, mean_wait_s, \
        queue_length, wait_p50_s, wait_p95_s, wait_p99_s, then offered_load, mean_sojourn_s, \
        sojourn_p99_s, method. 'explain queue mmc ...' shows every step with numbers.
        """,
        positionals: [],
        options: [
            OptionSpec("arrival", .quantity(dimensions: [.rate], impliedUnit: "rps", context: .count), "Arrival rate λ (a plain number is requests per second)."),
            OptionSpec("service", .quantity(dimensions: [.time], impliedUnit: "s", context: .count), "Mean service time E[S] of one request on one server (a plain number is seconds)."),
            OptionSpec("servers", .count, "Number of servers c (give this or sla=)."),
            OptionSpec("sla", .text, "Waiting-time target: percentile, <= or <, time (p99<=0.5s, 95%<200ms)."),
            OptionSpec("max_util", .share, "With sla=: the highest utilisation the answer may have.", default: "100%"),
            OptionSpec("ca2", .number, "Squared coefficient of variation of inter-arrival times (1 = Poisson).", default: "1"),
            OptionSpec("cs2", .number, "Squared coefficient of variation of service times (1 = exponential).", default: "1"),
        ],
        examples: [
            "queue mmc arrival=100rps service=2s servers=214",
            "queue mmc arrival=1000rps service=2s sla=p99<=100ms",
            "queue mmc arrival=100rps service=2s sla=p95<500ms max_util=90%",
            "queue mmc arrival=100rps service=2s servers=214 ca2=2",
        ]
    ) { context, arguments in
        let input = try QueueInput(arguments, quantile: context.session.settings.quantile, reader: ValueReader(session: context.session))
        let servers: Int
        var search: QueueSearch?
        if let target = input.target {
            servers = try minimumServers(
                arrivalRate: input.arrivalRate, meanServiceTime: input.serviceTime, percentile: target.percentile,
                maximumWait: target.maximumWait, maximumUtilization: input.maximumUtilization,
                arrivalSCV: input.arrivalSCV, serviceSCV: input.serviceSCV)
            search = try QueueSearch(input: input, target: target, answer: servers)
        } else {
            servers = input.servers ?? 1
        }
        let figures: QueueFigures
        do {
            figures = try QueueFigures(input, servers: servers)
        } catch let error as QueueingError {
            // Point at the server count: that is what the user can change.
            throw LanguageError(.command, error.message, hint: error.hint, span: QueueInput.valueSpan(arguments.option("servers")))
        }
        var output = Output.table(table(input, figures, search), json: json(input, figures, search))
        if context.explaining { output.derivation = try QueueDerivation.build(input, figures, search) }
        return CommandResult(output)
    }

    // MARK: - Rendering

    static func seconds(_ x: Double, digits: Int = 4) -> String { Quantity(x, .time).formatted(significantDigits: digits) }

    static func table(_ input: QueueInput, _ f: QueueFigures, _ search: QueueSearch?) -> Table {
        var title = "\(input.methodTitle): λ = \(input.arrivalQuantity.formatted()), E[S] = \(seconds(input.serviceTime, digits: 6))"
        if let search {
            title += "; fewest servers with \(search.target.description): \(NumberFormat.integer(Double(f.servers)))"
        } else {
            title += ", c = \(NumberFormat.integer(Double(f.servers)))"
        }
        var table = Table(name: "queue", title: title, columns: [.init("metric"), .init("value", alignment: .right)])
        func row(_ name: String, _ text: String, _ value: Double?) {
            table.rows.append([.text(name), Table.Cell(text, value: .number(value))])
        }
        row("servers", NumberFormat.integer(Double(f.servers)), Double(f.servers))
        row("offered load", NumberFormat.decimal(f.offeredLoad, significantDigits: 6) + " erlangs", f.offeredLoad)
        row("utilisation", NumberFormat.percent(f.utilization, decimals: 2), f.utilization)
        row("P(wait)", NumberFormat.decimal(f.probabilityOfWait, significantDigits: 4), f.probabilityOfWait)
        row("mean wait", seconds(f.meanWait), f.meanWait)
        row("queue length", NumberFormat.decimal(f.queueLength, significantDigits: 4), f.queueLength)
        row("wait p50", seconds(f.waitP50), f.waitP50)
        row("wait p95", seconds(f.waitP95), f.waitP95)
        row("wait p99", seconds(f.waitP99), f.waitP99)
        row("mean sojourn", seconds(f.meanSojourn), f.meanSojourn)
        if let p99 = f.sojournP99 {
            row("sojourn p99", seconds(p99), p99)
        } else {
            row("sojourn p99", "n/a", nil)
        }
        let zero = [("p50", 0.5, f.waitP50), ("p95", 0.95, f.waitP95), ("p99", 0.99, f.waitP99)].filter { $0.2 == 0 }
        if let last = zero.last {
            let names = zero.map(\.0).joined(separator: ", ")
            table.footnotes.append("wait \(names) = 0: only P(wait) = \(NumberFormat.percent(f.probabilityOfWait, decimals: 2)) of requests wait at all, "
                + "no more than 1 − \(Quantity.shortest(last.1)) = \(NumberFormat.percent(1 - last.1, decimals: 0)).")
        }
        if input.isAllenCunneen {
            table.footnotes.append("Allen–Cunneen: M/M/c waits × k = (c_a² + c_s²)/2 = \(NumberFormat.decimal(f.variabilityFactor)); P(wait) is the M/M/c value; sojourn p99 needs the service-time distribution and is not computed.")
        }
        if let search {
            table.footnotes.append("wait \(search.target.percentileName) at \(NumberFormat.integer(Double(f.servers))) servers = \(seconds(f.waitAt(search.target.percentile), digits: 6)) ≤ \(search.target.waitText)" + search.previousText)
        }
        return table
    }

    static func json(_ input: QueueInput, _ f: QueueFigures, _ search: QueueSearch?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("servers", .number(Double(f.servers))),
            ("utilization", .number(f.utilization)),
            ("p_wait", .number(f.probabilityOfWait)),
            ("mean_wait_s", .number(f.meanWait)),
            ("queue_length", .number(f.queueLength)),
            ("wait_p50_s", .number(f.waitP50)),
            ("wait_p95_s", .number(f.waitP95)),
            ("wait_p99_s", .number(f.waitP99)),
            ("offered_load", .number(f.offeredLoad)),
            ("mean_sojourn_s", .number(f.meanSojourn)),
            ("sojourn_p99_s", .number(f.sojournP99)),
            ("method", .string(input.isAllenCunneen ? "allen-cunneen" : "mmc")),
            ("arrival_rps", .number(input.arrivalRate)),
            ("service_s", .number(input.serviceTime)),
            ("ca2", .number(input.arrivalSCV)),
            ("cs2", .number(input.serviceSCV)),
        ]
        if let search {
            pairs.append(("sla_percentile", .number(search.target.percentile)))
            pairs.append(("sla_wait_s", .number(search.target.maximumWait)))
            pairs.append(("max_util", .number(input.maximumUtilization)))
        }
        return .object(pairs)
    }
}

// MARK: - Input

/// The arguments of `queue mmc`, read and checked.
struct QueueInput {
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
                                span: s.span.lowerBound..<t.span.upperBound)
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

/// `sla=p99<=0.5s`: the wait percentile p and the longest wait t allowed at it.
struct WaitTarget {
    var percentile: Double
    var maximumWait: Double
    /// `<=` or `<` as typed (both are read as ≤: the wait is a continuous distribution).
    var comparison: String
    /// The value as typed after `sla=`.
    var text: String

    var percentileName: String { "p" + Quantity.shortest((percentile * 100 * 1e9).rounded() / 1e9) }
    var waitText: String { QueueCommands.seconds(maximumWait, digits: 6) }
    var description: String { "\(percentileName) wait \(comparison == "<" ? "<" : "≤") \(waitText)" }

    /// Parses `PERCENTILE OP TIME` (`p99<=0.5s`, `p95<500ms`, `99%<=2s`, `0.99<=2s`) or a bare
    /// `TIME` (percentile from the session). Errors point at the part that is wrong.
    static func parse(_ text: String, span: Range<Int>?, defaultPercentile: Double, reader: ValueReader) throws -> WaitTarget {
        let chars = Array(text)
        let base = span?.lowerBound ?? 0
        func at(_ range: Range<Int>) -> Range<Int> { (base + range.lowerBound)..<(base + Swift.max(range.upperBound, range.lowerBound + 1)) }
        let example = "e.g. sla=p99<=0.5s, sla=p95<500ms or sla=99%<=2s"
        guard !chars.isEmpty else {
            throw LanguageError(.bind, "sla= needs a target: a percentile, <= and a time", hint: example, span: at(0..<1))
        }
        guard let opStart = chars.firstIndex(where: { "<>=≤≥!".contains($0) }) else {
            // A bare time: the session's percentile.
            let wait = try time(chars, 0..<chars.count, at: at, reader: reader)
            return WaitTarget(percentile: defaultPercentile, maximumWait: wait, comparison: "<=", text: text)
        }
        var opEnd = opStart
        while opEnd < chars.count, "<>=≤≥!".contains(chars[opEnd]) { opEnd += 1 }
        let op = String(chars[opStart..<opEnd])
        guard op == "<=" || op == "<" || op == "≤" else {
            throw LanguageError(.bind, "sla= bounds the wait from above; '\(op)' is not allowed here",
                                hint: "use '<=' (or '<'): \(example)", span: at(opStart..<opEnd))
        }
        var lhs = 0..<opStart
        while lhs.lowerBound < lhs.upperBound, chars[lhs.lowerBound] == " " { lhs = (lhs.lowerBound + 1)..<lhs.upperBound }
        while lhs.lowerBound < lhs.upperBound, chars[lhs.upperBound - 1] == " " { lhs = lhs.lowerBound..<(lhs.upperBound - 1) }
        guard !lhs.isEmpty else {
            throw LanguageError(.bind, "sla= needs a percentile before '\(op)'", hint: example, span: at(opStart..<opEnd))
        }
        let p: Double
        do {
            p = try ValueReader.percentile(String(chars[lhs]), key: "sla", span: at(lhs))
        } catch {
            throw LanguageError(.bind, "sla= expects a percentile before '\(op)' such as p99, 99% or 0.99; got '\(String(chars[lhs]))'",
                                hint: example, span: at(lhs))
        }
        guard opEnd < chars.count else {
            throw LanguageError(.bind, "sla= needs a time after '\(op)'", hint: example, span: at(opEnd..<(opEnd + 1)))
        }
        let wait = try time(chars, opEnd..<chars.count, at: at, reader: reader)
        if op == "<", wait == 0 {
            throw LanguageError(.bind, "no wait is shorter than 0 s", hint: "use p99<=0s to ask that at most 1% of requests wait at all", span: at(opEnd..<chars.count))
        }
        return WaitTarget(percentile: p, maximumWait: wait, comparison: op == "≤" ? "<=" : op, text: text)
    }

    private static func time(_ chars: [Character], _ range: Range<Int>, at: (Range<Int>) -> Range<Int>,
                             reader: ValueReader) throws -> Double {
        let text = String(chars[range])
        let q = try reader.evaluate(text, context: .count, span: at(range))
        if q.isDimensionless {
            throw LanguageError(.bind, "the wait in sla= needs a unit; got the plain number \(NumberFormat.decimal(q.value))",
                                hint: "write 0.5s or 500ms", span: at(range))
        }
        guard q.dimension == .time else {
            throw LanguageError(.bind, "sla= compares the wait with a time; got \(q.dimension)", hint: "write 0.5s or 500ms", span: at(range))
        }
        guard q.value.isFinite, q.value >= 0 else {
            throw LanguageError(.bind, "the wait in sla= must be at least 0 s; got \(q.formatted())", hint: "write 0.5s or 500ms", span: at(range))
        }
        return q.value
    }
}

// MARK: - Figures

/// The metrics at one server count, from `MMcMetrics` or `AllenCunneenMetrics`.
struct QueueFigures {
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
    private var percentile: (Double) throws -> Double

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

/// What the `sla=` search found, and the facts that prove it is the fewest.
struct QueueSearch {
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

// MARK: - Derivation

/// The steps of `explain queue mmc ...`: each formula, the numbers put in, the result.
enum QueueDerivation {
    static func n(_ x: Double) -> String { NumberFormat.decimal(x, significantDigits: 6) }
    static func s(_ x: Double) -> String { QueueCommands.seconds(x, digits: 6) }
    static func count(_ c: Int) -> String { NumberFormat.integer(Double(c)) }
    static func perSecond(_ x: Double) -> String { n(x) + " /s" }

    static func build(_ input: QueueInput, _ f: QueueFigures, _ search: QueueSearch?) throws -> Derivation {
        let ac = input.isAllenCunneen
        var d = Derivation(title: "queue mmc: \(input.methodTitle), λ = \(input.arrivalQuantity.formatted()), E[S] = \(s(input.serviceTime))"
                           + (search.map { ", \($0.target.description)" } ?? ", c = \(count(f.servers))"))
        let a = f.offeredLoad
        let mu = 1 / input.serviceTime
        let lambda = input.arrivalRate
        let c = Double(f.servers)
        d.step("offered load", "a = λ·E[S]", "\(n(lambda)) /s × \(s(input.serviceTime))", "\(n(a)) erlangs")
        d.step("service rate", "μ = 1/E[S]", "1 / \(s(input.serviceTime))", perSecond(mu))

        if let search {
            let t = search.target
            d.step("target", "w_p ≤ t", "p = \(n(t.percentile)), t = \(t.waitText)", "from sla=\(t.text)" + (t.text.contains(where: { "<≤".contains($0) }) ? "" : " (session sla.quantile)"))
            var lowText = "floor(\(n(a))) + 1"
            if input.maximumUtilization < 1 { lowText = "max(\(lowText), ceil(\(n(a)) / \(n(input.maximumUtilization))))" }
            d.step("search start", input.maximumUtilization < 1 ? "c_lo = max(floor(a) + 1, ceil(a/ρ_max))" : "c_lo = floor(a) + 1  (smallest c with a < c)",
                   lowText, "\(count(search.lowerBound)) servers")
            d.step("search", "smallest c ≥ c_lo with w_p(c) ≤ t",
                   "c_lo = \(count(search.lowerBound)), t = \(t.waitText)", "c* = \(count(f.servers)) servers")
            if let previous = search.previous {
                let w = previous.waitAt(t.percentile)
                d.step("c* − 1 misses", ac ? "w_p(c) = ln(C/(1 − p))·k/θ,  θ = (c − a)/E[S]" : "w_p(c) = ln(C/(1 − p))/θ,  θ = (c − a)/E[S]",
                       "c = \(count(previous.servers)): C = \(n(previous.probabilityOfWait)), θ = \(perSecond(previous.theta))"
                        + ": ln(\(n(previous.probabilityOfWait)) / \(n(1 - t.percentile)))\(ac ? " × \(n(previous.variabilityFactor))" : "") / \(perSecond(previous.theta))",
                       "\(s(w)) > \(t.waitText)")
            } else {
                d.step("c* − 1 not allowed", search.lowerBound > search.stabilityBound ? "a/(c* − 1) ≤ ρ_max" : "a < c* − 1",
                       search.lowerBound > search.stabilityBound
                        ? "\(n(a)) / \(count(f.servers - 1)) = \(n(a / Double(f.servers - 1))) > \(n(input.maximumUtilization))"
                        : "\(n(a)) < \(count(f.servers - 1)) is false",
                       "c* = c_lo: " + (search.lowerBound > search.stabilityBound ? "max_util binds" : "stability binds"))
            }
        }

        d.step("utilisation", "ρ = a/c", "\(n(a)) / \(count(f.servers))", "\(n(f.utilization)) (\(NumberFormat.percent(f.utilization, decimals: 2)))")
        d.step("stability", "a < c", "\(n(a)) < \(count(f.servers))", "stable")
        d.step("Erlang B", "B_0 = 1;  B_k = a·B_{k−1}/(k + a·B_{k−1}),  k = 1 … c",
               "a = \(n(a)), k = 1 … \(count(f.servers))", "B_c = \(n(f.erlangB))")
        d.step("Erlang C = P(wait)", "C = B_c / (1 − ρ(1 − B_c))",
               "\(n(f.erlangB)) / (1 − \(n(f.utilization)) × (1 − \(n(f.erlangB))))", "C = \(n(f.probabilityOfWait))")
        d.step("decay rate", "θ = cμ − λ", "\(count(f.servers)) × \(perSecond(mu)) − \(perSecond(lambda))", perSecond(f.theta))
        let k = f.variabilityFactor
        if ac {
            d.step("variability (Allen–Cunneen)", "k = (c_a² + c_s²)/2", "(\(n(input.arrivalSCV)) + \(n(input.serviceSCV))) / 2", n(k))
            d.step("mean wait", "E[W_q] ≈ C/θ × k", "\(n(f.probabilityOfWait)) / \(perSecond(f.theta)) × \(n(k))", s(f.meanWait))
            d.step("queue length", "L_q ≈ C·ρ/(1 − ρ) × k",
                   "\(n(f.probabilityOfWait)) × \(n(f.utilization)) / (1 − \(n(f.utilization))) × \(n(k))", n(f.queueLength))
        } else {
            d.step("mean wait", "E[W_q] = C/(cμ − λ) = C/θ", "\(n(f.probabilityOfWait)) / \(perSecond(f.theta))", s(f.meanWait))
            d.step("queue length", "L_q = C·ρ/(1 − ρ)  (= λ·E[W_q], Little)",
                   "\(n(f.probabilityOfWait)) × \(n(f.utilization)) / (1 − \(n(f.utilization)))", n(f.queueLength))
        }
        var percentiles: [(String, Double, Double)] = [("p50", 0.5, f.waitP50), ("p95", 0.95, f.waitP95), ("p99", 0.99, f.waitP99)]
        if let t = search?.target, !percentiles.contains(where: { $0.1 == t.percentile }) {
            percentiles.append((t.percentileName, t.percentile, f.waitAt(t.percentile)))
        }
        for (name, p, w) in percentiles {
            let formula = ac ? "w_p ≈ max(0, ln(C/(1 − p))·k/θ)" : "w_p = max(0, ln(C/(1 − p))/θ)"
            let substitution: String
            if f.probabilityOfWait <= 1 - p {
                substitution = "C = \(n(f.probabilityOfWait)) ≤ 1 − \(n(p)) = \(n(1 - p))"
            } else {
                substitution = "ln(\(n(f.probabilityOfWait)) / \(n(1 - p)))\(ac ? " × \(n(k))" : "") / \(perSecond(f.theta))"
            }
            var result = s(w)
            if let t = search?.target, t.percentile == p { result += " ≤ \(t.waitText)" }
            d.step("wait \(name)", formula, substitution, result)
        }
        d.step("mean time in system", "E[T] = E[W_q] + E[S]", "\(s(f.meanWait)) + \(s(input.serviceTime))", s(f.meanSojourn))
        if let p99 = f.sojournP99 {
            let theta = f.theta, C = f.probabilityOfWait
            let tail: String
            if abs(theta - mu) <= 1e-12 * mu {
                tail = "(1 − \(n(C)))·e^(−\(n(mu))×\(n(p99))) + \(n(C))·(1 + \(n(mu))×\(n(p99)))·e^(−\(n(mu))×\(n(p99)))"
            } else {
                tail = "(1 − \(n(C)))·e^(−\(n(mu))×\(n(p99))) + \(n(C))·(\(n(theta))·e^(−\(n(mu))×\(n(p99))) − \(n(mu))·e^(−\(n(theta))×\(n(p99))))/(\(n(theta)) − \(n(mu)))"
            }
            d.step("time in system p99", "P(T > t) = (1 − C)e^(−μt) + C·(θe^(−μt) − μe^(−θt))/(θ − μ) = 0.01, solved for t by bisection",
                   "t = \(n(p99)) s: " + tail, "\(s(p99)) (P(T > t) = \(n(Self.sojournTail(t: p99, C: C, mu: mu, theta: theta))))")
        }
        if !ac, a >= 1 {
            let beta = (c - a) / a.squareRoot()
            if let alpha = try? halfinWhittDelayProbability(beta: beta) {
                d.step("sanity check (Halfin–Whitt)", "β = (c − a)/√a;  α(β) = [1 + β·Φ(β)/φ(β)]⁻¹ ≈ C",
                       "β = (\(count(f.servers)) − \(n(a))) / √\(n(a)) = \(n(beta))", "α = \(n(alpha)) vs C = \(n(f.probabilityOfWait))")
            }
        }

        let section = "docs/capacity-math.md §2"
        if ac {
            d.assume("arrivals", "general, c_a² = \(n(input.arrivalSCV))", source: "ca2= (1 would be Poisson)")
            d.assume("service times", "general, c_s² = \(n(input.serviceSCV))", source: "cs2= (1 would be exponential)")
            d.assume("method", "Allen–Cunneen: M/M/c waits × (c_a² + c_s²)/2; P(wait) ≈ C", source: "\(section) \"General distributions\"; Allen, Probability, Statistics and Queueing Theory")
        } else {
            d.assume("arrivals", "Poisson (c_a² = 1)", source: "M/M/c; ca2= changes it")
            d.assume("service times", "exponential (c_s² = 1)", source: "M/M/c; cs2= changes it")
        }
        d.assume("queue", "one shared FCFS queue, \(count(f.servers)) identical servers, no abandonment, steady state", source: "\(section) \"Definitions\"; Kleinrock, Queueing Systems Vol. 1 §3.5")
        d.assume("waiting time", "in queue before service, over all requests (those served at once count as 0)", source: "\(section) \"Erlang C, numerically stable\"")
        if let search {
            d.assume("percentile", search.target.percentileName, source: search.target.text.contains(where: { "<≤".contains($0) }) ? "sla=" : "session sla.quantile")
            d.assume("maximum utilisation", NumberFormat.percent(input.maximumUtilization, decimals: 0), source: input.maximumUtilization < 1 ? "max_util=" : "default (stability only)")
            d.assume("search", "w_p(c) falls as c grows: try c_lo + 1, + 2, + 4, … until one meets t, then bisect", source: "\(section) \"From a p99 SLA to a server count\"")
        }
        d.notes.append("Erlang B is computed as 1/B_k = 1 + (k/a)·(1/B_{k−1}), the same recursion without overflow; it starts near k = a − 10√a, where B_k = 1 − k/a to double precision (CapPlan ErlangB.swift).")
        if !ac, a >= 1 {
            d.notes.append("Halfin–Whitt is an asymptotic check only (\(section) \"Halfin–Whitt square-root staffing\"); the answer uses the exact C.")
        }
        return d
    }

    /// P(T > t) of the M/M/c time in system, for the check printed beside the p99.
    static func sojournTail(t: Double, C: Double, mu: Double, theta: Double) -> Double {
        if abs(theta - mu) <= 1e-12 * mu { return (1 - C) * exp(-mu * t) + C * (1 + mu * t) * exp(-mu * t) }
        return (1 - C) * exp(-mu * t) + C * (theta * exp(-mu * t) - mu * exp(-theta * t)) / (theta - mu)
    }
}
