import CapPlan

/// Values in the order they were added, found by name: a `ChunkedList` (order, cheap copies)
/// plus a `NameIndex` (lookup without scanning). Session keeps its workloads and variables in
/// these, since every statement runs on a copy of the session and most statements look a
/// name up.
struct NamedList<Value: Sendable & Named>: Sendable, Sequence {
    // Elements are boxed too, so that reading one passes a reference, not a copy of every field.
    private var list = ChunkedList<Box<Value>>()
    private var index = NameIndex()

    var count: Int { list.count }

    /// The value called `name`, if any.
    subscript(name: String) -> Value? {
        index[name].map { list[$0].value }
    }

    /// Replaces the value of the same name in its place, or appends it at the end.
    mutating func upsert(_ value: Value) {
        let name = value.name
        if let i = index[name] {
            list[i] = Box(value)
        } else {
            index.set(name, list.count)
            list.append(Box(value))
        }
    }

    /// Replaces the value of the same name; nothing when there is none.
    mutating func replace(_ value: Value) {
        if let i = index[value.name] { list[i] = Box(value) }
    }

    /// Removes the value called `name` (rare: `remove workload`): re-chunks and re-indexes.
    mutating func remove(named name: String) {
        guard index[name] != nil else { return }
        let kept = filter { $0.name != name }
        self = NamedList()
        for value in kept { upsert(value) }
    }

    func makeIterator() -> LazyMapSequence<ChunkedList<Box<Value>>, Value>.Iterator {
        list.lazy.map(\.value).makeIterator()
    }
}

/// A value that has a name (a workload, a variable).
protocol Named {
    var name: String { get }
}

extension Workload: Named {}
