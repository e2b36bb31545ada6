import CapPlan

/// Recursive-descent parser for expressions (design.md "Grammar").
///
///     expr   = term { ("+" | "-") term } [ "to" UNIT ]
///     term   = factor { ("*" | "/") factor }
///     factor = [ "-" ] ( quantity | NAME | call | "(" expr ")" ) [ "^" factor ]
///
/// A unit written after a number, with or without a blank (`5 rps`, `10k rps`, `3.35 TB/s`),
/// belongs to the number, so `x / 5 rps` divides by the quantity 5 rps.
struct ExpressionParser {
    private var lexer: Lexer
    private var lookahead: Token
    private let context: NumberContext
    private let conventions: UnitConventions
    private let nameArgumentFunctions: Set<String>

    init(_ text: String, context: NumberContext = .expression, conventions: UnitConventions,
         nameArgumentFunctions: Set<String>) throws(LanguageError) {
        self.lexer = Lexer(text)
        self.context = context
        self.conventions = conventions
        self.nameArgumentFunctions = nameArgumentFunctions
        self.lookahead = try lexer.next()
    }

    /// Parses the whole text as one expression.
    mutating func parseExpression() throws(LanguageError) -> Expression {
        let e = try expression()
        try expectEnd()
        return e
    }

    /// Parses `expr op expr` for `assert`.
    mutating func parseCondition() throws(LanguageError) -> Condition {
        let left = try expression()
        guard case .symbol(let s) = lookahead.kind, let comparison = Comparison(rawValue: s) else {
            if case .symbol("=") = lookahead.kind {
                throw LanguageError(.parse, "'=' assigns; compare with '=='", hint: "assert gpus(chat) == 2400", span: lookahead.span)
            }
            throw LanguageError(.parse, "assert needs a comparison", hint: "e.g. assert gpus(asr) == 2400 or assert cost(chat) <= $10k/mo", span: lookahead.span)
        }
        try advance()
        let right = try expression()
        try expectEnd()
        return Condition(left: left, comparison: comparison, right: right)
    }

    private mutating func expectEnd() throws(LanguageError) {
        guard case .end = lookahead.kind else {
            throw LanguageError(.parse, "unexpected \(describe(lookahead)) after the expression", hint: hintAfterExpression(), span: lookahead.span)
        }
    }

    private func hintAfterExpression() -> String? {
        if case .identifier(let name) = lookahead.kind {
            if name.count == 1, let c = name.first, QuantityLiteral.suffixes[c] != nil || c == "x" {
                return "write '\(name)' straight after the number, without a blank: 10\(name)"
            }
            if UnitTable.unit(name) != nil { return "a unit goes straight after a number: 5 \(name), not (expr) \(name); to convert, write 'to \(name)'" }
            let asUnit = QuantityLiteral.unknownUnit(name, span: 0..<0).hint ?? ""
            if asUnit.hasPrefix("did you mean") { return asUnit }
            if let first = name.first, QuantityLiteral.suffixes[first] != nil, UnitTable.unit(String(name.dropFirst())) != nil {
                return "write the suffix and unit straight after the number: 10\(name)"
            }
            return "operators are + - * / ^; to convert units write 'to UNIT'"
        }
        return nil
    }

    private mutating func advance() throws(LanguageError) { lookahead = try lexer.next() }

    private mutating func expression() throws(LanguageError) -> Expression {
        var left = try term()
        while case .symbol(let s) = lookahead.kind, s == "+" || s == "-" {
            try advance()
            let right = try term()
            left = .binary(s == "+" ? .add : .subtract, left, right, span: left.span.lowerBound..<right.span.upperBound)
        }
        if case .identifier("to") = lookahead.kind {
            let toSpan = lookahead.span
            let word = lexer.rawWord()
            guard case .identifier(let spelling) = word.kind, !spelling.isEmpty else {
                throw LanguageError(.parse, "'to' needs a unit", hint: "e.g. 700W to kW", span: toSpan)
            }
            guard let unit = UnitTable.unit(spelling, conventions: conventions) else {
                throw QuantityLiteral.unknownUnit(spelling, span: word.span)
            }
            try advance()
            left = .convert(left, unit, span: left.span.lowerBound..<word.span.upperBound)
        }
        return left
    }

    private mutating func term() throws(LanguageError) -> Expression {
        var left = try factor()
        while case .symbol(let s) = lookahead.kind, s == "*" || s == "/" {
            try advance()
            let right = try factor()
            left = .binary(s == "*" ? .multiply : .divide, left, right, span: left.span.lowerBound..<right.span.upperBound)
        }
        return left
    }

    /// Parsing and evaluation recurse once per nesting level (parentheses, unary minus, `^`,
    /// call arguments) and evaluation once per operand of a chain, so a pasted or generated
    /// expression is bounded to keep it from exhausting the stack (issue 2, "Errors").
    static let maximumNesting = 100
    static let maximumOperands = 2_000
    private var nesting = 0
    private var operands = 0

    private mutating func factor() throws(LanguageError) -> Expression {
        nesting += 1
        operands += 1
        defer { nesting -= 1 }
        if nesting > Self.maximumNesting {
            throw LanguageError(.parse, "the expression is nested too deeply (more than \(Self.maximumNesting) levels)",
                                hint: "split it with 'let' into smaller steps", span: lookahead.span)
        }
        if operands > Self.maximumOperands {
            throw LanguageError(.parse, "the expression is too long (more than \(NumberFormat.integer(Double(Self.maximumOperands))) operands)",
                                hint: "split it with 'let' into smaller steps", span: lookahead.span)
        }
        if case .symbol("-") = lookahead.kind {
            let start = lookahead.span.lowerBound
            try advance()
            let operand = try factor()
            return .negate(operand, span: start..<operand.span.upperBound)
        }
        if case .symbol("+") = lookahead.kind { try advance() }
        let base = try primary()
        if case .symbol("^") = lookahead.kind {
            try advance()
            let exponent = try factor()
            return .binary(.power, base, exponent, span: base.span.lowerBound..<exponent.span.upperBound)
        }
        return base
    }

    private mutating func primary() throws(LanguageError) -> Expression {
        let token = lookahead
        switch token.kind {
        case let .number(value, tail):
            try advance()
            var quantity = try QuantityLiteral.resolve(value, tail: tail, context: context, conventions: conventions, span: token.span)
            var span = token.span
            // `10k rps`, `5 rps`, `3.35 TB/s`: a unit word after a plain number belongs to it.
            if quantity.isDimensionless, quantity.unit == nil, tail != "%", tail != "x",
               case .identifier(let word) = lookahead.kind, let (unit, end) = unitWord(startingWith: word) {
                quantity = Quantity(quantity.value * unit.factor, unit.dimension, unit: unit)
                guard quantity.value.isFinite else {
                    throw LanguageError(.lex, "the number is too large", span: span)
                }
                span = span.lowerBound..<end
            }
            return .literal(quantity, span: span)
        case let .money(value, tail):
            try advance()
            return .literal(try QuantityLiteral.resolve(value, tail: tail, money: true, context: context, conventions: conventions, span: token.span), span: token.span)
        case .identifier(let name):
            try advance()
            if case .symbol("(") = lookahead.kind {
                return try call(name, start: token.span)
            }
            return .variable(name, span: token.span)
        case .symbol("("):
            try advance()
            let inner = try expression()
            guard case .symbol(")") = lookahead.kind else {
                throw LanguageError(.parse, "missing ')'", hint: "the '(' here is not closed", span: token.span)
            }
            let end = lookahead.span.upperBound
            try advance()
            return rewrap(inner, span: token.span.lowerBound..<end)
        case .string(let text):
            throw LanguageError(.parse, "a string (\"\(text)\") cannot be used in arithmetic", span: token.span)
        case .end:
            throw LanguageError(.parse, "expected a number, a name or '('", hint: "the expression ends too early", span: token.span)
        default:
            throw LanguageError(.parse, "unexpected \(describe(token))", hint: "expected a number, a name or '('", span: token.span)
        }
    }

    /// Keeps a parenthesised expression's span covering its parentheses (for carets).
    private func rewrap(_ e: Expression, span: Range<Int>) -> Expression {
        switch e {
        case let .literal(q, _): return .literal(q, span: span)
        case let .variable(n, _): return .variable(n, span: span)
        case let .negate(x, _): return .negate(x, span: span)
        case let .binary(op, l, r, _): return .binary(op, l, r, span: span)
        case let .call(n, a, _): return .call(n, a, span: span)
        case let .convert(x, u, _): return .convert(x, u, span: span)
        }
    }

    /// A unit written as a word, possibly `TB/s` split by the lexer into `TB`, `/`, `s` with no
    /// blanks between. Consumes the tokens when they form a unit.
    private mutating func unitWord(startingWith word: String) -> (Unit, Int)? {
        // Try the longest blank-free run first: look at the raw characters.
        let saveLexer = lexer
        let saveLookahead = lookahead
        var spelling = word
        var end = lookahead.span.upperBound
        var candidate: (Unit, Int, Lexer, Token)?
        if let unit = UnitTable.unit(spelling, conventions: conventions) {
            candidate = (unit, end, lexer, lookahead)
        }
        var probe = lexer
        // Extend over `/ident` pairs written without blanks.
        while !probe.atBlank, let slash = try? probe.next(), case .symbol("/") = slash.kind, slash.span.lowerBound == end,
              !probe.atBlank, let next = try? probe.next(), case .identifier(let part) = next.kind, next.span.lowerBound == slash.span.upperBound {
            spelling += "/" + part
            end = next.span.upperBound
            if let unit = UnitTable.unit(spelling, conventions: conventions) {
                var after = probe
                if let token = try? after.next() { candidate = (unit, end, after, token) }
            }
        }
        guard let (unit, unitEnd, lexerAfter, tokenAfter) = candidate else {
            lexer = saveLexer
            lookahead = saveLookahead
            return nil
        }
        if unitEnd == saveLookahead.span.upperBound {
            // Single word: just step past it.
            lexer = saveLexer
            lookahead = saveLookahead
            guard (try? advance()) != nil else { return nil }
        } else {
            lexer = lexerAfter
            lookahead = tokenAfter
        }
        return (unit, unitEnd)
    }

    private mutating func call(_ name: String, start: Range<Int>) throws(LanguageError) -> Expression {
        try advance() // "("
        var arguments: [CallArgument] = []
        if case .symbol(")") = lookahead.kind {
            let end = lookahead.span.upperBound
            try advance()
            return .call(name, arguments, span: start.lowerBound..<end)
        }
        while true {
            if nameArgumentFunctions.contains(name), case .identifier = lookahead.kind {
                arguments.append(try nameArgument())
            } else if nameArgumentFunctions.contains(name), case .string(let text) = lookahead.kind {
                arguments.append(.name(text, span: lookahead.span))
                try advance()
            } else {
                arguments.append(.expression(try expression()))
            }
            if case .symbol(",") = lookahead.kind { try advance(); continue }
            guard case .symbol(")") = lookahead.kind else {
                throw LanguageError(.parse, "expected ',' or ')' in the arguments of \(name)()", span: lookahead.span)
            }
            let end = lookahead.span.upperBound
            try advance()
            return .call(name, arguments, span: start.lowerBound..<end)
        }
    }

    /// A name argument: letters, digits, `-`, `.` and `_` with no blanks (`llama-3-70b`,
    /// `mixtral-8x7b`), read from the raw characters so no part turns into arithmetic.
    private mutating func nameArgument() throws(LanguageError) -> CallArgument {
        let start = lookahead.span.lowerBound
        lexer.reset(to: start)
        let span = lexer.rawName()
        let text = lexer.text(span)
        try advance()
        return .name(text, span: span)
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .number: return "number"
        case .money: return "amount"
        case .identifier(let n): return "'\(n)'"
        case .string: return "string"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of input"
        }
    }
}
