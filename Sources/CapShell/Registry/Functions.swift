import CapPlan
import Foundation

/// Every function of the expression language. Later capabilities append their domain functions
/// (`gpus(W)`, `cost(W)`, `erlang_c(c, a)`) here.
public enum FunctionRegistry {
    public static let all: [FunctionSpec] = mathematics + CatalogFunctions.all + SizingFunctions.all + QueueFunctions.all + ResultFunctions.all

    public static func function(named name: String) -> FunctionSpec? { all.first { $0.name == name } }

    static let namesTakingNames: Set<String> = Set(all.filter(\.takesNames).map(\.name))

    static let mathematics: [FunctionSpec] = [
        rounding("ceil", "Rounds a plain number up to a whole number (a value within 1e-9 of a whole number is that number).") { snapped($0) ?? Foundation.ceil($0) },
        rounding("floor", "Rounds a plain number down to a whole number (a value within 1e-9 of a whole number is that number).") { snapped($0) ?? Foundation.floor($0) },
        rounding("round", "Rounds a plain number to the nearest whole number (halves away from zero).") { $0.rounded() },
        FunctionSpec("min", [.value("a"), .value("b")], variadic: true, abstract: "The smallest of quantities of one dimension.") { call in
            try extremum(call, "min") { $0 < $1 }
        },
        FunctionSpec("max", [.value("a"), .value("b")], variadic: true, abstract: "The largest of quantities of one dimension.") { call in
            try extremum(call, "max") { $0 > $1 }
        },
        FunctionSpec("abs", [.value("x")], abstract: "The magnitude of a quantity, keeping its unit.") { call in
            var q = call.values[0]
            q.value = Swift.abs(q.value)
            return q
        },
        FunctionSpec("sqrt", [.value("x")], abstract: "Square root; the dimension must have one (GB^2 → GB).") { call in
            let q = call.values[0]
            guard q.value >= 0 else { throw LanguageError(.evaluate, "sqrt of a negative number", span: call.argumentSpans[0]) }
            guard q.dimension.hasSquareRoot else { throw QuantityError.noSquareRoot(q.dimension) }
            let d = q.dimension
            let half = Dimension(time: d.time / 2, data: d.data / 2, money: d.money / 2, work: d.work / 2, tokens: d.tokens / 2, energy: d.energy / 2)
            return Quantity(Foundation.sqrt(q.value), half)
        },
        FunctionSpec("log", [.value("x")], abstract: "Natural logarithm of a positive plain number.") { call in
            let x = try call.plainNumber(0, in: "log")
            guard x > 0 else { throw LanguageError(.evaluate, "log of a number that is not positive", span: call.argumentSpans[0]) }
            return Quantity(Foundation.log(x))
        },
        FunctionSpec("log10", [.value("x")], abstract: "Base-10 logarithm of a positive plain number.") { call in
            let x = try call.plainNumber(0, in: "log10")
            guard x > 0 else { throw LanguageError(.evaluate, "log10 of a number that is not positive", span: call.argumentSpans[0]) }
            return Quantity(Foundation.log10(x))
        },
        FunctionSpec("exp", [.value("x")], abstract: "e raised to a plain number.") { call in
            let x = try call.plainNumber(0, in: "exp")
            let y = Foundation.exp(x)
            guard y.isFinite else { throw QuantityError.notFinite(operation: "exp") }
            return Quantity(y)
        },
    ]

    /// The whole number `x` is within a relative 1e-9 of, if any: `100 × 1.1 / 10` is
    /// 11.000000000000002 in binary floating point, and ceil must say 11 (the sizing pipeline's
    /// `requiredCount` uses the same rule).
    static func snapped(_ x: Double) -> Double? {
        let nearest = x.rounded()
        return Swift.abs(x - nearest) <= Swift.min(1e-9 * Swift.max(1, Swift.abs(x)), 1e-6) ? nearest : nil
    }

    static func rounding(_ name: String, _ abstract: String, _ f: @escaping @Sendable (Double) -> Double) -> FunctionSpec {
        FunctionSpec(name, [.value("x")], abstract: abstract) { call in
            Quantity(f(try call.plainNumber(0, in: name)))
        }
    }

    static func extremum(_ call: FunctionCall, _ name: String, _ better: (Double, Double) -> Bool) throws -> Quantity {
        var best = call.values[0]
        for (i, q) in call.values.enumerated().dropFirst() {
            guard q.dimension == best.dimension else {
                throw LanguageError(.evaluate, "\(name)() needs quantities of one dimension: \(best.dimension) and \(q.dimension)", span: call.argumentSpans[i])
            }
            if better(q.value, best.value) { best = q }
        }
        return best
    }
}
