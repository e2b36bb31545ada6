/// Step times of one LLM replica from the performance model (docs/capacity-math.md §1), plus
/// the replica's KV capacity and batch, so `simulate fleet` runs the fleet `size` chose.
///
///     stepSeconds(load)      = LLMPerformanceModel's t_step(load): the function `perf` and
///                              `size` price their steps with
///     requestOverheadSeconds = the engine's request overhead (15 ms for vLLM)
///
/// The step depends on the decoding context only through Σℓ and on the prompts through Σ S
/// and Σ S²/2 (attention), which `StepLoad` carries.
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
    /// The engine's token budget on this GPU (`PerformanceAssumptions.tokenBudget(gpuMemoryBytes:)`).
    public let tokenBudget: Int
    /// The engine's admission accounting (`EngineProfile.reservesFullContext`).
    public let reservesFullContext: Bool

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
        tokenBudget = performance.assumptions.tokenBudget(gpuMemoryBytes: gpu.memoryBytes)
        reservesFullContext = performance.assumptions.profile.reservesFullContext
        // The model's only failure modes past this point (an unsupported precision, a missing
        // link bandwidth) do not depend on the load: one evaluation settles them.
        _ = try performance.step(self.shape, gpu, fixed, t, .decode(batch: 1, context: shape.meanResidentTokens))
    }

    public func stepSeconds(_ load: StepLoad, newPrompts: Int) -> Double {
        do {
            return try performance.step(shape, gpu, deployment, tensorParallel, load).totalSeconds
        } catch {
            preconditionFailure("step time checked in init: \(error)")
        }
    }
}
