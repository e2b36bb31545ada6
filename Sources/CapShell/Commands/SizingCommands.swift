import CapPlan

/// `size W`, `size all`, `compare gpu A B ... [for W|for all]`.
enum SizingCommands {
    static let all = [sizeAll, size, compare]

    static let pricingOption = OptionSpec("pricing", .choice(PricingMode.allCases.map(\.rawValue)), "How capacity is bought (default: the workload's, else the session's).")
    static let gpuOption = OptionSpec("gpu", .name(.gpu), "Accelerator to size on (default: the workload's, else the cheapest that meets the SLA).")

    static let size = CommandSpec(
        path: ["size"], group: .sizing,
        abstract: "Size one workload: instances, GPUs, batch, latency, SLA, cost and power.",
        discussion: """
        One pipeline for every workload: demand at peak × (1 + headroom); instances = the larger of \
        the throughput count and the latency count; then N+k spares and the zone spread; GPUs; cost. \
        Without gpu= (and none on the workload), the cheapest accelerator that meets the SLA. \
        'explain size W' shows every step with numbers. check=simulate also runs the fleet \
        simulator on the fleet chosen (100,000 Poisson requests at the peak, seed 1; 'validate size' \
        takes more options) and prints the analytic and simulated p99s side by side; its JSON adds \
        "check" with the keys of 'validate size'.
        """,
        positionals: [OptionSpec("workload", .name(.workload), "The workload to size.", required: true)],
        options: [gpuOption, pricingOption,
                  OptionSpec("check", .choice(["simulate"]), "Also simulate the fleet and set its p99s beside the analytic ones.")],
        examples: ["size chat", "size chat gpu=h100 pricing=reserved-1y", "size chat check=simulate"]
    ) { context, arguments in
        let workload = try WorkloadCommands.existing(arguments, in: context.session)
        let result = try sized(workload, arguments: arguments, session: context.session, explaining: context.explaining)
        var output = Output.table(SizingTables.detail(result), json: SizingTables.json(result))
        output.derivation = result.derivation
        if arguments.option("check") != nil, !context.explaining {
            if let override = arguments.option("gpu") ?? arguments.option("pricing") {
                throw LanguageError(.command, "check=simulate simulates the workload as defined, without \(override.key)=",
                                    hint: "set it on the workload first: set workload \(workload.name) \(override.key)=\(override.text)", span: override.span)
            }
            let input = try FleetInput(arguments, context: context, command: "size ... check=simulate", defaultRequests: 100_000)
            let check = FleetRendering.validation(try input.run(), input: input)
            let sizeJSON = output.json
            output.blocks += check.blocks
            if case let .object(pairs)? = sizeJSON, let checkJSON = check.json { output.json = .object(pairs + [("check", checkJSON)]) }
        }
        return CommandResult(output)
    }

    static let sizeAll = CommandSpec(
        path: ["size", "all"], group: .sizing,
        abstract: "Size every workload, with a totals row (instances, GPUs, cost, CPU cores).",
        options: [pricingOption],
        examples: ["size all", "size all pricing=spot"]
    ) { context, arguments in
        guard !context.session.workloads.isEmpty else {
            throw LanguageError(.command, "there are no workloads to size", hint: "add one with 'add workload NAME key=value...'", span: arguments.span)
        }
        var results: [SizingResult] = []
        for workload in context.session.workloads {
            do {
                results.append(try sized(workload, arguments: arguments, session: context.session))
            } catch let error as UserFacingError {
                throw LanguageError(.command, "\(workload.name): \(error.message)", hint: error.userHint, span: arguments.span)
            }
        }
        let table = SizingTables.summary(results)
        var output = Output.table(table, json: .object([("rows", .array(results.map(SizingTables.json)))]))
        var derivation = Derivation(title: "size all")
        for r in results {
            derivation.step(r.workload, "see 'explain size \(r.workload)'", "\(NumberFormat.integer(Double(r.instances))) × \(r.gpusPerInstance) GPU", r.costPerMonth.map { NumberFormat.money($0) + "/mo" } ?? "no price")
        }
        derivation.step("total", "Σ cost per month", "\(results.count) workloads", NumberFormat.money(results.compactMap(\.costPerMonth).reduce(0, +)) + "/mo")
        output.derivation = derivation
        return CommandResult(output)
    }

    static let compare = CommandSpec(
        path: ["compare", "gpu"], aliases: [["compare", "gpus"]], group: .sizing,
        abstract: "Compare accelerators side by side for a workload (or all): instances, GPUs, cost, $/1M tokens, latency.",
        discussion: "The best value of each row is marked with *, and a one-line verdict names the cheapest accelerator that meets every SLA. Without 'for', all workloads.",
        positionals: [OptionSpec("gpus", .name(.gpu), "Accelerators to compare, then optionally 'for WORKLOAD' or 'for all'.", required: true)],
        lastPositionalRepeats: true,
        options: [pricingOption],
        examples: ["compare gpu a100 h100", "compare gpu a100 h100 h200 for chat", "compare gpu l4 l40s for all pricing=spot"]
    ) { context, arguments in
        let words = arguments.allPositionals("gpus")
        var gpuArguments = words
        var workloads = context.session.workloads
        var scope = "all"
        if let forIndex = words.firstIndex(where: { $0.text.lowercased() == "for" }) {
            gpuArguments = Array(words[..<forIndex])
            let rest = words[(forIndex + 1)...]
            guard let target = rest.first, rest.count == 1 else {
                throw LanguageError(.bind, "'for' takes one workload name or 'all'", hint: "compare gpu a100 h100 for chat", span: words[forIndex].span)
            }
            if target.text.lowercased() != "all" {
                guard let w = context.session.workload(named: target.text) else {
                    throw WorkloadCommands.unknownWorkload(target.text, in: context.session, span: target.span)
                }
                workloads = [w]
                scope = w.name
            }
        }
        guard gpuArguments.count >= 1 else {
            throw LanguageError(.bind, "name at least one accelerator to compare", hint: "compare gpu a100 h100 for chat", span: arguments.span)
        }
        guard !workloads.isEmpty else {
            throw LanguageError(.command, "there are no workloads to compare on", hint: "add one with 'add workload NAME key=value...'", span: arguments.span)
        }
        var gpus: [Accelerator] = []
        for argument in gpuArguments {
            do {
                gpus.append(try context.session.catalog.gpu(named: argument.text))
            } catch let error as UserFacingError {
                throw LanguageError(.command, error.message, hint: error.userHint, span: argument.span)
            }
        }
        let pricing = arguments.name("pricing").flatMap(PricingMode.init(parsing:))
        let comparison = GPUComparison.run(gpus: gpus, workloads: workloads, scope: scope, session: context.session, pricing: pricing)
        var output = Output(blocks: [.table(comparison.table), .text(comparison.verdict)], json: comparison.json, exportTable: comparison.table)
        output.derivation = comparison.derivation
        return CommandResult(output)
    }

    static func sized(_ workload: Workload, arguments: Arguments, session: Session, explaining: Bool = false) throws -> SizingResult {
        let pricing = arguments.name("pricing").flatMap(PricingMode.init(parsing:))
        let gpu = arguments.name("gpu")
        do {
            return try session.size(workload, gpu: gpu, pricing: pricing, explaining: explaining)
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.userHint, span: arguments.option("gpu")?.span ?? arguments.span)
        }
    }
}
