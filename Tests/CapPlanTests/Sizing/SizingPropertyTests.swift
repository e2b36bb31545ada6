import Testing
@testable import CapPlan

typealias SizingSplitMix64 = SplitMix64

/// Monotonicity of the sizing pipeline over seeded random workloads: more demand, a tighter
/// SLA or more headroom never needs fewer GPUs.
struct SizingPropertyTests {
    static func randomWorkload(_ rng: inout SizingSplitMix64) -> Workload {
        var w = Workload(name: "w")
        w.rate = Double.random(in: 0.1...5_000, using: &rng)
        w.perInstance = Double.random(in: 0.5...200, using: &rng)
        w.peakMultiplier = Double.random(in: 1...4, using: &rng)
        if Bool.random(using: &rng) {
            w.serviceTime = Double.random(in: 0.01...3, using: &rng)
            w.sla.e2e = w.serviceTime! * Double.random(in: 1.05...3, using: &rng)
        }
        w.spares = Int.random(in: 0...3, using: &rng)
        w.zones = Int.random(in: 1...4, using: &rng)
        return w
    }

    @Test func moreTrafficNeverNeedsFewerGPUs() throws {
        var rng = SizingSplitMix64(seed: 2026)
        for i in 0..<300 {
            let w = Self.randomWorkload(&rng)
            var more = w
            more.rate = w.rate! * Double.random(in: 1...3, using: &rng)
            let a = try Sizer.size(w, catalog: Catalog(), policy: SizingPolicy())
            let b = try Sizer.size(more, catalog: Catalog(), policy: SizingPolicy())
            #expect(b.gpus >= a.gpus, "case \(i): \(w) → \(a.gpus), more traffic → \(b.gpus)")
        }
    }

    @Test func tighterSLANeverNeedsFewerGPUs() throws {
        var rng = SizingSplitMix64(seed: 7)
        for i in 0..<300 {
            var w = Self.randomWorkload(&rng)
            w.serviceTime = Double.random(in: 0.01...3, using: &rng)
            w.sla.e2e = w.serviceTime! * Double.random(in: 1.2...3, using: &rng)
            var tighter = w
            tighter.sla.e2e = w.serviceTime! + (w.sla.e2e! - w.serviceTime!) * Double.random(in: 0.1...1, using: &rng)
            let a = try Sizer.size(w, catalog: Catalog(), policy: SizingPolicy())
            let b = try Sizer.size(tighter, catalog: Catalog(), policy: SizingPolicy())
            #expect(b.gpus >= a.gpus, "case \(i)")
        }
    }

    @Test func moreHeadroomNeverNeedsFewerGPUs() throws {
        var rng = SizingSplitMix64(seed: 11)
        for i in 0..<300 {
            var w = Self.randomWorkload(&rng)
            w.headroom = Double.random(in: 0...1, using: &rng)
            var more = w
            more.headroom = w.headroom! + Double.random(in: 0...1, using: &rng)
            let a = try Sizer.size(w, catalog: Catalog(), policy: SizingPolicy())
            let b = try Sizer.size(more, catalog: Catalog(), policy: SizingPolicy())
            #expect(b.gpus >= a.gpus, "case \(i)")
        }
    }

    /// More demand on an LLM workload never needs fewer GPUs either (bundled catalog).
    @Test func moreLLMTrafficNeverNeedsFewerGPUs() throws {
        var rng = SizingSplitMix64(seed: 99)
        for i in 0..<12 {
            var w = Workload(name: "chat")
            w.rate = Double.random(in: 0.5...200, using: &rng)
            w.inputTokens = Double(Int.random(in: 100...2_000, using: &rng))
            w.outputTokens = Double(Int.random(in: 20...500, using: &rng))
            w.model = ["llama-3-8b", "llama-3-70b", "mistral-7b"][i % 3]
            w.gpu = ["h100", "a100", "l40s"][i % 3]
            w.sla.ttft = 1
            var more = w
            more.rate = w.rate! * 2
            let a = try Sizer.size(w, catalog: .bundled, policy: SizingPolicy())
            let b = try Sizer.size(more, catalog: .bundled, policy: SizingPolicy())
            #expect(b.gpus >= a.gpus, "case \(i): \(w.model!) on \(w.gpu!)")
        }
    }
}
