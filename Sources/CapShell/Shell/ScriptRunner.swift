import CapPlan

/// Runs statements the way sqlite3 runs a script: in order, stopping at the first error unless
/// asked to keep going, with `source` files run inside the same session.
public struct ScriptRunner {
    public struct Options: Sendable {
        /// Continue after a failing statement (the run still counts as failed).
        public var keepGoing = false
        /// Print each statement before its output.
        public var echo = false
        public var echoPrompt = "capplan> "
        public init(keepGoing: Bool = false, echo: Bool = false) {
            self.keepGoing = keepGoing
            self.echo = echo
        }
    }

    /// Where output goes: each result's text to `output`, errors to `error` (stdout and stderr
    /// in the terminal, one buffer in golden tests).
    public struct Sink: Sendable {
        public var output: @Sendable (String) -> Void
        public var error: @Sendable (Diagnostic) -> Void
        public init(output: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (Diagnostic) -> Void) {
            self.output = output
            self.error = error
        }
    }

    public struct Status: Sendable {
        public var failures = 0
        public var quit = false
        /// Stopped early at an error (not keep-going).
        public var stopped = false
    }

    public var options: Options
    public var sink: Sink
    static let maximumIncludeDepth = 16

    public init(options: Options = Options(), sink: Sink) {
        self.options = options
        self.sink = sink
    }

    public func run(_ source: ScriptSource, shell: inout Shell, includedFrom: [SourceLocation] = []) -> Status {
        var status = Status()
        for statement in source.statements {
            if shell.environment.isCancelled() {
                sink.error(Diagnostic(error: LanguageError(.command, "interrupted", hint: "the statements from here on were not run"),
                                      statement: statement, includedFrom: includedFrom))
                status.failures += 1
                status.stopped = true
                return status
            }
            if options.echo { sink.output(options.echoPrompt + statement.trimmedText) }
            switch shell.execute(statement) {
            case .failure(let error):
                sink.error(Diagnostic(error: error, statement: statement, includedFrom: includedFrom))
                status.failures += 1
                if !options.keepGoing { status.stopped = true; return status }
            case .success(let output, let effect):
                if let text = OutputRenderer.render(output, format: shell.session.settings.format, style: shell.environment.tableStyle) {
                    sink.output(text)
                }
                switch effect {
                case .quit:
                    status.quit = true
                    return status
                case .source(let path, let span):
                    let inner = runSourced(path, span: span, statement: statement, shell: &shell, includedFrom: includedFrom)
                    status.failures += inner.failures
                    if inner.quit { status.quit = true; return status }
                    if inner.stopped { status.stopped = true; return status }
                default:
                    break
                }
            }
        }
        return status
    }

    private func runSourced(_ path: String, span: Range<Int>?, statement: Statement, shell: inout Shell, includedFrom: [SourceLocation]) -> Status {
        let here = statement.location(ofOffset: 0).0
        let chain = [here] + includedFrom
        guard chain.count <= ScriptRunner.maximumIncludeDepth else {
            sink.error(Diagnostic(error: LanguageError(.file, "'source' is nested too deeply (\(chain.count) files)", hint: "a file probably sources itself"),
                                  statement: statement, includedFrom: includedFrom))
            return Status(failures: 1, quit: false, stopped: !options.keepGoing)
        }
        let files = shell.environment.files
        let text: String
        do {
            text = try files.readText(path)
        } catch {
            sink.error(Diagnostic(error: error.languageError(span), statement: statement, includedFrom: includedFrom))
            return Status(failures: 1, quit: false, stopped: !options.keepGoing)
        }
        let saved = shell.environment.files
        shell.environment.files = files.relative(toFileAt: path)
        defer { shell.environment.files = saved }
        return run(ScriptSource(file: path, text: text), shell: &shell, includedFrom: chain)
    }
}
