import CapPlan

/// `sla=p99<=0.5s`: the wait percentile p and the longest wait t allowed at it.
struct WaitTarget {
    var percentile: Double
    var maximumWait: Double
    /// `<=` or `<` as typed (both are read as ≤: the wait is a continuous distribution).
    var comparison: String
    /// The value as typed after `sla=`.
    var text: String

    var percentileName: String { NumberFormat.percentile(percentile) }
    var waitText: String { QueueCommands.seconds(maximumWait, digits: 6) }
    var description: String { "\(percentileName) wait \(comparison == "<" ? "<" : "≤") \(waitText)" }

    /// Parses `PERCENTILE OP TIME` (`p99<=0.5s`, `p95<500ms`, `99%<=2s`, `0.99<=2s`) or a bare
    /// `TIME` (percentile from the session). Errors point at the part that is wrong.
    static func parse(_ text: String, span: Range<Int>?, defaultPercentile: Double, reader: ValueReader) throws -> WaitTarget {
        // Scalars, like the rest of the language: columns count scalars, and no grapheme breaking.
        let chars = Array(text.unicodeScalars)
        let operators = Array("<>=≤≥!".unicodeScalars)
        let base = span?.lowerBound ?? 0
        func at(_ range: Range<Int>) -> Range<Int> { (base + range.lowerBound)..<(base + Swift.max(range.upperBound, range.lowerBound + 1)) }
        let example = "e.g. sla=p99<=0.5s, sla=p95<500ms or sla=99%<=2s"
        guard !chars.isEmpty else {
            throw LanguageError(.bind, "sla= needs a target: a percentile, <= and a time", hint: example, span: at(0..<1))
        }
        guard let opStart = chars.firstIndex(where: { operators.contains($0) }) else {
            // A bare time: the session's percentile.
            let wait = try time(chars, 0..<chars.count, at: at, reader: reader)
            return WaitTarget(percentile: defaultPercentile, maximumWait: wait, comparison: "<=", text: text)
        }
        var opEnd = opStart
        while opEnd < chars.count, operators.contains(chars[opEnd]) { opEnd += 1 }
        let op = String(scalars: chars[opStart..<opEnd])
        guard op == "<=" || op == "<" || op == "≤" else {
            throw LanguageError(.bind, "sla= bounds the wait from above; '\(op)' is not allowed here",
                                hint: "use '<=' (or '<'): \(example)", span: at(opStart..<opEnd))
        }
        var lhs = 0..<opStart
        while lhs.lowerBound < lhs.upperBound, chars[lhs.lowerBound] == " " { lhs = (lhs.lowerBound + 1)..<lhs.upperBound }
        while lhs.lowerBound < lhs.upperBound, chars[lhs.upperBound - 1] == " " { lhs = lhs.lowerBound..<(lhs.upperBound - 1) }
        guard !lhs.isEmpty else {
            throw LanguageError(.bind, "sla= needs a percentile before '\(op)'", hint: example, span: at(opStart..<opEnd))
        }
        let p: Double
        do {
            p = try ValueReader.percentile(String(scalars: chars[lhs]), key: "sla", span: at(lhs))
        } catch {
            throw LanguageError(.bind, "sla= expects a percentile before '\(op)' such as p99, 99% or 0.99; got '\(String(scalars: chars[lhs]))'",
                                hint: example, span: at(lhs))
        }
        guard opEnd < chars.count else {
            throw LanguageError(.bind, "sla= needs a time after '\(op)'", hint: example, span: at(opEnd..<(opEnd + 1)))
        }
        let wait = try time(chars, opEnd..<chars.count, at: at, reader: reader)
        if op == "<", wait == 0 {
            throw LanguageError(.bind, "no wait is shorter than 0 s", hint: "use p99<=0s to ask that at most 1% of requests wait at all", span: at(opEnd..<chars.count))
        }
        return WaitTarget(percentile: p, maximumWait: wait, comparison: op == "≤" ? "<=" : op, text: text)
    }

    private static func time(_ chars: [SourceChar], _ range: Range<Int>, at: (Range<Int>) -> Range<Int>,
                             reader: ValueReader) throws -> Double {
        let text = String(scalars: chars[range])
        let q = try reader.evaluate(text, context: .count, span: at(range))
        if q.isDimensionless {
            throw LanguageError(.bind, "the wait in sla= needs a unit; got the plain number \(NumberFormat.decimal(q.value))",
                                hint: "write 0.5s or 500ms", span: at(range))
        }
        guard q.dimension == .time else {
            throw LanguageError(.bind, "sla= compares the wait with a time; got \(q.dimension)", hint: "write 0.5s or 500ms", span: at(range))
        }
        guard q.value.isFinite, q.value >= 0 else {
            throw LanguageError(.bind, "the wait in sla= must be at least 0 s; got \(q.formatted())", hint: "write 0.5s or 500ms", span: at(range))
        }
        return q.value
    }
}
