import CapPlan

/// `queue mmc`: the metrics of an M/M/c (or Allen–Cunneen G/G/c) queue at a given server count,
/// or the fewest servers whose waiting-time percentile meets `sla=`.
///
/// The math is CapPlan's (`MMcMetrics`, `AllenCunneenMetrics`, `minimumServers`). The arguments
/// are read by `QueueInput` (with `sla=` in `WaitTarget`), the metrics come from `QueueFigures`
/// and `QueueSearch`, QueueCommands+Rendering.swift renders them and `QueueDerivation` writes
/// the derivation `explain queue mmc` shows.
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
        let found = search
        var output = Output.table(table(input, figures, found), json: json(input, figures, found))
        if context.explaining { output.derivation = try QueueDerivation.build(input, figures, found) }
        return CommandResult(output)
    }
}
