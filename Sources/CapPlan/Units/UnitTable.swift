/// Every unit spelling capplan accepts, and the units it prints by default.
///
/// Spellings are case-sensitive (`MB` is megabytes, `mb` is an error with a hint), because the
/// same letters mean different things in different cases (`Ms` vs `ms`). SI prefixes are
/// decimal (k = 1e3 ... P = 1e15); binary prefixes (Ki, Mi, Gi, Ti) exist only for bytes.
public enum UnitTable {
    /// The families `help units` lists the units under, in its order.
    public enum Family: String, CaseIterable, Sendable {
        case time, rates, tokens, data, compute, power, money
    }

    /// One unit: the spellings that read as it, the symbol it prints as, its dimension and its
    /// size in base units (second, byte, FLOP, token, joule, US dollar; requests are counts).
    public struct Entry: Sendable {
        public let family: Family
        public let spellings: [String]
        public let symbol: String
        public let dimension: Dimension
        public let factor: Double
    }

    /// Every unit whose meaning depends on no convention, by family, smallest first: what the
    /// lexer reads (through `fixed`) and what `help units` lists.
    public static let entries: [Entry] = {
        var entries: [Entry] = []
        func add(_ family: Family, _ spellings: [String], _ symbol: String, _ dimension: Dimension, _ factor: Double) {
            entries.append(Entry(family: family, spellings: spellings, symbol: symbol, dimension: dimension, factor: factor))
        }
        add(.time, ["ns"], "ns", .time, 1e-9)
        add(.time, ["us", "µs"], "µs", .time, 1e-6)
        add(.time, ["ms"], "ms", .time, 1e-3)
        add(.time, ["s", "sec", "second", "seconds"], "s", .time, 1)
        add(.time, ["min", "minute", "minutes"], "min", .time, 60)
        add(.time, ["h", "hr", "hour", "hours"], "h", .time, 3600)
        add(.time, ["d", "day", "days"], "d", .time, 86_400)
        add(.time, ["wk", "week", "weeks"], "wk", .time, 7 * 86_400)
        add(.time, ["yr", "year", "years"], "yr", .time, 365 * 86_400)
        // Request rates (requests are counts, so a request rate has dimension 1/time).
        add(.rates, ["rps", "qps"], "rps", .rate, 1)
        add(.rates, ["rpm"], "rpm", .rate, 1.0 / 60)
        add(.rates, ["rph"], "rph", .rate, 1.0 / 3600)
        add(.rates, ["rpd"], "rpd", .rate, 1.0 / 86_400)
        add(.rates, ["Hz"], "Hz", .rate, 1)
        add(.tokens, ["tok", "token", "tokens"], "tok", .tokens, 1)
        add(.tokens, ["tpm"], "tpm", .tokenRate, 1.0 / 60)
        // Data, decimal and binary.
        add(.data, ["B", "byte", "bytes"], "B", .data, 1)
        add(.data, ["KB", "kB"], "KB", .data, 1e3)
        add(.data, ["MB"], "MB", .data, 1e6)
        add(.data, ["GB"], "GB", .data, 1e9)
        add(.data, ["TB"], "TB", .data, 1e12)
        add(.data, ["PB"], "PB", .data, 1e15)
        add(.data, ["KiB"], "KiB", .data, 1024)
        add(.data, ["MiB"], "MiB", .data, 1_048_576)
        add(.data, ["GiB"], "GiB", .data, 1_073_741_824)
        add(.data, ["TiB"], "TiB", .data, 1_099_511_627_776)
        // Compute work and compute rate (dense FLOP; one multiply-add = 2 FLOP).
        add(.compute, ["FLOP"], "FLOP", .work, 1)
        add(.compute, ["GFLOP"], "GFLOP", .work, 1e9)
        add(.compute, ["TFLOP"], "TFLOP", .work, 1e12)
        add(.compute, ["PFLOP"], "PFLOP", .work, 1e15)
        add(.compute, ["EFLOP"], "EFLOP", .work, 1e18)
        add(.compute, ["FLOPS"], "FLOPS", .compute, 1)
        add(.compute, ["GFLOPS"], "GFLOPS", .compute, 1e9)
        add(.compute, ["TFLOPS"], "TFLOPS", .compute, 1e12)
        add(.compute, ["PFLOPS"], "PFLOPS", .compute, 1e15)
        // Power and energy.
        add(.power, ["W"], "W", .power, 1)
        add(.power, ["kW"], "kW", .power, 1e3)
        add(.power, ["MW"], "MW", .power, 1e6)
        add(.power, ["J"], "J", .energy, 1)
        add(.power, ["kJ"], "kJ", .energy, 1e3)
        add(.power, ["Wh"], "Wh", .energy, 3600)
        add(.power, ["kWh"], "kWh", .energy, 3.6e6)
        add(.power, ["MWh"], "MWh", .energy, 3.6e9)
        // Money. Currency is never converted; USD is the only currency.
        add(.money, ["$", "USD"], "$", .money, 1)
        return entries
    }()

    /// The month, whose length is a session convention (`set month`): a time unit of its own.
    public static let monthSpellings = ["mo", "month", "months"]

    /// `entries` by spelling.
    static let fixed: [String: Unit] = {
        var table: [String: Unit] = [:]
        for entry in entries {
            let unit = Unit(symbol: entry.symbol, dimension: entry.dimension, factor: entry.factor)
            for spelling in entry.spellings { table[spelling] = unit }
        }
        return table
    }()

    /// Looks up one unit spelling (no `/`), applying the session's conventions.
    public static func atom(_ spelling: String, conventions: UnitConventions = .standard) -> Unit? {
        if monthSpellings.contains(spelling) {
            return Unit(symbol: "mo", dimension: .time, factor: conventions.monthSeconds)
        }
        return fixed[spelling]
    }

    /// Looks up a unit spelling with optional `/` parts: `TB/s`, `$/h`, `tok/s`, `$/kWh`.
    public static func unit(_ spelling: String, conventions: UnitConventions = .standard) -> Unit? {
        // Most spellings are one atom: look them up without splitting (a hot path of replay).
        if !spelling.utf8.contains(UInt8(ascii: "/")) { return atom(spelling, conventions: conventions) }
        let parts = spelling.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, var result = atom(first, conventions: conventions) else { return nil }
        for part in parts.dropFirst() {
            guard let next = atom(part, conventions: conventions) else { return nil }
            result = result.per(next)
        }
        return result
    }

    /// Every accepted single spelling, for completion and "did you mean".
    public static var spellings: [String] {
        (Array(fixed.keys) + monthSpellings).sorted()
    }
}
