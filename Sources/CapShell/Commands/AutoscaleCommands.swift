import CapPlan

/// `simulate autoscale W` (one policy over a day, a history or a forecast, against static
/// provisioning for the peak and an oracle) and `compare policies W P1 P2 ...` (several side by
/// side on the same traffic). The simulators are CapPlan's (Autoscaling/); AutoscaleInput reads
/// the replica, the traffic and the policies.
enum AutoscaleCommands {
    static let all: [CommandSpec] = [simulateAutoscale, comparePolicies]

    static let policyNames = ["hpa", "threshold", "schedule", "predictive"]

    static let simulateAutoscale = CommandSpec(
        path: ["simulate", "autoscale"], group: .simulation,
        abstract: "Run an autoscaling policy over real, forecast or synthetic traffic: cost, SLA-violation minutes, over-provisioning, events, against static-peak and oracle baselines.",
        discussion: """
        policy=hpa is the Kubernetes autoscaling/v2 controller: every sync period, desired = \
        ceil(current × metric/target) unless within the tolerance, the scale-up and scale-down \
        stabilization windows, the rate-limit policies with selectPolicy, min/max; utilisation is \
        averaged over ready pods and pods still starting count 0% when scaling up. policy=threshold \
        is the step policy: each minute, above up= the count becomes int(replicas × up_factor), below \
        down= int(replicas × down_factor), one shared cooldown clock (starting expired, reset only \
        when the count changes), the new count serving from the next minute. schedule provisions each \
        hour for that hour's peak, predictive for the forecast's p90, both asked for a readiness delay \
        ahead. Every new replica serves only after readiness= (the cold start: weights / load_bandwidth \
        + init_time). Capacity per replica is its full throughput, without headroom: targets and \
        thresholds play that role. A minute violates the SLA when demand exceeds ready capacity × \
        max_util. Baselines on the same traffic: static provisioning for its peak, and an oracle with \
        perfect foresight and no delay. JSON keys: workload, policy, cost, replica_hours, \
        sla_violation_minutes, overprovisioned_gpu_hours, events, churn, peak_replicas, \
        unserved_requests, baselines {static_peak, oracle}.
        """,
        positionals: [OptionSpec("workload", .name(.workload), "The workload to scale.", required: true)],
        options: [OptionSpec("policy", .choice(policyNames), "The autoscaling policy.", default: "hpa")]
            + TrafficInput.options + AutoscaleInput.replicaOptions + AutoscaleInput.policyOptions,
        examples: [
            "simulate autoscale api policy=threshold pattern=20,15,12,10,8,12,25,40,70,95,120,140,160,180,200,185,170,150,120,100,80,60,40,25 per_replica=10rps price=$3.20/h",
            "simulate autoscale chat policy=hpa metric=rps target=8 over=history",
            "simulate autoscale chat policy=predictive over=forecast",
        ]
    ) { context, arguments in
        let input = try AutoscaleInput(arguments, context: context, chartPoints: 72)
        let policy = try input.policy(arguments.name("policy") ?? "hpa", arguments)
        let (result, baselines) = try run(policy, input: input, arguments: arguments)
        return CommandResult(AutoscaleRendering.single(result, baselines: baselines, input: input, policy: policy))
    }

    static let comparePolicies = CommandSpec(
        path: ["compare", "policies"], group: .simulation,
        abstract: "Several autoscaling policies side by side on the same traffic and replica, with the static-peak and oracle baselines.",
        discussion: """
        Each policy runs at its own step over the same traffic (the options of 'simulate autoscale'; \
        a policy reads the options that concern it). JSON: {workload, traffic, rows: [one object per \
        policy, then static-peak and oracle, with the keys of 'simulate autoscale']}.
        """,
        positionals: [
            OptionSpec("workload", .name(.workload), "The workload to scale.", required: true),
            OptionSpec("policies", .choice(policyNames), "Policies to compare.", required: true),
        ],
        lastPositionalRepeats: true,
        options: TrafficInput.options + AutoscaleInput.replicaOptions + AutoscaleInput.policyOptions,
        examples: ["compare policies api hpa threshold predictive pattern=diurnal peak=200rps trough=20rps per_replica=10rps price=$3.20/h"]
    ) { context, arguments in
        let input = try AutoscaleInput(arguments, context: context, chartPoints: nil)
        var rows: [AutoscaleResult] = []
        var names: [String] = []
        for bound in arguments.allPositionals("policies") {
            guard let name = bound.value.name, !names.contains(name) else { continue }
            names.append(name)
            let (result, _) = try run(try input.policy(name, arguments), input: input, arguments: arguments, baselines: false)
            rows.append(result)
        }
        // Baselines at the finest step among the policies, so nothing is missed between steps.
        let step = rows.map(\.stepSeconds).min() ?? 60
        let staticPeak = try wrap { try input.simulation.run(.staticPeak, stepSeconds: step) }
        let oracle = try wrap { try input.simulation.run(.oracle, stepSeconds: step) }
        return CommandResult(AutoscaleRendering.comparison(rows + [staticPeak, oracle], input: input))
    }

    static func run(_ policy: AutoscalePolicy, input: AutoscaleInput, arguments: Arguments, baselines: Bool = true)
        throws -> (AutoscaleResult, (staticPeak: AutoscaleResult, oracle: AutoscaleResult)?) {
        let step = arguments.quantity("step")?.value
        let result = try wrap(arguments.option("step")?.span) { try input.simulation.run(policy, stepSeconds: step) }
        guard baselines else { return (result, nil) }
        return (result, try wrap { try input.simulation.baselines(for: result) })
    }

    /// Domain errors as language errors at `span` (or the statement).
    static func wrap<T>(_ span: Range<Int>? = nil, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as UserFacingError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: span)
        }
    }
}
