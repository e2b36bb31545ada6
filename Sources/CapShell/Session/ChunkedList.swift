/// An ordered list that is cheap to copy and change: elements live in immutable chunks of at
/// most 64, behind references.
///
/// Why: every statement runs on a copy of the session and `undo` keeps the old copy, so every
/// change to a plain array of workloads or variables copied (and later released) all of them:
/// quadratic over a long replay. Here a change copies the chunk references (n / 64) and one
/// chunk (≤ 64 elements).
///
/// - Complexity: append O(n/64 + 64); read by index O(1); `first(where:)` O(n).
struct ChunkedList<Element: Sendable>: Sendable, Sequence {
    static var chunkSize: Int { 64 }
    private var chunks: [Box<[Element]>] = []
    private(set) var count = 0

    init() {}

    mutating func append(_ element: Element) {
        if let last = chunks.last, last.value.count < Self.chunkSize {
            chunks[chunks.count - 1] = Box(last.value + [element])
        } else {
            chunks.append(Box([element]))
        }
        count += 1
    }

    subscript(index: Int) -> Element {
        get { chunks[index / Self.chunkSize].value[index % Self.chunkSize] }
        set {
            var chunk = chunks[index / Self.chunkSize].value
            chunk[index % Self.chunkSize] = newValue
            chunks[index / Self.chunkSize] = Box(chunk)
        }
    }

    func firstIndex(where predicate: (Element) -> Bool) -> Int? {
        for (c, chunk) in chunks.enumerated() {
            if let i = chunk.value.firstIndex(where: predicate) { return c * Self.chunkSize + i }
        }
        return nil
    }

    /// Removes matching elements and re-chunks (rare: `remove workload`).
    mutating func removeAll(where predicate: (Element) -> Bool) {
        let kept = Array(self).filter { !predicate($0) }
        self = ChunkedList()
        for element in kept { append(element) }
    }

    func makeIterator() -> FlattenSequence<[[Element]]>.Iterator {
        chunks.map(\.value).joined().makeIterator()
    }
}
