import CapPlan

/// The `catalog add model` keys.
extension CatalogKeys {
    static let precisionWords = ["fp32", "bf16", "fp16", "fp8", "int8", "int4"]

    /// One word of `words` (kind, precision): shown and saved as its raw value, without a source.
    static func choiceKey<V: RawRepresentable<String> & Equatable & Sendable>(
        _ key: String, _ path: WritableKeyPath<ModelSpec, V> & Sendable, _ words: [String], _ abstract: String,
        default defaultValue: V, parse: @escaping @Sendable (String) -> V?
    ) -> ModelKey {
        ModelKey(spec: OptionSpec(key, .choice(words), abstract, default: defaultValue.rawValue)) { m, value in
            m[keyPath: path] = parse(value.name ?? defaultValue.rawValue) ?? defaultValue
        } render: { m in
            "\(key)=" + m[keyPath: path].rawValue
        } view: { m in
            let word = m[keyPath: path].rawValue
            return FigureView(text: word, raw: .string(word), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in a[keyPath: path] != b[keyPath: path] }
    }

    /// A whole-number figure (layers, heads, ...), at least 1.
    static func whole(_ key: String, _ path: WritableKeyPath<ModelSpec, Sourced<Int>> & Sendable, _ abstract: String) -> ModelKey {
        ModelKey(spec: OptionSpec(key, .count, abstract)) { m, value in
            m[keyPath: path] = UserFigures.sourced(try wholeValue(key, value))
        } render: { m in
            m[keyPath: path].value.map { "\(key)=\($0)" }
        } view: { m in
            let s = m[keyPath: path]
            return FigureView(text: s.value.map { NumberFormat.integer(Double($0)) }, raw: .number(s.value.map(Double.init)), unit: nil, source: s.source, note: s.note)
        } differs: { a, b in a[keyPath: path] != b[keyPath: path] }
    }

    /// Like `whole`, for the optional mixture-of-experts figures.
    static func optionalWhole(_ key: String, _ path: WritableKeyPath<ModelSpec, Sourced<Int>?> & Sendable, _ abstract: String) -> ModelKey {
        ModelKey(spec: OptionSpec(key, .count, abstract)) { m, value in
            m[keyPath: path] = UserFigures.sourced(try wholeValue(key, value))
        } render: { m in
            m[keyPath: path]?.value.map { "\(key)=\($0)" }
        } view: { m in
            let s = m[keyPath: path]
            return FigureView(text: s?.value.map { NumberFormat.integer(Double($0)) }, raw: .number(s?.value.map(Double.init)), unit: nil,
                              source: s?.source, note: s == nil ? "dense model" : s?.note)
        } differs: { a, b in a[keyPath: path] != b[keyPath: path] }
    }

    static func wholeValue(_ key: String, _ value: Value) throws -> Int {
        let x = value.quantity?.value ?? 0
        guard x >= 1, x <= 1e12 else { throw CatalogKeyError(message: "\(key)= must be a whole number of at least 1", userHint: nil) }
        return Int(x)
    }

    /// A parameter count: shown as `70.6B`, saved exactly (`70B` when that reads back exactly).
    static func paramsKey(_ key: String, _ path: WritableKeyPath<ModelSpec, Sourced<Double>> & Sendable, _ abstract: String) -> ModelKey {
        ModelKey(spec: OptionSpec(key, .count, abstract)) { m, value in
            let x = value.quantity?.value ?? 0
            guard x >= 1 else { throw CatalogKeyError(message: "\(key)= must be at least 1 parameter", userHint: "write billions with B: \(key)=70B") }
            m[keyPath: path] = UserFigures.sourced(x)
        } render: { m in
            m[keyPath: path].value.map { "\(key)=" + paramsSourceText($0) }
        } view: { m in
            let s = m[keyPath: path]
            return FigureView(text: s.value.map(paramsText), raw: .number(s.value), unit: nil, source: s.source, note: s.note)
        } differs: { a, b in a[keyPath: path] != b[keyPath: path] }
    }

    /// `70.6B`, `340M`: three significant digits with a count suffix.
    static func paramsText(_ x: Double) -> String {
        if x >= 1e9 { return NumberFormat.decimal(x / 1e9, significantDigits: 3) + "B" }
        if x >= 1e6 { return NumberFormat.decimal(x / 1e6, significantDigits: 3) + "M" }
        return NumberFormat.decimal(x, significantDigits: 3)
    }

    /// `70B` when `70 × 1e9` reads back as exactly this count (the lexer computes number × 1e9),
    /// else every digit.
    static func paramsSourceText(_ x: Double) -> String {
        let billions = UserFigures.snap(x / 1e9)
        let text = Quantity.shortest(billions)
        if billions * 1e9 == x, text.count <= 8, !text.contains("e") { return text + "B" }
        return Quantity.shortest(x)
    }

    static let model: [ModelKey] = [
        displayKey(\ModelSpec.names),
        aliasesKey(\ModelSpec.names, kind: .model),
        choiceKey("kind", \ModelSpec.kind, ["llm", "encoder", "asr", "diffusion"],
                  "What the model is: llm (sized by the LLM model), encoder, asr, diffusion (roofline).", default: .llm, parse: ModelKind.init(rawValue:)),
        paramsKey("params", \ModelSpec.totalParams, "Total parameters, a count: 70B (B = billion), 340M."),
        paramsKey("active", \ModelSpec.activeParams, "Parameters used per token (MoE); defaults to params for a dense model."),
        optionalWhole("experts", \ModelSpec.experts, "Experts per MoE layer."),
        optionalWhole("experts_per_token", \ModelSpec.expertsPerToken, "Experts each token is routed to."),
        whole("layers", \ModelSpec.layers, "Transformer layers."),
        whole("d_model", \ModelSpec.dModel, "Hidden size (d_model)."),
        whole("heads", \ModelSpec.queryHeads, "Attention (query) heads."),
        whole("kv_heads", \ModelSpec.kvHeads, "KV heads (num_key_value_heads; 8 for most GQA models)."),
        whole("head_dim", \ModelSpec.headDim, "Head dimension (default for a new model: d_model / heads)."),
        whole("ffn", \ModelSpec.ffnSize, "Feed-forward (intermediate) size."),
        whole("vocab", \ModelSpec.vocabSize, "Vocabulary size."),
        choiceKey("precision", \ModelSpec.defaultPrecision, precisionWords, "Default weight precision.", default: .bf16, parse: Precision.init(parsing:)),
        whole("context", \ModelSpec.contextLength, "Maximum context, tokens (128k = 128,000)."),
        real("quality", \ModelSpec.quality, kind: .number, unit: "", abstract: "Quality score on 0-100 (name the benchmark with benchmark=).",
             renderBare: true, allowZero: true, maximum: 100),
        ModelKey(spec: OptionSpec("benchmark", .text, "What the quality score measures (benchmark=\"MMLU 5-shot\")."), isFigure: false) { m, value in
            m.qualityBenchmark = value.name
        } render: { m in
            m.qualityBenchmark.map { "benchmark=" + quotedIfNeeded($0) }
        } view: { m in
            FigureView(text: m.qualityBenchmark, raw: .string(m.qualityBenchmark), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in a.qualityBenchmark != b.qualityBenchmark },
        real("flops", \ModelSpec.flopsPerRequest, kind: .quantity(dimensions: [.work], impliedUnit: "FLOP", context: .count), unit: "FLOP",
             abstract: "Compute per request for non-LLM models; a bare number is FLOP (2TFLOP = 2e12).", renderBare: true),
    ]

    static let modelFigureKeys: [ModelKey] = model.filter(\.isFigure)
}
