import Testing
@testable import CapPlan

/// Quantity+Description: how quantities print, and the exact text `save` writes.
struct QuantityDescriptionTests {
    struct PrintCase: Sendable, CustomTestStringConvertible {
        var quantity: Quantity
        var expected: String
        var testDescription: String { expected }
        init(_ quantity: Quantity, _ expected: String) {
            self.quantity = quantity
            self.expected = expected
        }
    }

    static func q(_ amount: Double, _ unit: String) -> Quantity { Quantity(amount, unit: UnitTable.unit(unit)!) }

    @Test(arguments: [
        PrintCase(q(12_000, "rps"), "12,000 rps"),
        PrintCase(q(80, "GB"), "80 GB"),
        PrintCase(q(4.5, "$/h"), "$4.50/h"),
        PrintCase(q(4_800, "$/mo"), "$4,800/mo"),
        PrintCase(q(0.00042, "$"), "$0.00042"),
        PrintCase(Quantity(2_401), "2,401"),
        // Without a chosen unit, a readable one by magnitude.
        PrintCase(Quantity(0.25, .time), "250 ms"),
        PrintCase(Quantity(90, .time), "90 s"),
        PrintCase(Quantity(8e10, .data), "80 GB"),
        PrintCase(Quantity(3.35e12, .bandwidth), "3.35 TB/s"),
        PrintCase(Quantity(700, .power), "700 W"),
        PrintCase(Quantity(1_000, .rate), "1,000 rps"),
        PrintCase(Quantity(-12, .money), "-$12.00"),
        PrintCase(Quantity(4e18, Dimension(data: 2)), "4e18 B^2"),
    ])
    func quantitiesPrintWithTheirUnit(_ c: PrintCase) {
        #expect(c.quantity.formatted() == c.expected)
    }

    @Test(arguments: [
        PrintCase(q(12_000, "rps"), "12000rps"),
        PrintCase(q(4.5, "$/h"), "$4.5/h"),
        PrintCase(Quantity(-4.5, .money), "-$4.5"),
        PrintCase(q(1.0 / 3, "rps"), "0.3333333333333333rps"),
        PrintCase(Quantity(2_400), "2400"),
    ])
    func sourceTextIsExactAndReReadable(_ c: PrintCase) {
        #expect(c.quantity.sourceText == c.expected)
    }

    @Test func shortestKeepsEveryBitOfTheValue() {
        for x in [0.1, 1.0 / 3, 1e-5, 123_456.789, 1e300, -2.5e-7, 36_000_000.0 / 3_600] {
            #expect(Double(Quantity.shortest(x)) == x, "\(x)")
        }
    }
}
