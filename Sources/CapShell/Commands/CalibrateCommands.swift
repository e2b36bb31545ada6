import CapPlan

/// `calibrate FILE model=M gpu=G ...`: fits MBU and MFU of one model × GPU × engine to a
/// benchmark client's result file (`BenchmarkReader`, `Calibrator` in CapPlan) and keeps them
/// in the session, where `perf`, `size` and the simulators use them for that combination.
/// `show calibrations` lists them, `remove calibration` drops them, and `save` writes each as
/// the factor form `calibrate model=M gpu=G engine=E precision=P mbu=… mfu=… source="…"`.
enum CalibrateCommands {
    static let all = [calibrate, showCalibrations, removeCalibration]

    static let engines = ServingEngine.allCases.map(\.rawValue)

    static let calibrate = CommandSpec(
        path: ["calibrate"], group: .sizing,
        abstract: "Fit the model's efficiencies (MBU, MFU) for one model × GPU × engine to your own benchmark.",
        discussion: """
        FILE is a benchmark client's result: GuideLLM (guidellm benchmark --output-path x.json), \
        NVIDIA AIPerf or GenAI-Perf (profile_export_aiperf.json, profile_export_genai_perf.json) or \
        vLLM (vllm bench serve --save-result). Result files do not name the hardware, so say what \
        ran: model=, gpu=, and tp=, precision=, kv=, engine= when they differ from the defaults. \
        Every load point of the file (concurrency, rate or maximum throughput, with its mean prompt \
        and output lengths) is priced by the performance model, and MBU and MFU are chosen to \
        minimise the squared log error of the measured mean TTFT, inter-token latency and output \
        tokens/s. MBU is fitted when the file has inter-token latency or throughput (decode), MFU \
        when it has TTFT (prefill); a factor the data cannot tell keeps the session's value and is \
        named. The factors replace the session's for that model × GPU × engine (MFU for the same \
        math precision: FP8 or 16-bit) in perf, size, compare, optimize and the simulators; \
        explain cites the file, 'show calibrations' lists them, 'save' keeps them. Without FILE, \
        mbu= and/or mfu= set the factors directly (what 'save' writes). JSON keys: model, gpu, \
        engine, precision, tp, file, tool, mbu, mfu, previous_mbu, previous_mfu, \
        median_error_before, median_error_after, not_fitted, points (load, metric, measured, \
        before, after; seconds for ttft and itl, tokens/s for throughput).
        """,
        positionals: [OptionSpec("file", .path, "The benchmark result file (JSON).")],
        options: [
            OptionSpec("model", .name(.model), "The catalog model the benchmark ran (required)."),
            OptionSpec("gpu", .name(.gpu), "The catalog GPU it ran on (required)."),
            OptionSpec("engine", .choice(engines), "The serving engine it ran.", derived: "setting engine"),
            OptionSpec("tp", .count, "Tensor-parallel degree it ran at.", derived: "smallest that fits"),
            OptionSpec("precision", .choice(PerfCommands.precisions), "Weight precision it ran at.", derived: "the model's"),
            OptionSpec("kv", .choice(PerfCommands.precisions), "KV-cache precision it ran at.", derived: "the weights'"),
            OptionSpec("mbu", .share, "Set MBU directly (no FILE)."),
            OptionSpec("mfu", .share, "Set MFU directly (no FILE)."),
            OptionSpec("source", .text, "Where directly set factors came from, as explain cites it.", derived: "\"given\""),
        ],
        examples: [
            "calibrate bench/guidellm.json model=llama-3.1-8b gpu=h100",
            "calibrate profile_export_aiperf.json model=llama-3.3-70b gpu=h100 tp=2 precision=fp8 engine=trtllm",
            "calibrate model=llama-3.1-8b gpu=h100 engine=vllm mbu=71% mfu=42%",
        ]
    ) { context, arguments in
        let usage = "e.g. calibrate guidellm.json model=llama-3.1-8b gpu=h100"
        let catalog = context.session.catalog
        var assumptions = context.session.settings.assumptions
        if let engine = arguments.name("engine").flatMap(ServingEngine.init(rawValue:)) { assumptions.engine = engine }
        func entry<T>(_ key: String, _ lookup: (String) throws -> T) throws -> T {
            guard let argument = arguments.option(key), let name = argument.value.name else {
                throw LanguageError(.command, "'calibrate' needs \(key)= (the \(key == "gpu" ? "accelerator" : "model") the benchmark ran)", hint: usage, span: QueueInput.end(arguments))
            }
            do { return try lookup(name) } catch let error as CatalogError {
                throw LanguageError(.command, error.message, hint: error.hint, span: QueueInput.valueSpan(argument))
            }
        }
        let model = try entry("model") { try catalog.model(named: $0) }
        let gpu = try entry("gpu") { try catalog.gpu(named: $0) }
        let precision = arguments.name("precision").flatMap(Precision.init(parsing:))
        let kv = arguments.name("kv").flatMap(Precision.init(parsing:))
        var tp: Int?
        if let argument = arguments.option("tp"), let x = argument.value.quantity?.value {
            guard (1...64).contains(x) else {
                throw LanguageError(.bind, "tp= must be a tensor-parallel degree from 1 to 64; got \(NumberFormat.decimal(x))", span: QueueInput.valueSpan(argument))
            }
            tp = Int(x)
        }
        var deployment = LLMDeployment(model: model, gpu: gpu, precision: precision, kvPrecision: kv, tensorParallel: tp)
        let direct = ["mbu", "mfu"].compactMap { arguments.option($0) }

        guard let fileArgument = arguments.positional("file"), let path = fileArgument.value.name else {
            // The factor form: calibrate model=M gpu=G mbu=… mfu=….
            guard !direct.isEmpty else {
                throw LanguageError(.command, "'calibrate' needs a benchmark result FILE, or mbu= and/or mfu= to set the factors directly",
                                    hint: usage, span: QueueInput.end(arguments))
            }
            func share(_ key: String) throws -> Double? {
                guard let argument = arguments.option(key), let x = argument.value.quantity?.value else { return nil }
                guard x > 0, x <= 1 else {
                    throw LanguageError(.bind, "\(key)= must be more than 0% and at most 100%; got \(SettingKeys.percentText(x))", span: QueueInput.valueSpan(argument))
                }
                return x
            }
            guard model.kind == .llm else {
                throw LanguageError(.command, "\(model.id) is a \(model.kind.rawValue) model; calibrate fits LLM serving", span: arguments.option("model")?.span)
            }
            let c = EfficiencyCalibration(modelID: model.id, gpuID: gpu.id, engine: assumptions.engine, precision: deployment.precision,
                                          mbu: try share("mbu"), mfu: try share("mfu"), source: arguments.name("source") ?? "given")
            context.session.settings.assumptions.calibrate(c)
            return CommandResult(Output(blocks: [.text("calibrated \(c.modelID) on \(c.gpuID) (\(c.engine.rawValue), \(c.precision.rawValue)): \(factors(c)) (\(c.source))")],
                                        json: json(c)))
        }
        if let extra = direct.first {
            throw LanguageError(.command, "give a FILE or mbu=/mfu=, not both", hint: "the file's fit sets the factors", span: extra.span)
        }
        let bytes: [UInt8]
        do throws(FileError) { bytes = Array(try context.environment.files.readData(path)) } catch { throw error.languageError(fileArgument.span) }
        let run: BenchmarkRun
        do { run = try BenchmarkReader.read(bytes, fileName: path) } catch let error as BenchmarkFileError {
            throw LanguageError(.file, error.message, hint: error.hint, span: fileArgument.span)
        }
        let performance = LLMPerformanceModel(assumptions: assumptions)
        let fit: Calibrator.Fit
        do {
            if deployment.tensorParallel == nil, let first = run.points.first {
                let shape = LLMRequestShape(inputTokens: max(1, Int(first.inputTokens.rounded())), outputTokens: max(1, Int(first.outputTokens.rounded())))
                deployment.tensorParallel = try performance.tensorParallelDegree(for: deployment, shape: shape)
            }
            fit = try Calibrator(model: performance, deployment: deployment).fit(run, source: "\(path) (\(run.tool.rawValue))")
        } catch let error as PerformanceError {
            let span: Range<Int>?
            switch error {
            case .invalidTensorParallel, .doesNotFit: span = QueueInput.valueSpan(arguments.option("tp")) ?? QueueInput.valueSpan(arguments.option("gpu"))
            case .unsupportedPrecision: span = QueueInput.valueSpan(arguments.option("precision")) ?? QueueInput.valueSpan(arguments.option("gpu"))
            case .notAnLLM, .missingFigure, .contextTooLong: span = QueueInput.valueSpan(arguments.option("model"))
            default: span = fileArgument.span
            }
            throw LanguageError(.command, "\(path): \(error.message)", hint: error.hint, span: span)
        }
        context.session.settings.assumptions.calibrate(fit.calibration)
        return CommandResult(output(fit, run: run, path: path, tensorParallel: deployment.tensorParallel ?? 1))
    }

    static let showCalibrations = CommandSpec(
        path: ["show", "calibrations"], group: .sizing,
        abstract: "List the efficiency factors calibrated in this session.",
        examples: ["show calibrations"]
    ) { context, _ in
        var table = Table(name: "calibrations", columns: [.init("model"), .init("gpu"), .init("engine"), .init("precision"),
                                                           .init("mbu", alignment: .right), .init("mfu", alignment: .right), .init("source")])
        let a = context.session.settings.assumptions
        for c in a.calibrations {
            table.rows.append([.text(c.modelID), .text(c.gpuID), .text(c.engine.rawValue), .text(c.precision.rawValue),
                               share(c.mbu, default: a.decodeMBU), share(c.mfu, default: EfficiencyCalibration.usesFP8Peak(c.precision) ? a.mfuFP8 : a.mfuBF16),
                               .text(c.source)])
        }
        if table.rows.isEmpty {
            return CommandResult(Output(blocks: [.text("no calibrations (calibrate FILE model=M gpu=G fits them)")], json: .object([("calibrations", .array([]))])))
        }
        return CommandResult(.table(table))
    }

    static let removeCalibration = CommandSpec(
        path: ["remove", "calibration"], group: .sizing,
        abstract: "Drop the calibrated factors of a model on a GPU (every engine, or engine=).",
        positionals: [OptionSpec("model", .name(.model), "The model.", required: true), OptionSpec("gpu", .name(.gpu), "The GPU.", required: true)],
        options: [OptionSpec("engine", .choice(engines), "Only this engine's calibration.", derived: "every engine")],
        examples: ["remove calibration llama-3.1-8b h100"]
    ) { context, arguments in
        let catalog = context.session.catalog
        // Catalog names resolve to their ids (a display name or alias finds the same entry);
        // a name the catalog no longer has is taken as given.
        let modelName = arguments.name("model") ?? "", gpuName = arguments.name("gpu") ?? ""
        let modelID = (try? catalog.model(named: modelName))?.id ?? modelName
        let gpuID = (try? catalog.gpu(named: gpuName))?.id ?? gpuName
        let engine = arguments.name("engine").flatMap(ServingEngine.init(rawValue:))
        let removed = context.session.settings.assumptions.removeCalibration(modelID: modelID, gpuID: gpuID, engine: engine)
        guard removed > 0 else {
            throw LanguageError(.command, "no calibration of \(modelID) on \(gpuID)\(engine.map { " for \($0.rawValue)" } ?? "")",
                                hint: "'show calibrations' lists them", span: arguments.positional("model")?.span)
        }
        return CommandResult(Output(blocks: [.text("removed \(removed) calibration\(removed == 1 ? "" : "s") of \(modelID) on \(gpuID)")]))
    }

    /// The statement that sets `c` again: what `save` writes.
    static func sourceText(_ c: EfficiencyCalibration) -> String {
        var words = ["calibrate", "model=" + CatalogKeys.quotedIfNeeded(c.modelID), "gpu=" + CatalogKeys.quotedIfNeeded(c.gpuID),
                     "engine=" + c.engine.rawValue, "precision=" + c.precision.rawValue]
        // Plain fractions, which read back as exactly the same numbers (a percent is scaled).
        if let m = c.mbu { words.append("mbu=" + Quantity.shortest(m)) }
        if let f = c.mfu { words.append("mfu=" + Quantity.shortest(f)) }
        words.append("source=" + WorkloadKeys.quotedIfNeeded(c.source))
        return words.joined(separator: " ")
    }

    // MARK: Rendering

    static func pct(_ x: Double) -> String { SettingKeys.percentText(x) }

    static func share(_ x: Double?, default d: Double) -> Table.Cell {
        guard let x else { return Table.Cell("(\(pct(d)))", value: .null) }
        return .number(x, pct(x))
    }

    static func factors(_ c: EfficiencyCalibration) -> String {
        [c.mbu.map { "MBU \(pct($0))" }, c.mfu.map { "MFU \(pct($0))" }].compactMap { $0 }.joined(separator: ", ")
    }

    static func json(_ c: EfficiencyCalibration) -> JSONValue {
        .object([("model", .string(c.modelID)), ("gpu", .string(c.gpuID)), ("engine", .string(c.engine.rawValue)),
                 ("precision", .string(c.precision.rawValue)), ("mbu", c.mbu.map(JSONValue.number) ?? .null),
                 ("mfu", c.mfu.map(JSONValue.number) ?? .null), ("source", .string(c.source))])
    }

    /// The measured figure in its unit: ms for TTFT and ITL, tok/s for throughput.
    static func figure(_ x: Double, _ metric: Calibrator.Metric) -> String {
        metric == .throughput ? NumberFormat.decimal(x, significantDigits: 4) + " tok/s" : NumberFormat.decimal(x * 1e3, significantDigits: 4) + " ms"
    }

    static func output(_ fit: Calibrator.Fit, run: BenchmarkRun, path: String, tensorParallel: Int) -> Output {
        let c = fit.calibration
        var lines = ["calibrated \(c.modelID) on \(tensorParallel) × \(c.gpuID) (\(c.engine.rawValue), \(c.precision.rawValue)) from \(path): "
            + "\(run.tool.rawValue), \(run.points.count) load point\(run.points.count == 1 ? "" : "s"), \(fit.comparisons.count) measured figure\(fit.comparisons.count == 1 ? "" : "s")"]
        var changes: [String] = []
        if let m = c.mbu { changes.append("MBU \(pct(fit.previousMBU)) → \(pct(m))") }
        if let f = c.mfu { changes.append("MFU \(pct(fit.previousMFU)) → \(pct(f))") }
        lines.append(changes.joined(separator: "; "))
        lines.append("median |error| \(NumberFormat.percent(fit.medianErrorBefore)) → \(NumberFormat.percent(fit.medianErrorAfter))")
        for note in fit.notFitted { lines.append("not fitted: \(note); the session's value stays") }
        for note in fit.atBound { lines.append("note: \(note)") }
        var table = Table(name: "calibration", columns: [.init("load"), .init("metric"), .init("measured", alignment: .right),
                                                         .init("before", alignment: .right), .init("error before", alignment: .right),
                                                         .init("after", alignment: .right), .init("error after", alignment: .right)])
        for x in fit.comparisons {
            table.rows.append([.text(x.point.loadDescription), .text(x.metric.rawValue),
                               .number(x.measured, figure(x.measured, x.metric)), .number(x.before, figure(x.before, x.metric)),
                               .number(x.errorBefore, NumberFormat.percent(x.errorBefore)),
                               .number(x.after, figure(x.after, x.metric)), .number(x.errorAfter, NumberFormat.percent(x.errorAfter))])
        }
        let points: [JSONValue] = fit.comparisons.map { x in
            .object([("load", .string(x.point.loadDescription)), ("metric", .string(metricKey(x.metric))), ("measured", .number(x.measured)),
                     ("before", .number(x.before)), ("after", .number(x.after))])
        }
        let json: JSONValue = .object([
            ("model", .string(c.modelID)), ("gpu", .string(c.gpuID)), ("engine", .string(c.engine.rawValue)),
            ("precision", .string(c.precision.rawValue)), ("tp", .number(Double(tensorParallel))), ("file", .string(path)),
            ("tool", .string(run.tool.rawValue)), ("mbu", c.mbu.map(JSONValue.number) ?? .null), ("mfu", c.mfu.map(JSONValue.number) ?? .null),
            ("previous_mbu", .number(fit.previousMBU)), ("previous_mfu", .number(fit.previousMFU)),
            ("median_error_before", .number(fit.medianErrorBefore)), ("median_error_after", .number(fit.medianErrorAfter)),
            ("not_fitted", .array(fit.notFitted.map(JSONValue.string))), ("points", .array(points)),
        ])
        return Output(blocks: [.text(lines.joined(separator: "\n")), .table(table)], json: json, exportTable: table)
    }

    static func metricKey(_ m: Calibrator.Metric) -> String {
        switch m {
        case .ttft: return "ttft"
        case .itl: return "itl"
        case .throughput: return "throughput"
        }
    }
}
