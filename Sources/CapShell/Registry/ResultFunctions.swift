import CapPlan

/// `result(KEY)`: a number from the last result's JSON document (docs/json.md), so `assert` can
/// check any command's output — `assert result(feasible) == 1`, `assert result(total_cost) <= $2M`.
///
/// One mechanism for every command: the key is the JSON key (a dotted path reaches into objects,
/// `baselines.static_peak.cost`). The unit follows the key naming rule of docs/json.md: money for
/// keys that name a cost, budget or price, ms for `_ms`, s for `_s`, rps for `_rps`; true and
/// false are 1 and 0; anything else is a plain number.
enum ResultFunctions {
    static let all: [FunctionSpec] = [result]

    static let result = FunctionSpec(
        "result", [.name("key", .generic)],
        abstract: "A number from the last result's JSON (dotted path for nested keys): result(total_cost), result(feasible)."
    ) { call in
        let key = call.names[0]
        guard let json = call.session.lastResultJSON else {
            throw LanguageError(.evaluate, "there is no result yet to read '\(key)' from",
                                hint: "run a command first, e.g. 'optimize budget 2e6', then 'assert result(feasible) == 1'", span: call.span)
        }
        var value = json
        for part in key.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            guard case .object(let fields) = value, let next = fields.first(where: { $0.0 == part })?.1 else {
                let keys: [String] = if case .object(let fields) = value { fields.map(\.0) } else { [] }
                throw LanguageError(.evaluate, "the last result has no key '\(key)'",
                                    hint: keys.isEmpty ? "'\(part)' is not an object" : "keys: " + keys.joined(separator: ", "),
                                    span: call.argumentSpans.first ?? call.span)
            }
            value = next
        }
        switch value {
        case .bool(let b):
            return Quantity(b ? 1 : 0)
        case .number(let x):
            return quantity(x, key: String(key.split(separator: ".").last ?? Substring(key)))
        case .null:
            throw LanguageError(.evaluate, "the last result's '\(key)' is null (no value)",
                                hint: "docs/json.md says when a key is null", span: call.argumentSpans.first ?? call.span)
        default:
            throw LanguageError(.evaluate, "the last result's '\(key)' is not a number",
                                hint: "result() reads numbers and true/false", span: call.argumentSpans.first ?? call.span)
        }
    }

    static func quantity(_ x: Double, key: String) -> Quantity {
        if key.contains("cost") || key.contains("budget") || key.contains("price") {
            return Quantity(x, .money, unit: UnitTable.unit("$"))
        }
        if key.hasSuffix("_ms") { return Quantity(x / 1000, .time, unit: UnitTable.unit("ms")) }
        if key.hasSuffix("_s") { return Quantity(x, .time, unit: UnitTable.unit("s")) }
        if key.hasSuffix("_rps") { return Quantity(x, .rate, unit: UnitTable.unit("rps")) }
        return Quantity(x)
    }
}
