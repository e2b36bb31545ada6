import CapPlan

/// `simulate queue mmc`: the queue `queue mmc` solves analytically, simulated event by event
/// (CapPlan's `MMcSimulation`, the event engine the fleet simulator shares), with 95% confidence
/// intervals next to Erlang C.
enum SimulationCommands {
    static let all: [CommandSpec] = [queueMMc]

    static let seedOption = OptionSpec("seed", .count, "Seed of the random stream: the same seed gives the same bytes.", default: "1")

    static let queueMMc = CommandSpec(
        path: ["simulate", "queue", "mmc"], group: .simulation,
        abstract: "Simulate the M/M/c queue event by event: mean and p99 wait with 95% intervals, next to Erlang C.",
        discussion: """
        Poisson arrivals at arrival= (λ), exponential service of mean service= (E[S]), servers= \
        identical servers, one first-come-first-served queue: requests= arrivals are simulated \
        (SplitMix64 stream from seed=), the first warmup= of them are not measured (the queue starts \
        empty), and the intervals come from batch means over batches= batches, because successive \
        waits are correlated and a plain standard error would be too narrow. The p99 wait is the \
        nearest-rank order statistic of the measured waits; its interval is the t interval of the \
        batches' p99s. The analytic column is Erlang C (queue mmc). JSON keys: requests, \
        mean_wait_s, mean_wait_ci95_s (half-width), wait_p99_s, wait_p99_ci95_s, p_wait, \
        utilization, mean_in_system, measured_requests, seed, analytic {mean_wait_s, wait_p99_s, \
        p_wait, utilization, mean_in_system}; events_per_s only with 'set timer on' (timings differ \
        run to run; everything else is the same for the same seed).
        """,
        options: [
            OptionSpec("arrival", .quantity(dimensions: [.rate], impliedUnit: "rps", context: .count), "Arrival rate λ (a plain number is requests per second)."),
            OptionSpec("service", .quantity(dimensions: [.time], impliedUnit: "s", context: .count), "Mean service time E[S] (a plain number is seconds)."),
            OptionSpec("servers", .count, "Number of servers c."),
            OptionSpec("requests", .count, "Requests to simulate, warm-up included (1,000 to 50M).", default: "1M"),
            OptionSpec("warmup", .share, "Share of the first requests not measured.", default: "10%"),
            OptionSpec("batches", .count, "Batches for the batch-means intervals (2 to 31).", default: "20"),
            seedOption,
        ],
        examples: [
            "simulate queue mmc arrival=45rps service=1s servers=50 requests=1M seed=7",
            "simulate queue mmc arrival=9rps service=1s servers=10 requests=200k warmup=20%",
        ]
    ) { context, arguments in
        let end = arguments.span.upperBound..<(arguments.span.upperBound + 1)
        func required(_ key: String, _ example: String) throws -> Double {
            guard let q = arguments.quantity(key) else {
                throw LanguageError(.command, "'simulate queue mmc' needs \(key)=",
                                    hint: "e.g. simulate queue mmc arrival=45rps service=1s servers=50", span: end)
            }
            return q.value
        }
        let lambda = try required("arrival", "45rps"), service = try required("service", "1s")
        let servers = try wholeNumber(arguments, "servers", at: end, range: 1...QueueingLimits.maximumServers)
        let requests = try wholeNumber(arguments, "requests", default: 1_000_000, at: end, range: MMcSimulation.requestRange)
        let batches = try wholeNumber(arguments, "batches", default: MMcSimulation.defaultBatches, at: end, range: MMcSimulation.batchRange)
        let seed = try seedValue(arguments)
        let warmShare = try warmUpShare(arguments)
        let simulation: MMcSimulation
        do {
            simulation = try MMcSimulation(arrivalRate: lambda, meanServiceTime: service, servers: servers, requests: requests,
                                           warmUp: Int((Double(requests) * warmShare).rounded(.down)), batches: batches, seed: seed)
        } catch let error as UserFacingError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: arguments.span)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let result = simulation.run()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let eventsPerSecond = context.session.settings.timer && seconds > 0 ? Double(result.eventsProcessed) / seconds : nil
        return CommandResult(SimulationRendering.mmc(result, simulation: simulation, eventsPerSecond: eventsPerSecond,
                                                     elapsed: seconds, explaining: context.explaining))
    }

    /// A whole-number option within `range` (or its default when absent).
    static func wholeNumber(_ arguments: Arguments, _ key: String, default value: Int? = nil, at end: Range<Int>,
                            range: ClosedRange<Int>) throws -> Int {
        guard let q = arguments.quantity(key) else {
            if let value { return value }
            throw LanguageError(.command, "this command needs \(key)=", hint: "e.g. \(key)=\(range.lowerBound)", span: end)
        }
        let span = arguments.option(key)?.span
        guard q.value == q.value.rounded(), q.value >= Double(range.lowerBound), q.value <= Double(range.upperBound) else {
            throw LanguageError(.bind, "\(key) must be a whole number from \(NumberFormat.integer(Double(range.lowerBound))) to \(NumberFormat.integer(Double(range.upperBound)))",
                                hint: "got \(NumberFormat.decimal(q.value))", span: span)
        }
        return Int(q.value)
    }

    /// A time option as whole seconds in `range` (rounded to the nearest second), or `fallback`
    /// when absent: the one checked conversion for second counts, so a huge, negative or
    /// non-finite value is an error naming the option and its range, never a trap.
    static func wholeSeconds(_ arguments: Arguments, _ key: String, default fallback: Double, range: ClosedRange<Int>) throws -> Int {
        let x = arguments.quantity(key)?.value ?? fallback
        guard x.isFinite, x.rounded() >= Double(range.lowerBound), x.rounded() <= Double(range.upperBound) else {
            throw LanguageError(.bind, "\(key)= must be from \(NumberFormat.integer(Double(range.lowerBound)))s to \(NumberFormat.integer(Double(range.upperBound)))s",
                                hint: "got \(Quantity(x, .time).formatted(significantDigits: 4))", span: QueueInput.valueSpan(arguments.option(key)) ?? arguments.option(key)?.span)
        }
        return Int(x.rounded())
    }

    /// `warmup=`: the share of the first requests not measured, in [0, 1); 10% by default.
    static func warmUpShare(_ arguments: Arguments) throws -> Double {
        let share = arguments.quantity("warmup")?.value ?? 0.1
        guard share >= 0, share < 1 else {
            throw LanguageError(.bind, "warmup must be a share below 100%", hint: "e.g. warmup=10%", span: arguments.option("warmup")?.span)
        }
        return share
    }

    static func seedValue(_ arguments: Arguments) throws -> UInt64 {
        guard let q = arguments.quantity("seed") else { return 1 }
        guard q.value == q.value.rounded(), q.value >= 0, q.value < 9.007_199_254_740_992e15 else {
            throw LanguageError(.bind, "seed must be a whole number from 0 to 2^53", hint: "e.g. seed=7", span: arguments.option("seed")?.span)
        }
        return UInt64(q.value)
    }
}
