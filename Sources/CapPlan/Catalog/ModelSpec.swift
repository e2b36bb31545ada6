/// What a model is, for choosing a performance method.
public enum ModelKind: String, Sendable, Hashable, Codable {
    /// Decoder-only language model: sized by the LLM performance model.
    case llm
    /// Encoder-only model (BERT): sized by the roofline.
    case encoder
    /// Speech recognition (Whisper): sized by the roofline.
    case asr
    /// Image generation (SDXL): sized by the roofline with per-image FLOPs.
    case diffusion
}

/// One model's shape, size and quality.
///
/// Shapes come from the model's `config.json`: `kvHeads` is `num_key_value_heads` and
/// `headDim` is `head_dim` (or `hidden_size / num_attention_heads`), never the query-head count.
/// For a mixture of experts, `totalParams` counts every expert (memory) and `activeParams` the
/// parameters one token passes through (FLOPs and decode weight reads).
public struct ModelSpec: Sendable, Hashable, Identifiable {
    public var names: CatalogNames
    public var kind: ModelKind
    public var layers: Sourced<Int>
    public var dModel: Sourced<Int>
    public var queryHeads: Sourced<Int>
    public var kvHeads: Sourced<Int>
    public var headDim: Sourced<Int>
    public var ffnSize: Sourced<Int>
    public var vocabSize: Sourced<Int>
    /// Parameter count (not billions): 6.74e9 for Llama-2-7B.
    public var totalParams: Sourced<Double>
    /// Parameters used per token; equals `totalParams` for dense models.
    public var activeParams: Sourced<Double>
    /// Number of experts per MoE layer; nil for dense models.
    public var experts: Sourced<Int>?
    /// Experts each token is routed to; nil for dense models.
    public var expertsPerToken: Sourced<Int>?
    public var defaultPrecision: Precision
    /// Maximum context, tokens.
    public var contextLength: Sourced<Int>
    /// Compute per request, FLOPs, for non-LLM models (for example one SDXL image).
    public var flopsPerRequest: Sourced<Double>
    /// A quality score on 0–100; `qualityBenchmark` names the benchmark.
    public var quality: Sourced<Double>
    public var qualityBenchmark: String?
    public var notes: String?

    public var id: String { names.id }

    /// True when the model routes tokens through a subset of experts.
    public var isMixtureOfExperts: Bool { (experts?.value ?? 1) > 1 }

    public init(names: CatalogNames, kind: ModelKind, layers: Sourced<Int>, dModel: Sourced<Int>,
                queryHeads: Sourced<Int>, kvHeads: Sourced<Int>, headDim: Sourced<Int>, ffnSize: Sourced<Int>,
                vocabSize: Sourced<Int>, totalParams: Sourced<Double>, activeParams: Sourced<Double>? = nil,
                experts: Sourced<Int>? = nil, expertsPerToken: Sourced<Int>? = nil,
                defaultPrecision: Precision = .bf16, contextLength: Sourced<Int>,
                flopsPerRequest: Sourced<Double> = .absent("not applicable"),
                quality: Sourced<Double> = .absent("no sourced score"), qualityBenchmark: String? = nil,
                notes: String? = nil) {
        self.names = names
        self.kind = kind
        self.layers = layers
        self.dModel = dModel
        self.queryHeads = queryHeads
        self.kvHeads = kvHeads
        self.headDim = headDim
        self.ffnSize = ffnSize
        self.vocabSize = vocabSize
        self.totalParams = totalParams
        self.activeParams = activeParams ?? totalParams
        self.experts = experts
        self.expertsPerToken = expertsPerToken
        self.defaultPrecision = defaultPrecision
        self.contextLength = contextLength
        self.flopsPerRequest = flopsPerRequest
        self.quality = quality
        self.qualityBenchmark = qualityBenchmark
        self.notes = notes
    }

    /// Every figure with its field name, for validation and `catalog show`.
    public var figures: [(field: String, value: String?, source: Source?, note: String?)] {
        func i(_ n: String, _ s: Sourced<Int>) -> (String, String?, Source?, String?) { (n, s.value.map { "\($0)" }, s.source, s.note) }
        func d(_ n: String, _ s: Sourced<Double>) -> (String, String?, Source?, String?) { (n, s.value.map { "\($0)" }, s.source, s.note) }
        var out = [
            i("layers", layers), i("dModel", dModel), i("queryHeads", queryHeads), i("kvHeads", kvHeads),
            i("headDim", headDim), i("ffnSize", ffnSize), i("vocabSize", vocabSize),
            d("totalParams", totalParams), d("activeParams", activeParams), i("contextLength", contextLength),
            d("quality", quality),
        ]
        if let experts { out.append(i("experts", experts)) }
        if let expertsPerToken { out.append(i("expertsPerToken", expertsPerToken)) }
        if kind == .diffusion { out.append(d("flopsPerRequest", flopsPerRequest)) }
        return out
    }
}
