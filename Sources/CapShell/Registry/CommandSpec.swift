import CapPlan

/// A command, declared once: its words, arguments, help and handler (style.md section 9).
///
/// The parser resolves verbs against `path`, binds arguments by their `ValueKind`, `help` and
/// `docs/commands.md` render it, and completion reads it. Adding a command means adding one
/// `CommandSpec` to `CommandRegistry.all` and one handler.
public struct CommandSpec: Sendable {
    /// The words that name the command: `["compare", "gpu"]`. Matched case-insensitively.
    public var path: [String]
    public var aliases: [[String]]
    /// The section of `help` it is listed under.
    public var group: CommandGroup
    /// One line, shown by `help`.
    public var abstract: String
    /// Paragraphs shown by `help COMMAND` and in the reference.
    public var discussion: String
    public var positionals: [OptionSpec]
    /// Whether the last positional takes any number of values (`compare gpu a100 h100 l40s`).
    public var lastPositionalRepeats: Bool
    public let options: [OptionSpec]
    /// Each option's index in `options` by key and alias (`option(named:)` runs for every
    /// `key=value` of a replayed plan).
    private let optionIndex: [String: Int]
    /// Each must parse (a registry test checks); `help` and the reference show them.
    public var examples: [String]
    /// Whether a successful run can change the session (so `undo` has something to restore).
    public var mutatesSession: Bool
    public var run: @Sendable (inout CommandContext, Arguments) throws -> CommandResult

    public init(path: [String], aliases: [[String]] = [], group: CommandGroup, abstract: String, discussion: String = "",
                positionals: [OptionSpec] = [], lastPositionalRepeats: Bool = false, options: [OptionSpec] = [],
                examples: [String] = [], mutatesSession: Bool = false,
                run: @escaping @Sendable (inout CommandContext, Arguments) throws -> CommandResult) {
        self.path = path
        self.aliases = aliases
        self.group = group
        self.abstract = abstract
        self.discussion = discussion
        self.positionals = positionals
        self.lastPositionalRepeats = lastPositionalRepeats
        self.options = options
        self.optionIndex = options.positionsByName
        self.examples = examples
        self.mutatesSession = mutatesSession
        self.run = run
    }

    public var name: String { path.joined(separator: " ") }

    /// `size WORKLOAD [gpu=GPU] [pricing=PRICING]`
    public var usage: String {
        var parts = path
        for (i, p) in positionals.enumerated() {
            let repeats = lastPositionalRepeats && i == positionals.count - 1 ? "..." : ""
            parts.append(p.isRequired ? p.kind.placeholderFor(p) + repeats : "[" + p.kind.placeholderFor(p) + repeats + "]")
        }
        for o in options where o.isRequired { parts.append("\(o.key)=\(o.kind.placeholder)") }
        let optional = options.filter { !$0.isRequired }
        if optional.count > 6 {
            parts.append("[key=value...]")
        } else {
            for o in optional { parts.append("[\(o.key)=\(o.kind.placeholder)]") }
        }
        return parts.joined(separator: " ")
    }

    func option(named key: String) -> OptionSpec? {
        optionIndex[key].map { options[$0] }
    }
}

extension ValueKind {
    /// A positional's placeholder: its key in capitals (`WORKLOAD`), or the kind's choices.
    func placeholderFor(_ spec: OptionSpec) -> String {
        if case .choice = self { return placeholder }
        return spec.key.uppercased()
    }
}

/// The sections of `help`.
public enum CommandGroup: String, Sendable, CaseIterable {
    case workloads = "Workloads"
    case calculator = "Calculator"
    case catalog = "Catalog"
    case sizing = "Sizing and queueing"
    case demand = "Demand"
    case optimization = "Optimization"
    case simulation = "Simulation"
    case session = "Session"
    case files = "Files and export"
    case help = "Help"
}

/// What a handler may ask of the shell beyond changing the session.
public enum ShellEffect: Sendable {
    case none
    case quit
    case undo
    case reset
    /// Run another script inside this session (`source FILE`).
    case source(path: String, span: Range<Int>?)
}

public struct CommandResult: Sendable {
    public var output: Output
    public var effect: ShellEffect

    public init(_ output: Output = .none, effect: ShellEffect = .none) {
        self.output = output
        self.effect = effect
    }
}
