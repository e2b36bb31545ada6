/// A double-ended queue on a power-of-two ring: the fixed memory behind the simulators' queues
/// (requests waiting in M/M/c, at each fleet replica) and sliding windows (replicas starting
/// up, the HPA's rate-limit periods, the forecast's look-ahead). Sized once from the window
/// length, so a loop never allocates; it doubles if a bound was too small, which keeps it
/// correct at the price of one allocation.
///
///     slot(k) = (head + k) & (capacity − 1),   k = 0 oldest … count − 1 newest
struct RingBuffer<Element> {
    private var storage: [Element]
    private var head = 0
    private(set) var count = 0

    /// Room for at least `minimumCapacity` elements; `filler` initialises the slots.
    init(minimumCapacity: Int, filler: Element) {
        var capacity = 2
        while capacity < minimumCapacity { capacity <<= 1 }
        storage = Array(repeating: filler, count: capacity)
    }

    /// Empty, with no memory until the first append (most replicas of a big fleet never queue).
    init() {
        storage = []
    }

    var isEmpty: Bool { count == 0 }

    /// The oldest element. Precondition: not empty.
    var first: Element {
        @inline(__always) get { storage[head] }
    }

    /// The newest element. Precondition: not empty.
    var last: Element {
        @inline(__always) get { storage[(head + count - 1) & (storage.count - 1)] }
    }

    /// The k-th element from the oldest (0 = oldest).
    @inline(__always)
    subscript(k: Int) -> Element {
        get { storage[(head + k) & (storage.count - 1)] }
        set { storage[(head + k) & (storage.count - 1)] = newValue }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == storage.count { grow(filler: element) }
        storage[(head + count) & (storage.count - 1)] = element
        count += 1
    }

    @inline(__always)
    mutating func removeFirst() {
        head = (head + 1) & (storage.count - 1)
        count -= 1
    }

    /// Removes and returns the oldest element; nil when empty.
    @inline(__always)
    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let oldest = storage[head]
        removeFirst()
        return oldest
    }

    @inline(__always)
    mutating func removeLast() {
        count -= 1
    }

    mutating func removeAll() {
        head = 0
        count = 0
    }

    private mutating func grow(filler: Element) {
        guard !storage.isEmpty else {
            storage = Array(repeating: filler, count: 16)
            return
        }
        var bigger = storage
        bigger.append(contentsOf: storage)
        for k in 0..<count { bigger[k] = storage[(head + k) & (storage.count - 1)] }
        storage = bigger
        head = 0
    }
}

extension RingBuffer: Sendable where Element: Sendable {}
