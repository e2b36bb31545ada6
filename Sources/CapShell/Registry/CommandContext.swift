/// What a command handler works with: a copy of the session it may change, and the shell's
/// environment. The shell keeps the changed copy only if the handler returns normally.
public struct CommandContext: Sendable {
    public var session: Session
    public var environment: ShellEnvironment
    /// Statements run so far (for `history`).
    public var transcript: [String]
    /// Whether the command runs under `explain`: only then is a derivation worth building
    /// (formatting every step of every command would dominate a replay's time).
    public var explaining = false
}
