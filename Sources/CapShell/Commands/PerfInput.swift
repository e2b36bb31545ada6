import CapPlan

/// The arguments of `perf`, read and checked, with catalog names resolved.
struct PerfInput {
    var model: ModelSpec
    var gpu: Accelerator
    var deployment: LLMDeployment
    var shape: LLMRequestShape
    var tensorParallel: Int?
    var batch: Int?
    /// Closed-loop concurrency levels: one gives the usual table, several a saturation curve.
    var concurrency: [Int]?
    /// The session's assumptions with `engine=` applied.
    var assumptions: PerformanceAssumptions
    /// Open-loop arrival rate, requests/s.
    var rate: Double?

    init(_ arguments: Arguments, catalog: Catalog, assumptions: PerformanceAssumptions) throws {
        var a = assumptions
        if let engine = arguments.name("engine").flatMap(ServingEngine.init(rawValue:)) { a.engine = engine }
        self.assumptions = a
        let usage = "e.g. perf llama-3-8b gpu=l4 in=1000 out=250"
        let modelArgument = arguments.positional("model")
        do {
            model = try catalog.model(named: arguments.name("model") ?? "")
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.hint, span: modelArgument?.span)
        }
        guard let gpuArgument = arguments.option("gpu"), let gpuName = gpuArgument.value.name else {
            throw LanguageError(.command, "'perf' needs gpu= (the accelerator to run on)", hint: usage, span: QueueInput.end(arguments))
        }
        do {
            gpu = try catalog.gpu(named: gpuName)
        } catch let error as CatalogError {
            throw LanguageError(.command, error.message, hint: error.hint, span: QueueInput.valueSpan(gpuArgument))
        }
        func whole(_ key: String, _ range: ClosedRange<Int>, _ what: String) throws -> Int? {
            guard let argument = arguments.option(key), let x = argument.value.quantity?.value else { return nil }
            guard x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
                throw LanguageError(.bind, "\(key)= must be \(what) from \(NumberFormat.integer(Double(range.lowerBound))) to \(NumberFormat.integer(Double(range.upperBound))); got \(NumberFormat.decimal(x))",
                                    span: QueueInput.valueSpan(argument))
            }
            return Int(x)
        }
        guard let input = try whole("in", 1...10_000_000, "a token count"), let output = try whole("out", 1...10_000_000, "a token count") else {
            let missing = arguments.option("in") == nil ? "in=" : "out="
            throw LanguageError(.command, "'perf' needs \(missing) (\(missing == "in=" ? "prompt" : "generated") tokens per request)", hint: usage, span: QueueInput.end(arguments))
        }
        shape = LLMRequestShape(inputTokens: input, outputTokens: output)
        tensorParallel = try whole("tp", 1...64, "a tensor-parallel degree")
        batch = try whole("batch", 1...1_000_000, "a batch")
        concurrency = arguments.counts("concurrency")
        rate = arguments.option("rate")?.value.quantity?.value
        let modes = ["batch", "concurrency", "rate"].compactMap { arguments.option($0) }
        if modes.count > 1 {
            throw LanguageError(.command, "give one of batch=, concurrency= and rate=",
                                hint: "batch= runs exactly that many sequences; concurrency= is a closed loop of users; rate= an open loop of arrivals",
                                span: QueueInput.covering(modes.map(\.span)))
        }
        let precision = arguments.name("precision").flatMap(Precision.init(parsing:))
        let kv = arguments.name("kv").flatMap(Precision.init(parsing:))
        deployment = LLMDeployment(model: model, gpu: gpu, precision: precision, kvPrecision: kv, tensorParallel: tensorParallel)
    }

    /// The argument a performance-model error is about, for the caret.
    func span(for error: PerformanceError, in arguments: Arguments) -> Range<Int>? {
        func value(_ key: String) -> Range<Int>? { QueueInput.valueSpan(arguments.option(key)) }
        switch error {
        case .unsupportedPrecision: return value("precision") ?? value("gpu")
        case .invalidTensorParallel: return value("tp")
        case .doesNotFit: return value("tp") ?? value("gpu")
        case .contextTooLong: return value("in")
        case .notAnLLM, .missingFigure: return arguments.positional("model")?.span
        case let .invalidInput(name, _, _) where name == "arrival rate": return value("rate")
        case .invalidInput, .invalidAssumption, .tpotTargetUnreachable, .nothingToCalibrate: return nil
        }
    }
}
