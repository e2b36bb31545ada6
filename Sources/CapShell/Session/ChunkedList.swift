/// An ordered list that is cheap to copy and change: elements live in immutable chunks of at
/// most 64, behind references.
///
/// Why: every statement runs on a copy of the session and `undo` keeps the old copy, so every
/// change to a plain array of workloads or variables copied (and later released) all of them:
/// quadratic over a long replay. Here a change copies the chunk references (n / 64) and one
/// chunk (≤ 64 elements).
///
/// - Complexity: append O(n/64 + 64); read by index O(1). (Lookup by name: NamedList.)
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

    func makeIterator() -> FlattenSequence<[[Element]]>.Iterator {
        chunks.map(\.value).joined().makeIterator()
    }
}
