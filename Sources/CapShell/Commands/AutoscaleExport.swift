import CapPlan
import Yams

/// `export hpa W FILE.yaml` and `export keda W FILE.yaml`: the HPA that `simulate autoscale
/// policy=hpa` simulates, with the same options, as a Kubernetes HorizontalPodAutoscaler
/// (autoscaling/v2) or a KEDA ScaledObject (keda.sh/v1alpha1) whose `behavior` carries the
/// same windows and rate limits.
///
/// The metric: `utilization` becomes the CPU Resource metric (the one utilisation every cluster
/// has; for GPU servers point `metric_name=` at a per-pod GPU or KV-cache utilisation metric,
/// which makes it a Pods metric with an AverageValue target); `rps` a Pods metric (default
/// `requests_per_second`) with an AverageValue target; `queue` an External metric (default
/// `queue_depth`) with an AverageValue target per replica — the form KEDA creates for a queue.
/// The controller's sync period and the tolerance are controller settings
/// (`--horizontal-pod-autoscaler-sync-period`, `--horizontal-pod-autoscaler-tolerance`; a
/// per-HPA tolerance is alpha from Kubernetes 1.33), so they go into an annotation, not the spec.
enum AutoscaleExport {
    static let all: [CommandSpec] = [hpa, keda]

    static let exportOptions: [OptionSpec] = AutoscaleInput.policyOptions.filter { !["up", "down", "up_factor", "down_factor", "up_cooldown", "down_cooldown", "lead"].contains($0.key) } + [
        OptionSpec("per_replica", TrafficInput.rate, "A replica's throughput, for the default rps and queue targets (default: as 'size W' gives it)."),
        OptionSpec("metric_name", .text, "The metric's name in the cluster (defaults: cpu, requests_per_second, queue_depth)."),
        OptionSpec("deployment", .text, "The Deployment to scale (default: the workload's name)."),
        OptionSpec("prometheus", .text, "keda: the Prometheus server the triggers query.", default: "http://prometheus.monitoring.svc:9090"),
    ]

    static let hpa = CommandSpec(
        path: ["export", "hpa"], group: .files,
        abstract: "Write the simulated HPA as a Kubernetes HorizontalPodAutoscaler (autoscaling/v2) manifest.",
        discussion: "The options are those of 'simulate autoscale policy=hpa': metric, target, min, max, windows and rate limits.",
        positionals: [OptionSpec("workload", .name(.workload), "The workload whose autoscaler to write.", required: true),
                      OptionSpec("file", .path, "The YAML file to write.", required: true)],
        options: exportOptions,
        examples: ["export hpa chat hpa.yaml metric=rps target=8 max=40"]
    ) { context, arguments in
        try write(arguments, context: context, kind: "hpa")
    }

    static let keda = CommandSpec(
        path: ["export", "keda"], group: .files,
        abstract: "Write the simulated HPA as a KEDA ScaledObject with a Prometheus trigger and the same behavior.",
        discussion: "The options are those of 'simulate autoscale policy=hpa'; prometheus= names the server the trigger queries.",
        positionals: [OptionSpec("workload", .name(.workload), "The workload whose autoscaler to write.", required: true),
                      OptionSpec("file", .path, "The YAML file to write.", required: true)],
        options: exportOptions,
        examples: ["export keda chat keda.yaml metric=queue target=4 max=40"]
    ) { context, arguments in
        try write(arguments, context: context, kind: "keda")
    }

    static func write(_ arguments: Arguments, context: CommandContext, kind: String) throws -> CommandResult {
        let session = context.session
        let w = try WorkloadCommands.existing(arguments, in: session)
        let capacity = arguments.quantity("per_replica")?.value
            ?? (try? session.size(w)).flatMap { $0.demandInTokens ? nil : $0.capacityPerInstance }
        let metricName = arguments.name("metric") ?? "utilization"
        if capacity == nil, metricName != "utilization", arguments.quantity("target") == nil {
            throw LanguageError(.command, "metric=\(metricName) needs target= (no throughput per replica is known for \(w.name))",
                                hint: "give target=8 (per replica), or per_replica=10rps", span: arguments.span)
        }
        let policy = try AutoscaleInput.hpaPolicy(arguments, capacity: capacity ?? 1, defaultMax: 100)
        do { try policy.validate() } catch let error as UserFacingError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: arguments.span)
        }
        let name = arguments.name("deployment") ?? w.name
        let yaml = try manifest(kind: kind, policy: policy, name: name, metricName: arguments.name("metric_name"),
                                prometheus: arguments.name("prometheus") ?? "http://prometheus.monitoring.svc:9090")
        let path = arguments.name("file") ?? ""
        do {
            try context.environment.files.write(yaml, to: path)
        } catch {
            throw error.languageError(arguments.positional("file")?.span)
        }
        let what = kind == "hpa" ? "HorizontalPodAutoscaler" : "KEDA ScaledObject"
        return CommandResult(.text("wrote a \(what) for \(name) to \(path)"))
    }

    /// A mapping in this key order.
    static func map(_ pairs: [(String, Node)]) -> Node {
        Node(pairs.map { (Node($0.0, Tag(.implicit), .any), $0.1) }, Tag(.implicit), .any)
    }

    static func list(_ nodes: [Node]) -> Node { Node(nodes, Tag(.implicit), .any) }

    /// A string scalar, quoted when YAML would otherwise read it as a number or a boolean
    /// (Kubernetes wants strings for annotations, quantities and KEDA's metadata).
    static func text(_ s: String) -> Node {
        let ambiguous = Double(s) != nil || ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(s.lowercased())
        return Node(s, Tag(.implicit), ambiguous ? .doubleQuoted : .any)
    }

    /// A quantity string for an AverageValue: whole numbers as is, else milli-units ("700m").
    static func kubernetesQuantity(_ x: Double) -> String {
        if let whole = Int(checked: x, limit: 1e15), Double(whole) == x { return String(whole) }
        if let milli = Int(checked: x * 1000, limit: 1e15) { return String(milli) + "m" }
        // Past 10¹⁵: Kubernetes' decimal-exponent form, <number>e<signedNumber> (1e+19).
        return String(format: "%.6g", x)
    }

    static func behavior(_ policy: HPAPolicy) -> Node {
        func rules(_ r: HPAScalingRules) -> Node {
            var pairs: [(String, Node)] = [("stabilizationWindowSeconds", Node(integerLiteral: r.stabilizationWindowSeconds)),
                                         ("selectPolicy", Node(stringLiteral: r.selectPolicy.rawValue))]
            if !r.policies.isEmpty {
                pairs.append(("policies", list(r.policies.map { p in
                    map([("type", Node(stringLiteral: p.kind.rawValue)), ("value", Node(integerLiteral: p.value)),
                          ("periodSeconds", Node(integerLiteral: p.periodSeconds))])
                })))
            }
            return map(pairs)
        }
        return map([("scaleUp", rules(policy.scaleUp)), ("scaleDown", rules(policy.scaleDown))])
    }

    static func manifest(kind: String, policy: HPAPolicy, name: String, metricName: String?, prometheus: String) throws -> String {
        let annotations = map([
            ("capplan/sync-period", text(NumberFormat.decimal(policy.syncPeriodSeconds) + "s")),
            ("capplan/tolerance", text(NumberFormat.decimal(policy.scaleUp.tolerance))),
        ])
        let metadata = map([("name", Node(stringLiteral: name)), ("annotations", annotations)])
        let root: Node
        if kind == "hpa" {
            let metric: Node
            switch policy.metric {
            case .utilization(let target):
                if let metricName {
                    metric = map([("type", "Pods"), ("pods", map([
                        ("metric", map([("name", Node(stringLiteral: metricName))])),
                        ("target", map([("type", "AverageValue"), ("averageValue", text(kubernetesQuantity(target)))])),
                    ]))])
                } else {
                    metric = map([("type", "Resource"), ("resource", map([
                        ("name", "cpu"),
                        ("target", map([("type", "Utilization"), ("averageUtilization", Node(integerLiteral: Int((target * 100).rounded())))])),
                    ]))])
                }
            case .requestsPerReplica(let target):
                metric = map([("type", "Pods"), ("pods", map([
                    ("metric", map([("name", Node(stringLiteral: metricName ?? "requests_per_second"))])),
                    ("target", map([("type", "AverageValue"), ("averageValue", text(kubernetesQuantity(target)))])),
                ]))])
            case .queueDepth(let target):
                metric = map([("type", "External"), ("external", map([
                    ("metric", map([("name", Node(stringLiteral: metricName ?? "queue_depth"))])),
                    ("target", map([("type", "AverageValue"), ("averageValue", text(kubernetesQuantity(target)))])),
                ]))])
            }
            root = map([
                ("apiVersion", "autoscaling/v2"), ("kind", "HorizontalPodAutoscaler"), ("metadata", metadata),
                ("spec", map([
                    ("scaleTargetRef", map([("apiVersion", "apps/v1"), ("kind", "Deployment"), ("name", Node(stringLiteral: name))])),
                    ("minReplicas", Node(integerLiteral: max(1, policy.minReplicas))),
                    ("maxReplicas", Node(integerLiteral: policy.maxReplicas)),
                    ("metrics", list([metric])),
                    ("behavior", behavior(policy)),
                ])),
            ])
        } else {
            let trigger: Node
            switch policy.metric {
            case .utilization(let target):
                trigger = map([("type", "cpu"), ("metricType", "Utilization"),
                                ("metadata", map([("value", text(String(Int((target * 100).rounded()))))]))])
            case .requestsPerReplica(let target), .queueDepth(targetPerReplica: let target):
                let isQueue: Bool = if case .queueDepth = policy.metric { true } else { false }
                let metric = metricName ?? (isQueue ? "vllm:num_requests_waiting" : "http_requests_total")
                let query = isQueue ? "sum(\(metric){deployment=\"\(name)\"})" : "sum(rate(\(metric){deployment=\"\(name)\"}[1m]))"
                trigger = map([("type", "prometheus"), ("metadata", map([
                    ("serverAddress", Node(stringLiteral: prometheus)), ("query", Node(stringLiteral: query)),
                    ("threshold", text(NumberFormat.decimal(target))),
                ]))])
            }
            root = map([
                ("apiVersion", "keda.sh/v1alpha1"), ("kind", "ScaledObject"), ("metadata", metadata),
                ("spec", map([
                    ("scaleTargetRef", map([("name", Node(stringLiteral: name))])),
                    ("pollingInterval", Node(integerLiteral: Int(policy.syncPeriodSeconds.rounded()))),
                    ("minReplicaCount", Node(integerLiteral: policy.minReplicas)),
                    ("maxReplicaCount", Node(integerLiteral: policy.maxReplicas)),
                    ("advanced", map([("horizontalPodAutoscalerConfig", map([("behavior", behavior(policy))]))])),
                    ("triggers", list([trigger])),
                ])),
            ])
        }
        let header = "# Written by capplan: the autoscaler 'simulate autoscale \(name) policy=hpa' simulates.\n"
        return header + (try serialize(node: root, indent: 2))
    }
}
