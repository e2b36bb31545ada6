import CapPlan

/// How results are drawn and where files are read and written.
public struct ShellEnvironment: Sendable {
    public var files: FileAccess
    public var tableStyle: TableStyle
    public var color: Bool
    /// Whether the user asked to stop (Ctrl-C in the interactive shell). Scripts stop between
    /// statements when it turns true, and long computations poll it (`CommandContext`).
    public var isCancelled: @Sendable () -> Bool

    public init(files: FileAccess = FileAccess(), tableStyle: TableStyle = .plain, color: Bool = false,
                isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.files = files
        self.tableStyle = tableStyle
        self.color = color
        self.isCancelled = isCancelled
    }
}

/// The interpreter: a session plus what the shell needs around it (undo, history).
///
/// `execute` runs one statement atomically: the command works on a copy of the session, and
/// the copy replaces the session only when the command succeeds (design.md "The session").
public struct Shell: Sendable {
    public private(set) var session: Session
    public var environment: ShellEnvironment
    /// Earlier sessions, for `undo` (bounded).
    private var undoStack: [Session] = []
    /// Statements run successfully, for `history`.
    public private(set) var transcript: [String] = []
    static let undoLimit = 200

    public init(session: Session = Session(), environment: ShellEnvironment = ShellEnvironment()) {
        self.session = session
        self.environment = environment
    }

    public enum Outcome: Sendable {
        case success(Output, ShellEffect)
        case failure(LanguageError)
    }

    public mutating func execute(_ statement: Statement) -> Outcome {
        var working = session
        let result: CommandResult
        let mutates: Bool
        do {
            (result, mutates) = try StatementInterpreter(shell: self).run(statement, session: &working)
        } catch let error as LanguageError {
            return .failure(error)
        } catch let error as UserFacingError {
            return .failure(LanguageError(.command, error.message, hint: error.userHint, span: nil))
        } catch {
            return .failure(LanguageError(.command, "\(error)"))
        }
        switch result.effect {
        case .undo:
            guard let previous = undoStack.popLast() else {
                return .failure(LanguageError(.command, "nothing to undo", hint: "undo restores the session before the last change"))
            }
            session = previous.withResult(of: session)
        case .reset:
            push(session)
            session = Session()
            session.settings.format = working.settings.format
        default:
            if mutates { push(session) }
            if let value = result.output.value { working.answer = value }
            working.recordResult(result.output)
            session = working
        }
        transcript.append(statement.trimmedText)
        return .success(result.output, result.effect)
    }

    private mutating func push(_ previous: Session) {
        undoStack.append(previous.withoutResult)
        // Trim in batches: removing the oldest one at a time shifts the whole stack on every
        // statement of a long replay.
        if undoStack.count > 2 * Shell.undoLimit { undoStack.removeFirst(undoStack.count - Shell.undoLimit) }
    }
}
