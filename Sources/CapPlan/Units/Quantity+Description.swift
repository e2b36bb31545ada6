/// How a quantity prints: its chosen unit, or a readable one picked by magnitude.
extension Quantity: CustomStringConvertible {
    public var description: String { formatted() }

    /// `12,000 rps`, `80 GB`, `$4.50/h`, `250 ms`, `2,401`.
    public func formatted(significantDigits: Int = 6) -> String {
        if isDimensionless { return NumberFormat.decimal(value, significantDigits: significantDigits) }
        guard let unit = unit ?? Quantity.readableUnit(for: self) else {
            return NumberFormat.decimal(value, significantDigits: significantDigits) + " " + dimension.baseFormula
        }
        let amount = value / unit.factor
        if unit.isMoney {
            return NumberFormat.money(amount) + unit.symbol.dropFirst()
        }
        return NumberFormat.decimal(amount, significantDigits: significantDigits) + " " + unit.symbol
    }

    /// Exact, re-readable text for `save`: shortest round-trip digits, unit attached (`12000rps`).
    public var sourceText: String {
        guard let unit = unit ?? Quantity.readableUnit(for: self) else {
            return Quantity.shortest(value)
        }
        let amount = value / unit.factor
        if unit.isMoney {
            let sign = amount < 0 ? "-" : ""
            return sign + "$" + Quantity.shortest(abs(amount)) + unit.symbol.dropFirst()
        }
        return Quantity.shortest(amount) + unit.symbol
    }

    public static func shortest(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// The unit a planner would pick for this magnitude: ms below a second, GB for memory, ...
    static func readableUnit(for q: Quantity) -> Unit? {
        let magnitude = abs(q.value)
        func pick(_ ladder: [String]) -> Unit? {
            let units = ladder.compactMap { UnitTable.unit($0) }
            guard var best = units.first else { return nil }
            for unit in units where magnitude >= unit.factor { best = unit }
            return best
        }
        switch q.dimension {
        case .time:
            if magnitude == 0 { return UnitTable.unit("s") }
            if magnitude < 1e-3 { return UnitTable.unit("µs") }
            if magnitude < 1 { return UnitTable.unit("ms") }
            if magnitude < 120 { return UnitTable.unit("s") }
            if magnitude < 7_200 { return UnitTable.unit("min") }
            if magnitude < 172_800 { return UnitTable.unit("h") }
            return UnitTable.unit("d")
        case .rate: return UnitTable.unit("rps")
        case .data: return pick(["B", "KB", "MB", "GB", "TB", "PB"])
        case .bandwidth: return pick(["B/s", "KB/s", "MB/s", "GB/s", "TB/s"])
        case .work: return pick(["FLOP", "GFLOP", "TFLOP", "PFLOP", "EFLOP"])
        case .compute: return pick(["FLOPS", "GFLOPS", "TFLOPS", "PFLOPS"])
        case .tokens: return UnitTable.unit("tok")
        case .tokenRate: return UnitTable.unit("tok/s")
        case .power: return pick(["W", "kW", "MW"])
        case .energy:
            if magnitude < 3.6e6 { return pick(["J", "kJ"]) }
            return pick(["kWh", "MWh"])
        case .money: return UnitTable.unit("$")
        case .moneyRate: return UnitTable.unit("$/h")
        case .energyPrice: return UnitTable.unit("$/kWh")
        case Dimension(money: 1, tokens: -1): return UnitTable.unit("$/tok")
        default: return nil
        }
    }
}

extension Quantity {
    /// The unit `formatted()` would print this quantity in, if any.
    public static func readableUnitPublic(for q: Quantity) -> Unit? {
        q.isDimensionless ? nil : (q.unit ?? readableUnit(for: q))
    }
}
