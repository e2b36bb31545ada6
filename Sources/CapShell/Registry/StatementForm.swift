/// A statement that is not a `verb key=value` command: a bare expression, `let` and `assert`.
/// Their arguments are expressions, so the statement interpreter reads them itself; this
/// declaration is what `help`, completion, the interpreter's reserved words and the reference
/// read, the same way they read a `CommandSpec`.
public struct StatementForm: Sendable {
    /// The keyword that starts it (`let`), or nil for the bare expression.
    public var keyword: String?
    /// What `help` and the reference show as its usage.
    public var syntax: String
    public var abstract: String
    public var discussion: String
    /// Each runs without an error after `StatementForm.exampleSetup` (a registry test checks).
    public var examples: [String]

    /// The name `help` answers to: the keyword, or `expression`.
    public var name: String { keyword ?? "expression" }

    /// Statements the examples may rely on.
    static let exampleSetup = "add workload chat rps=10 per_instance=2rps"
}

extension StatementForm {
    /// Every statement form, in the order `help` lists them (under Calculator).
    public static let all: [StatementForm] = [expression, bind, assert]

    static let expression = StatementForm(
        keyword: nil, syntax: "EXPRESSION",
        abstract: "Evaluate and print: 10k rps * 1.2, 700W to kW.",
        discussion: "Numbers take SI suffixes and units ('help units'); quantities of different dimensions "
            + "do not add. The value printed becomes 'ans'. 'to UNIT' converts the result.",
        examples: ["10k rps * 1.2", "700W to kW", "3.6M rph to rps", "ceil(10k rps * 1.2 / 5 rps)"]
    )

    static let bind = StatementForm(
        keyword: "let", syntax: "let NAME = EXPRESSION",
        abstract: "Bind a variable.",
        discussion: "NAME starts with a letter or '_'; it may not be a command word, a unit, a function, "
            + "'ans' or 'to'. Binding a name again replaces its value; 'show variables' lists them.",
        examples: ["let peak = 10k rps * 1.2", "let per_gpu = 5 rps", "let fleet = ceil(10k rps * 1.2 / 5 rps)"]
    )

    static let assert = StatementForm(
        keyword: "assert", syntax: "assert EXPRESSION OP EXPRESSION",
        abstract: "Fail the script unless the comparison holds: assert gpus(chat) == 2400.",
        discussion: "OP is one of == != < <= > >=. Both sides are evaluated with their units; a failing "
            + "assertion prints both values and stops a script (exit status 1) unless --keep-going.",
        examples: ["assert 10k rps * 1.2 == 12k rps", "assert 1h < 2h", "assert gpus(chat) >= 1"]
    )
}
