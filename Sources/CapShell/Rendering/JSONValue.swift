import CapPlan

/// A JSON document with keys in a fixed order, so output is the same bytes on every run.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// A number, or null when the value is absent or not finite (JSON has no NaN).
    public static func number(_ x: Double?) -> JSONValue {
        guard let x, x.isFinite else { return .null }
        return .number(x)
    }

    public static func string(_ s: String?) -> JSONValue {
        guard let s else { return .null }
        return .string(s)
    }

    /// One line of compact JSON.
    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONValue.numberText(x)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Integers print without a fraction; others with up to 12 significant digits (deterministic,
    /// and free of float noise like 0.30000000000000004).
    static func numberText(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        // Plain decimals (12 significant digits) in the usual range, else scientific notation.
        guard abs(x) >= 1e-6 && abs(x) < 1e15 else { return NumberFormat.scientific(x, significantDigits: 12) }
        let exponent = abs(x).exponentBase10Value
        let decimals = Swift.max(0, 11 - exponent)
        return NumberFormat.fixed(x, decimals: Swift.min(decimals, 17), trimZeros: true)
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        // Most strings (keys, names, numbers as text) need no escaping: append them whole.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
