import CapPlan

/// Reads one argument's text as a `Value` of a declared `ValueKind` (design.md "Grammar"): a
/// name-typed option takes one name token, a quantity-typed option takes an expression, a
/// list-typed option takes a comma list. Errors point into the value.
struct ValueReader {
    let session: Session

    func read(_ text: String, quoted: Bool, kind: ValueKind, key: String, span: Range<Int>) throws(LanguageError) -> Value {
        let what = "\(key)="
        switch kind {
        case let .quantity(dimensions, impliedUnit, context):
            let q = try evaluate(text, context: context, span: span)
            if q.isDimensionless, !dimensions.contains(.none), let impliedUnit,
               let unit = UnitTable.unit(impliedUnit, conventions: session.settings.conventions) {
                let scaled = Quantity(q.value * unit.factor, unit.dimension, unit: unit)
                guard scaled.value.isFinite else { throw LanguageError(.bind, "\(what) is too large", span: span) }
                return .quantity(scaled)
            }
            guard dimensions.contains(q.dimension) else {
                let expected = dimensions.map { "\($0)" }.joined(separator: " or ")
                throw LanguageError(.bind, "\(what) expects \(expected), got \(q.dimension)",
                                    hint: Self.exampleHint(dimensions), span: span)
            }
            return .quantity(q)
        case .count:
            let q = try evaluate(text, context: .count, span: span)
            guard q.isDimensionless else {
                throw LanguageError(.bind, "\(what) expects a plain whole number, got \(q.dimension)", span: span)
            }
            guard q.value >= 0, q.value == q.value.rounded(), q.value < 1e15 else {
                throw LanguageError(.bind, "\(what) expects a whole number of at least 0, got \(NumberFormat.decimal(q.value))", span: span)
            }
            return .quantity(q)
        case .counts:
            var counts: [Int] = []
            var offset = span.lowerBound
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                let itemSpan = offset..<(offset + item.count)
                offset += item.count + 1
                let q = try evaluate(String(item), context: .count, span: itemSpan)
                guard q.isDimensionless, q.value >= 1, q.value <= 1_000_000, q.value == q.value.rounded() else {
                    throw LanguageError(.bind, "\(what) expects whole numbers from 1 to 1,000,000 separated by commas; got '\(item)'",
                                        hint: "e.g. \(key)=1,8,32,64", span: itemSpan)
                }
                counts.append(Int(q.value))
            }
            guard counts.count <= 64 else {
                throw LanguageError(.bind, "\(what) takes at most 64 values; got \(counts.count)", span: span)
            }
            return .counts(counts)
        case .number, .share:
            let q = try evaluate(text, context: .count, span: span)
            guard q.isDimensionless else {
                let example = kind == .share ? "30% or 0.3" : "a plain number such as 2.5"
                throw LanguageError(.bind, "\(what) expects a plain number, got \(q.dimension)", hint: "write \(example)", span: span)
            }
            return .quantity(q)
        case .percentile:
            return .quantity(Quantity(try Self.percentile(text, key: key, span: span)))
        case .name:
            guard !text.isEmpty else { throw LanguageError(.bind, "\(what) needs a name", span: span) }
            if !quoted, let bad = text.unicodeScalars.first(where: { !Lexer.isNameCharacter($0) }) {
                throw LanguageError(.bind, "'\(bad)' cannot appear in a name", hint: "names use letters, digits, '-', '.' and '_'; quote other names", span: span)
            }
            return .name(text)
        case .list:
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
                throw LanguageError(.bind, "\(what) expects a comma list without empty items", hint: "e.g. \(key)=a,b,c", span: span)
            }
            return .names(items)
        case .choice(let words):
            if let match = words.first(where: { $0.lowercased() == text.lowercased() }) { return .name(match) }
            throw LanguageError(.bind, "\(what) must be one of \(words.joined(separator: ", ")); got '\(text)'",
                                hint: Suggestions.hint(for: text, in: words), span: span)
        case .flag:
            switch text.lowercased() {
            case "yes", "on", "true", "1": return .flag(true)
            case "no", "off", "false", "0": return .flag(false)
            default:
                throw LanguageError(.bind, "\(what) must be yes or no; got '\(text)'", span: span)
            }
        case .path:
            guard !text.isEmpty else { throw LanguageError(.bind, "\(what) needs a file path", span: span) }
            return .path(text)
        case .text:
            return .text(text)
        }
    }

    /// Parses and evaluates an expression written inside a word, with carets into the word.
    func evaluate(_ text: String, context: NumberContext, span: Range<Int>) throws(LanguageError) -> Quantity {
        try Evaluator.evaluate(text, context: context, in: session, offset: span.lowerBound)
    }

    /// `p99` → 0.99, `p99.9` → 0.999, `99%` → 0.99, `0.99` → 0.99.
    static func percentile(_ text: String, key: String, span: Range<Int>) throws(LanguageError) -> Double {
        var value: Double?
        if text.hasPrefix("p") || text.hasPrefix("P"), let n = Double(text.dropFirst()) {
            value = n / 100
        } else if text.hasSuffix("%"), let n = Double(text.dropLast()) {
            value = n / 100
        } else if let n = Double(text) {
            value = n
        }
        guard let v = value, v > 0, v < 1 else {
            throw LanguageError(.bind, "\(key)= expects a percentile such as p99, 99% or 0.99; got '\(text)'", span: span)
        }
        return v
    }

    static func exampleHint(_ dimensions: [Dimension]) -> String? {
        let examples: [String] = dimensions.compactMap {
            switch $0 {
            case .rate: return "10rps or 3.6Mrph"
            case .time: return "500ms or 2s"
            case .data: return "16GB"
            case .moneyRate: return "$2.10/h"
            case .money: return "$250k"
            case .tokenRate: return "5000tok/s or 300ktpm"
            case .bandwidth: return "3.35TB/s"
            case .compute: return "989TFLOPS"
            case .power: return "700W"
            case .work: return "2TFLOP"
            default: return nil
            }
        }
        return examples.isEmpty ? nil : "e.g. " + examples.joined(separator: ", or ")
    }
}
