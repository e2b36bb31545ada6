import Foundation

/// Memory formulas of the LLM performance model (docs/capacity-math.md §1 "Memory").
public enum LLMMemory {
    /// Bytes of weights.
    ///
    ///     W = N × b_w        b_w: fp32 4, bf16/fp16 2, fp8/int8 1, int4 0.5
    ///
    /// - Parameters:
    ///   - parameters: N, a parameter count (6.74e9, not 6.74); for MoE memory pass the total.
    ///   - precision: the weight format.
    /// - Returns: bytes.
    public static func weightsBytes(parameters: Double, precision: Precision) -> Double {
        parameters * precision.bytesPerElement
    }

    /// KV-cache bytes per token of context (K and V, all layers) with grouped-query attention.
    ///
    ///     kv_tok = 2 × L × n_kv × d_h × b_kv
    ///
    /// - Parameters:
    ///   - layers: L.
    ///   - kvHeads: n_kv, the config's `num_key_value_heads` (never the query-head count).
    ///   - headDim: d_h.
    ///   - kvPrecision: the cache format (b_kv bytes per element).
    /// - Returns: bytes per token. Llama-3-8B at bf16: 2 × 32 × 8 × 128 × 2 = 131,072.
    public static func kvBytesPerToken(layers: Int, kvHeads: Int, headDim: Int, kvPrecision: Precision) -> Double {
        2 * Double(layers) * Double(kvHeads) * Double(headDim) * kvPrecision.bytesPerElement
    }

    /// `kvBytesPerToken` for a catalog model.
    /// - Throws: `PerformanceError.missingFigure` when the model lacks layers, KV heads or head dim.
    public static func kvBytesPerToken(model: ModelSpec, kvPrecision: Precision) throws -> Double {
        let s = try LLMShape(model)
        return kvBytesPerToken(layers: s.layers, kvHeads: s.kvHeads, headDim: s.headDim, kvPrecision: kvPrecision)
    }

    /// KV bytes per token held by each GPU under tensor parallelism t.
    ///
    ///     kv_tok_gpu = kv_tok × ceil(n_kv / t) / n_kv      if t ≤ n_kv
    ///                = kv_tok / n_kv                         if t > n_kv (heads replicated)
    ///
    /// (capacity-math.md writes max(n_kv/t, 1); the ceiling covers t not dividing n_kv.)
    public static func kvBytesPerTokenPerGPU(kvBytesPerToken: Double, kvHeads: Int, tensorParallel: Int) -> Double {
        let headsPerGPU = tensorParallel >= kvHeads ? 1 : (kvHeads + tensorParallel - 1) / tensorParallel
        return kvBytesPerToken * Double(headsPerGPU) / Double(kvHeads)
    }
}

/// A model's figures the LLM formulas need, checked present and positive.
struct LLMShape {
    var id: String
    var layers: Int
    var dModel: Int
    var queryHeads: Int
    var kvHeads: Int
    var headDim: Int
    var totalParams: Double
    var activeParams: Double
    var contextLength: Int?
    var ffnSize: Int?
    var vocabSize: Int?
    /// Routed experts per MoE layer and experts each token uses; nil for dense models.
    var experts: Int?
    var expertsPerToken: Int?

    /// Parameters a forward pass over `tokens` tokens reads. Dense: all of them. A mixture of
    /// experts reads its shared weights (attention, embeddings, shared experts) and each routed
    /// expert that at least one token picks; with k of E experts chosen per token uniformly,
    /// the expected number touched by T tokens is E · (1 − (1 − k/E)^T):
    ///
    ///     e = (N_total − N_active) / (E − k)       (one routed expert, all layers)
    ///     N_read(T) = N_active − k·e + E·(1 − (1 − k/E)^T) · e
    ///
    /// So one token reads N_active, and a large batch reads nearly N_total (Mixtral-8x7B at
    /// batch 64 touches all 8 experts of every layer).
    func parametersRead(tokens: Double) -> Double {
        guard let e = experts, let k = expertsPerToken, e > k, k >= 1, totalParams > activeParams, tokens > 1 else { return activeParams }
        let E = Double(e), K = Double(k)
        let perExpert = (totalParams - activeParams) / (E - K)
        let touched = E * (1 - Foundation.pow(1 - K / E, tokens))
        return Swift.min(totalParams, activeParams - K * perExpert + touched * perExpert)
    }

    /// d_attn = n_h × d_h (the attention width; equals d_model for most models).
    var attentionWidth: Double { Double(queryHeads) * Double(headDim) }

    init(_ m: ModelSpec) throws {
        func int(_ s: Sourced<Int>, _ field: String) throws -> Int {
            guard let v = s.value else { throw PerformanceError.missingFigure(entry: m.id, field: field) }
            guard v > 0 else { throw PerformanceError.invalidInput(name: "\(m.id).\(field)", value: "\(v)", expected: "a positive integer") }
            return v
        }
        func dbl(_ s: Sourced<Double>, _ field: String) throws -> Double {
            guard let v = s.value else { throw PerformanceError.missingFigure(entry: m.id, field: field) }
            guard v.isFinite, v > 0 else { throw PerformanceError.invalidInput(name: "\(m.id).\(field)", value: "\(v)", expected: "a positive number") }
            return v
        }
        id = m.id
        layers = try int(m.layers, "layers")
        dModel = try int(m.dModel, "dModel")
        queryHeads = try int(m.queryHeads, "queryHeads")
        kvHeads = try int(m.kvHeads, "kvHeads")
        headDim = try int(m.headDim, "headDim")
        totalParams = try dbl(m.totalParams, "totalParams")
        activeParams = m.activeParams.value == nil ? totalParams : try dbl(m.activeParams, "activeParams")
        guard activeParams <= totalParams else {
            throw PerformanceError.invalidInput(name: "\(m.id).activeParams", value: "\(activeParams)", expected: "at most totalParams (\(totalParams))")
        }
        contextLength = m.contextLength.value
        ffnSize = m.ffnSize.value.flatMap { $0 > 0 ? $0 : nil }
        vocabSize = m.vocabSize.value.flatMap { $0 > 0 ? $0 : nil }
        experts = m.experts?.value
        expertsPerToken = m.expertsPerToken?.value
    }
}

/// A GPU's figures the formulas need, in SI units.
struct GPUFigures {
    var id: String
    var memoryBytes: Double
    var bandwidthBytesPerSecond: Double
    var bf16FLOPS: Double
    var fp8FLOPS: Double?
    var linkBytesPerSecond: Double?
    var scaleUpFabric: Bool

    init(_ g: Accelerator) throws {
        func need(_ s: Sourced<Double>, _ field: String) throws -> Double {
            guard let v = s.value else { throw PerformanceError.missingFigure(entry: g.id, field: field) }
            guard v.isFinite, v > 0 else { throw PerformanceError.invalidInput(name: "\(g.id).\(field)", value: "\(v)", expected: "a positive number") }
            return v
        }
        id = g.id
        memoryBytes = try need(g.memoryGiB, "memoryGiB") * 1_073_741_824
        bandwidthBytesPerSecond = try need(g.memoryBandwidthTBps, "memoryBandwidthTBps") * 1e12
        bf16FLOPS = try need(g.bf16TFLOPS, "bf16TFLOPS") * 1e12
        fp8FLOPS = try g.fp8TFLOPS.value.map { _ in try need(g.fp8TFLOPS, "fp8TFLOPS") * 1e12 }
        linkBytesPerSecond = try g.interconnect.linkGBpsPerDirection.value.map { _ in try need(g.interconnect.linkGBpsPerDirection, "interconnect.linkGBpsPerDirection") * 1e9 }
        scaleUpFabric = g.interconnect.tensorParallelOverNVLink.value ?? (g.interconnect.kind != .pcie)
    }
}

extension LLMMemory {
    /// Peak activation memory of one forward step on each GPU, bytes: the step's tokens through
    /// the widest layer (the gate and up projections of the MLP, split t ways) and the residual
    /// stream, plus the logits of the sequences sampled, in 32-bit floats.
    ///
    ///     M_act = K · (2·d_ffn/t + 4·d) · 2 B + min(K, B_cap) · V · 4 B
    ///
    /// K is the engine's per-step token budget, B_cap its sequence cap, V the vocabulary. This is
    /// what vLLM measures in its profiling run (a forward pass of `max_num_batched_tokens`
    /// tokens) before it sizes the KV cache; it grows with the model, unlike a constant reserve.
    /// When a model lacks the FFN width, 4·d is used (the original Transformer ratio); without a
    /// vocabulary size the logits term is left out.
    public static func activationBytes(tokens k: Int, sequences b: Int, dModel d: Int, ffnSize: Int?, vocabSize: Int?, tensorParallel t: Int) -> Double {
        let ffn = Double(ffnSize ?? 4 * d)
        let perToken = (2 * ffn / Double(t) + 4 * Double(d)) * 2
        let logits = Double(Swift.min(k, b)) * Double(vocabSize ?? 0) * 4
        return Double(k) * perToken + logits
    }
}
