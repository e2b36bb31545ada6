/// The physical dimension of a quantity, as integer exponents of capplan's base units.
///
/// Base units: second (time), byte (data), US dollar (money), FLOP (work), token (tokens),
/// joule (energy). Requests, GPUs and instances are plain counts (dimensionless), so Little's
/// law `100 rps × 2 s = 200` is a count of concurrent requests with no conversion. Tokens carry
/// their own dimension so that `tok/s` never silently adds to `rps`.
public struct Dimension: Hashable, Sendable, CustomStringConvertible {
    public var time: Int8 = 0
    public var data: Int8 = 0
    public var money: Int8 = 0
    public var work: Int8 = 0
    public var tokens: Int8 = 0
    public var energy: Int8 = 0

    public init(time: Int8 = 0, data: Int8 = 0, money: Int8 = 0, work: Int8 = 0, tokens: Int8 = 0, energy: Int8 = 0) {
        self.time = time
        self.data = data
        self.money = money
        self.work = work
        self.tokens = tokens
        self.energy = energy
    }

    public static let none = Dimension()
    public static let time = Dimension(time: 1)
    public static let rate = Dimension(time: -1)
    public static let data = Dimension(data: 1)
    public static let bandwidth = Dimension(time: -1, data: 1)
    public static let money = Dimension(money: 1)
    public static let moneyRate = Dimension(time: -1, money: 1)
    public static let work = Dimension(work: 1)
    public static let compute = Dimension(time: -1, work: 1)
    public static let tokens = Dimension(tokens: 1)
    public static let tokenRate = Dimension(time: -1, tokens: 1)
    public static let energy = Dimension(energy: 1)
    public static let power = Dimension(time: -1, energy: 1)
    public static let energyPrice = Dimension(money: 1, energy: -1)

    public var isDimensionless: Bool { self == .none }

    public static func * (a: Dimension, b: Dimension) -> Dimension {
        Dimension(time: a.time + b.time, data: a.data + b.data, money: a.money + b.money,
                  work: a.work + b.work, tokens: a.tokens + b.tokens, energy: a.energy + b.energy)
    }

    public static func / (a: Dimension, b: Dimension) -> Dimension {
        Dimension(time: a.time - b.time, data: a.data - b.data, money: a.money - b.money,
                  work: a.work - b.work, tokens: a.tokens - b.tokens, energy: a.energy - b.energy)
    }

    public func power(_ n: Int8) -> Dimension {
        Dimension(time: time * n, data: data * n, money: money * n, work: work * n, tokens: tokens * n, energy: energy * n)
    }

    /// Whether every exponent is even, so that a square root has a dimension.
    public var hasSquareRoot: Bool {
        [time, data, money, work, tokens, energy].allSatisfy { $0 % 2 == 0 }
    }

    /// A word a planner recognises: "time", "data", "a rate", ...; else the base-unit formula.
    public var description: String {
        switch self {
        case .none: return "a plain number"
        case .time: return "time"
        case .rate: return "a request rate"
        case .data: return "data"
        case .bandwidth: return "bandwidth"
        case .money: return "money"
        case .moneyRate: return "money per time"
        case .work: return "compute work (FLOP)"
        case .compute: return "compute (FLOP/s)"
        case .tokens: return "tokens"
        case .tokenRate: return "a token rate"
        case .energy: return "energy"
        case .power: return "power"
        case .energyPrice: return "an energy price"
        default: return baseFormula
        }
    }

    /// The dimension written in base units, e.g. `$·s^-1` or `B/s`.
    public var baseFormula: String {
        let parts: [(String, Int8)] = [("$", money), ("tok", tokens), ("FLOP", work), ("J", energy), ("B", data), ("s", time)]
        var numerator: [String] = []
        var denominator: [String] = []
        for (symbol, exponent) in parts where exponent != 0 {
            let magnitude = abs(Int(exponent))
            let term = magnitude == 1 ? symbol : "\(symbol)^\(magnitude)"
            if exponent > 0 { numerator.append(term) } else { denominator.append(term) }
        }
        if numerator.isEmpty && denominator.isEmpty { return "1" }
        let top = numerator.isEmpty ? "1" : numerator.joined(separator: "·")
        return denominator.isEmpty ? top : top + "/" + denominator.joined(separator: "·")
    }
}
