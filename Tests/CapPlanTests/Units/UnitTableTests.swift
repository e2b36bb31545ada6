import Testing
@testable import CapPlan

/// UnitTable: case-sensitive spellings, decimal SI prefixes, binary prefixes only for bytes,
/// and the session's month.
struct UnitTableTests {
    struct UnitCase: Sendable, CustomTestStringConvertible {
        var spelling: String
        var factor: Double
        var dimension: Dimension
        var testDescription: String { spelling }
        init(_ spelling: String, _ factor: Double, _ dimension: Dimension) {
            self.spelling = spelling
            self.factor = factor
            self.dimension = dimension
        }
    }

    @Test(arguments: [
        UnitCase("ms", 1e-3, .time), UnitCase("s", 1, .time), UnitCase("min", 60, .time), UnitCase("h", 3_600, .time),
        UnitCase("d", 86_400, .time), UnitCase("wk", 604_800, .time), UnitCase("yr", 31_536_000, .time),
        UnitCase("mo", 730 * 3_600, .time),
        UnitCase("rps", 1, .rate), UnitCase("rpm", 1.0 / 60, .rate), UnitCase("rph", 1.0 / 3_600, .rate), UnitCase("rpd", 1.0 / 86_400, .rate),
        UnitCase("tok/s", 1, .tokenRate), UnitCase("tpm", 1.0 / 60, .tokenRate),
        UnitCase("B", 1, .data), UnitCase("KB", 1e3, .data), UnitCase("MB", 1e6, .data), UnitCase("GB", 1e9, .data), UnitCase("TB", 1e12, .data),
        UnitCase("KiB", 1_024, .data), UnitCase("MiB", 1_048_576, .data), UnitCase("GiB", 1_073_741_824, .data), UnitCase("TiB", 1_099_511_627_776, .data),
        UnitCase("GB/s", 1e9, .bandwidth), UnitCase("TB/s", 1e12, .bandwidth),
        UnitCase("TFLOPS", 1e12, .compute), UnitCase("W", 1, .power), UnitCase("kW", 1e3, .power),
        UnitCase("$", 1, .money), UnitCase("$/h", 1.0 / 3_600, .moneyRate), UnitCase("$/mo", 1.0 / (730 * 3_600), .moneyRate),
    ])
    func everyUnitOfTheIssueHasItsDimensionAndSize(_ c: UnitCase) throws {
        let unit = try #require(UnitTable.unit(c.spelling))
        #expect(unit.dimension == c.dimension)
        #expect(abs(unit.factor - c.factor) <= 1e-12 * c.factor)
    }

    @Test(arguments: ["mb", "gb", "Ms", "MS", "kb/S", "KIB", "Kib", "kiB", "Gi", "Ki", "GB/", "/s", "", "rps/", "foo/s"])
    func spellingsAreCaseSensitiveAndWholeOrNothing(_ spelling: String) {
        #expect(UnitTable.unit(spelling) == nil)
    }

    @Test func binaryPrefixesExistOnlyForBytes() {
        for prefix in ["Ki", "Mi", "Gi", "Ti"] {
            #expect(UnitTable.unit(prefix + "B") != nil)
            for unit in ["W", "rps", "s", "FLOPS", "tok"] {
                #expect(UnitTable.unit(prefix + unit) == nil, "\(prefix)\(unit)")
            }
        }
    }

    @Test func theMonthFollowsTheSessionsConvention() throws {
        let thirtyDays = UnitConventions(monthSeconds: 720 * 3_600)
        #expect(try #require(UnitTable.unit("mo", conventions: thirtyDays)).factor == 720 * 3_600)
        #expect(try #require(UnitTable.unit("$/mo", conventions: thirtyDays)).factor == 1.0 / (720 * 3_600))
        #expect(try #require(UnitTable.unit("mo")).factor == 730 * 3_600)
    }

    @Test func dollarsPerHourToDollarsPerMonthUsesTheSevenHundredThirtyHourMonth() throws {
        // $4.50/h × 730 h = $3,285/mo; × 720 h = $3,240/mo.
        let price = Quantity(4.5, unit: try #require(UnitTable.unit("$/h")))
        #expect(try price.converted(to: try #require(UnitTable.unit("$/mo"))).formatted() == "$3,285/mo")
        let thirtyDays = UnitConventions(monthSeconds: 720 * 3_600)
        #expect(try price.converted(to: try #require(UnitTable.unit("$/mo", conventions: thirtyDays))).formatted() == "$3,240/mo")
    }

    @Test func spellingsListIsSortedAndIncludesTheMonth() {
        let spellings = UnitTable.spellings
        #expect(spellings == spellings.sorted())
        #expect(spellings.contains("mo") && spellings.contains("GiB") && spellings.contains("rps"))
    }
}
