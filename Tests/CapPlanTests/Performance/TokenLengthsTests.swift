import Foundation
import Testing
@testable import CapPlan

/// `TokenLengths` (a workload's `in.p50= in.p90= in.p99=`) and what it does to latency.
@Suite struct TokenLengthsTests {
    @Test func aLognormalsPercentilesGiveBackThatLognormal() throws {
        // Median 700, σ = 0.8: p90 = 700·e^(0.8·1.28155) = 1,949.5, p99 = 700·e^(0.8·2.32635)
        // = 4,504.6, mean = 700·e^(0.32) = 963.9, E[S²]/E[S]² = e^(σ²) = 1.8965.
        let z90 = 1.2815516, z99 = 2.3263479
        let l = try TokenLengths(mean: 963.9, percentiles: [.init(p: 0.5, tokens: 700), .init(p: 0.99, tokens: 700 * exp(0.8 * z99))])
        #expect(close(l.quantile(0.9), 700 * exp(0.8 * z90), 1e-6))
        #expect(close(l.quantile(0.999), 700 * exp(0.8 * 3.0902323), 1e-6))
        #expect(close(l.quantile(0.1), 700 * exp(-0.8 * z90), 1e-6))
        #expect(l.varies)
        // The tail-weighted slices integrate to 1 and their mean is the lognormal's (±1%).
        let slices = l.tailWeightedSlices
        #expect(close(slices.reduce(0) { $0 + $1.weight }, 1, 1e-12))
        #expect(close(slices.reduce(0) { $0 + $1.tokens * $1.weight }, 963.9, 0.02))
        #expect(close(l.secondMomentRatio, exp(0.64), 0.03))
        // E[S³]/E[S]³ = e^(3σ²) = 6.821: the slices stop at p99.995, so a little of the tail
        // is missing (within 10%).
        #expect(close(l.thirdMomentRatio, exp(1.92), 0.1))
    }

    @Test func onePercentileAndTheMeanMakeALognormal() throws {
        // ln(x_p / mean) = σ·z_p − σ²/2 with mean 1,000 and p99 = 4,000: σ = z − √(z² − 2 ln 4)
        // = 2.32635 − √(5.41190 − 2.77259) = 0.70173.
        let l = try TokenLengths(mean: 1000, percentiles: [.init(p: 0.99, tokens: 4000)])
        let sigma = 2.3263479 - (2.3263479 * 2.3263479 - 2 * log(4.0)).squareRoot()
        #expect(close(l.quantile(0.999), 4000 * exp(sigma * (3.0902323 - 2.3263479)), 1e-6))
        #expect(try TokenLengths(mean: 500).varies == false)
        #expect(try TokenLengths(mean: 500).secondMomentRatio == 1)
    }

    @Test func percentilesThatDoNotMakeADistributionAreRefused() {
        #expect(throws: TokenLengthsError.self) { try TokenLengths(mean: 1000, percentiles: [.init(p: 0.5, tokens: 900), .init(p: 0.9, tokens: 800)]) }
        #expect(throws: TokenLengthsError.self) { try TokenLengths(mean: .nan) }
        #expect(throws: TokenLengthsError.self) { try TokenLengths(mean: 100, percentiles: [.init(p: 1.5, tokens: 900)]) }
        // No lognormal of mean 100 has p99 = 1e6 (ln 10⁴ > z²/2).
        #expect(throws: TokenLengthsError.self) { try TokenLengths(mean: 100, percentiles: [.init(p: 0.99, tokens: 1e6)]) }
    }

    @Test func empiricalKeepsTheSamplesPercentiles() throws {
        let l = try TokenLengths.empirical((1...1000).map(Double.init))
        #expect(l.mean == 500.5 && l.percentiles.count == 99)
        #expect(close(l.quantile(0.5), 500.5, 1e-9) && close(l.quantile(0.9), 900.1, 1e-9))
    }

    @Test func varyingPromptsRaiseTTFTPercentiles() throws {
        // Llama-3.1-8B on one H100 at 10 rps of 1,000-token prompts: the same means, with and
        // without a spread of lengths. The own prefill is nearly linear in S, so its mean stays;
        // the mean wait grows a little (a request lands in a long step more often: E[T*] =
        // E[T] + Var[T]/E[T]) and the p99 rises (the longest prompts, more variable steps).
        let c = Catalog.bundled
        let d = LLMDeployment(model: try c.model(named: "llama-3.1-8b"), gpu: try c.gpu(named: "h100"), tensorParallel: 1)
        let shape = LLMRequestShape(inputTokens: 1000, outputTokens: 200)
        let spread = try TokenLengths(mean: 1000, percentiles: [.init(p: 0.5, tokens: 700), .init(p: 0.9, tokens: 2200), .init(p: 0.99, tokens: 4500)])
        let model = LLMPerformanceModel()
        let fixed = try #require(try LLMLatencyModel(performance: model, deployment: d, tensorParallel: 1, shape: shape)?.at(10))
        let varied = try #require(try LLMLatencyModel(performance: model, deployment: d, tensorParallel: 1, shape: shape, inputLengths: spread)?.at(10))
        #expect(varied.ttftMean > fixed.ttftMean && close(varied.ttftMean, fixed.ttftMean, 0.25))
        #expect(varied.ttft(quantile: 0.99) > 1.3 * fixed.ttft(quantile: 0.99))
        #expect(varied.stepVariance > fixed.stepVariance)
        // Long prompts skew the wait beyond a gamma: a shifted gamma carries it; equal prompts
        // need none.
        #expect(varied.waitShift > 0 && fixed.waitShift == 0)
        // Percentiles never decrease with p.
        let ps = [0.5, 0.9, 0.95, 0.99, 0.999]
        let t = ps.map { varied.ttft(quantile: $0) }
        #expect(zip(t, t.dropFirst()).allSatisfy { $0 <= $1 })
    }
}
