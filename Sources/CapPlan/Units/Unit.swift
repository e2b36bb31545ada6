/// A unit a user can type or read: a symbol, its dimension and its size in base units.
///
/// Base units are those of `Dimension`: s, B, $, FLOP, tok, J. `factor` converts a value in
/// this unit to base units: `1 GB` is `1e9` B, `1 h` is `3600` s, `1 $/h` is `1/3600` $/s.
public struct Unit: Hashable, Sendable, CustomStringConvertible {
    /// How the unit is printed after a number (`GB`, `rps`, `$/h`).
    public var symbol: String
    public var dimension: Dimension
    public var factor: Double

    public init(symbol: String, dimension: Dimension, factor: Double) {
        self.symbol = symbol
        self.dimension = dimension
        self.factor = factor
    }

    /// Money units print with the currency sign in front of the number: `$4.50/h`.
    public var isMoney: Bool { symbol.hasPrefix("$") }

    public var description: String { symbol }

    /// `a/b`, as in `TB/s` or `$/mo`.
    public func per(_ other: Unit) -> Unit {
        Unit(symbol: symbol + "/" + other.symbol, dimension: dimension / other.dimension, factor: factor / other.factor)
    }
}

/// Conventions that change what a unit means, fixed per session.
public struct UnitConventions: Hashable, Sendable {
    /// Length of `mo` in seconds for durations and prices. Default 730 h (8,760 h / 12, the
    /// cloud-billing convention, design.md "Defaults"); teaching texts that use 30-day months
    /// set 720 h.
    public var monthSeconds: Double

    public init(monthSeconds: Double = 730 * 3600) {
        self.monthSeconds = monthSeconds
    }

    public static let standard = UnitConventions()
}
