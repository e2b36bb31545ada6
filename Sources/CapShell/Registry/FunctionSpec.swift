import CapPlan

/// A function of the expression language (`ceil(x)`, `gpus(chat)`), declared once for the
/// evaluator, `help functions` and completion.
public struct FunctionSpec: Sendable {
    public enum Parameter: Sendable {
        /// An expression's value.
        case value(String)
        /// A name read as one token (a workload, GPU or model).
        case name(String, NameKind)
    }

    public var name: String
    public var parameters: [Parameter]
    /// Whether the last parameter repeats (`max(a, b, c)`).
    public var variadic: Bool
    public var abstract: String
    public var evaluate: @Sendable (FunctionCall) throws -> Quantity

    public init(_ name: String, _ parameters: [Parameter], variadic: Bool = false, abstract: String,
                evaluate: @escaping @Sendable (FunctionCall) throws -> Quantity) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.abstract = abstract
        self.evaluate = evaluate
    }

    public var signature: String {
        let names = parameters.map { p -> String in
            switch p {
            case .value(let n): return n
            case .name(let n, _): return n
            }
        }
        return "\(name)(\(names.joined(separator: ", "))\(variadic ? ", ..." : ""))"
    }

    var takesNames: Bool {
        parameters.contains { if case .name = $0 { return true }; return false }
    }
}

/// The arguments a function receives, already evaluated, and the session for domain functions.
public struct FunctionCall: Sendable {
    public var session: Session
    public var values: [Quantity]
    public var names: [String]
    public var span: Range<Int>
    public var argumentSpans: [Range<Int>]

    /// The value argument `i`, required to be a plain number.
    public func plainNumber(_ i: Int, in function: String) throws -> Double {
        let q = values[i]
        guard q.isDimensionless else { throw QuantityError.needsPlainNumber(function: function, got: q.dimension) }
        return q.value
    }
}
