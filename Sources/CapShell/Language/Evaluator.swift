import CapPlan

/// Evaluates expressions against a session's variables, `ans` and functions.
struct Evaluator {
    let session: Session

    /// Parses and evaluates expression text found at `offset` in a statement, with error carets
    /// moved to that place: the one path for bare expressions, `let` and option values.
    static func evaluate(_ text: String, context: NumberContext = .expression, in session: Session,
                         offset: Int) throws(LanguageError) -> Quantity {
        do {
            var parser = try ExpressionParser(text, context: context, conventions: session.settings.conventions,
                                              nameArgumentFunctions: FunctionRegistry.namesTakingNames)
            let expression = try parser.parseExpression()
            return try Evaluator(session: session).evaluate(expression)
        } catch {
            throw error.shifted(by: offset)
        }
    }

    func evaluate(_ expression: Expression) throws(LanguageError) -> Quantity {
        switch expression {
        case let .literal(q, _):
            return q
        case let .variable(name, span):
            if name == "ans" {
                guard let answer = session.answer else {
                    throw LanguageError(.evaluate, "'ans' has no value yet", hint: "ans is the last calculator result", span: span)
                }
                return answer
            }
            if let value = session.variable(name) { return value }
            throw unknownName(name, span: span)
        case let .negate(inner, _):
            return Quantity.negate(try evaluate(inner))
        case .binary:
            // A chain `1 + 2 + ... + n` is a left-deep tree as deep as the chain is long: walk
            // its left spine in a loop, so that recursion depth follows nesting (which the
            // parser bounds), not length; a long pasted line must not exhaust the stack.
            var pending: [(BinaryOperator, Expression, Range<Int>)] = []
            var leftmost = expression
            while case let .binary(op, left, right, span) = leftmost {
                pending.append((op, right, span))
                leftmost = left
            }
            var a = try evaluate(leftmost)
            for (op, right, span) in pending.reversed() {
                let b = try evaluate(right)
                do {
                    switch op {
                    case .add: a = try Quantity.add(a, b)
                    case .subtract: a = try Quantity.subtract(a, b)
                    case .multiply: a = try Quantity.multiply(a, b)
                    case .divide: a = try Quantity.divide(a, b)
                    case .power: a = try Quantity.power(a, b)
                    }
                } catch {
                    let where_: Range<Int> = {
                        if case .divisionByZero = error { return right.span }
                        return span
                    }()
                    throw error.languageError(where_)
                }
            }
            return a
        case let .call(name, arguments, span):
            return try call(name, arguments, span: span)
        case let .convert(inner, unit, span):
            let q = try evaluate(inner)
            do {
                return try q.converted(to: unit)
            } catch {
                throw error.languageError(span)
            }
        }
    }

    /// Evaluates both sides of an `assert` and compares them.
    func check(_ condition: Condition) throws(LanguageError) -> (holds: Bool, left: Quantity, right: Quantity) {
        let left = try evaluate(condition.left)
        let right = try evaluate(condition.right)
        do {
            return (try Quantity.compare(left, condition.comparison, right), left, right)
        } catch {
            throw error.languageError(condition.left.span.lowerBound..<condition.right.span.upperBound)
        }
    }

    private func call(_ name: String, _ arguments: [CallArgument], span: Range<Int>) throws(LanguageError) -> Quantity {
        guard let function = FunctionRegistry.function(named: name) else {
            throw LanguageError(.evaluate, "unknown function '\(name)'",
                                hint: Suggestions.hint(for: name, in: FunctionRegistry.all.map(\.name)) ?? "'help functions' lists them",
                                span: span.lowerBound..<(span.lowerBound + name.count))
        }
        let count = arguments.count
        let expected = function.parameters.count
        if count < expected || (count > expected && !function.variadic) {
            throw LanguageError(.evaluate, "\(name)() takes \(function.variadic ? "at least " : "")\(expected) argument\(expected == 1 ? "" : "s"), got \(count)",
                                hint: "usage: \(function.signature)", span: span)
        }
        var values: [Quantity] = []
        var names: [String] = []
        var spans: [Range<Int>] = []
        for (i, argument) in arguments.enumerated() {
            let parameter = function.parameters[Swift.min(i, expected - 1)]
            switch (parameter, argument) {
            case (.value, .expression(let e)):
                values.append(try evaluate(e))
                spans.append(e.span)
            case (.name, .name(let text, let s)):
                names.append(text)
                spans.append(s)
            case (.name(let p, _), .expression(let e)):
                throw LanguageError(.evaluate, "\(name)() takes a name for '\(p)'", span: e.span)
            case (.value(let p), .name(_, let s)):
                throw LanguageError(.evaluate, "\(name)() takes a value for '\(p)'", span: s)
            }
        }
        let call = FunctionCall(session: session, values: values, names: names, span: span, argumentSpans: spans)
        do {
            let result = try function.evaluate(call)
            guard result.value.isFinite else {
                throw LanguageError(.evaluate, "\(name)() gave a result too large to represent", span: span)
            }
            return result
        } catch let error as LanguageError {
            throw error.at(span)
        } catch let error as UserFacingError {
            throw LanguageError(.evaluate, error.message, hint: error.userHint, span: span)
        } catch {
            throw LanguageError(.evaluate, "\(name)(): \(error)", span: span)
        }
    }

    private func unknownName(_ name: String, span: Range<Int>) -> LanguageError {
        if UnitTable.unit(name) != nil {
            return LanguageError(.evaluate, "'\(name)' is a unit, not a value", hint: "write a number before it: 1 \(name)", span: span)
        }
        let candidates = session.variables.map(\.name) + ["ans"]
        var hint = Suggestions.hint(for: name, in: candidates)
        if hint == nil && session.workload(named: name) != nil {
            hint = "'\(name)' is a workload; use it in a function such as gpus(\(name))"
        }
        return LanguageError(.evaluate, "unknown name '\(name)'", hint: hint ?? "define it with 'let \(name) = ...'", span: span)
    }
}
