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

    /// Where output goes: results to `output`, errors to `error` (stdout and stderr in the
    /// terminal, one buffer in golden tests).
    public struct Sink: Sendable {
        /// Gets each result still to be rendered: a sink may render it on another thread while
        /// the next statement runs (the terminal's batch mode does), as long as it keeps order.
        public var output: @Sendable (ScriptOutput) -> Void
        public var error: @Sendable (Diagnostic) -> Void
        public init(rendering output: @escaping @Sendable (ScriptOutput) -> Void, error: @escaping @Sendable (Diagnostic) -> Void) {
            self.output = output
            self.error = error
        }
        /// A sink that gets text: each result is rendered here, in the statement's turn.
        public init(output: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (Diagnostic) -> Void) {
            self.output = { if let text = $0.text { output(text) } }
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
            if options.echo { sink.output(.line(options.echoPrompt + statement.trimmedText)) }
            switch shell.execute(statement) {
            case .failure(let error):
                sink.error(Diagnostic(error: error, statement: statement, includedFrom: includedFrom))
                status.failures += 1
                if !options.keepGoing { status.stopped = true; return status }
            case .success(let output, let effect):
                sink.output(.result(output, format: shell.session.settings.format, style: shell.environment.tableStyle))
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

/// A line of a script's standard output: text as it is, or a result to render in the format the
/// session had when the statement ran.
public enum ScriptOutput: Sendable {
    case line(String)
    case result(Output, format: Settings.Format, style: TableStyle)

    /// The text to print; nil when the result shows nothing in its format.
    public var text: String? {
        switch self {
        case .line(let text): return text
        case .result(let output, let format, let style): return OutputRenderer.render(output, format: format, style: style)
        }
    }

    /// Appends the text and a newline to `bytes` (nothing when there is no text): the same
    /// bytes as `text`, with tables drawn straight into the buffer, no String each.
    public func write(to bytes: inout [UInt8]) {
        if case .result(let output, .table, let style) = self {
            guard !output.blocks.isEmpty else { return }
            OutputRenderer.writeBlocks(output.blocks, style: style, to: &bytes)
        } else if let text {
            bytes.append(contentsOf: text.utf8)
        } else {
            return
        }
        bytes.append(10)
    }
}

/// Renders an `Output` in the session's format: tables and text, one JSON line, or CSV.
public enum OutputRenderer {
    /// The blocks of the table format, separated by a blank line.
    static func writeBlocks(_ blocks: [Output.Block], style: TableStyle, to bytes: inout [UInt8]) {
        for (i, block) in blocks.enumerated() {
            if i > 0 { bytes.append(contentsOf: [10, 10]) }
            switch block {
            case .text(let s): bytes.append(contentsOf: s.utf8)
            case .table(let t): TableRenderer.write(t, style: style, to: &bytes)
            case .deferredTable(let t): TableRenderer.write(t.value, style: style, to: &bytes)
            }
        }
    }

    public static func render(_ output: Output, format: Settings.Format, style: TableStyle) -> String? {
        switch format {
        case .table:
            guard !output.blocks.isEmpty else { return nil }
            var bytes: [UInt8] = []
            writeBlocks(output.blocks, style: style, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        case .json:
            if let json = output.json { return json.serialized() }
            let texts = output.blocks.compactMap { block -> String? in
                if case .text(let s) = block { return s }
                return nil
            }
            return texts.isEmpty ? nil : JSONValue.object([("text", .string(texts.joined(separator: "\n")))]).serialized()
        case .csv:
            if let table = output.exportTable {
                var csv = CSVWriter.render(table)
                if csv.hasSuffix("\r\n") { csv.removeLast(2) }
                return csv
            }
            if let value = output.value {
                let unit = Quantity.readableUnitPublic(for: value)
                let amount = unit.map { value.value(in: $0) } ?? value.value
                return "value,unit\r\n" + JSONValue.numberText(amount) + "," + (unit?.symbol ?? "")
            }
            return render(output, format: .table, style: .plain)
        }
    }
}
