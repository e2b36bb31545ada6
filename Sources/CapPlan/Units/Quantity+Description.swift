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
        func pick(_ ladder: [Unit]) -> Unit? {
            guard var best = ladder.first else { return nil }
            for unit in ladder where magnitude >= unit.factor { best = unit }
            return best
        }
        switch q.dimension {
        case .time:
            if magnitude == 0 { return Ladders.second }
            if magnitude < 1e-3 { return Ladders.microsecond }
            if magnitude < 1 { return Ladders.millisecond }
            if magnitude < 120 { return Ladders.second }
            if magnitude < 7_200 { return Ladders.minute }
            if magnitude < 172_800 { return Ladders.hour }
            return Ladders.day
        case .rate: return Ladders.rps
        case .data: return pick(Ladders.data)
        case .bandwidth: return pick(Ladders.bandwidth)
        case .work: return pick(Ladders.work)
        case .compute: return pick(Ladders.compute)
        case .tokens: return Ladders.token
        case .tokenRate: return Ladders.tokenRate
        case .power: return pick(Ladders.power)
        case .energy: return magnitude < 3.6e6 ? pick(Ladders.smallEnergy) : pick(Ladders.largeEnergy)
        case .money: return Ladders.dollar
        case .moneyRate: return Ladders.dollarPerHour
        case .energyPrice: return Ladders.dollarPerKWh
        case Dimension(money: 1, tokens: -1): return Ladders.dollarPerToken
        default: return nil
        }
    }

    /// The units `readableUnit` chooses from, looked up once (formatting is on every hot path).
    enum Ladders {
        static func units(_ spellings: [String]) -> [Unit] { spellings.compactMap { UnitTable.unit($0) } }
        static let second = UnitTable.unit("s"), microsecond = UnitTable.unit("µs"), millisecond = UnitTable.unit("ms")
        static let minute = UnitTable.unit("min"), hour = UnitTable.unit("h"), day = UnitTable.unit("d")
        static let rps = UnitTable.unit("rps"), token = UnitTable.unit("tok"), tokenRate = UnitTable.unit("tok/s")
        static let dollar = UnitTable.unit("$"), dollarPerHour = UnitTable.unit("$/h"), dollarPerKWh = UnitTable.unit("$/kWh")
        static let dollarPerToken = UnitTable.unit("$/tok")
        static let data = units(["B", "KB", "MB", "GB", "TB", "PB"])
        static let bandwidth = units(["B/s", "KB/s", "MB/s", "GB/s", "TB/s"])
        static let work = units(["FLOP", "GFLOP", "TFLOP", "PFLOP", "EFLOP"])
        static let compute = units(["FLOPS", "GFLOPS", "TFLOPS", "PFLOPS"])
        static let power = units(["W", "kW", "MW"])
        static let smallEnergy = units(["J", "kJ"])
        static let largeEnergy = units(["kWh", "MWh"])
    }
}

extension Quantity {
    /// The unit `formatted()` would print this quantity in, if any.
    public static func readableUnitPublic(for q: Quantity) -> Unit? {
        q.isDimensionless ? nil : (q.unit ?? readableUnit(for: q))
    }
}
