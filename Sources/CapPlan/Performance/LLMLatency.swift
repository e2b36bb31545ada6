import Foundation

/// Latency percentiles of one instance under open-loop Poisson arrivals at `arrivalRate`: the
/// operating point `size` reports and `perf ... rate=` prints.
///
/// The instance runs n sequences (Little's law: n = λ · slot(n)). Its steps form a chain: the
/// prompts that arrive during a step are prefilled in the next one (chunked prefill gives a
/// waiting prompt the next step's spare budget), so a step that follows a busy one is longer.
/// With τ₀ the decode-only step, g₁ the extra time of the first prompt in a step and aS of each
/// further one (from `LLMPerformanceModel.step`), N the prompts that arrived during the previous
/// step (Poisson, mean λ·T):
///
///     T       = τ₀ + g₁·1[N ≥ 1] + aS·(N − 1)⁺          ρ = λ·aS < 1 (prefill is not saturated)
///     E[T]    = τ₀ + aS·λE[T] + (g₁ − aS)(1 − e^(−λE[T]))   (fixed point)
///     Var[T]  = (aS)²·λE[T] / (1 − ρ²)
///
/// A request arrives during a step T* (length-biased: E[T*] = E[T] + Var[T]/E[T]), waits for
/// its end (a uniform share of it), then runs its own prompt's steps, which also carry the N*
/// prompts that arrived with it (Poisson, mean λT*):
///
///     TTFT    = o + own + Y,      own = the prompt's chunk steps with n decoding
///     Y       = U·T* + aS·N*      E[Y] = (1/2 + ρ)·E[T*]
///     Var[Y]  = E[T*²]/12 + (aS)²·λE[T*] + (1/2 + ρ)²·Var[T*]
///
/// Y's percentiles are those of a gamma distribution with its mean and variance. When all B
/// batch slots are taken a request also waits for one: the sequences in service form a
/// birth–death chain with births λ and deaths μ(k) = k / slot(k), and beyond B arrivals queue,
///
///     π(k) ∝ Π_{j ≤ k} λ / μ(j),   P(wait) = π(B) / (1 − λ/μ(B)) (normalised),   wait | wait ~ Exp(μ(B) − λ)
///
/// and TTFT's percentiles are those of the sum, computed exactly from the gamma CDF. A
/// request's TPOT follows the batch it runs in: E[T] at the p-quantile of π, plus the spread
/// of its O − 1 steps, z_p · sd(T) / √(O − 1).
/// Least-loaded routing makes each replica's arrivals smoother than Poisson, so across a fleet
/// these percentiles err on the high side.
public struct LLMLatency: Sendable, Hashable {
    /// λ, requests per second to this instance.
    public var arrivalRate: Double
    /// n: sequences in service on average.
    public var batch: Int
    /// τ₀: a step with only decoding, seconds.
    public var decodeStepSeconds: Double
    /// ρ = λ·aS: the share of time prefill work adds to the steps.
    public var prefillUtilization: Double
    /// E[T] and Var[T]: the step length, seconds and seconds².
    public var meanStepSeconds: Double
    public var stepVariance: Double
    /// The request's own prompt steps with n decoding, seconds.
    public var ownPrefillSeconds: Double
    /// The fixed request overhead o, seconds.
    public var requestOverheadSeconds: Double
    /// E[Y] and Var[Y]: waiting for the step in progress and the prompts that came with it.
    public var waitMean: Double
    public var waitVariance: Double
    /// With varying prompt lengths Y is skewed beyond a gamma of its mean and variance: it is
    /// taken as this shift plus a gamma matching its mean, variance and third cumulant
    /// (Pearson type III), seconds; 0 otherwise.
    public var waitShift: Double = 0
    /// P(an arrival finds all B_max slots taken) and the rate θ of its exponential wait, 1/s.
    public var slotWaitProbability: Double
    public var slotWaitRate: Double
    /// Output tokens per request (the mean).
    public var outputTokens: Int
    /// With varying prompt lengths: the request's own prompt steps at each slice of the
    /// prompt-length distribution (`TokenLengths.tailWeightedSlices`), seconds, with the
    /// slice's probability; empty when every prompt has the mean length (then
    /// `ownPrefillSeconds` is every request's).
    public var ownPrefillByPrompt: [(seconds: Double, weight: Double)] = []
    /// With varying output lengths: the output-length distribution, for end-to-end percentiles.
    public var outputLengths: TokenLengths?
    /// The distribution of sequences in service (the slot chain's π) as (k, P(n ≤ k)) points,
    /// and the mean step at sampled batches (k, E[T | k]): a request's TPOT follows the batch
    /// it runs in, which drifts slowly with the load.
    var batchCDF: [(k: Int, cdf: Double)] = []
    var meanStepByBatch: [(k: Int, seconds: Double)] = []

    public static func == (a: LLMLatency, b: LLMLatency) -> Bool {
        a.arrivalRate == b.arrivalRate && a.batch == b.batch && a.meanStepSeconds == b.meanStepSeconds && a.waitMean == b.waitMean
    }
    public func hash(into h: inout Hasher) { h.combine(arrivalRate); h.combine(batch); h.combine(meanStepSeconds) }

    /// The p-quantile of the sequences in service.
    public func batch(quantile p: Double) -> Int {
        batchCDF.first { $0.cdf >= p }?.k ?? batch
    }

    /// E and Var of all the waiting: Y plus the wait for a slot (0 with probability 1 − P,
    /// exponential of rate θ with probability P).
    var totalWaitMean: Double { waitMean + slotWaitProbability / slotWaitRate }
    var totalWaitVariance: Double {
        let p = slotWaitProbability, m = 1 / slotWaitRate
        return waitVariance + p * 2 * m * m - (p * m) * (p * m)
    }

    /// The request's own prompt steps, averaged over the prompt lengths, seconds.
    var meanOwnPrefill: Double {
        ownPrefillByPrompt.isEmpty ? ownPrefillSeconds : ownPrefillByPrompt.reduce(0) { $0 + $1.seconds * $1.weight }
    }

    /// Mean TTFT, seconds.
    public var ttftMean: Double { requestOverheadSeconds + meanOwnPrefill + totalWaitMean }

    /// The p-quantile of TTFT, seconds (0 < p < 1): Y as a gamma of its mean and variance,
    /// plus the wait for a slot (none, or exponential), combined exactly. With varying prompt
    /// lengths the own prefill is independent of the wait, and TTFT's CDF is the mixture
    ///
    ///     P(TTFT ≤ x) = Σ_i w_i · P(wait ≤ x − o − own(S_i))     over the slices of S (weights w_i)
    ///
    /// whose p-quantile lies between o + min own + w_p and o + max own + w_p (bisection).
    public func ttft(quantile p: Double) -> Double {
        let o = requestOverheadSeconds + waitShift
        let gammaMean = waitMean - waitShift
        let wait = Distributions.gammaPlusExponentialAtomQuantile(p, mean: gammaMean, variance: waitVariance, atomFree: slotWaitProbability, rate: slotWaitRate)
        guard let low = ownPrefillByPrompt.map(\.seconds).min(), let high = ownPrefillByPrompt.map(\.seconds).max(), high > low else {
            return o + ownPrefillSeconds + wait
        }
        var lo = o + low + wait, hi = o + high + wait
        for _ in 0..<50 where hi - lo > 1e-9 * hi {
            let x = (lo + hi) / 2
            var cdf = 0.0
            for (own, weight) in ownPrefillByPrompt {
                cdf += weight * Distributions.gammaPlusExponentialAtomCDF(x - o - own, mean: gammaMean, variance: waitVariance, atomFree: slotWaitProbability, rate: slotWaitRate)
            }
            if cdf >= p { hi = x } else { lo = x }
        }
        return hi
    }

    /// Mean TPOT, seconds.
    public var tpotMean: Double { outputTokens > 1 ? meanStepSeconds : 0 }

    /// The p-quantile of a request's mean TPOT, seconds: the mean step at the p-quantile of
    /// the batch, plus the spread of O − 1 steps around it (z_p · sd(T) / √(O − 1)); with
    /// varying output lengths, the mixture over them.
    public func tpot(quantile p: Double) -> Double {
        guard outputTokens > 1 else { return 0 }
        let sd = (stepVariance / Double(outputTokens - 1)).squareRoot()
        let k = batch(quantile: p)
        var atBatch = meanStepSeconds
        if k > batch, let upper = meanStepByBatch.firstIndex(where: { $0.k >= k }) {
            let (k1, s1) = meanStepByBatch[upper]
            if upper > 0 {
                let (k0, s0) = meanStepByBatch[upper - 1]
                atBatch = Swift.max(meanStepSeconds, s0 + (s1 - s0) * Double(k - k0) / Double(Swift.max(1, k1 - k0)))
            } else {
                atBatch = Swift.max(meanStepSeconds, s1)
            }
        }
        guard let lengths = outputLengths, lengths.varies else {
            return Swift.max(0, atBatch + Distributions.normalQuantile(p) * sd)
        }
        // Output lengths vary: a request's TPOT averages O − 1 steps, so short outputs spread
        // more. P(TPOT ≤ x) = Σ_j w_j · Φ((x − E[T]) · √(O_j − 1) / sd(T)) over slices of O
        // with O_j ≥ 2, by bisection.
        let slices = lengths.grid(100).map { $0.rounded() }.filter { $0 >= 2 }
        let step = stepVariance.squareRoot()
        guard !slices.isEmpty, step > 0 else { return Swift.max(0, atBatch + Distributions.normalQuantile(p) * sd) }
        let z = Distributions.normalQuantile(p)
        let spreads = slices.map { step / ($0 - 1).squareRoot() }
        var lo = atBatch + Swift.min(z * spreads.min()!, z * spreads.max()!), hi = atBatch + Swift.max(z * spreads.min()!, z * spreads.max()!)
        if hi - lo <= 1e-12 { return Swift.max(0, hi) }
        for _ in 0..<60 where hi - lo > 1e-9 * Swift.abs(hi) {
            let x = (lo + hi) / 2
            let cdf = spreads.reduce(0) { $0 + 0.5 * Foundation.erfc(-(x - atBatch) / ($1 * 2.0.squareRoot())) } / Double(spreads.count)
            if cdf >= p { hi = x } else { lo = x }
        }
        return Swift.max(0, hi)
    }

    /// The p-quantile of end-to-end latency, seconds: TTFT's plus O − 1 steps at the TPOT's
    /// p-quantile, O the output length's p-quantile when lengths vary (adding quantiles bounds
    /// the sum's quantile from above: long prompts, long outputs and slow steps together).
    public func e2e(quantile p: Double) -> Double {
        let o = outputLengths.map { $0.varies ? $0.quantile(p) : Double(outputTokens) } ?? Double(outputTokens)
        return ttft(quantile: p) + Swift.max(0, o - 1) * tpot(quantile: p)
    }
}

extension LLMPerformanceModel {
    /// The latency of one instance (tensor parallel t) at `arrivalRate` requests/s of `shape`,
    /// running at most `batchCap` sequences (default: the memory maximum B_max).
    /// - Returns: nil when the rate is at or above what the instance can serve (its capacity at
    ///   the largest batch, or prefill saturated: ρ ≥ 1).
    /// - Throws: `PerformanceError` for invalid inputs.
    public func latency(for d: LLMDeployment, tensorParallel t: Int, shape: LLMRequestShape, arrivalRate λ: Double, batchCap: Int? = nil) throws -> LLMLatency? {
        guard λ.isFinite, λ > 0 else {
            throw PerformanceError.invalidInput(name: "arrival rate", value: "\(λ)", expected: "a positive, finite rate")
        }
        return try LLMLatencyModel(performance: self, deployment: d, tensorParallel: t, shape: shape, batchCap: batchCap)?.at(λ)
    }

    /// The steps of the chain at batch n: τ₀ (decode only), g₁ (the extra time of a step's
    /// first prompt) and aS (of each further prompt), seconds.
    func stepParts(_ m: LLMShape, _ g: GPUFigures, _ d: LLMDeployment, _ t: Int, _ n: Int, _ shape: LLMRequestShape)
        throws -> (tau0: Double, g1: Double, aS: Double) {
        let s = Double(shape.inputTokens)
        let decode = StepLoad.decode(batch: n, context: shape.meanResidentTokens)
        let tau0 = try step(m, g, d, t, decode).totalSeconds
        let one = try step(m, g, d, t, decode.adding(.prefill(tokens: s))).totalSeconds
        let two = try step(m, g, d, t, decode.adding(StepLoad(prefillTokens: 2 * s, prefillAttendedTokens: s * s))).totalSeconds
        return (tau0, one - tau0, Swift.max(0, two - one))
    }
}

/// What `LLMLatency` needs of one deployment that does not depend on the arrival rate: the
/// slot time slot(k) of the steady state at up to 9 batches (interpolated between them) and
/// the capacity at the cap. Prepared once, it answers each arrival rate with a few step times,
/// so `size` can search the instance count that meets a latency objective.
public struct LLMLatencyModel: Sendable {
    let performance: LLMPerformanceModel
    let m: LLMShape
    let g: GPUFigures
    let d: LLMDeployment
    let t: Int
    let shape: LLMRequestShape
    /// The batch cap B (≤ B_max).
    let maxBatch: Int
    /// At each sampled batch k, seconds: the slot time, the request's own prompt steps, and the
    /// chain's decode-only step τ₀, first prompt's extra time g₁ and each further prompt's aS
    /// (none depends on the arrival rate). Built once, interpolated by `at`.
    let slotPoints: [(k: Int, value: Double)]
    let ownPoints: [(k: Int, value: Double)]
    let tau0Points: [(k: Int, value: Double)]
    let g1Points: [(k: Int, value: Double)]
    let aSPoints: [(k: Int, value: Double)]
    /// B / slot(B): requests/s at the cap.
    let capacity: Double
    /// Varying prompt lengths: the slices of the distribution (tokens), the own prompt steps at
    /// the 1st and 99th percentile prompt at each sampled batch (own(S) is interpolated
    /// linearly in S through them and the mean), and E[S²]/E[S]².
    let promptSlices: [(tokens: Double, weight: Double)]
    let promptLow: Double, promptHigh: Double
    let ownLowPoints: [(k: Int, value: Double)]
    let ownHighPoints: [(k: Int, value: Double)]
    let promptSecondMomentRatio: Double
    let promptThirdMomentRatio: Double
    let outputLengths: TokenLengths?

    /// - Parameters:
    ///   - inputLengths: the prompt-length distribution (its mean is `shape.inputTokens`); when
    ///     it varies, TTFT's percentiles mix the own prefill of every prompt length, and the
    ///     variance of the prompts a step carries grows by E[S²]/E[S]² (compound Poisson).
    ///   - outputLengths: the output-length distribution, for end-to-end percentiles.
    public init?(performance: LLMPerformanceModel, deployment d: LLMDeployment, tensorParallel t: Int, shape: LLMRequestShape, batchCap: Int? = nil,
                 inputLengths: TokenLengths? = nil, outputLengths: TokenLengths? = nil) throws {
        try performance.assumptions.validate()
        try LLMPerformanceModel.check(shape)
        let m = try LLMShape(d.model)
        let g = try GPUFigures(d.gpu)
        try LLMPerformanceModel.check(tensorParallel: t, model: m)
        var p = performance.plan(m, g, d, t, shape)
        if let cap = batchCap { p.maxBatch = Swift.min(p.maxBatch, Swift.max(1, cap)) }
        guard p.maxBatch >= 1 else { return nil }
        let b = p.maxBatch
        var slots: [(k: Int, value: Double)] = [], own: [(k: Int, value: Double)] = []
        var tau0: [(k: Int, value: Double)] = [], g1: [(k: Int, value: Double)] = [], aS: [(k: Int, value: Double)] = []
        var ownLow: [(k: Int, value: Double)] = [], ownHigh: [(k: Int, value: Double)] = []
        let varies = inputLengths?.varies ?? false
        let promptLow = Swift.max(1, (inputLengths?.quantile(0.01) ?? 1).rounded())
        let promptHigh = Swift.min(10_000_000, Swift.max(promptLow + 1, (inputLengths?.quantile(0.99) ?? 2).rounded()))
        let points = Swift.min(b, 8)
        for i in 0...points {
            let k = Swift.max(1, Int((Double(b) * Double(i) / Double(points)).rounded()))
            if let last = slots.last, last.k == k { continue }
            slots.append((k, try performance.steady(m, g, d, t, k, shape).slotSeconds))
            own.append((k, try performance.chunkedPrefill(m, g, d, t, prompt: shape.inputTokens, decoding: k, context: shape.meanResidentTokens).totalSeconds))
            if varies {
                ownLow.append((k, try performance.chunkedPrefill(m, g, d, t, prompt: Int(promptLow), decoding: k, context: shape.meanResidentTokens).totalSeconds))
                ownHigh.append((k, try performance.chunkedPrefill(m, g, d, t, prompt: Int(promptHigh), decoding: k, context: shape.meanResidentTokens).totalSeconds))
            }
            let parts = try performance.stepParts(m, g, d, t, k, shape)
            tau0.append((k, parts.tau0))
            g1.append((k, parts.g1))
            aS.append((k, parts.aS))
        }
        self.performance = performance
        self.m = m
        self.g = g
        self.d = d
        self.t = t
        self.shape = shape
        maxBatch = b
        slotPoints = slots
        ownPoints = own
        tau0Points = tau0
        g1Points = g1
        aSPoints = aS
        capacity = Double(b) / slots[slots.count - 1].value
        promptSlices = varies ? (inputLengths?.tailWeightedSlices ?? []) : []
        self.promptLow = promptLow
        self.promptHigh = promptHigh
        ownLowPoints = ownLow
        ownHighPoints = ownHigh
        promptSecondMomentRatio = varies ? (inputLengths?.secondMomentRatio ?? 1) : 1
        promptThirdMomentRatio = varies ? (inputLengths?.thirdMomentRatio ?? 1) : 1
        self.outputLengths = outputLengths
    }

    /// own(S) at batch n: linear in S through (S₁, own₁), (S̄, own), (S₉₉, own₉₉), extended
    /// beyond them with the nearest segment's slope, never below 0.
    func ownPrefill(_ s: Double, batch n: Int, atMean own: Double) -> Double {
        let mean = Double(shape.inputTokens)
        let low = Self.interpolate(ownLowPoints, n), high = Self.interpolate(ownHighPoints, n)
        let (s0, v0, s1, v1): (Double, Double, Double, Double)
        if s <= mean, promptLow < mean { (s0, v0, s1, v1) = (promptLow, low, mean, own) } else if promptHigh > mean { (s0, v0, s1, v1) = (mean, own, promptHigh, high) } else { return own }
        return Swift.max(0, v0 + (v1 - v0) * (s - s0) / (s1 - s0))
    }

    static func interpolate(_ points: [(k: Int, value: Double)], _ k: Int) -> Double {
        var cursor = 0
        return interpolate(points, k, cursor: &cursor)
    }

    /// Linear interpolation between sampled batches; `cursor` remembers the segment, so a scan
    /// over increasing k costs O(B + samples).
    static func interpolate(_ points: [(k: Int, value: Double)], _ k: Int, cursor i: inout Int) -> Double {
        if i >= points.count || (i > 0 && points[i].k >= k) { i = 0 }
        while i + 1 < points.count, points[i + 1].k < k { i += 1 }
        guard i + 1 < points.count else { return points[i].value }
        let (k0, v0) = points[i], (k1, v1) = points[i + 1]
        if k <= k0 { return v0 }
        return v0 + (v1 - v0) * Double(k - k0) / Double(k1 - k0)
    }

    /// E[T] at batch k: the fixed point E[T] = τ₀ + aS·λE[T] + (g₁ − aS)(1 − e^(−λE[T])).
    static func meanStep(tau0: Double, g1: Double, aS: Double, _ λ: Double) -> Double {
        var meanT = tau0
        for _ in 0..<60 {
            let next = tau0 + aS * λ * meanT + (g1 - aS) * (1 - Foundation.exp(-λ * meanT))
            if (next - meanT).magnitude <= 1e-12 * next { return next }
            meanT = next
        }
        return meanT
    }

    /// The latency at λ requests/s, nil at or above capacity or with prefill saturated.
    public func at(_ λ: Double) -> LLMLatency? {
        guard λ.isFinite, λ > 0, λ < capacity else { return nil }
        // n: the smallest batch with n ≥ λ · slot(n) (slot grows with n).
        var lo = 1, hi = maxBatch
        while lo < hi {
            let mid = (lo + hi) / 2
            if Double(mid) >= λ * Self.interpolate(slotPoints, mid) { hi = mid } else { lo = mid + 1 }
        }
        let n = lo
        // The slot chain: births λ, deaths μ(k) = k / slot(k), capped at B (see `LLMLatency`).
        let b = maxBatch
        let muB = Double(b) / Self.interpolate(slotPoints, b)
        guard λ < muB else { return nil }
        // log π at every h-th batch (h = ⌈B/128⌉): between grid points the product's log is
        // (b − a)·log(λ·slot(mid)) − log(b!/a!), the masses by the trapezoid rule.
        let h = Swift.max(1, (b + 127) / 128)
        var grid: [(k: Int, logPi: Double)] = [(0, 0)]
        var cursor = 0
        var a = 0
        while a < b {
            let next = Swift.min(b, a + h)
            let mid = (a + next + 1) / 2
            let slotMid = Self.interpolate(slotPoints, Swift.max(1, mid), cursor: &cursor)
            let increment = Double(next - a) * Foundation.log(λ * slotMid) - (Foundation.lgamma(Double(next + 1)) - Foundation.lgamma(Double(a + 1)))
            grid.append((next, grid[grid.count - 1].logPi + increment))
            a = next
        }
        let maxLog = grid.map(\.logPi).max() ?? 0
        let r = λ / muB
        var masses: [Double] = [Foundation.exp(grid[0].logPi - maxLog)]
        var total = masses[0]
        for i in 1..<grid.count {
            let width = Double(grid[i].k - grid[i - 1].k)
            let pa = Foundation.exp(grid[i - 1].logPi - maxLog), pb = Foundation.exp(grid[i].logPi - maxLog)
            let mass = width == 1 ? pb : width * (pa + pb) / 2
            masses.append(mass)
            total += mass
        }
        let piB = Foundation.exp(grid[grid.count - 1].logPi - maxLog)
        let tail = piB * r / (1 - r)
        let slotWaitProbability = (piB + tail) / (total + tail)
        var cdf: [(k: Int, cdf: Double)] = []
        var cumulative = 0.0
        for (i, point) in grid.enumerated() {
            cumulative += masses[i]
            cdf.append((point.k, cumulative / (total + tail)))
        }
        let tau0 = Self.interpolate(tau0Points, n)
        let g1 = Self.interpolate(g1Points, n)
        let aS = Self.interpolate(aSPoints, n)
        let rho = λ * aS
        guard rho < 1 else { return nil }
        let meanT = Self.meanStep(tau0: tau0, g1: g1, aS: aS, λ)
        var meanStepByBatch: [(k: Int, seconds: Double)] = []
        for i in tau0Points.indices where tau0Points[i].k >= n && λ * aSPoints[i].value < 1 {
            meanStepByBatch.append((tau0Points[i].k, Self.meanStep(tau0: tau0Points[i].value, g1: g1Points[i].value, aS: aSPoints[i].value, λ)))
        }
        // Prompts of varying length: each carried prompt adds aS·S/S̄, so the compound-Poisson
        // variances grow by κ = E[S²]/E[S]².
        let kappa = promptSecondMomentRatio
        let varT = kappa * aS * aS * λ * meanT / (1 - rho * rho)
        let meanTs = meanT + varT / meanT
        let varTs = varT + varT * varT / (meanT * meanT)
        let half = 0.5 + rho
        let waitMean = half * meanTs
        let waitVariance = (varTs + meanTs * meanTs) / 12 + kappa * aS * aS * λ * meanTs + half * half * varTs
        let own = Self.interpolate(ownPoints, n)
        // Skew from long prompts: the third cumulant of the prompts that come with the request
        // (λE[T*]·E[X³]) and of the step in progress ((½ + ρ)³ · λE[T]·E[X³]/(1 − ρ³)), beyond
        // what equal prompts give (E[X³] = (aS)³·E[S³]/E[S]³). A gamma of Y's mean and variance
        // has third cumulant 2·Var²/E; the excess is met by a shifted gamma with the same mean
        // and variance: shape k = 4Var³/κ₃², scale κ₃/(2Var), shift E − 2Var²/κ₃.
        var shift = 0.0
        let excess = promptThirdMomentRatio - 1
        if excess > 0, waitMean > 0, waitVariance > 0 {
            let a3 = aS * aS * aS * excess
            let extra = λ * meanTs * a3 + half * half * half * λ * meanT * a3 / (1 - rho * rho * rho)
            let kappa3 = 2 * waitVariance * waitVariance / waitMean + extra
            shift = Swift.max(0, Swift.min(waitMean, waitMean - 2 * waitVariance * waitVariance / kappa3))
        }
        var result = LLMLatency(arrivalRate: λ, batch: n, decodeStepSeconds: tau0, prefillUtilization: rho,
                                meanStepSeconds: meanT, stepVariance: varT, ownPrefillSeconds: own,
                                requestOverheadSeconds: performance.assumptions.ttftOverheadSeconds, waitMean: waitMean, waitVariance: waitVariance,
                                slotWaitProbability: slotWaitProbability, slotWaitRate: muB - λ,
                                outputTokens: shape.outputTokens)
        result.batchCDF = cdf
        result.meanStepByBatch = meanStepByBatch
        result.ownPrefillByPrompt = promptSlices.map { (ownPrefill($0.tokens, batch: n, atMean: own), $0.weight) }
        result.outputLengths = outputLengths
        result.waitShift = shift
        guard [meanT, varT, waitMean, waitVariance, own, slotWaitProbability].allSatisfy({ $0.isFinite && $0 >= 0 }), muB - λ > 0 else { return nil }
        return result
    }
}
