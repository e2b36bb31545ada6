/// Where a catalog figure comes from: a document or page title, an optional URL, and the date
/// the figure was read or published ("YYYY-MM" or "YYYY-MM-DD").
public struct Source: Sendable, Hashable, Codable {
    /// The key the catalog file uses to refer to this source (`"nv-h100"`).
    public var key: String
    /// The document or page title, e.g. "NVIDIA H100 Tensor Core GPU datasheet".
    public var title: String
    /// Where to read it, when there is a stable address.
    public var url: String?
    /// The as-of date of the figure, "YYYY-MM" or "YYYY-MM-DD".
    public var asOf: String

    public init(key: String, title: String, url: String? = nil, asOf: String) {
        self.key = key
        self.title = title
        self.url = url
        self.asOf = asOf
    }
}

/// One catalog figure with its provenance.
///
/// A figure that could not be sourced has `value == nil` and a `note` saying why; it is never
/// invented. A sourced figure has a `source` (title and as-of date) and may have a `note`
/// (for example "dense; 1,979 with sparsity").
public struct Sourced<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value?
    public var source: Source?
    public var note: String?

    public init(_ value: Value?, source: Source? = nil, note: String? = nil) {
        self.value = value
        self.source = source
        self.note = note
    }

    /// A figure entered by a user in a session, attributed to the user.
    public static func user(_ value: Value, note: String? = nil) -> Sourced {
        Sourced(value, source: Source(key: "user", title: "entered by the user", asOf: "session"), note: note)
    }

    /// A figure that is absent, with the reason.
    public static func absent(_ note: String) -> Sourced {
        Sourced(nil, source: nil, note: note)
    }
}
