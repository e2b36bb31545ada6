/// What a command handler works with: a copy of the session it may change, and the shell's
/// environment. The shell keeps the changed copy only if the handler returns normally.
public struct CommandContext: Sendable {
    public var session: Session
    public var environment: ShellEnvironment
    /// Statements run so far (for `history`).
    public var transcript: [String]
}
