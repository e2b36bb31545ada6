import CapPlan

/// A value read from a command line by its `ValueKind`.
public enum Value: Sendable {
    case quantity(Quantity)
    case name(String)
    case names([String])
    /// Whole numbers ≥ 1, in the order given (`ValueKind.counts`).
    case counts([Int])
    case text(String)
    case flag(Bool)
    case path(String)

    public var quantity: Quantity? { if case .quantity(let q) = self { return q }; return nil }
    public var name: String? {
        switch self {
        case .name(let s), .text(let s), .path(let s): return s
        default: return nil
        }
    }
}

/// A bound argument: its value and where it was written (for carets).
public struct BoundArgument: Sendable {
    public var key: String
    public var value: Value
    /// The raw text as typed, after `key=` for options.
    public var text: String
    public var span: Range<Int>
}

/// The arguments of one command, bound and checked against its `CommandSpec`.
public struct Arguments: Sendable {
    public var positionals: [BoundArgument] = []
    /// Options in the order given; a key given twice is an error, so keys are unique.
    public var options: [BoundArgument] = []
    /// The declared default values of the options not given (`OptionSpec.Default.value`), read
    /// under each option's kind; their span is the end of the statement.
    public var defaults: [BoundArgument] = []
    /// The span of the whole statement, for errors about the command as a whole.
    public var span: Range<Int> = 0..<0

    public func positional(_ key: String) -> BoundArgument? { positionals.first { $0.key == key } }
    public func allPositionals(_ key: String) -> [BoundArgument] { positionals.filter { $0.key == key } }
    /// The option as the user gave it; nil when it was not given (even if it has a default).
    public func option(_ key: String) -> BoundArgument? { options.first { $0.key == key } }
    /// The option as given, else its declared default.
    public func optionOrDefault(_ key: String) -> BoundArgument? { option(key) ?? defaults.first { $0.key == key } }

    /// The value given for `key`, else its declared default (the same for the three below).
    public func name(_ key: String) -> String? { (positional(key) ?? optionOrDefault(key))?.value.name }
    public func quantity(_ key: String) -> Quantity? { (positional(key) ?? optionOrDefault(key))?.value.quantity }
    /// The quantity of an option that always has one: required, or with a declared default. The
    /// binder guarantees it, so an absence is a mistake in the command's declaration.
    public func quantity(required key: String) throws(LanguageError) -> Quantity {
        guard let q = quantity(key) else {
            throw LanguageError(.bind, "'\(key)' has no value", hint: "the command must declare '\(key)' required or give it a default", span: span)
        }
        return q
    }
    public func counts(_ key: String) -> [Int]? {
        if case .counts(let c)? = (positional(key) ?? optionOrDefault(key))?.value { return c }
        return nil
    }
    public func flag(_ key: String) -> Bool? {
        if case .flag(let b)? = (positional(key) ?? optionOrDefault(key))?.value { return b }
        return nil
    }
}
