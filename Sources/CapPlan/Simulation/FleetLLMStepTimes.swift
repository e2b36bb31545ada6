/// Step times of one LLM replica from the performance model (docs/capacity-math.md §1), plus
/// the replica's KV capacity and batch, so `simulate fleet` runs the fleet `size` chose.
///
///     prefillSeconds(S)     = t_pre(S)   = max(F_pre/(t·P·MFU), (W/t + S·kv_tok_gpu)/(BW·MBU)) + t_comm(S)
///     decodeStepSeconds(B, ΣL) = TPOT(B, ℓ = ΣL/B)   (the model's decode roofline at mean context ℓ)
///     requestOverheadSeconds = assumptions.ttftOverheadSeconds   (15 ms by default)
///
/// The decode roofline depends on the context only through B·ℓ (attention FLOPs and KV bytes
/// read), so passing the mean context loses nothing. Each prompt's prefill is its own forward
/// pass (its attention is quadratic in its own length), so a step with several new prompts
/// pays the sum of their prefill times (see `FleetStepTimes`).
public struct FleetLLMStepTimes: FleetStepTimes {
    /// The deployment, with `tensorParallel` fixed to the degree used.
    public let deployment: LLMDeployment
    /// t, GPUs per replica.
    public let tensorParallel: Int
    /// T_kv: KV-cache tokens one replica holds (per GPU under tensor parallelism, which is the
    /// replica's capacity: every GPU holds its share of every token), whole pages.
    public let kvCapacityTokens: Int
    /// B_max for the request shape given: min(max_num_seqs, ⌊T_kv / ℓ̄⌋).
    public let maxBatch: Int
    public let requestOverheadSeconds: Double

    let performance: LLMPerformanceModel
    let shape: LLMShape
    let gpu: GPUFigures

    /// Prepares the step times of `deployment` at tensor parallelism `deployment.tensorParallel`
    /// (or the smallest degree that fits one `shape` sequence).
    ///
    /// - Parameters:
    ///   - performance: the model and its assumptions (MFU, MBU, TP efficiency, overhead).
    ///   - deployment: model, GPU, precisions, optionally a fixed tensor-parallel degree.
    ///   - shape: the typical request, for `maxBatch` (ℓ̄ = in + out/2) and input checks.
    /// - Throws: `PerformanceError` for what the performance model rejects: a non-LLM, missing
    ///   figures, an unsupported precision, a degree that does not divide the heads, no fit.
    public init(performance: LLMPerformanceModel = LLMPerformanceModel(), deployment: LLMDeployment,
                shape: LLMRequestShape) throws {
        guard deployment.model.kind == .llm else {
            throw PerformanceError.notAnLLM(model: deployment.model.id, kind: deployment.model.kind)
        }
        let t = try deployment.tensorParallel ?? performance.tensorParallelDegree(for: deployment, shape: shape)
        let plan = try performance.memoryPlan(for: deployment, tensorParallel: t, shape: shape)
        var fixed = deployment
        fixed.tensorParallel = t
        self.deployment = fixed
        self.performance = performance
        self.tensorParallel = t
        kvCapacityTokens = plan.kvCapacityTokens
        maxBatch = plan.maxBatch
        requestOverheadSeconds = performance.assumptions.ttftOverheadSeconds
        self.shape = try LLMShape(deployment.model)
        gpu = try GPUFigures(deployment.gpu)
        // The model's only failure modes past this point (an unsupported precision, a missing
        // link bandwidth) do not depend on batch or tokens: one evaluation of each settles them.
        _ = try performance.step(self.shape, gpu, fixed, t, 1, shape.meanResidentTokens)
        _ = try performance.prefillTime(self.shape, gpu, fixed, t, shape.inputTokens)
    }

    public func prefillSeconds(promptTokens: Int) -> Double {
        do {
            return try performance.prefillTime(shape, gpu, deployment, tensorParallel, promptTokens).totalSeconds
        } catch {
            preconditionFailure("prefill time checked in init: \(error)")
        }
    }

    public func decodeStepSeconds(batch: Int, totalContextTokens: Int) -> Double {
        let meanContext = Double(totalContextTokens) / Double(batch)
        do {
            return try performance.step(shape, gpu, deployment, tensorParallel, batch, meanContext).totalSeconds
        } catch {
            preconditionFailure("decode step checked in init: \(error)")
        }
    }
}
