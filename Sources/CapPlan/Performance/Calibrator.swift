import Foundation

/// Fits the efficiency factors of one model × GPU × engine to a benchmark's load points
/// (`calibrate FILE`), so the performance model reproduces what was measured.
///
/// Each point is priced by `LLMPerformanceModel.evaluate` at its load (closed loop of N users,
/// open loop at a rate, or the maximum) and its mean prompt and output lengths. The factors
/// minimise the sum of squared log errors over every measured metric of every point:
///
///     (MBU, MFU) = argmin Σ_points Σ_metrics ln²(predicted / measured),   0.02 ≤ MBU, MFU ≤ 1
///
/// with a bounded Nelder–Mead search in log space, started from the session's factors. A
/// factor is fitted only when the measurements depend on it (lowering it by 20% moves some
/// prediction by more than 1%): memory-bound steps (decode at small batches, short prompts)
/// tell MBU, compute-bound ones (long prompts, large batches with prefill) tell MFU. A single
/// measured figure fits only the factor it depends on most, the factor of its regime (decode
/// for inter-token latency and throughput at small batches, prefill for the TTFT of long
/// prompts). A factor not fitted keeps the session's value and the reason is reported.
public struct Calibrator: Sendable {
    /// The model with the session's assumptions (engine chosen).
    public var model: LLMPerformanceModel
    /// The model, GPU, precisions and tensor parallelism the benchmark ran.
    public var deployment: LLMDeployment

    public init(model: LLMPerformanceModel, deployment: LLMDeployment) {
        self.model = model
        self.deployment = deployment
    }

    /// A measured figure of a point.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        case ttft = "TTFT"
        case itl = "ITL"
        case throughput = "output tok/s"
    }

    /// One measured figure, with the model's prediction before and after calibration.
    public struct Comparison: Sendable, Hashable {
        public var point: BenchmarkPoint
        public var metric: Metric
        /// Seconds for TTFT and ITL, tokens/s for throughput.
        public var measured: Double
        public var before: Double
        public var after: Double
        /// |before / measured − 1| and |after / measured − 1|.
        public var errorBefore: Double { Swift.abs(before / measured - 1) }
        public var errorAfter: Double { Swift.abs(after / measured - 1) }
    }

    /// The fitted calibration and how well the model matches before and after.
    public struct Fit: Sendable, Hashable {
        public var calibration: EfficiencyCalibration
        /// The session's factors the fit started from.
        public var previousMBU: Double
        public var previousMFU: Double
        public var comparisons: [Comparison]
        /// Factors the data could not tell, with why (they keep the session's value).
        public var notFitted: [String]
        /// Factors that ended on a bound of [0.02, 1], with what that means.
        public var atBound: [String]
        public var medianErrorBefore: Double { Self.median(comparisons.map(\.errorBefore)) }
        public var medianErrorAfter: Double { Self.median(comparisons.map(\.errorAfter)) }

        /// The median (Percentile's type 7, as numpy's).
        static func median(_ xs: [Double]) -> Double {
            xs.isEmpty ? 0 : Percentile.of(xs.sorted(), 0.5)
        }
    }

    static let bounds = (low: 0.02, high: 1.0)

    /// Fits `run`'s points. `source` is how `explain` will cite the result (the file).
    /// - Throws: `PerformanceError` when a point cannot be priced (a prompt beyond the model's
    ///   context, a model that does not fit the GPU at the given tensor parallelism).
    public func fit(_ run: BenchmarkRun, source: String) throws -> Fit {
        try model.assumptions.validate()
        let precision = deployment.precision
        let base = model.assumptions.efficiencies(modelID: deployment.model.id, gpuID: deployment.gpu.id, precision: precision)
        let measured = run.points.map { p in
            Metric.allCases.compactMap { m -> (Metric, Double)? in
                switch m {
                case .ttft: return p.ttftSeconds.map { (m, $0) }
                case .itl: return p.tpotSeconds.map { (m, $0) }
                case .throughput: return p.outputTokensPerSecond.map { (m, $0) }
                }
            }
        }
        let figures = measured.reduce(0) { $0 + $1.count }
        let before = try predictions(run, mbu: base.mbu, mfu: base.mfu)
        var notFitted: [String] = []

        // Which factors the measurements depend on: the largest |Δ ln prediction| of any
        // measured figure when the factor is 20% lower.
        func sensitivity(mbu: Double, mfu: Double) throws -> Double {
            let changed = try predictions(run, mbu: mbu, mfu: mfu)
            var most = 0.0
            for (i, point) in measured.enumerated() {
                for (metric, _) in point {
                    let a = before[i][metric] ?? 0, b = changed[i][metric] ?? 0
                    if a > 0, b > 0 { most = Swift.max(most, Swift.abs(Foundation.log(b / a))) }
                }
            }
            return most
        }
        let mbuSensitivity = try sensitivity(mbu: base.mbu * 0.8, mfu: base.mfu)
        let mfuSensitivity = try sensitivity(mbu: base.mbu, mfu: base.mfu * 0.8)
        var fitMBU = mbuSensitivity > 0.01
        var fitMFU = mfuSensitivity > 0.01
        if !fitMBU { notFitted.append("MBU: no measured figure depends on memory bandwidth (compute-bound steps)") }
        if !fitMFU { notFitted.append("MFU: no measured figure depends on compute (memory-bound steps: short prompts, small batches)") }
        // One measured figure tells one factor: the one it depends on most.
        if figures == 1, fitMBU, fitMFU {
            if mbuSensitivity >= mfuSensitivity {
                fitMFU = false
                notFitted.append("MFU: one measured figure fits one factor, and it depends more on memory bandwidth")
            } else {
                fitMBU = false
                notFitted.append("MBU: one measured figure fits one factor, and it depends more on compute")
            }
        }
        guard fitMBU || fitMFU else { throw PerformanceError.nothingToCalibrate(reasons: notFitted) }
        let lo = Foundation.log(Self.bounds.low), span = Foundation.log(Self.bounds.high) - lo
        func factor(_ x: Double) -> Double { Foundation.exp(lo + x * span) }
        func box(_ f: Double) -> Double { Swift.min(1, Swift.max(0, (Foundation.log(f) - lo) / span)) }
        var mbu = base.mbu, mfu = base.mfu
        do {
            func objective(_ x: [Double]) -> Double {
                var k = 0
                let u = fitMBU ? factor(x[k]) : base.mbu
                if fitMBU { k += 1 }
                let f = fitMFU ? factor(x[k]) : base.mfu
                guard let p = try? predictions(run, mbu: u, mfu: f) else { return .greatestFiniteMagnitude }
                var sum = 0.0
                for (i, point) in measured.enumerated() {
                    for (metric, value) in point {
                        guard let predicted = p[i][metric], predicted > 0 else { return .greatestFiniteMagnitude }
                        let r = Foundation.log(predicted / value)
                        sum += r * r
                    }
                }
                return sum
            }
            var start: [Double] = []
            if fitMBU { start.append(box(base.mbu)) }
            if fitMFU { start.append(box(base.mfu)) }
            var search = NelderMead()
            search.maxEvaluations = 120 * start.count
            search.tolerance = 1e-9
            search.initialStep = 0.15
            var best = search.minimize(start: start, objective)
            // A restart from the best point leaves a simplex that collapsed early.
            search.initialStep = 0.05
            let again = search.minimize(start: best.point, objective)
            if again.value < best.value { best = again }
            var k = 0
            if fitMBU { mbu = factor(best.point[k]); k += 1 }
            if fitMFU { mfu = factor(best.point[k]) }
        }
        // Four significant digits: what `show calibrations` prints and `save` writes replays exactly.
        func round4(_ x: Double) -> Double { Double(String(format: "%.4g", x)) ?? x }
        if fitMBU { mbu = round4(mbu) }
        if fitMFU { mfu = round4(mfu) }
        var atBound: [String] = []
        for (name, on, v) in [("MBU", fitMBU, mbu), ("MFU", fitMFU, mfu)] where on {
            if v >= Self.bounds.high * 0.999 {
                atBound.append("\(name) reached 100%: the measurements are faster than the model allows at any efficiency (check tp=, precision= and the engine's overheads)")
            } else if v <= Self.bounds.low * 1.001 {
                atBound.append("\(name) reached 2%: the measurements are far slower than the hardware (check model=, gpu= and tp=)")
            }
        }
        let after = try predictions(run, mbu: mbu, mfu: mfu)
        var comparisons: [Comparison] = []
        for (i, point) in measured.enumerated() {
            for (metric, value) in point {
                comparisons.append(Comparison(point: run.points[i], metric: metric, measured: value,
                                              before: before[i][metric] ?? 0, after: after[i][metric] ?? 0))
            }
        }
        let calibration = EfficiencyCalibration(modelID: deployment.model.id, gpuID: deployment.gpu.id, engine: model.assumptions.engine,
                                                precision: precision, mbu: fitMBU ? mbu : nil, mfu: fitMFU ? mfu : nil, source: source)
        return Fit(calibration: calibration, previousMBU: base.mbu, previousMFU: base.mfu, comparisons: comparisons,
                   notFitted: notFitted, atBound: atBound)
    }

    /// The model's TTFT, ITL and output tokens/s at every point, with MBU and MFU set.
    func predictions(_ run: BenchmarkRun, mbu: Double, mfu: Double) throws -> [[Metric: Double]] {
        var m = model
        m.assumptions.calibrate(EfficiencyCalibration(modelID: deployment.model.id, gpuID: deployment.gpu.id, engine: m.assumptions.engine,
                                                      precision: deployment.precision, mbu: mbu, mfu: mfu, source: "fit"))
        return try run.points.map { p in
            let shape = LLMRequestShape(inputTokens: Swift.max(1, Int(p.inputTokens.rounded())), outputTokens: Swift.max(1, Int(p.outputTokens.rounded())))
            let r = try m.evaluate(deployment, shape: shape, batch: p.load.batchChoice)
            return [.ttft: r.ttftSeconds, .itl: r.tpotSeconds, .throughput: r.outputTokensPerSecond]
        }
    }
}
