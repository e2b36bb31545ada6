import CapPlan

/// What kind of value an option or positional takes. The parser reads a value by its kind
/// (design.md "Grammar"), `help` prints it, completion offers candidates from it.
public enum ValueKind: Sendable, Hashable {
    /// An expression of one of `dimensions`; a plain number takes `impliedUnit` (so `rps=10k` is
    /// 10,000 rps); `context` says what a bare `B` means.
    case quantity(dimensions: [Dimension], impliedUnit: String?, context: NumberContext)
    /// A plain whole number (`spares=2`); `B` means billion (`params=70B`).
    case count
    /// A comma list of whole numbers ≥ 1 (`concurrency=1,8,32`).
    case counts
    /// A plain real number (`weight=2`, `peak=2.5x`).
    case number
    /// A share: `30%` or `0.3`.
    case share
    /// A percentile: `p99`, `99%` or `0.99`.
    case percentile
    /// A name of something in the session or catalog.
    case name(NameKind)
    /// A comma list of names (`models=llama-3-8b,llama-3-70b`).
    case list(NameKind)
    /// One of fixed words.
    case choice([String])
    /// `yes`/`no`, `on`/`off`, `true`/`false`.
    case flag
    /// A file path (quote it if it has blanks).
    case path
    /// Free text (a whole expression, a setting value read by the setting's own kind).
    case text

    /// The placeholder `help` shows: `RATE`, `NAME`, `table|json|csv`.
    public var placeholder: String {
        switch self {
        case .quantity(let dimensions, let unit, _):
            if let unit { return "N[\(unit)]" }
            return dimensions.first.map { Self.placeholder(for: $0) } ?? "QUANTITY"
        case .count: return "N"
        case .counts: return "N,..."
        case .number: return "X"
        case .share: return "PCT"
        case .percentile: return "pNN"
        case .name(let kind): return kind.placeholder
        case .list(let kind): return kind.placeholder + ",..."
        case .choice(let words): return words.joined(separator: "|")
        case .flag: return "yes|no"
        case .path: return "FILE"
        case .text: return "VALUE"
        }
    }

    static func placeholder(for dimension: Dimension) -> String {
        switch dimension {
        case .time: return "TIME"
        case .rate: return "RATE"
        case .data: return "BYTES"
        case .money: return "$"
        case .moneyRate: return "$/h"
        case .tokenRate: return "tok/s"
        case .power: return "W"
        default: return "QUANTITY"
        }
    }
}

/// What a name refers to; completion offers the session's or catalog's names of that kind.
public enum NameKind: String, Sendable, Hashable {
    case workload, gpu, model, setting, command, table, variable, pricing, precision, generic

    var placeholder: String {
        switch self {
        case .workload: return "WORKLOAD"
        case .gpu: return "GPU"
        case .model: return "MODEL"
        case .setting: return "SETTING"
        case .command: return "COMMAND"
        case .table: return "TABLE"
        case .variable: return "NAME"
        case .pricing: return "PRICING"
        case .precision: return "PRECISION"
        case .generic: return "NAME"
        }
    }
}
