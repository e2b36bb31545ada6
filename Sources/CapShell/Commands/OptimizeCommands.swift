import CapPlan

/// `optimize budget B` (the most weighted quality, or tokens/s, within a budget, exactly) and
/// `optimize cost` (the cheapest plan that meets every SLA).
///
/// The options come from `ServingOptionSearch` (every model × accelerator × precision × pricing
/// combination, sized by `Sizer` with the workload's SLA), or from the user's own table with
/// `options=FILE.csv`. The solver is CapPlan's `PlanOptimizer` (a multiple-choice knapsack in
/// whole cents); this file gathers the input and OptimizeCommands+Rendering.swift shows it.
enum OptimizeCommands {
    static let all: [CommandSpec] = [budget, cost]

    static let sharedOptions: [OptionSpec] = [
        OptionSpec("per", .choice(["month", "year"]), "The period costs and the budget are per.", default: "month"),
        OptionSpec("workloads", .list(.workload), "Workloads to plan (default: every workload in the session)."),
        OptionSpec("gpus", .list(.gpu), "Accelerators to consider (default: each workload's gpus=, else the whole catalog)."),
        OptionSpec("pricing", .list(.pricing), "Pricing modes to consider (default: the workload's pricing=, else all four)."),
        OptionSpec("precisions", .list(.precision), "Weight precisions to consider (default: the workload's precision=, else the model's default plus fp8 where the GPU has FP8)."),
        OptionSpec("options", .path, "Your own options: a CSV with columns workload, option, cost, quality (other columns are carried through)."),
    ]

    static let budget = CommandSpec(
        path: ["optimize", "budget"], group: .optimization,
        abstract: "The plan with the most weighted quality (or tokens/s) within a budget: one option per workload, exact to the cent.",
        discussion: """
        For each workload, every candidate model (models=, else model=) on every accelerator, at each \
        precision and pricing mode, is sized with the workload's demand and SLA; options that do not \
        fit, miss the SLA or have no price are dropped. Then exactly one option per workload is chosen \
        to maximise Σ weight × quality (objective=quality; weight= on the workload, quality from the \
        catalog) or Σ tokens/s (objective=throughput) with Σ cost ≤ budget: a multiple-choice knapsack \
        over costs in whole cents, solved exactly (dominated and unaffordable options removed, the \
        Sinha–Zoltners LP bound, dynamic programming over non-dominated states). Ties go to the \
        cheaper plan. With options=FILE.csv the same solver runs on your table (cost in dollars per \
        period, quality any number). An infeasible budget is a result, not an error: it names the \
        workloads nothing serves and the smallest budget that serves the rest (JSON feasible=false). \
        'explain optimize budget ...' lists every candidate, what was pruned and why, and the marginal \
        value of more budget. result(total_cost) and friends read the plan in assert.
        """,
        positionals: [OptionSpec("amount", CostCommands.money, "The budget per period (a plain number is dollars).", required: true)],
        options: [OptionSpec("objective", .choice(["quality", "throughput"]), "What to maximise.", default: "quality")] + sharedOptions,
        examples: [
            "optimize budget 2e6",
            "optimize budget $24M per=year objective=throughput",
            "optimize budget 10000 options=options.csv",
        ]
    ) { context, arguments in
        let amount = arguments.quantity("amount")!.value
        let input = try gather(arguments, context: context, objective: arguments.name("objective") ?? "quality")
        let result: PlanResult
        do {
            result = try PlanOptimizer.maximizeValue(input.groups, budget: amount)
        } catch let error as OptimizationError {
            throw LanguageError(.command, error.message, hint: error.hint, span: arguments.positional("amount")?.span ?? arguments.span)
        }
        return CommandResult(render(result, input: input, explaining: context.explaining))
    }

    static let cost = CommandSpec(
        path: ["optimize", "cost"], group: .optimization,
        abstract: "The cheapest plan that meets every workload's SLA: the cheapest option per workload.",
        discussion: """
        The same candidates as 'optimize budget' (or your options=FILE.csv); without a budget the \
        workloads do not compete, so each gets its cheapest option that fits, has a price and meets its \
        SLA (on a tie in cents, the higher quality). Workloads no option serves are named.
        """,
        options: sharedOptions,
        examples: ["optimize cost", "optimize cost pricing=on-demand,reserved-1y", "optimize cost options=options.csv"]
    ) { context, arguments in
        let input = try gather(arguments, context: context, objective: "quality")
        let result: PlanResult
        do {
            result = try PlanOptimizer.minimizeCost(input.groups)
        } catch let error as OptimizationError {
            throw LanguageError(.command, error.message, hint: error.hint, span: arguments.span)
        }
        return CommandResult(render(result, input: input, explaining: context.explaining))
    }

    /// What the solver is given and what the renderer needs to describe it.
    struct Input {
        var per: String
        var objective: String
        var groups: [(workload: String, candidates: [PlanCandidate])]
        /// Sized options (payload indexes these), when the options came from the catalog.
        var options: [ServingOption] = []
        /// Per workload, the combinations set aside before solving.
        var rejected: [String: [RejectedServingOption]] = [:]
        var weights: [String: Double] = [:]
        /// The user's table, when options= was given (payload indexes its rows).
        var table: PlanOptionTable?
    }

    static func gather(_ arguments: Arguments, context: CommandContext, objective: String) throws -> Input {
        let session = context.session
        let per = arguments.name("per") ?? "month"
        let selected = try selectedWorkloads(arguments, session: session)
        if let path = arguments.name("options") {
            return try fromTable(path, arguments: arguments, files: context.environment.files, per: per, objective: objective, selected: selected)
        }
        guard !session.workloads.isEmpty else {
            throw LanguageError(.command, "there are no workloads to plan", hint: "add some with 'add workload NAME ...', or give options=FILE.csv", span: arguments.span)
        }
        let search = ServingOptionSearch(
            catalog: session.catalog, policy: session.settings.sizingPolicy,
            gpus: try gpuNames(arguments, session: session), precisions: try precisions(arguments),
            pricings: try pricings(arguments))
        var input = Input(per: per, objective: objective, groups: [])
        for workload in session.workloads where selected?.contains(workload.name) ?? true {
            let (options, rejected) = search.options(for: workload)
            let weight = workload.weight ?? 1
            input.weights[workload.name] = weight
            input.rejected[workload.name] = rejected
            var candidates: [PlanCandidate] = []
            for option in options {
                let periodCost = per == "year" ? option.sizing.costPerYear! : option.sizing.costPerMonth!
                let value: Double
                if objective == "throughput" {
                    guard let tokens = option.tokensPerSecond else {
                        throw LanguageError(.command, "objective=throughput needs token counts, and \(workload.name) has none",
                                            hint: "give it in= and out= (tokens per request), or use objective=quality",
                                            span: arguments.option("objective")?.span)
                    }
                    value = tokens
                } else {
                    value = weight * (option.quality ?? 0)
                }
                candidates.append(PlanCandidate(workload: workload.name, option: option.label, cost: periodCost,
                                                quality: option.quality, value: value, payload: input.options.count))
                input.options.append(option)
            }
            input.groups.append((workload.name, candidates))
        }
        return input
    }

    static func fromTable(_ path: String, arguments: Arguments, files: FileAccess, per: String, objective: String,
                          selected: Set<String>?) throws -> Input {
        for key in ["gpus", "pricing", "precisions"] {
            if let option = arguments.option(key) {
                throw LanguageError(.command, "\(key)= does not apply with options=: the table lists the options",
                                    hint: "filter the table instead, or drop options= to size catalog options", span: option.span)
            }
        }
        if objective == "throughput" {
            throw LanguageError(.command, "with options=, the objective is the table's quality column",
                                hint: "drop objective=throughput, or put tokens/s in the quality column", span: arguments.option("objective")?.span)
        }
        let fileSpan = arguments.option("options")?.span
        let bytes: [UInt8]
        do {
            bytes = Array(try files.readData(path))
        } catch {
            throw error.languageError(fileSpan)
        }
        let table: PlanOptionTable
        do {
            table = try PlanOptionTable.read(bytes, fileName: path)
        } catch let error as CSVError {
            throw DemandCommands.fileError(error.message, hint: error.hint, location: error.location, span: fileSpan)
        } catch let error as DemandError {
            throw DemandCommands.fileError(error.message, hint: optionTableHint(error), location: error.location, span: fileSpan)
        }
        var groups = table.groups
        if let selected {
            let missing = selected.subtracting(groups.map(\.workload))
            if let name = missing.sorted().first {
                throw LanguageError(.command, "\(path) has no rows for workload '\(name)'",
                                    hint: "workloads in the table: " + groups.map(\.workload).joined(separator: ", "),
                                    span: arguments.option("workloads")?.span)
            }
            groups = groups.filter { selected.contains($0.workload) }
        }
        return Input(per: per, objective: "quality", groups: groups, table: table)
    }

    static func optionTableHint(_ error: DemandError) -> String? {
        if case .unknownColumn = error {
            return "the table needs a header with columns " + PlanOptionTable.requiredColumns.joined(separator: ", ")
                + "; other columns are carried through"
        }
        return error.hint
    }

    /// The `workloads=` list, checked against the session (or, with options=, left to the table).
    static func selectedWorkloads(_ arguments: Arguments, session: Session) throws -> Set<String>? {
        guard let option = arguments.option("workloads"), case .names(let names) = option.value else { return nil }
        if arguments.option("options") == nil {
            for name in names where session.workload(named: name) == nil {
                throw WorkloadCommands.unknownWorkload(name, in: session, span: option.span)
            }
        }
        return Set(names)
    }

    static func gpuNames(_ arguments: Arguments, session: Session) throws -> [String]? {
        guard let option = arguments.option("gpus"), case .names(let names) = option.value else { return nil }
        return try names.map { name in
            do { return try session.catalog.gpu(named: name).id } catch let error as UserFacingError {
                throw LanguageError(.command, error.message, hint: error.userHint, span: option.span)
            }
        }
    }

    static func pricings(_ arguments: Arguments) throws -> [PricingMode]? {
        try parsedList(arguments, "pricing", noun: "pricing mode", all: PricingMode.allCases.map(\.rawValue), PricingMode.init(parsing:))
    }

    static func precisions(_ arguments: Arguments) throws -> [Precision]? {
        try parsedList(arguments, "precisions", noun: "precision", all: Precision.allCases.map(\.rawValue), Precision.init(parsing:))
    }

    /// A list option's names read by `parse`; an unknown one is an error listing the choices.
    static func parsedList<T>(_ arguments: Arguments, _ key: String, noun: String, all: [String],
                              _ parse: (String) -> T?) throws -> [T]? {
        guard let option = arguments.option(key), case .names(let names) = option.value else { return nil }
        return try names.map { name in
            guard let value = parse(name) else {
                throw LanguageError(.bind, "unknown \(noun) '\(name)'", hint: "\(noun)s: " + all.joined(separator: ", "), span: option.span)
            }
            return value
        }
    }
}
