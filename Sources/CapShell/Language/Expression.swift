import CapPlan

/// An expression of the calculator language (design.md "Grammar").
indirect enum Expression: Sendable {
    case literal(Quantity, span: Range<Int>)
    case variable(String, span: Range<Int>)
    case negate(Expression, span: Range<Int>)
    case binary(BinaryOperator, Expression, Expression, span: Range<Int>)
    case call(String, [CallArgument], span: Range<Int>)
    case convert(Expression, Unit, span: Range<Int>)

    var span: Range<Int> {
        switch self {
        case .literal(_, let s), .variable(_, let s), .negate(_, let s), .binary(_, _, _, let s),
             .call(_, _, let s), .convert(_, _, let s):
            return s
        }
    }
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
}

/// A function argument: an expression, or a name (a workload, GPU or model) read as one token
/// so that `gpus(llama-chat)` is never a subtraction.
enum CallArgument: Sendable {
    case expression(Expression)
    case name(String, span: Range<Int>)
}

/// A condition for `assert`: an expression compared with another.
struct Condition: Sendable {
    var left: Expression
    var comparison: Comparison
    var right: Expression
}
