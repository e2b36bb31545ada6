import CapPlan

/// `kv_bytes(MODEL)`, `params(MODEL)`, `active_params(MODEL)`: catalog figures in expressions,
/// looked up in the session's catalog (so user additions count).
enum CatalogFunctions {
    static let all: [FunctionSpec] = [
        FunctionSpec("kv_bytes", [.name("model", .model)],
                     abstract: "KV-cache bytes per token of a decoder LLM at its default precision: 2 × layers × KV heads × head dim × bytes.") { call in
            let model = try model(call)
            return Quantity(try kvBytesPerToken(model), .data, unit: UnitTable.unit("B"))
        },
        FunctionSpec("params", [.name("model", .model)], abstract: "A model's total parameter count (all experts of a mixture).") { call in
            let model = try model(call)
            guard let n = model.totalParams.value else { throw PerformanceError.missingFigure(entry: model.id, field: "totalParams") }
            return Quantity(n)
        },
        FunctionSpec("active_params", [.name("model", .model)], abstract: "Parameters one token passes through (equals params for a dense model).") { call in
            let model = try model(call)
            guard let n = model.activeParams.value else { throw PerformanceError.missingFigure(entry: model.id, field: "activeParams") }
            return Quantity(n)
        },
    ]

    /// The model named by the call's argument; a lookup error points at the argument.
    static func model(_ call: FunctionCall) throws -> ModelSpec {
        do {
            return try call.session.catalog.model(named: call.names[0])
        } catch let error as CatalogError {
            throw LanguageError(.evaluate, error.message, hint: error.hint, span: call.argumentSpans.first ?? call.span)
        }
    }

    /// KV bytes per token at the model's default KV precision (capacity-math.md §1 "Memory").
    ///
    ///     kv_tok = 2 × L × n_kv × d_h × b_kv     b_kv = bytes of the default KV precision
    ///
    /// - Throws: `CatalogKeyError` for a model that keeps no KV cache the LLM model uses
    ///   (encoder, speech, diffusion); `PerformanceError.missingFigure` when a shape figure is absent.
    static func kvBytesPerToken(_ model: ModelSpec) throws -> Double {
        guard model.kind == .llm else {
            throw CatalogKeyError(message: "kv_bytes() is for decoder LLMs; '\(model.id)' is kind=\(model.kind.rawValue)",
                                  userHint: "models sized by the roofline (encoder, asr, diffusion) use flops= and bytes= instead")
        }
        return try LLMMemory.kvBytesPerToken(model: model, kvPrecision: model.defaultPrecision.defaultKVPrecision)
    }

    /// `kvBytesPerToken`, or nil when it does not apply or a figure is absent (tables show "—").
    static func kvBytesIfAny(_ model: ModelSpec) -> Double? { try? kvBytesPerToken(model) }
}
