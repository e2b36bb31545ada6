/// One option (`key=value`) or positional argument of a command, declared once and read by the
/// parser, `help`, completion and the generated command reference.
public struct OptionSpec: Sendable {
    public var key: String
    public var kind: ValueKind
    public var abstract: String
    /// The default as the user would type it, shown in help; `nil` when there is none.
    public var defaultValue: String?
    /// Required positionals must be given; options are always optional.
    public var isRequired: Bool
    /// Other spellings of the key (`rps` for `rate`); they read the same value.
    public var aliases: [String]

    public init(_ key: String, _ kind: ValueKind, _ abstract: String, default defaultValue: String? = nil,
                required: Bool = false, aliases: [String] = []) {
        self.key = key
        self.kind = kind
        self.abstract = abstract
        self.defaultValue = defaultValue
        self.isRequired = required
        self.aliases = aliases
    }
}

extension Sequence where Element == OptionSpec {
    /// Each spec's position by its key and by each alias (the first spec to claim a name keeps
    /// it): what `CommandSpec.option(named:)`, `WorkloadKeys.key(named:)` and
    /// `SettingKeys.key(named:)` look names up in, once per `key=value` of a replayed plan.
    var positionsByName: [String: Int] {
        var index: [String: Int] = [:]
        for (i, spec) in enumerated() {
            for name in [spec.key] + spec.aliases where index[name] == nil { index[name] = i }
        }
        return index
    }
}
