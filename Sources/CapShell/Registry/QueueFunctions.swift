import CapPlan

/// Queueing functions of the expression language: `erlang_c(c, a)` and `erlang_b(c, a)`.
///
/// Both take the server count c (a whole number) and the offered load a = λ·E[S] in erlangs
/// (a plain number; `100rps * 2s` is one), and return a probability. The math is CapPlan's
/// `erlangC(servers:offeredLoad:)` and `erlangB(servers:offeredLoad:)`.
enum QueueFunctions {
    static let all: [FunctionSpec] = [erlangC, erlangB]

    static let erlangC = FunctionSpec(
        "erlang_c", [.value("c"), .value("a")],
        abstract: "P(wait) of an M/M/c queue: c servers, offered load a = λ·E[S] in erlangs (needs a < c)."
    ) { call in
        let (c, a) = try arguments(call, "erlang_c")
        return Quantity(try CapPlan.erlangC(servers: c, offeredLoad: a))
    }

    static let erlangB = FunctionSpec(
        "erlang_b", [.value("c"), .value("a")],
        abstract: "Blocking probability of an M/M/c/c loss system: c servers, offered load a in erlangs."
    ) { call in
        let (c, a) = try arguments(call, "erlang_b")
        return Quantity(try CapPlan.erlangB(servers: c, offeredLoad: a))
    }

    /// c as a whole number of servers and a as erlangs, with errors pointing at the argument.
    static func arguments(_ call: FunctionCall, _ name: String) throws -> (Int, Double) {
        let c: Double, a: Double
        do {
            c = try call.plainNumber(0, in: name)
        } catch let error as QuantityError {
            throw error.languageError(call.argumentSpans[0])
        }
        do {
            a = try call.plainNumber(1, in: name)
        } catch let error as QuantityError {
            throw LanguageError(.evaluate, error.message, hint: "the offered load is in erlangs: a rate times a time, e.g. 100rps * 2s",
                                span: call.argumentSpans[1])
        }
        let limit = Double(QueueingLimits.maximumServers)
        guard c == c.rounded(), c >= 1, c <= limit else {
            throw LanguageError(.evaluate, "\(name)() needs a whole number of servers from 1 to \(NumberFormat.integer(limit)); got \(NumberFormat.decimal(c))",
                                hint: "e.g. \(name)(214, 200)", span: call.argumentSpans[0])
        }
        guard a.isFinite, a >= 0 else {
            throw LanguageError(.evaluate, "\(name)() needs an offered load of at least 0 erlangs; got \(NumberFormat.decimal(a))",
                                span: call.argumentSpans[1])
        }
        return (Int(c), a)
    }
}
