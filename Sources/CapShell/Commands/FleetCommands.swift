import CapPlan

/// `simulate fleet W` (the fleet `size` chose, simulated request by request with continuous
/// batching) and `validate size W` (its analytic p99 against the simulated one).
enum FleetCommands {
    static let all: [CommandSpec] = [simulateFleet, validateSize]

    static let simulateFleet = CommandSpec(
        path: ["simulate", "fleet"], group: .simulation,
        abstract: "Simulate the fleet 'size W' chose, request by request: TTFT, TPOT and end-to-end percentiles, utilisation, queue, drops.",
        discussion: """
        A discrete-event simulation (the same event loop as 'simulate queue mmc') of the instances, \
        tensor-parallel degree and SLA-compliant batch that 'size W' gives. Requests arrive as Poisson \
        at the sized peak rate (arrivals=poisson) or as the loaded request log with its real timestamps \
        and token counts (arrivals=trace), are routed (least-loaded or random), and each replica runs \
        continuous batching: a waiting request is admitted first-come-first-served while the batch has a \
        slot and the KV cache holds its whole context; a step that admits requests pays their prefill, \
        then every running sequence decodes one token in the performance model's step time for that \
        batch and context. failures=k fails k replicas at fail_at (their requests are routed again). \
        Percentiles are exact order statistics of the measured requests (after warmup=); intervals by \
        batch means. JSON keys: requests, ttft_p50_ms, ttft_p99_ms, tpot_p99_ms, e2e_p50_ms, \
        e2e_p99_ms, utilization, max_queue, then the rest (docs/json.md).
        """,
        positionals: [OptionSpec("workload", .name(.workload), "The workload whose sized fleet to simulate.", required: true)],
        options: FleetInput.options,
        examples: ["simulate fleet chat requests=200k seed=7", "simulate fleet chat routing=random failures=1",
                   "simulate fleet chat arrivals=trace"]
    ) { context, arguments in
        let input = try FleetInput(arguments, context: context, command: "simulate fleet")
        let result = try input.run()
        return CommandResult(FleetRendering.fleet(result, input: input, explaining: context.explaining))
    }

    static let validateSize = CommandSpec(
        path: ["validate", "size"], group: .simulation,
        abstract: "Check 'size W' by simulation: the analytic TTFT and end-to-end p99 against the simulated ones, with the gap and the 95% interval.",
        discussion: """
        Runs 'simulate fleet W' (same options) and sets its measured p99s beside the analytic ones of \
        'size W'. The analytic p99 holds when it is at or above the simulated p99's 95% interval; \
        the relative gap is (simulated − analytic) / analytic. JSON keys: workload, replicas, analytic \
        {ttft_p99_ms, e2e_p99_ms}, simulated {ttft_p99_ms, ttft_p99_ci95_ms, e2e_p99_ms, \
        e2e_p99_ci95_ms}, gap {ttft, e2e}, holds {ttft, e2e}, meets_sla.
        """,
        positionals: [OptionSpec("workload", .name(.workload), "The workload whose sizing to check.", required: true)],
        options: FleetInput.options,
        examples: ["validate size chat requests=200k seed=7"]
    ) { context, arguments in
        let input = try FleetInput(arguments, context: context, command: "validate size")
        let result = try input.run()
        return CommandResult(FleetRendering.validation(result, input: input))
    }
}
