import CapPlan
import Foundation

// The keys of `catalog add`: the types they are made of and the builders the GPU keys
// (CatalogKeys+GPU.swift) and model keys (CatalogKeys+Model.swift) are declared with.

/// The source of every figure typed in a session.
enum UserFigures {
    static let source = Source(key: "user", title: "user (this session)", asOf: "session")

    static func sourced<V>(_ value: V, note: String? = nil) -> Sourced<V> { Sourced(value, source: source, note: note) }

    /// A value in the catalog's stored unit, rounded to 15 significant digits so that unit
    /// conversion noise (3.35e12 / 1e12 = 3.3500000000000005) never reaches a table or `save`.
    static func snap(_ x: Double) -> Double { Double(String(format: "%.15g", x)) ?? x }
}

/// One `catalog add` key of an entry type: how it is read, shown, compared and saved.
struct CatalogKey<Entry: Sendable>: Sendable {
    var spec: OptionSpec
    /// Whether the key is a figure (reset by replace=yes) rather than a name.
    var isFigure = true
    /// Sets the entry from a typed value; throws a message when the value is out of range.
    var apply: @Sendable (inout Entry, Value) throws -> Void
    /// The value as `save` writes it (`memory=80GB`), nil when the entry lacks it.
    var render: @Sendable (Entry) -> String?
    /// The value as a person reads it (`80 GB`), its raw JSON value and its provenance.
    var view: @Sendable (Entry) -> FigureView
    /// Whether two entries differ here (value, source or note).
    var differs: @Sendable (Entry, Entry) -> Bool
}

/// A figure for display: absent when `text` is nil.
struct FigureView: Sendable {
    var text: String?
    var raw: JSONValue
    var unit: String?
    var source: Source?
    var note: String?
    /// False for choices and names (link, kind, precision, display), which carry no source.
    var isSourced = true
}

struct CatalogKeyError: UserFacingError {
    var message: String
    var userHint: String?
}

enum CatalogKeys {
    typealias GPUKey = CatalogKey<Accelerator>
    typealias ModelKey = CatalogKey<ModelSpec>

    // MARK: Builders

    static func dash(_ s: Sourced<Double>, _ text: (Double) -> String, unit: String?) -> FigureView {
        FigureView(text: s.value.map(text), raw: .number(s.value), unit: unit, source: s.source, note: s.note)
    }

    /// A real-valued figure stored in `unit` (the catalog file's unit for that field).
    static func real<E: Sendable>(_ key: String, _ path: WritableKeyPath<E, Sourced<Double>> & Sendable, kind: ValueKind, unit: String,
                                  display: String? = nil, abstract: String, aliases: [String] = [], renderBare: Bool = false,
                                  allowZero: Bool = false, maximum: Double? = nil) -> CatalogKey<E> {
        let conversion = UnitTable.unit(unit)
        let shown = display ?? unit
        let isMoney = unit.hasPrefix("$")
        @Sendable func text(_ v: Double) -> String {
            isMoney ? NumberFormat.money(v) + unit.dropFirst() : NumberFormat.decimal(v) + (shown.isEmpty ? "" : " " + shown)
        }
        return CatalogKey(spec: OptionSpec(key, kind, abstract, aliases: aliases)) { entry, value in
            let q = value.quantity ?? Quantity(0)
            let v = UserFigures.snap(conversion.map { q.value / $0.factor } ?? q.value)
            let range = maximum.map { " from 0 to \(NumberFormat.decimal($0))" }
            guard v.isFinite, allowZero ? v >= 0 : v > 0, v <= (maximum ?? .infinity) else {
                throw CatalogKeyError(message: "\(key)= must be" + (range ?? " greater than zero") + "; got \(NumberFormat.decimal(v))", userHint: nil)
            }
            entry[keyPath: path] = UserFigures.sourced(v)
        } render: { entry in
            guard let v = entry[keyPath: path].value else { return nil }
            if renderBare || conversion == nil { return "\(key)=\(Quantity.shortest(v))" }
            if isMoney { return "\(key)=$\(Quantity.shortest(v))\(unit.dropFirst())" }
            // GiB typed as decimal gigabytes (memory=16GB is 14.90116… GiB) is written back as
            // typed, so `save` shows what the user wrote.
            if unit == "GiB" {
                let gb = v * 1_073_741_824 / 1e9
                let short = (gb * 1e6).rounded() / 1e6
                if Quantity.shortest(v).count > 8, abs(short - gb) <= 1e-9 * gb { return "\(key)=\(Quantity.shortest(short))GB" }
            }
            return "\(key)=\(Quantity.shortest(v))\(unit)"
        } view: { entry in
            dash(entry[keyPath: path], text, unit: shown.isEmpty ? nil : shown)
        } differs: { a, b in
            a[keyPath: path] != b[keyPath: path]
        }
    }

    static func data(_ impliedUnit: String?) -> ValueKind { .quantity(dimensions: [.data], impliedUnit: impliedUnit, context: .data) }
    static let bandwidth = ValueKind.quantity(dimensions: [.bandwidth], impliedUnit: nil, context: .count)
    static let compute = ValueKind.quantity(dimensions: [.compute], impliedUnit: "TFLOPS", context: .count)
    static let power = ValueKind.quantity(dimensions: [.power], impliedUnit: "W", context: .count)
    static let price = ValueKind.quantity(dimensions: [.moneyRate], impliedUnit: "$/h", context: .count)

    /// Text in quotes when it is not one name token, for `save`.
    static func quotedIfNeeded(_ s: String) -> String {
        if !s.isEmpty, s.unicodeScalars.allSatisfy(Lexer.isNameCharacter) { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func displayKey<E: Sendable>(_ names: WritableKeyPath<E, CatalogNames> & Sendable) -> CatalogKey<E> {
        CatalogKey(spec: OptionSpec("display", .text, "Display name (quote it if it has blanks: display=\"H100 NVL 94GB\")."),
                   isFigure: false) { entry, value in
            let text = value.name ?? ""
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw CatalogKeyError(message: "display= needs a name", userHint: nil) }
            entry[keyPath: names].display = text
        } render: { entry in
            let n = entry[keyPath: names]
            return n.display == n.id ? nil : "display=" + quotedIfNeeded(n.display)
        } view: { entry in
            let d = entry[keyPath: names].display
            return FigureView(text: d, raw: .string(d), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in
            a[keyPath: names].display != b[keyPath: names].display
        }
    }

    static func aliasesKey<E: Sendable>(_ names: WritableKeyPath<E, CatalogNames> & Sendable, kind: NameKind) -> CatalogKey<E> {
        CatalogKey(spec: OptionSpec("aliases", .list(.generic), "Other names that resolve to this entry (aliases=h100nvl,nvl)."),
                   isFigure: false) { entry, value in
            guard case .names(let list) = value else { return }
            entry[keyPath: names].aliases = list
        } render: { entry in
            let a = entry[keyPath: names].aliases
            return a.isEmpty ? nil : "aliases=" + a.joined(separator: ",")
        } view: { entry in
            let a = entry[keyPath: names].aliases
            return FigureView(text: a.joined(separator: ", "), raw: .array(a.map { .string($0) }), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in
            a[keyPath: names].aliases != b[keyPath: names].aliases
        }
    }
}
