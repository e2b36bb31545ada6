/// Collective-communication times over one scale-up domain (NVLink, Infinity Fabric or PCIe),
/// the costs tensor parallelism, expert parallelism and data-parallel training pay.
///
/// Each is the ring/pairwise algorithm's bandwidth term plus a per-call latency α
/// (docs/capacity-math.md §1 "Tensor-parallel communication"; Thakur, Rabenseifner & Gropp,
/// "Optimization of Collective Communication Operations in MPICH", IJHPCA 2005):
///
///     all-reduce   α + 2·(n−1)/n · m / BW      (reduce-scatter then all-gather)
///     all-gather   α +   (n−1)/n · m / BW      (m: the gathered size)
///     all-to-all   α +   (n−1)/n · m / BW      (m: what each rank holds before the exchange)
///
/// BW is the achieved per-direction link bandwidth of one GPU (peak × efficiency), bytes/s;
/// m in bytes; n ranks. One rank costs nothing.
public struct Collectives: Sendable, Hashable {
    /// Achieved per-direction bandwidth of one GPU's link, bytes/s.
    public var linkBytesPerSecond: Double
    /// Latency floor α per collective call, seconds.
    public var latencySeconds: Double

    public init(linkBytesPerSecond: Double, latencySeconds: Double) {
        self.linkBytesPerSecond = linkBytesPerSecond
        self.latencySeconds = latencySeconds
    }

    /// Ring all-reduce of `bytes` over `ranks` GPUs, seconds.
    public func allReduce(bytes: Double, ranks: Int) -> Double {
        guard ranks >= 2 else { return 0 }
        let n = Double(ranks)
        return latencySeconds + 2 * (n - 1) / n * bytes / linkBytesPerSecond
    }

    /// All-gather of a result of `bytes` (every rank ends with all of it) over `ranks` GPUs, seconds.
    public func allGather(bytes: Double, ranks: Int) -> Double {
        guard ranks >= 2 else { return 0 }
        let n = Double(ranks)
        return latencySeconds + (n - 1) / n * bytes / linkBytesPerSecond
    }

    /// All-to-all where each rank starts with `bytes` and keeps 1/n of it, seconds.
    public func allToAll(bytes: Double, ranks: Int) -> Double {
        guard ranks >= 2 else { return 0 }
        let n = Double(ranks)
        return latencySeconds + (n - 1) / n * bytes / linkBytesPerSecond
    }
}
