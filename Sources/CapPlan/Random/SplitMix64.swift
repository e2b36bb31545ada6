/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA
/// 2014): the one seeded generator of capplan. Everything random (simulated forecast paths,
/// test sweeps) takes one `inout` with an explicit seed (style.md §3), so the same seed gives
/// the same bytes on every machine and Swift version.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) from the top 53 bits (not `Double.random`, whose algorithm may change).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform index in 0..<n (modulo bias is negligible for n ≪ 2⁶⁴).
    public mutating func index(below n: Int) -> Int { Int(next() % UInt64(n)) }
}
