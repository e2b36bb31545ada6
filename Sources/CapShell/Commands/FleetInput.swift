import CapPlan

/// What `simulate fleet` and `validate size` simulate: the fleet `size W` chose (replicas,
/// tensor-parallel degree, SLA-compliant batch), its step times from the performance model, and
/// arrivals — Poisson at the sized peak rate, or the workload's loaded request log replayed.
struct FleetInput {
    var workload: Workload
    var sizing: SizingResult
    var simulation: FleetSimulation
    var stepTimes: FleetLLMStepTimes
    var arrivalsText: String
    var failures: Int

    static let options: [OptionSpec] = [
        OptionSpec("requests", .count, "Requests to simulate, warm-up included (with arrivals=trace: the first N of the log).", default: "1M"),
        OptionSpec("arrivals", .choice(["poisson", "trace"]), "Poisson at the sized peak rate, or the loaded request log with its timestamps and token counts.", default: "poisson"),
        OptionSpec("routing", .choice(FleetRouting.allCases.map(\.rawValue)), "How a request picks its replica.", default: "least-loaded"),
        OptionSpec("failures", .count, "Replicas that fail during the run (N+k: compare with spares=).", default: "0"),
        OptionSpec("fail_at", .quantity(dimensions: [.time], impliedUnit: "s", context: .count), "When they fail (default: half-way through the arrivals)."),
        OptionSpec("queue_limit", .count, "Most requests waiting per replica; arrivals beyond it are dropped (default: no limit)."),
        OptionSpec("warmup", .share, "Share of the first requests not measured.", default: "10%"),
        SimulationCommands.seedOption,
    ]

    init(_ arguments: Arguments, context: CommandContext, command: String, defaultRequests: Int = 1_000_000) throws {
        let session = context.session
        let w = try WorkloadCommands.existing(arguments, in: session)
        workload = w
        let end = arguments.span.upperBound..<(arguments.span.upperBound + 1)
        do {
            sizing = try session.size(w)
        } catch let error as UserFacingError {
            throw LanguageError(.command, "\(w.name): \(error.message)", hint: error.userHint, span: arguments.span)
        }
        guard sizing.source == .llm, let modelName = w.model, let input = w.inputTokens, let output = w.outputTokens else {
            throw LanguageError(.command, "'\(command)' simulates LLM replicas with continuous batching, and \(w.name) is not an LLM on a GPU",
                                hint: "for a measured service use 'simulate queue mmc arrival=RATE service=TIME servers=N'", span: arguments.span)
        }
        let requests = try SimulationCommands.wholeNumber(arguments, "requests", default: defaultRequests, at: end, range: FleetSimulation.requestRange)
        let seed = try SimulationCommands.seedValue(arguments)
        let warmShare = try SimulationCommands.warmUpShare(arguments)
        let routing = FleetRouting(rawValue: arguments.name("routing") ?? "least-loaded") ?? .leastLoaded

        do {
            let model = try session.catalog.model(named: modelName)
            let gpu = try session.catalog.gpu(named: sizing.gpu)
            let precision = try w.precision.map { text in
                guard let p = Precision(parsing: text) else { throw SizingError.invalidPrecision(text) }
                return p
            } ?? model.defaultPrecision
            let kv = w.kvPrecision.flatMap(Precision.init(parsing:))
            let deployment = LLMDeployment(model: model, gpu: gpu, precision: precision, kvPrecision: kv, tensorParallel: sizing.tensorParallel)
            stepTimes = try FleetLLMStepTimes(performance: LLMPerformanceModel(assumptions: session.settings.assumptions.serving(w)), deployment: deployment,
                                              shape: LLMRequestShape(inputTokens: Int(input.rounded()), outputTokens: Int(output.rounded())))
        } catch let error as UserFacingError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: arguments.span)
        }

        let arrivals: FleetArrivals
        if arguments.name("arrivals") == "trace" {
            guard let log = session.histories[w.name]?.requestLog else {
                throw LanguageError(.command, "\(w.name) has no request log to replay",
                                    hint: "load one with 'load history \(w.name) FILE.csv format=requests', or use arrivals=poisson",
                                    span: arguments.option("arrivals")?.span)
            }
            let n = min(log.count, arguments.quantity("requests") == nil ? log.count : requests)
            // Sorted by time; a missing token count takes the workload's mean.
            let order = log.times.indices.sorted { log.times[$0] < log.times[$1] }.prefix(n)
            let start = order.first.map { log.times[$0] } ?? 0
            func tokens(_ list: [Double?]?, _ i: Int, _ fallback: Double) -> Int {
                max(1, Int(((list?[i] ?? nil) ?? fallback).rounded()))
            }
            arrivals = .trace(FleetTrace(arrivalSeconds: order.map { log.times[$0] - start },
                                         inputTokens: order.map { tokens(log.inputTokens, $0, input) },
                                         outputTokens: order.map { tokens(log.outputTokens, $0, output) }))
            arrivalsText = "the request log of \(w.name) (\(NumberFormat.integer(Double(n))) requests, \(log.source))"
        } else {
            // Token lengths from the workload's distributions (in.p50= …), sampled with a stream
            // of the simulation's seed; the means when none is given.
            let known = w.tokenLengths
            let lengths = (input: try known.input ?? TokenLengths.constant(max(1, input)),
                           output: try known.output ?? TokenLengths.constant(max(1, output)))
            arrivals = .poisson(rate: sizing.peakRate, requests: requests, input: lengths.input, output: lengths.output, seed: seed ^ 0x746F6B656E73)
            arrivalsText = "Poisson at the peak, \(Quantity(sizing.peakRate, .rate, unit: UnitTable.unit("rps")).formatted(significantDigits: 4))"
                + (lengths.input.varies || lengths.output.varies ? ", token lengths drawn from the workload's percentiles" : "")
        }

        failures = try SimulationCommands.wholeNumber(arguments, "failures", default: 0, at: end, range: 0...max(0, sizing.instances - 1))
        let expectedSpan: Double = {
            switch arrivals {
            case .poisson(let rate, let n, _, _): return Double(n) / rate
            case .trace(let trace): return (trace.arrivalSeconds.last ?? 0) - (trace.arrivalSeconds.first ?? 0)
            }
        }()
        let failAt = arguments.quantity("fail_at")?.value ?? expectedSpan / 2
        // The first replicas fail: least-loaded routing breaks ties towards low indices, so these
        // carry the most work — the worst case; random routing spreads the load evenly anyway.
        let failed = (0..<failures).map { FleetFailure(replica: $0, atSeconds: failAt) }
        let queueLimit = try arguments.quantity("queue_limit").map { _ in
            try SimulationCommands.wholeNumber(arguments, "queue_limit", at: end, range: 1...1_000_000_000)
        }
        do {
            simulation = try FleetSimulation(
                replicas: sizing.instances, llm: stepTimes, maxBatch: sizing.batch, arrivals: arrivals, routing: routing,
                failures: failed, queueLimit: queueLimit, sla: FleetSLA(ttftSeconds: w.sla.ttft, e2eSeconds: w.sla.e2e),
                warmUpFraction: warmShare, seed: seed)
        } catch let error as UserFacingError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: arguments.span)
        }
    }

    func run() throws -> FleetSimulationResult {
        do {
            return try simulation.run()
        } catch let error as UserFacingError {
            throw LanguageError(.command, error.message, hint: error.userHint)
        }
    }
}
