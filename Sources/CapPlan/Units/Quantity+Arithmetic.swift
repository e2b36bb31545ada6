import Foundation

/// Arithmetic that checks dimensions and never yields NaN or infinity.
///
/// Addition and subtraction need equal dimensions and keep the left operand's unit (`2 h + 30
/// min` prints in hours). Multiplying or dividing by a plain number keeps the unit (`10k rps *
/// 1.2` prints `12,000 rps`); other products get a unit chosen when printed.
extension Quantity {
    public static func add(_ a: Quantity, _ b: Quantity) throws(QuantityError) -> Quantity {
        guard a.dimension == b.dimension else { throw .incompatible(operation: "add", left: a.dimension, right: b.dimension) }
        return try finite(Quantity(a.value + b.value, a.dimension, unit: a.unit ?? b.unit), "addition")
    }

    public static func subtract(_ a: Quantity, _ b: Quantity) throws(QuantityError) -> Quantity {
        guard a.dimension == b.dimension else { throw .incompatible(operation: "subtract", left: a.dimension, right: b.dimension) }
        return try finite(Quantity(a.value - b.value, a.dimension, unit: a.unit ?? b.unit), "subtraction")
    }

    public static func multiply(_ a: Quantity, _ b: Quantity) throws(QuantityError) -> Quantity {
        let unit: Unit? = b.isDimensionless ? a.unit : (a.isDimensionless ? b.unit : nil)
        return try finite(Quantity(a.value * b.value, a.dimension * b.dimension, unit: unit), "multiplication")
    }

    public static func divide(_ a: Quantity, _ b: Quantity) throws(QuantityError) -> Quantity {
        guard b.value != 0 else { throw .divisionByZero }
        let unit: Unit? = b.isDimensionless ? a.unit : nil
        return try finite(Quantity(a.value / b.value, a.dimension / b.dimension, unit: unit), "division")
    }

    public static func power(_ a: Quantity, _ b: Quantity) throws(QuantityError) -> Quantity {
        guard b.isDimensionless else { throw .dimensionedExponent(b.dimension) }
        if a.isDimensionless {
            if a.value < 0 && b.value != b.value.rounded() {
                throw .notReal(operation: "a fractional power of a negative number")
            }
            if a.value == 0 && b.value < 0 { throw .divisionByZero }
            return try finite(Quantity(Foundation.pow(a.value, b.value)), "exponentiation")
        }
        // A dimensioned base needs a small whole exponent: GB^2 is fine, GB^0.5 is not.
        guard b.value == b.value.rounded(), abs(b.value) <= 8 else { throw .dimensionedExponent(a.dimension) }
        let n = Int8(b.value)
        if a.value == 0 && n < 0 { throw .divisionByZero }
        return try finite(Quantity(Foundation.pow(a.value, b.value), a.dimension.power(n)), "exponentiation")
    }

    public static func negate(_ a: Quantity) -> Quantity {
        Quantity(-a.value, a.dimension, unit: a.unit)
    }

    /// Compares two quantities of one dimension with a relative tolerance of 1e-9, so that
    /// `0.1 + 0.2 == 0.3` holds the way a planner expects.
    public static func compare(_ a: Quantity, _ op: Comparison, _ b: Quantity) throws(QuantityError) -> Bool {
        guard a.dimension == b.dimension else { throw .incompatible(operation: "compare", left: a.dimension, right: b.dimension) }
        let scale = Swift.max(abs(a.value), abs(b.value), 1e-300)
        let equal = abs(a.value - b.value) <= 1e-9 * scale
        switch op {
        case .equal: return equal
        case .notEqual: return !equal
        case .less: return a.value < b.value && !equal
        case .lessOrEqual: return a.value < b.value || equal
        case .greater: return a.value > b.value && !equal
        case .greaterOrEqual: return a.value > b.value || equal
        }
    }

    static func finite(_ q: Quantity, _ operation: String) throws(QuantityError) -> Quantity {
        guard q.value.isFinite else { throw .notFinite(operation: operation) }
        return q
    }
}

/// A comparison operator of `assert` and SLA values.
public enum Comparison: String, Hashable, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"
}
