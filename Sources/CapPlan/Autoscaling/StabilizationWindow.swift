/// The extreme of the HPA's recent recommendations in one stabilization window: the minimum
/// over the scale-up window, the maximum over the scale-down window.
///
/// The controller keeps every recommendation with its time and, each sync, scans those with
/// time > now − W (`After(cutoff)`). Syncs come every S seconds, so a recommendation made j
/// syncs ago counts while j·S < W: the window holds the last
///
///     k = ⌈W/S⌉ − 1 recommendations   (W = 300 s, S = 15 s: 19, plus the new proposal)
///
/// A sync that records nothing (no metrics) pushes the neutral value (−∞ for a maximum), which
/// changes no extreme, so the count stays aligned with time.
///
/// The extreme of the last k values comes from van Herk / Gil-Werman blocks: values are
/// written in blocks of k; when a block is full its suffix extremes are computed (k steps,
/// once per k values), and the window's extreme is that of the current block's prefix and the
/// previous block's suffix. O(1) per sync with no data-dependent branch: a monotonic deque
/// also gives O(1) amortised, but its pop loop mispredicted about once per sync on noisy
/// demand and cost more than the rest of the sync together.
/// Sources: van Herk, "A fast algorithm for local minimum and maximum filters on rectangular
/// and octagonal kernels", Pattern Recognition Letters 13 (1992); Gil & Werman, IEEE PAMI 15 (1993).
///
/// Noncopyable, owning its two arrays of k values as raw memory: a copy would fork the
/// history, and Swift arrays checked on every write that no copy shared them (a runtime call,
/// twice per sync). Bounds hold by construction: `filled` stays in 0 … k.
struct StabilizationWindow<Extreme: WindowExtreme>: ~Copyable {
    /// k, earlier recommendations inside the window at a sync.
    let span: Int
    /// Whether the window is longer than 0 s (the first sync's initial recommendation counts).
    let isOpen: Bool
    private var neutral: Int { Extreme.neutral }
    /// The current block's values (k slots; one when k = 0, never read).
    private let block: UnsafeMutablePointer<Int>
    /// suffix[j]: extreme of the previous block's values j … k − 1; suffix[k] is neutral.
    private let suffix: UnsafeMutablePointer<Int>
    /// Extreme of the current block's values so far.
    private var prefix: Int
    /// Values in the current block, 1 … k (k right after a block fills, and at the start).
    private var filled: Int

    /// - Parameters:
    ///   - seconds: W, 0 … 3600.
    ///   - syncPeriodSeconds: S, above 0.
    init(seconds: Int, syncPeriodSeconds: Double) {
        let syncs = Double(seconds) / syncPeriodSeconds
        // ⌈W/S⌉ − 1, with W/S within 1e-9 of a whole number taken as that number.
        let whole = syncs.rounded()
        let ceiling = abs(syncs - whole) <= 1e-9 * max(1, whole) ? whole : syncs.rounded(.up)
        span = seconds == 0 ? 0 : max(0, Int(ceiling) - 1)
        isOpen = seconds > 0
        block = .allocate(capacity: max(span, 1))
        block.initialize(repeating: Extreme.neutral, count: max(span, 1))
        suffix = .allocate(capacity: span + 1)
        suffix.initialize(repeating: Extreme.neutral, count: span + 1)
        prefix = Extreme.neutral
        filled = span
    }

    deinit {
        block.deallocate()
        suffix.deallocate()
    }

    /// The extreme of `a` and `b` in this window's sense.
    @inline(__always)
    func combine(_ a: Int, _ b: Int) -> Int { Extreme.combine(a, b) }

    /// The extreme of the last k recommendations (neutral when there are none).
    @inline(__always)
    var extreme: Int { combine(prefix, suffix[filled]) }

    /// Records this sync's recommendation.
    @inline(__always)
    mutating func record(_ value: Int) {
        guard span > 0 else { return }
        if filled == span { startBlock() }
        block[filled] = value
        prefix = combine(prefix, value)
        filled &+= 1
    }

    /// Records that this sync made no recommendation.
    mutating func recordNothing() { record(neutral) }

    /// The full block becomes the previous one: its suffix extremes, then an empty block.
    private mutating func startBlock() {
        var running = neutral
        for j in stride(from: span - 1, through: 0, by: -1) {
            running = combine(block[j], running)
            suffix[j] = running
        }
        prefix = neutral
        filled = 0
    }
}

// Only its owner (one controller) touches the memory.
extension StabilizationWindow: @unchecked Sendable {}

/// Which extreme a `StabilizationWindow` keeps (a type, so each window is compiled for its own).
protocol WindowExtreme {
    /// The value that changes no extreme.
    static var neutral: Int { get }
    static func combine(_ a: Int, _ b: Int) -> Int
}

/// The scale-down window's: the highest recent recommendation.
enum HighestRecommendation: WindowExtreme {
    static var neutral: Int { Int.min }
    @inline(__always) static func combine(_ a: Int, _ b: Int) -> Int { max(a, b) }
}

/// The scale-up window's: the lowest recent recommendation.
enum LowestRecommendation: WindowExtreme {
    static var neutral: Int { Int.max }
    @inline(__always) static func combine(_ a: Int, _ b: Int) -> Int { min(a, b) }
}
