import CapPlan

/// Decides what a statement is (`let`, `assert`, a command, or an expression) and runs it.
struct StatementInterpreter {
    let shell: Shell

    /// Runs the statement on `session`; returns the result and whether it may have changed the
    /// session (for `undo`).
    func run(_ statement: Statement, session: inout Session) throws -> (CommandResult, Bool) {
        let chars = statement.characters
        guard chars.count <= 1_000_000 else {
            throw LanguageError(.lex, "the line is too long (\(chars.count) characters)", hint: "a statement may be at most 1,000,000 characters", span: 0..<1)
        }
        var start = 0
        while start < chars.count, chars[start] == " " || chars[start] == "\t" { start += 1 }
        var end = start
        if start < chars.count, Lexer.isIdentifierStart(chars[start]) {
            while end < chars.count, Lexer.isIdentifierBody(chars[end]) { end += 1 }
        }
        let first = String(scalars: chars[start..<end])
        let statementSpan = start..<chars.count

        switch first.lowercased() {
        case "let" where end > start:
            return (try runLet(chars, from: end, session: &session), true)
        case "assert" where end > start:
            return (try runAssert(chars, from: end, session: session, span: statementSpan), false)
        default:
            break
        }

        var words = try Word.split(chars, from: start)
        // `explain COMMAND`: run the command, print its derivation (ExplainCommand).
        var explaining = false
        if first.lowercased() == "explain", words.count > 1, CommandRegistry.match(words.dropFirst().prefix(4).map(\.text)) != nil {
            explaining = true
            words.removeFirst()
        }
        // A command word is never a variable (`let` refuses them), so look up the registry first.
        if !first.isEmpty, first != "ans", let (spec, used) = CommandRegistry.match(words.prefix(4).map(\.text)) {
            let binder = ArgumentBinder(spec: spec, session: session)
            let arguments = try binder.bind(Array(words.dropFirst(used)), statementSpan: statementSpan)
            var context = CommandContext(session: session, environment: shell.environment, transcript: shell.transcript, explaining: explaining)
            do {
                let result = try spec.run(&context, arguments)
                if explaining {
                    guard let derivation = result.output.derivation else {
                        throw LanguageError(.command, "'\(spec.name)' has nothing to explain",
                                            hint: "explain works with commands that derive numbers, such as size, compare and queue", span: statementSpan)
                    }
                    // Explaining never changes the session.
                    var explanation = ExplainCommand.render(derivation)
                    explanation.blocks += result.output.explanationTables.map { .table($0) }
                    return (CommandResult(explanation), false)
                }
                session = context.session
                return (result, spec.mutatesSession)
            } catch let error as LanguageError {
                throw error.at(statementSpan)
            } catch let error as UserFacingError {
                throw LanguageError(.command, error.message, hint: error.userHint, span: statementSpan)
            }
        }
        return (try runExpression(chars, words: words, first: first, firstSpan: start..<end, session: session), false)
    }

    private func runLet(_ chars: [SourceChar], from: Int, session: inout Session) throws(LanguageError) -> CommandResult {
        var i = from
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        let nameStart = i
        while i < chars.count, Lexer.isIdentifierBody(chars[i]) { i += 1 }
        let name = String(scalars: chars[nameStart..<i])
        guard !name.isEmpty, let firstChar = name.unicodeScalars.first, Lexer.isIdentifierStart(firstChar) else {
            throw LanguageError(.parse, "let needs a name", hint: "let peak = 10k rps * 1.2", span: nameStart..<(nameStart + 1))
        }
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        guard i < chars.count, chars[i] == "=", !(i + 1 < chars.count && chars[i + 1] == "=") else {
            throw LanguageError(.parse, "expected '=' after 'let \(name)'", hint: "let \(name) = EXPRESSION", span: i..<(i + 1))
        }
        let nameSpan = nameStart..<(nameStart + name.count)
        try checkBindable(name, span: nameSpan)
        let valueStart = i + 1
        let value = try evaluateExpression(String(scalars: chars[valueStart...]), offset: valueStart, session: session)
        session.bind(name, to: value)
        return CommandResult(.answer(value, name: name))
    }

    private func checkBindable(_ name: String, span: Range<Int>) throws(LanguageError) {
        if name == "ans" || CommandRegistry.statementKeywords.contains(name.lowercased()) || name == "to" {
            throw LanguageError(.parse, "'\(name)' is reserved", hint: "pick another name", span: span)
        }
        if UnitTable.unit(name) != nil {
            throw LanguageError(.parse, "'\(name)' is a unit and cannot be a variable name", hint: "pick another name, e.g. \(name)_value", span: span)
        }
        if CommandRegistry.verbs.contains(name.lowercased()) {
            throw LanguageError(.parse, "'\(name)' is a command and cannot be a variable name", hint: "pick another name", span: span)
        }
        if FunctionRegistry.function(named: name) != nil {
            throw LanguageError(.parse, "'\(name)' is a function and cannot be a variable name", hint: "pick another name", span: span)
        }
    }

    private func runAssert(_ chars: [SourceChar], from: Int, session: Session, span: Range<Int>) throws(LanguageError) -> CommandResult {
        let text = String(scalars: chars[from...])
        let condition: Condition
        do {
            var parser = try ExpressionParser(text, conventions: session.settings.conventions,
                                              nameArgumentFunctions: FunctionRegistry.namesTakingNames)
            condition = try parser.parseCondition()
        } catch {
            throw error.shifted(by: from)
        }
        let outcome: (holds: Bool, left: Quantity, right: Quantity)
        do {
            outcome = try Evaluator(session: session).check(condition)
        } catch {
            throw error.shifted(by: from)
        }
        guard outcome.holds else {
            let conditionStart = condition.left.span.lowerBound + from
            let conditionEnd = condition.right.span.upperBound + from
            throw LanguageError(.assertion, "assertion failed: \(outcome.left.formatted(significantDigits: 10)) \(condition.comparison.rawValue) \(outcome.right.formatted(significantDigits: 10)) is false",
                                span: conditionStart..<conditionEnd)
        }
        return CommandResult()
    }

    private func runExpression(_ chars: [SourceChar], words: [Word], first: String, firstSpan: Range<Int>, session: Session) throws(LanguageError) -> CommandResult {
        let value: Quantity
        do {
            value = try evaluateExpression(String(scalars: chars), offset: 0, session: session)
        } catch {
            // `ad workload x`, `sizee chat`: a word that is no command, variable or function,
            // followed by more words, is most likely a mistyped command.
            // `x = 3`: an assignment without `let`.
            if !first.isEmpty, session.variable(first) == nil, words.count > 1, words[1].text.hasPrefix("="), !words[1].text.hasPrefix("==") {
                throw LanguageError(.parse, "unknown name '\(first)'", hint: "to bind a variable write 'let \(first) = ...'", span: firstSpan)
            }
            if !first.isEmpty, session.variable(first) == nil, FunctionRegistry.function(named: first) == nil,
               UnitTable.unit(first) == nil, first != "ans",
               (words.count > 1 && !Self.startsWithOperator(words[1].text)) || (first.count >= 3 && CommandRegistry.verbs.contains(where: { Suggestions.editDistance(Array($0), Array(first.lowercased())) <= 1 })) {
                throw unknownCommand(first, words: words, span: firstSpan)
            }
            throw error
        }
        return CommandResult(.answer(value))
    }

    /// `zz + 1` is an expression with an unknown name, not a mistyped command.
    static func startsWithOperator(_ word: String) -> Bool {
        guard let c = word.first else { return false }
        return "+-*/^=<>!),".contains(c) || word == "to"
    }

    private func unknownCommand(_ first: String, words: [Word], span: Range<Int>) -> LanguageError {
        let candidates = CommandRegistry.commands(startingWith: first)
        if !candidates.isEmpty {
            let list = candidates.map { "'\($0.name)'" }.joined(separator: ", ")
            let second = words.count > 1 ? words[1] : nil
            return LanguageError(.parse, second.map { "unknown command '\(first) \($0.text)'" } ?? "'\(first)' needs more words",
                                 hint: "did you mean one of \(list)?", span: second?.span ?? span)
        }
        return LanguageError(.parse, "unknown command '\(first)'",
                             hint: Suggestions.hint(for: first, in: CommandRegistry.verbs) ?? "type 'help' for the list of commands",
                             span: span)
    }

    private func evaluateExpression(_ text: String, offset: Int, session: Session) throws(LanguageError) -> Quantity {
        try Evaluator.evaluate(text, in: session, offset: offset)
    }
}
