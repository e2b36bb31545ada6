/// The names of one catalog entry: a canonical id (`"h100-sxm"`), a display name
/// (`"H100 SXM 80GB"`) and the aliases users type (`"h100"`).
public struct CatalogNames: Sendable, Hashable {
    public var id: String
    public var display: String
    public var aliases: [String]

    public init(id: String, display: String, aliases: [String] = []) {
        self.id = id
        self.display = display
        self.aliases = aliases
    }

    /// Every name that resolves exactly to this entry: id, aliases and display name.
    public var all: [String] { [id] + aliases + [display] }
}
