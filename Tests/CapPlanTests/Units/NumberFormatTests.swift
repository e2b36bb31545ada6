import Testing
@testable import CapPlan

/// NumberFormat: thousands separators, six significant digits, money rules (design.md
/// "Defaults" and "Output").
struct NumberFormatTests {
    struct FormatCase: Sendable, CustomTestStringConvertible {
        var value: Double
        var expected: String
        var testDescription: String { "\(value) → \(expected)" }
        init(_ value: Double, _ expected: String) {
            self.value = value
            self.expected = expected
        }
    }

    @Test(arguments: [
        FormatCase(0, "0"),
        FormatCase(-0.0, "0"),
        FormatCase(11, "11"),
        FormatCase(12_000, "12,000"),
        FormatCase(1_234_567, "1,234,567"),
        FormatCase(-1_234.5, "-1,234.5"),
        FormatCase(2_000_000, "2,000,000"),
        // 80 GB / 3.35 TB/s = 23.880597... ms: six significant digits.
        FormatCase(23.880597014925375, "23.8806"),
        FormatCase(1.0 / 3, "0.333333"),
        FormatCase(1000.0 / 3, "333.333"),
        FormatCase(2.0 / 3, "0.666667"),
        FormatCase(0.7, "0.7"),
        FormatCase(1.5, "1.5"),
        FormatCase(0.000123456, "0.000123456"),
        // Scientific only outside [1e-4, 1e15).
        FormatCase(0.0000123, "1.23e-5"),
        FormatCase(1e15, "1e15"),
        FormatCase(1e20, "1e20"),
        FormatCase(-2.5e-7, "-2.5e-7"),
        // 11.000000000000002 (100 × 1.1 / 10 in binary) prints 11.
        FormatCase(100 * 1.1 / 10, "11"),
    ])
    func decimalsUseSeparatorsAndSixSignificantDigits(_ c: FormatCase) {
        #expect(NumberFormat.decimal(c.value) == c.expected)
    }

    @Test(arguments: [
        FormatCase(4.5, "$4.50"),
        FormatCase(4_800, "$4,800"),
        FormatCase(3_285, "$3,285"),
        FormatCase(0.00042, "$0.00042"),
        FormatCase(0.01, "$0.01"),
        FormatCase(0, "$0.00"),
        FormatCase(999.99, "$999.99"),
        // Rounds to cents as 1000.00: that is whole dollars, with a separator.
        FormatCase(999.999, "$1,000"),
        FormatCase(1_234.5, "$1,235"),
        FormatCase(-12, "-$12.00"),
        FormatCase(-4_800, "-$4,800"),
        FormatCase(-0.001, "-$0.001"),
        // Never "-$0.00".
        FormatCase(-0.0, "$0.00"),
        FormatCase(1e15, "$1e15"),
    ])
    func moneyHasCentsBelowAThousandWholeDollarsAboveAndNeverMinusZero(_ c: FormatCase) {
        #expect(NumberFormat.money(c.value) == c.expected)
    }

    @Test(arguments: [-1e-300, -1e-9, -0.0004, -0.004, -0.005, -0.009999, -0.0099999999])
    func moneyNeverPrintsMinusZeroForTinyNegatives(_ x: Double) {
        // A negative amount under a cent keeps two significant digits, so it never rounds to
        // "-$0.00" (and never loses its sign to print as a positive amount).
        let text = NumberFormat.money(x)
        #expect(text != "-$0.00", "\(x)")
        if abs(x) >= 1e-12 {
            #expect(text.hasPrefix("-$") && text.contains { ("1"..."9").contains($0) }, "\(x): \(text)")
        }
    }

    @Test(arguments: [
        FormatCase(2_401, "2,401"),
        FormatCase(2_400.6, "2,401"),
        FormatCase(-1_234, "-1,234"),
        FormatCase(0, "0"),
    ])
    func integersRoundAndGroup(_ c: FormatCase) {
        #expect(NumberFormat.integer(c.value) == c.expected)
    }

    @Test func percentHasAtMostOneDecimal() {
        #expect(NumberFormat.percent(0.8333) == "83.3%")
        #expect(NumberFormat.percent(0.3) == "30%")
    }

    @Test func fixedPointKeepsDecimalsAndGroups() {
        #expect(NumberFormat.fixedPoint(1_234.5, decimals: 2) == "1,234.50")
        #expect(NumberFormat.fixedPoint(-0.001, decimals: 2) == "0.00")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteValuesNeverPrintNaNOrInf(_ x: Double) {
        for text in [NumberFormat.decimal(x), NumberFormat.integer(x), NumberFormat.money(x),
                     NumberFormat.percent(x), NumberFormat.fixedPoint(x, decimals: 2)] {
            #expect(text == "n/a")
        }
    }

    @Test func groupingInsertsACommaEveryThreeDigitsOfTheIntegerPart() {
        #expect(NumberFormat.grouped("1234567.1234") == "1,234,567.1234")
        #expect(NumberFormat.grouped("-123") == "-123")
        #expect(NumberFormat.grouped("123456") == "123,456")
    }
}
