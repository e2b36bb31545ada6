/// Positions by name, cheap to copy and change: 64 buckets of a small dictionary each, behind
/// references, chosen by the name's hash.
///
/// Why: looking a workload or variable up by scanning every name made each statement of a
/// replayed plan cost O(n) string comparisons (quadratic over a long plan). A plain
/// `[String: Int]` would fix lookups but, since every statement runs on a copy of the session
/// and `undo` keeps the old one, every change would copy the whole dictionary. Here a change
/// copies the 64 bucket references and one bucket (n / 64 entries on average).
///
/// - Complexity: lookup O(1) expected; set O(64 + n/64).
struct NameIndex: Sendable {
    static var bucketCount: Int { 64 }
    private var buckets: [Box<[String: Int]>] = Array(repeating: Box([:]), count: NameIndex.bucketCount)

    private static func bucket(_ name: String) -> Int {
        // Hash values are seeded per process; only the lookup depends on them, never an order.
        Int(UInt(bitPattern: name.hashValue) % UInt(bucketCount))
    }

    /// The position recorded for `name`, if any.
    subscript(name: String) -> Int? {
        buckets[Self.bucket(name)].value[name]
    }

    /// Records (or with nil, forgets) the position of `name`.
    mutating func set(_ name: String, _ position: Int?) {
        let b = Self.bucket(name)
        var entries = buckets[b].value
        entries[name] = position
        buckets[b] = Box(entries)
    }
}
