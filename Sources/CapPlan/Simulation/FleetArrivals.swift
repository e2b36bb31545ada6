import Foundation

/// Where a fleet simulation's requests come from.
public enum FleetArrivals: Sendable, Hashable {
    /// `requests` Poisson arrivals at `rate` requests per second, every request with the same
    /// token counts (the workload's shape). Inter-arrival times A = −ln(1 − U)/λ from a
    /// `SplitMix64` stream of the simulation's seed.
    case poisson(rate: Double, requests: Int, inputTokens: Int, outputTokens: Int)
    /// A replayed request log, its timestamps and token counts as recorded.
    case trace(FleetTrace)

    /// Number of requests.
    public var requestCount: Int {
        switch self {
        case let .poisson(_, requests, _, _): return requests
        case let .trace(trace): return trace.arrivalSeconds.count
        }
    }
}

/// A request log to replay: request i arrives at `arrivalSeconds[i]` with `inputTokens[i]`
/// prompt tokens and generates `outputTokens[i]` tokens.
///
/// The arrays must have equal lengths. Times are seconds from any origin (finite, ≥ 0); they
/// need not be sorted: the simulation replays requests in time order, equal times in array
/// order (a stable sort), and request numbers in results follow that order.
public struct FleetTrace: Sendable, Hashable {
    public var arrivalSeconds: [Double]
    public var inputTokens: [Int]
    public var outputTokens: [Int]

    public init(arrivalSeconds: [Double], inputTokens: [Int], outputTokens: [Int]) {
        self.arrivalSeconds = arrivalSeconds
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    /// The same requests in time order (stable), unchanged when already sorted.
    /// - Complexity: O(n) when sorted, else O(n log n).
    func sortedByArrival() -> FleetTrace {
        let t = arrivalSeconds
        if zip(t, t.dropFirst()).allSatisfy({ $0 <= $1 }) { return self }
        let order = t.indices.sorted { t[$0] < t[$1] || (t[$0] == t[$1] && $0 < $1) }
        return FleetTrace(arrivalSeconds: order.map { t[$0] },
                          inputTokens: order.map { inputTokens[$0] },
                          outputTokens: order.map { outputTokens[$0] })
    }
}

extension FleetArrivals {
    /// `requests` Poisson arrivals at `rate` requests/s whose token counts follow `input` and
    /// `output`: each request's lengths are their distributions' quantiles at seeded uniforms
    /// (`SplitMix64(seed)`, inverse-CDF sampling), rounded to whole tokens ≥ 1. When neither
    /// distribution varies this is `.poisson` with the means, as before.
    public static func poisson(rate: Double, requests: Int, input: TokenLengths, output: TokenLengths, seed: UInt64) -> FleetArrivals {
        func whole(_ x: Double) -> Int { Int(Swift.min(10_000_000, Swift.max(1, x.rounded()))) }
        guard input.varies || output.varies else {
            return .poisson(rate: rate, requests: requests, inputTokens: whole(input.mean), outputTokens: whole(output.mean))
        }
        var random = SplitMix64(seed: seed)
        func open() -> Double { Swift.min(1 - 0x1p-53, Swift.max(0x1p-53, random.unit())) }
        var t = 0.0
        var times: [Double] = [], inputs: [Int] = [], outputs: [Int] = []
        times.reserveCapacity(requests)
        inputs.reserveCapacity(requests)
        outputs.reserveCapacity(requests)
        for _ in 0..<requests {
            t += -Foundation.log(1 - random.unit()) / rate
            times.append(t)
            inputs.append(whole(input.quantile(open())))
            outputs.append(whole(output.quantile(open())))
        }
        return .trace(FleetTrace(arrivalSeconds: times, inputTokens: inputs, outputTokens: outputs))
    }
}
