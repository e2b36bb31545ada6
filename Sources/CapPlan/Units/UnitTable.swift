/// Every unit spelling capplan accepts, and the units it prints by default.
///
/// Spellings are case-sensitive (`MB` is megabytes, `mb` is an error with a hint), because the
/// same letters mean different things in different cases (`Ms` vs `ms`). SI prefixes are
/// decimal (k = 1e3 ... P = 1e15); binary prefixes (Ki, Mi, Gi, Ti) exist only for bytes.
public enum UnitTable {
    /// Units whose meaning depends on no convention.
    static let fixed: [String: Unit] = {
        var table: [String: Unit] = [:]
        func add(_ spellings: [String], _ symbol: String, _ dimension: Dimension, _ factor: Double) {
            let unit = Unit(symbol: symbol, dimension: dimension, factor: factor)
            for spelling in spellings { table[spelling] = unit }
        }
        // Time.
        add(["ns"], "ns", .time, 1e-9)
        add(["us", "µs"], "µs", .time, 1e-6)
        add(["ms"], "ms", .time, 1e-3)
        add(["s", "sec", "second", "seconds"], "s", .time, 1)
        add(["min", "minute", "minutes"], "min", .time, 60)
        add(["h", "hr", "hour", "hours"], "h", .time, 3600)
        add(["d", "day", "days"], "d", .time, 86_400)
        add(["wk", "week", "weeks"], "wk", .time, 7 * 86_400)
        add(["yr", "year", "years"], "yr", .time, 365 * 86_400)
        // Request rates (requests are counts, so a request rate has dimension 1/time).
        add(["rps", "qps"], "rps", .rate, 1)
        add(["rpm"], "rpm", .rate, 1.0 / 60)
        add(["rph"], "rph", .rate, 1.0 / 3600)
        add(["rpd"], "rpd", .rate, 1.0 / 86_400)
        add(["Hz"], "Hz", .rate, 1)
        // Tokens.
        add(["tok", "token", "tokens"], "tok", .tokens, 1)
        add(["tpm"], "tpm", .tokenRate, 1.0 / 60)
        // Data, decimal and binary.
        add(["B", "byte", "bytes"], "B", .data, 1)
        add(["KB", "kB"], "KB", .data, 1e3)
        add(["MB"], "MB", .data, 1e6)
        add(["GB"], "GB", .data, 1e9)
        add(["TB"], "TB", .data, 1e12)
        add(["PB"], "PB", .data, 1e15)
        add(["KiB"], "KiB", .data, 1024)
        add(["MiB"], "MiB", .data, 1_048_576)
        add(["GiB"], "GiB", .data, 1_073_741_824)
        add(["TiB"], "TiB", .data, 1_099_511_627_776)
        // Compute work and compute rate (dense FLOP; one multiply-add = 2 FLOP).
        add(["FLOP"], "FLOP", .work, 1)
        add(["GFLOP"], "GFLOP", .work, 1e9)
        add(["TFLOP"], "TFLOP", .work, 1e12)
        add(["PFLOP"], "PFLOP", .work, 1e15)
        add(["EFLOP"], "EFLOP", .work, 1e18)
        add(["FLOPS"], "FLOPS", .compute, 1)
        add(["GFLOPS"], "GFLOPS", .compute, 1e9)
        add(["TFLOPS"], "TFLOPS", .compute, 1e12)
        add(["PFLOPS"], "PFLOPS", .compute, 1e15)
        // Power and energy.
        add(["W"], "W", .power, 1)
        add(["kW"], "kW", .power, 1e3)
        add(["MW"], "MW", .power, 1e6)
        add(["J"], "J", .energy, 1)
        add(["kJ"], "kJ", .energy, 1e3)
        add(["Wh"], "Wh", .energy, 3600)
        add(["kWh"], "kWh", .energy, 3.6e6)
        add(["MWh"], "MWh", .energy, 3.6e9)
        // Money. Currency is never converted; USD is the only currency.
        add(["$", "USD"], "$", .money, 1)
        return table
    }()

    /// Looks up one unit spelling (no `/`), applying the session's conventions.
    public static func atom(_ spelling: String, conventions: UnitConventions = .standard) -> Unit? {
        switch spelling {
        case "mo", "month", "months":
            return Unit(symbol: "mo", dimension: .time, factor: conventions.monthSeconds)
        default:
            return fixed[spelling]
        }
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
        (Array(fixed.keys) + ["mo", "month", "months"]).sorted()
    }
}
