/// A number with a dimension: `12,000 rps`, `80 GB`, `$4.50/h`, or a plain count.
///
/// `value` is always in base units (seconds, bytes, dollars, FLOP, tokens, joules; requests are
/// counts), so arithmetic never needs to know which unit a user typed. `unit` remembers the unit
/// the user chose (a literal's unit, or `to UNIT`) so results print the way they were asked for;
/// it never changes the value.
public struct Quantity: Hashable, Sendable {
    public var value: Double
    public var dimension: Dimension
    public var unit: Unit?

    public init(_ value: Double, _ dimension: Dimension = .none, unit: Unit? = nil) {
        self.value = value
        self.dimension = dimension
        self.unit = unit
    }

    /// `amount` of `unit`: `Quantity(80, unit: GB)` is 8e10 B shown in GB.
    public init(_ amount: Double, unit: Unit) {
        self.value = amount * unit.factor
        self.dimension = unit.dimension
        self.unit = unit
    }

    public static func count(_ value: Double) -> Quantity { Quantity(value) }

    public var isDimensionless: Bool { dimension.isDimensionless }

    /// The value expressed in `unit` (which must have this quantity's dimension).
    public func value(in unit: Unit) -> Double { value / unit.factor }

    /// The same quantity, shown in `unit`.
    public func converted(to unit: Unit) throws(QuantityError) -> Quantity {
        guard unit.dimension == dimension else {
            throw .cannotConvert(from: dimension, to: unit)
        }
        return Quantity(value, dimension, unit: unit)
    }
}

/// Errors of quantity arithmetic; each names both sides so the user sees what clashed.
public enum QuantityError: Error, Hashable, Sendable {
    case incompatible(operation: String, left: Dimension, right: Dimension)
    case cannotConvert(from: Dimension, to: Unit)
    case notFinite(operation: String)
    /// A result that is not a real number (`(-8)^0.5`): not "too large", so said apart.
    case notReal(operation: String)
    case divisionByZero
    case dimensionedExponent(Dimension)
    case noSquareRoot(Dimension)
    case needsPlainNumber(function: String, got: Dimension)

    public var message: String {
        switch self {
        case let .incompatible(operation, left, right):
            return "cannot \(operation) \(left) and \(right)"
        case let .cannotConvert(from, unit):
            return "cannot convert \(from) to \(unit.symbol) (\(unit.dimension))"
        case let .notFinite(operation):
            return "the result of \(operation) is too large to represent"
        case let .notReal(operation):
            return "\(operation) is not a real number"
        case .divisionByZero:
            return "division by zero"
        case let .dimensionedExponent(dimension):
            return "an exponent must be a plain number, not \(dimension)"
        case let .noSquareRoot(dimension):
            return "\(dimension) has no square root"
        case let .needsPlainNumber(function, got):
            return "\(function)() takes a plain number, not \(got)"
        }
    }

    public var hint: String? {
        switch self {
        case .incompatible(let operation, _, _) where operation == "add" || operation == "subtract" || operation == "compare":
            return "both sides need the same kind of unit; rates convert automatically (rph to rps), currencies and data never to time"
        case .cannotConvert:
            return "'to' changes the unit, not the dimension"
        case .notFinite:
            return "the largest magnitude capplan represents is about 1e308"
        case .divisionByZero:
            return "check the divisor"
        default:
            return nil
        }
    }
}
