/// One option (`key=value`) or positional argument of a command, declared once and read by the
/// parser, `help`, completion and the generated command reference.
public struct OptionSpec: Sendable {
    /// What an option is when it is not given.
    public enum Default: Sendable, Equatable {
        /// A value, written as the user would type it: the binder reads it under the option's
        /// kind and applies it, so a handler reads the option as if it had been given.
        case value(String)
        /// Worked out by the command from its other inputs or the session (`the model's`,
        /// `smallest that fits`); `help` shows the words.
        case derived(String)
    }

    public var key: String
    public var kind: ValueKind
    public var abstract: String
    /// The default, or `nil` when there is none.
    public var defaultRule: Default?
    /// The default as `help` shows it; `nil` when there is none.
    public var defaultValue: String? {
        switch defaultRule {
        case .value(let text)?, .derived(let text)?: return text
        case nil: return nil
        }
    }
    /// Whether it must be given: a required positional, or a required option (shown without
    /// brackets in the usage line; the binder refuses the command without it).
    public var isRequired: Bool
    /// Other spellings of the key (`rps` for `rate`); they read the same value.
    public var aliases: [String]

    /// `default:` is a value the binder applies; `derived:` describes a default the command
    /// works out itself. Give at most one.
    public init(_ key: String, _ kind: ValueKind, _ abstract: String, default defaultValue: String? = nil,
                derived: String? = nil, required: Bool = false, aliases: [String] = []) {
        self.key = key
        self.kind = kind
        self.abstract = abstract
        self.defaultRule = defaultValue.map(Default.value) ?? derived.map(Default.derived)
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
