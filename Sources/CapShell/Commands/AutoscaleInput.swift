import CapPlan

/// What the autoscaling commands share: the replica (capacity, price, GPUs, readiness), the
/// traffic, and each policy read from its options — so `simulate autoscale`, `compare policies`
/// and `export hpa|keda` describe the same autoscaler with the same words.
struct AutoscaleInput {
    var workload: Workload
    var replica: ReplicaModel
    var replicaNotes: [String]
    var traffic: TrafficInput
    var simulation: AutoscaleSimulation

    static let share = ValueKind.share
    static let time = TrafficInput.time

    /// Options of the replica model and the scoring.
    static let replicaOptions: [OptionSpec] = [
        OptionSpec("per_replica", TrafficInput.rate, "A replica's full throughput (default: the workload's per_instance=, or the performance model's at the SLA batch)."),
        OptionSpec("price", .quantity(dimensions: [.moneyRate], impliedUnit: "$/h", context: .count), "Price of one replica-hour (default: the sized instance's)."),
        OptionSpec("readiness", time, "Seconds from asking for a replica to it serving (default: weights / load_bandwidth + init_time)."),
        OptionSpec("step", time, "Simulation step (default: the policy's own: 15 s for hpa, 1 min for threshold)."),
        OptionSpec("max_util", share, "A step violates the SLA when demand exceeds ready capacity × this.", default: "100%"),
    ]

    /// Options of the policies (each policy reads its own; the rest are ignored by it).
    static let policyOptions: [OptionSpec] = [
        OptionSpec("metric", .choice(["utilization", "rps", "queue"]), "hpa: what it scales on — utilisation of ready pods, requests/s per pod, or requests waiting per pod.", default: "utilization"),
        OptionSpec("target", .number, "hpa: the metric's target (utilisation 0.7 = 70%, rps per pod, or queue per pod); schedule/predictive: the utilisation to provision for.", default: "0.7"),
        OptionSpec("min", .count, "Fewest replicas (hpa 1, threshold 2, schedule/predictive 1)."),
        OptionSpec("max", .count, "Most replicas (default 100, or twice the static peak when that is more)."),
        OptionSpec("tolerance", share, "hpa: no change while |metric/target − 1| is within it.", default: "10%"),
        OptionSpec("sync", time, "hpa: the controller's sync period.", default: "15s"),
        OptionSpec("up_window", time, "hpa: scale-up stabilization window.", default: "0s"),
        OptionSpec("down_window", time, "hpa: scale-down stabilization window.", default: "300s"),
        OptionSpec("up_pods", .count, "hpa: scale-up policy, pods per period.", default: "4"),
        OptionSpec("up_percent", .count, "hpa: scale-up policy, percent per period.", default: "100"),
        OptionSpec("up_period", time, "hpa: the scale-up policies' period.", default: "15s"),
        OptionSpec("down_pods", .count, "hpa: scale-down policy, pods per period (default: none)."),
        OptionSpec("down_percent", .count, "hpa: scale-down policy, percent per period.", default: "100"),
        OptionSpec("down_period", time, "hpa: the scale-down policies' period.", default: "15s"),
        OptionSpec("select_up", .choice(HPASelectPolicy.allCases.map(\.rawValue)), "hpa: which scale-up policy wins (Max: the largest change).", default: "Max"),
        OptionSpec("select_down", .choice(HPASelectPolicy.allCases.map(\.rawValue)), "hpa: which scale-down policy wins.", default: "Max"),
        OptionSpec("up", share, "threshold: scale up above this utilisation.", default: "75%"),
        OptionSpec("down", share, "threshold: scale down below this utilisation.", default: "30%"),
        OptionSpec("up_factor", .number, "threshold: new count = int(replicas × this) on the way up.", default: "1.5"),
        OptionSpec("down_factor", .number, "threshold: new count = int(replicas × this) on the way down.", default: "0.75"),
        OptionSpec("up_cooldown", time, "threshold: cooldown after a scale-up.", default: "5min"),
        OptionSpec("down_cooldown", time, "threshold: cooldown after a scale-down.", default: "15min"),
        OptionSpec("lead", time, "schedule/predictive: extra look-ahead beyond the readiness delay.", default: "0s"),
    ]

    init(_ arguments: Arguments, context: CommandContext, chartPoints: Int?) throws {
        let session = context.session
        let w = try WorkloadCommands.existing(arguments, in: session)
        workload = w
        var notes: [String] = []
        // Capacity and price come from the sized instance unless given.
        var sizing: SizingResult?
        if arguments.quantity("per_replica") == nil || arguments.quantity("price") == nil || arguments.quantity("readiness") == nil {
            sizing = try? session.size(w)
        }
        let capacity: Double
        if let q = arguments.quantity("per_replica") {
            capacity = q.value
        } else if let s = sizing, !s.demandInTokens {
            capacity = s.capacityPerInstance
            notes.append(s.source == .measured ? "per replica: per_instance= of \(w.name)"
                         : "per replica: \(s.gpusPerInstance) × \(s.gpu) at batch \(s.batch.map(String.init) ?? "?"), the performance model's throughput")
        } else {
            throw LanguageError(.command, "no throughput per replica for \(w.name) in requests/s",
                                hint: "give per_replica=10rps, or describe the workload so that 'size \(w.name)' works", span: arguments.span)
        }
        let price: Double
        if let q = arguments.quantity("price") {
            price = q.value * 3600
        } else if let p = sizing?.pricePerInstanceHour {
            price = p
        } else {
            throw LanguageError(.command, "no price per replica-hour for \(w.name)",
                                hint: "give price=$3.20/h, or a catalog price for its accelerator", span: arguments.span)
        }
        let readiness: Double
        if let q = arguments.quantity("readiness") {
            readiness = q.value
        } else {
            let cold = session.coldStart(w)
            readiness = cold.seconds
            notes.append(cold.weightsBytes > 0
                ? "ready after \(SimulationRendering.seconds(readiness)) = \(Quantity(cold.weightsBytes, .data).formatted(significantDigits: 3)) of weights at "
                    + "\(Quantity(cold.loadBandwidth, .bandwidth).formatted(significantDigits: 3)) + \(SimulationRendering.seconds(cold.initSeconds)) init (load_bandwidth, init_time)"
                : "ready after init_time \(SimulationRendering.seconds(readiness))")
        }
        replica = ReplicaModel(capacity: capacity, pricePerHour: price, gpusPerReplica: Double(sizing?.gpusPerInstance ?? (w.gpusPerInstance ?? 1)),
                               readinessDelaySeconds: readiness)
        replicaNotes = notes
        let patternStep = arguments.quantity("step")?.value ?? 60
        traffic = try TrafficInput(arguments, session: session, workload: w, patternStep: min(patternStep, 60))
        let series: SeriesRecording = chartPoints.map { .points($0) } ?? .none
        do {
            simulation = try AutoscaleSimulation(trace: traffic.trace, replica: replica,
                                                 scoring: AutoscaleScoring(maximumUtilization: arguments.quantity("max_util")?.value ?? 1, series: series))
        } catch let error as UserFacingError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: arguments.span)
        }
        // Every replica count below derives from peak / capacity: bound it before anything
        // converts it to a whole number.
        let needed = traffic.trace.peak / replica.capacity
        guard needed.isFinite, needed <= Self.maximumReplicas else {
            throw LanguageError(.command, "the peak needs \(needed.isFinite ? NumberFormat.decimal(needed, significantDigits: 3) : "more than 1e308") replicas of \(Quantity(replica.capacity, .rate, unit: UnitTable.unit("rps")).formatted(significantDigits: 3)); "
                                + "autoscaling is simulated up to \(NumberFormat.integer(Self.maximumReplicas))",
                                hint: "check per_replica= and the traffic's peak", span: QueueInput.valueSpan(arguments.option("per_replica")) ?? arguments.span)
        }
    }

    /// The most replicas an autoscaling simulation may need at the peak.
    static let maximumReplicas = 1_000_000.0

    /// The replicas the static-peak baseline provisions: ⌈peak / X⌉ (bounded in `init`).
    var staticPeakReplicas: Int { Int((traffic.trace.peak / replica.capacity).rounded(.up)) }

    /// `name`'s policy with its options from `arguments`.
    func policy(_ name: String, _ arguments: Arguments) throws -> AutoscalePolicy {
        func number(_ key: String, _ fallback: Double) -> Double { arguments.quantity(key)?.value ?? fallback }
        func count(_ key: String, _ fallback: Int) throws -> Int { try Self.wholeCount(arguments, key, fallback) }
        let defaultMax = max(100, 2 * staticPeakReplicas)
        switch name {
        case "hpa":
            return .hpa(try Self.hpaPolicy(arguments, capacity: replica.capacity, defaultMax: defaultMax))
        case "threshold":
            return .threshold(ThresholdPolicy(
                scaleUpThreshold: number("up", 0.75), scaleDownThreshold: number("down", 0.30),
                scaleUpFactor: number("up_factor", 1.5), scaleDownFactor: number("down_factor", 0.75),
                scaleUpCooldownSeconds: number("up_cooldown", 300), scaleDownCooldownSeconds: number("down_cooldown", 900),
                minReplicas: try count("min", 2), maxReplicas: try count("max", defaultMax)))
        case "schedule", "predictive":
            let kind: ForecastPolicy.Kind = name == "schedule" ? .schedule : .predictive
            return .forecast(ForecastPolicy(kind: kind, forecast: try forecast(for: kind), targetUtilization: number("target", 0.7),
                                            minReplicas: try count("min", 1), maxReplicas: try count("max", defaultMax),
                                            leadSeconds: number("lead", 0)))
        default:
            throw LanguageError(.bind, "unknown policy '\(name)'", hint: "policies: hpa, threshold, schedule, predictive", span: arguments.option("policy")?.span)
        }
    }

    /// The HPA read from its options (shared by `simulate autoscale`, `compare policies` and
    /// `export hpa|keda`): metric and target, min/max, tolerance, windows and rate limits. The
    /// rps and queue targets default to 70% and 100% of a replica's throughput `capacity`.
    static func hpaPolicy(_ arguments: Arguments, capacity: Double, defaultMax: Int) throws -> HPAPolicy {
        func number(_ key: String, _ fallback: Double) -> Double { arguments.quantity(key)?.value ?? fallback }
        func count(_ key: String, _ fallback: Int) throws -> Int { try wholeCount(arguments, key, fallback) }
        let target = number("target", 0.7)
        let metric: HPAMetric
        switch arguments.name("metric") ?? "utilization" {
        case "rps": metric = .requestsPerReplica(target: arguments.quantity("target")?.value ?? 0.7 * capacity)
        case "queue": metric = .queueDepth(targetPerReplica: arguments.quantity("target")?.value ?? capacity)
        default: metric = .utilization(target: target)
        }
        // The controller's defaults: scale-up Percent 100 and Pods 4 per 15 s, scale-down
        // Percent 100 per 15 s (HPAScalingRules.defaultScaleUp / defaultScaleDown).
        // Kubernetes' own limits (autoscaling/v2 HPAScalingRules): stabilizationWindowSeconds
        // 0…3600, a policy's periodSeconds 1…1800.
        func rules(_ direction: String, window: Int) throws -> HPAScalingRules {
            let period = try SimulationCommands.wholeSeconds(arguments, "\(direction)_period", default: 15, range: 1...1800)
            var policies: [HPAScalingPolicy] = [.percent(try count("\(direction)_percent", 100), periodSeconds: period)]
            if let pods = arguments.quantity("\(direction)_pods") != nil ? try count("\(direction)_pods", 0) : (direction == "up" ? 4 : nil) {
                policies.append(.pods(pods, periodSeconds: period))
            }
            let select = HPASelectPolicy(rawValue: arguments.name("select_\(direction)") ?? "Max") ?? .max
            return HPAScalingRules(stabilizationWindowSeconds: window, selectPolicy: select, policies: policies,
                                   tolerance: number("tolerance", 0.1))
        }
        return HPAPolicy(
            metric: metric, minReplicas: try count("min", 1), maxReplicas: try count("max", defaultMax),
            syncPeriodSeconds: Double(try SimulationCommands.wholeSeconds(arguments, "sync", default: 15, range: 1...86_400)),
            scaleUp: try rules("up", window: SimulationCommands.wholeSeconds(arguments, "up_window", default: 0, range: 0...3600)),
            scaleDown: try rules("down", window: SimulationCommands.wholeSeconds(arguments, "down_window", default: 300, range: 0...3600)))
    }

    static func wholeCount(_ arguments: Arguments, _ key: String, _ fallback: Int) throws -> Int {
        try SimulationCommands.wholeNumber(arguments, key, default: fallback, at: arguments.span, range: 0...1_000_000_000)
    }

    /// What a forecast policy provisions for. `schedule`: each hour's peak of the traffic,
    /// set ahead of the hour (a recurring schedule). `predictive`: the forecast's p90 (its 80%
    /// interval's upper bound) when the traffic is a forecast; otherwise the traffic itself (a
    /// perfect forecast — the best a predictive policy can do, which is what it is compared at).
    func forecast(for kind: ForecastPolicy.Kind) throws -> DemandTrace {
        let trace = traffic.trace
        switch kind {
        case .predictive:
            return traffic.upper ?? trace
        case .schedule:
            let perHour = max(1, Int((3_600 / trace.stepSeconds).rounded(.down)))
            var values = trace.values
            var start = 0
            while start < values.count {
                let end = min(values.count, start + perHour)
                let peak = values[start..<end].max() ?? 0
                for i in start..<end { values[i] = peak }
                start = end
            }
            return try DemandTrace(values: values, stepSeconds: trace.stepSeconds, startSeconds: trace.startSeconds)
        }
    }

    /// Which forecast a predictive policy used, in words.
    var predictiveSource: String {
        traffic.upper != nil ? "the forecast's p90 (80% interval upper bound)" : "the traffic itself (a perfect forecast)"
    }
}
