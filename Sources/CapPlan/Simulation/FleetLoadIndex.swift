/// The least-loaded live replica in O(1), kept up to date in O(log R) per change: an indexed
/// binary min-heap of replica numbers keyed by (load, replica number).
///
///     key(r) = (load[r], r)   (lexicographic, so ties go to the lowest replica number)
///     heap[position[r]] = r;  key(heap[parent(i)]) ≤ key(heap[i])
///
/// A linear scan would cost O(R) per arrival, which at thousands of replicas and millions of
/// requests dominates the run. Source: the indexed priority queue of Sedgewick & Wayne,
/// *Algorithms* (4th ed.) §2.4 (`IndexMinPQ`).
struct FleetLoadIndex: Sendable {
    /// load[r]: sequences running or queued on replica r.
    private(set) var load: [Int]
    private var heap: [Int32]
    /// position[r]: r's index in `heap`, or −1 once removed.
    private var position: [Int32]

    /// R replicas, all with load 0 (heap order 0, 1, …, R − 1 is already valid).
    init(replicas: Int) {
        load = [Int](repeating: 0, count: replicas)
        heap = (0..<replicas).map { Int32($0) }
        position = (0..<replicas).map { Int32($0) }
    }

    /// Live replicas.
    var count: Int { heap.count }

    /// The live replica with the smallest (load, number), or nil when none is live.
    var least: Int? { heap.first.map(Int.init) }

    mutating func increment(_ r: Int) {
        load[r] += 1
        siftDown(Int(position[r]))
    }

    mutating func decrement(_ r: Int) {
        load[r] -= 1
        siftUp(Int(position[r]))
    }

    /// Takes replica r out for good (it failed).
    mutating func remove(_ r: Int) {
        let i = Int(position[r])
        precondition(i >= 0, "replica removed twice")
        let last = heap.removeLast()
        position[r] = -1
        guard i < heap.count else { return }
        heap[i] = last
        position[Int(last)] = Int32(i)
        siftUp(i)
        siftDown(Int(position[Int(last)]))
    }

    private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let la = load[Int(a)], lb = load[Int(b)]
        return la < lb || (la == lb && a < b)
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        let item = heap[i]
        while i > 0 {
            let parent = (i - 1) >> 1
            guard precedes(item, heap[parent]) else { break }
            heap[i] = heap[parent]
            position[Int(heap[i])] = Int32(i)
            i = parent
        }
        heap[i] = item
        position[Int(item)] = Int32(i)
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let item = heap[i]
        let n = heap.count
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n, precedes(heap[child + 1], heap[child]) { child += 1 }
            guard precedes(heap[child], item) else { break }
            heap[i] = heap[child]
            position[Int(heap[i])] = Int32(i)
            i = child
        }
        heap[i] = item
        position[Int(item)] = Int32(i)
    }

    /// Checks the heap order and the position map (tests). - Complexity: O(R).
    func checkInvariant() -> Bool {
        for i in heap.indices {
            if position[Int(heap[i])] != Int32(i) { return false }
            if i > 0, precedes(heap[i], heap[(i - 1) >> 1]) { return false }
        }
        return true
    }
}
