import CapPlan
import Testing
@testable import CapShell

/// QuantityLiteral: strict SI suffixes, binary prefixes only before bytes, `%`, `x`, and what a
/// bare `B` means in each context.
struct QuantityLiteralTests {
    struct LiteralCase: Sendable, CustomTestStringConvertible {
        var number: Double
        var tail: String
        var context: NumberContext
        var money = false
        var value: Double
        var dimension: Dimension
        var testDescription: String { "\(money ? "$" : "")\(number)\(tail) (\(context))" }
    }

    static func ok(_ number: Double, _ tail: String, _ value: Double, _ dimension: Dimension = .none, in context: NumberContext = .expression, money: Bool = false) -> LiteralCase {
        LiteralCase(number: number, tail: tail, context: context, money: money, value: value, dimension: dimension)
    }

    static func resolve(_ number: Double, _ tail: String, _ context: NumberContext = .expression, money: Bool = false,
                        conventions: UnitConventions = .standard) throws(LanguageError) -> Quantity {
        try QuantityLiteral.resolve(number, tail: tail, money: money, context: context, conventions: conventions, span: 0..<5)
    }

    @Test(arguments: [
        ok(10, "k", 10_000), ok(3.6, "M", 3_600_000), ok(2, "G", 2e9), ok(1, "T", 1e12),
        ok(30, "%", 0.3), ok(2.5, "x", 2.5), ok(2e6, "", 2e6),
        ok(3.6, "Mrph", 1_000, .rate), ok(10, "krps", 10_000, .rate), ok(2, "Grps", 2e9, .rate),
        ok(80, "GB", 8e10, .data), ok(10, "kB", 1e4, .data), ok(10, "KB", 1e4, .data),
        ok(1, "KiB", 1_024, .data), ok(1, "MiB", 1_048_576, .data), ok(2, "GiB", 2_147_483_648, .data), ok(1, "TiB", 1_099_511_627_776, .data),
        ok(3.35, "TB/s", 3.35e12, .bandwidth), ok(989, "TFLOPS", 989e12, .compute), ok(700, "W", 700, .power),
        ok(200, "ms", 0.2, .time), ok(6, "mo", 6 * 730 * 3_600, .time), ok(1, "yr", 31_536_000, .time),
        // B: billion where a count is expected, bytes where data is.
        ok(70, "B", 7e10, in: .count), ok(1.5, "kB", 1_500, .data, in: .count), ok(70, "B", 70, .data, in: .data), ok(70, "GB", 7e10, .data, in: .count),
        ok(4.5, "", 4.5, .money, money: true), ok(250, "k", 250_000, .money, money: true),
        ok(4.5, "/h", 4.5 / 3_600, .moneyRate, money: true), ok(2, "M/mo", 2e6 / (730 * 3_600), .moneyRate, money: true),
    ])
    func literalsResolveToTheirValueInBaseUnits(_ c: LiteralCase) throws {
        let q = try Self.resolve(c.number, c.tail, c.context, money: c.money)
        #expect(q.dimension == c.dimension)
        #expect(abs(q.value - c.value) <= 1e-12 * abs(c.value))
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var id: String
        var number: Double
        var tail: String
        var context: NumberContext = .expression
        var money = false
        var message: String
        var hint: String
        var testDescription: String { id }
    }

    @Test(arguments: [
        ErrorCase(id: "upper-case K is not the thousands suffix", number: 10, tail: "K",
                  message: "unknown unit or suffix 'K'", hint: "did you mean 'k'?"),
        ErrorCase(id: "Ki without bytes", number: 10, tail: "Ki",
                  message: "binary prefix 'Ki' needs a byte unit", hint: "write KiB, or k for a decimal multiple"),
        ErrorCase(id: "Mi without bytes", number: 10, tail: "Mi",
                  message: "binary prefix 'Mi' needs a byte unit", hint: "write MiB, or M for a decimal multiple"),
        ErrorCase(id: "Gi before a rate", number: 1, tail: "Girps",
                  message: "binary prefix 'Gi' needs a byte unit", hint: "write GiB, or G for a decimal multiple"),
        ErrorCase(id: "Ti before watts", number: 1, tail: "TiW",
                  message: "binary prefix 'Ti' needs a byte unit", hint: "write TiB, or T for a decimal multiple"),
        ErrorCase(id: "bare B in an expression asks which is meant", number: 70, tail: "B",
                  message: "'70B' is ambiguous: billion or bytes?", hint: "write 70G for 70 billion, or 70 bytes for data"),
        ErrorCase(id: "units are case-sensitive", number: 3, tail: "mb",
                  message: "unknown unit or suffix 'mb'", hint: "did you mean 'MB'?"),
        ErrorCase(id: "lower-case m is not mega", number: 3, tail: "mrps",
                  message: "unknown unit or suffix 'mrps'", hint: "did you mean 'rps'?"),
        ErrorCase(id: "unknown money unit", number: 5, tail: "/xyz", money: true,
                  message: "unknown money unit '$/xyz'", hint: "use $, $/h, $/mo, $/yr or $/kWh"),
    ])
    func ambiguousOrUnknownTailsAreErrorsWithAHint(_ c: ErrorCase) {
        do {
            let q = try Self.resolve(c.number, c.tail, c.context, money: c.money)
            Issue.record("accepted as \(q)")
        } catch {
            #expect(error.message == c.message)
            #expect(error.hint == c.hint)
            #expect(error.span == 0..<5)
        }
    }

    @Test func suffixesAreDecimalAndCaseSensitive() throws {
        #expect(try Self.resolve(1, "k").value == 1_000)
        #expect(try Self.resolve(1, "M").value == 1_000_000)
        for tail in ["K", "m", "g", "t"] {
            #expect(throws: LanguageError.self, "\(tail)") { try Self.resolve(1, tail) }
        }
    }

    @Test func bareBMeansBillionForCountsBytesForDataAndIsAnErrorInExpressions() throws {
        #expect(try Self.resolve(70, "B", .count) == Quantity(7e10))
        let bytes = try Self.resolve(70, "B", .data)
        #expect(bytes.dimension == .data && bytes.value == 70)
        #expect(throws: LanguageError.self) { try Self.resolve(70, "B", .expression) }
    }

    @Test func aSuffixThatOverflowsIsAnErrorNotInfinity() {
        #expect(throws: LanguageError.self) { try Self.resolve(1e300, "T") }
        #expect(throws: LanguageError.self) { try Self.resolve(1e300, "B", .count) }
        #expect(throws: LanguageError.self) { try Self.resolve(1e306, "k", money: true) }
    }

    @Test func theMonthOfAPriceFollowsTheSessionsConvention() throws {
        let thirtyDays = UnitConventions(monthSeconds: 720 * 3_600)
        let q = try Self.resolve(3_240, "/mo", money: true, conventions: thirtyDays)
        // $3,240/mo over 720 h is $4.50/h.
        #expect(abs(q.value * 3_600 - 4.5) < 1e-12)
    }
}
