import CapPlan

/// `add workload`, `set workload`, `remove workload`, `show workloads`, `show workload`.
enum WorkloadCommands {
    static let all = [add, set, remove, showAll, showOne]

    static let name = OptionSpec("workload", .name(.workload), "The workload's name.", required: true)

    static let add = CommandSpec(
        path: ["add", "workload"], group: .workloads,
        abstract: "Define a workload: its demand, model or measured throughput, SLA and pricing.",
        discussion: """
        A workload is sized one of three ways: from measured throughput per instance \
        (per_instance=5rps), from an LLM on an accelerator (model= gpu= in= out=), or from compute \
        and bytes per request (flops= bytes=). The rate given is the mean; peak= multiplies it.
        """,
        positionals: [name], options: WorkloadKeys.specs,
        examples: [
            "add workload chat rph=3.6M in=1200 out=250 peak=2.5x sla.ttft=500ms sla.tpot=50ms model=llama-3-70b",
            "add workload asr rps=10k per_instance=5rps price=$2/h",
            "add workload fraud rps=1000 per_instance=200rps gpu=none cpu=8 ram=16GB",
        ],
        mutatesSession: true
    ) { context, arguments in
        let name = arguments.name("workload") ?? ""
        let span = arguments.positional("workload")?.span
        if context.session.workload(named: name) != nil {
            throw LanguageError(.command, "workload '\(name)' already exists", hint: "change it with 'set workload \(name) key=value'", span: span)
        }
        var workload = Workload(name: name)
        try WorkloadKeys.apply(arguments.options, to: &workload)
        context.session.addWorkload(workload)
        return CommandResult()
    }

    static let set = CommandSpec(
        path: ["set", "workload"], group: .workloads,
        abstract: "Change keys of an existing workload.",
        discussion: """
        from=history fills rate=, peak= (the busiest peak_window's mean rate over the mean) and, \
        for a request log, in= and out= (mean tokens) with their p50, p90 and p99 (in.p50= ...) from the history 'load history' loaded; keys \
        given with it override what it fills. 'explain size' shows where they came from.
        """,
        positionals: [name], options: WorkloadKeys.specs + [
            OptionSpec("from", .choice(["history"]), "Fill rate, peak and token sizes from the loaded history."),
            OptionSpec("peak_window", WorkloadKeys.time, "Window the peak multiplier is measured over (with from=history).",
                       derived: "1min, or the data's step when coarser"),
        ],
        examples: ["set workload chat peak=3x headroom=30%", "set workload chat from=history peak_window=1min"],
        mutatesSession: true
    ) { context, arguments in
        var workload = try existing(arguments, in: context.session)
        if arguments.option("from") != nil {
            guard let history = context.session.histories[workload.name] else {
                throw LanguageError(.command, "no history loaded for workload '\(workload.name)'",
                                    hint: "load one first: 'load history \(WorkloadKeys.quotedIfNeeded(workload.name)) FILE'",
                                    span: arguments.option("from")?.span)
            }
            let d = try DemandCommands.derived(history, window: arguments.quantity("peak_window")?.value,
                                               windowSpan: arguments.option("peak_window")?.span, statementSpan: arguments.option("from")?.span)
            workload.rate = d.rate
            workload.peakMultiplier = d.multiplier
            if let i = d.inputTokens {
                workload.inputTokens = i
                workload.inputPercentiles = d.inputPercentiles
            }
            if let o = d.outputTokens {
                workload.outputTokens = o
                workload.outputPercentiles = d.outputPercentiles
            }
            workload.demandSource = d.source
        } else if let window = arguments.option("peak_window") {
            throw LanguageError(.bind, "peak_window= needs from=history", hint: "set workload \(workload.name) from=history peak_window=\(window.text)", span: window.span)
        } else if arguments.options.contains(where: { ["rate", "rps", "rpm", "rph", "rpd", "peak"].contains($0.key) }) {
            workload.demandSource = nil
        }
        try WorkloadKeys.apply(arguments.options, to: &workload)
        context.session.replaceWorkload(workload)
        return CommandResult()
    }

    static let remove = CommandSpec(
        path: ["remove", "workload"], aliases: [["rm", "workload"], ["delete", "workload"]], group: .workloads,
        abstract: "Remove a workload from the session.",
        positionals: [name],
        examples: ["remove workload chat"],
        mutatesSession: true
    ) { context, arguments in
        let workload = try existing(arguments, in: context.session)
        context.session.removeWorkload(named: workload.name)
        return CommandResult()
    }

    static let showAll = CommandSpec(
        path: ["show", "workloads"], group: .workloads,
        abstract: "List the session's workloads.",
        examples: ["show workloads"]
    ) { context, _ in
        let table = WorkloadTable.list(context.session)
        return CommandResult(.table(table, json: .object([("workloads", table.jsonRows)])))
    }

    static let showOne = CommandSpec(
        path: ["show", "workload"], group: .workloads,
        abstract: "Show every key of one workload, with the session defaults it inherits.",
        positionals: [name],
        examples: ["show workload chat"]
    ) { context, arguments in
        let workload = try existing(arguments, in: context.session)
        let settings = context.session.settings
        return CommandResult(.table(WorkloadTable.detail(workload, settings: settings), json: WorkloadTable.json(workload)))
    }

    /// The named workload, or an error with a "did you mean".
    static func existing(_ arguments: Arguments, in session: Session, key: String = "workload") throws -> Workload {
        let name = arguments.name(key) ?? ""
        if let workload = session.workload(named: name) { return workload }
        let span = (arguments.positional(key) ?? arguments.option(key))?.span
        throw unknownWorkload(name, in: session, span: span)
    }

    static func unknownWorkload(_ name: String, in session: Session, span: Range<Int>?) -> LanguageError {
        let hint = Suggestions.hint(for: name, in: session.workloadNames)
            ?? (session.workloadNames.isEmpty ? "define one with 'add workload \(name) ...'" : "workloads: " + session.workloadNames.joined(separator: ", "))
        return LanguageError(.command, "unknown workload '\(name)'", hint: hint, span: span)
    }
}
