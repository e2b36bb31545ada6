import Testing
@testable import CapPlan

/// Quantity+Arithmetic: dimensions are checked, results are never NaN or infinite.
struct QuantityArithmeticTests {
    let rps = UnitTable.unit("rps")!
    let ms = UnitTable.unit("ms")!
    let gb = UnitTable.unit("GB")!

    @Test func addingIncompatibleDimensionsNamesBothSides() {
        #expect(throws: QuantityError.incompatible(operation: "add", left: .time, right: .data)) {
            try Quantity.add(Quantity(2, unit: ms), Quantity(3, unit: gb))
        }
        let message = QuantityError.incompatible(operation: "add", left: .time, right: .data).message
        #expect(message == "cannot add time and data")
        #expect(QuantityError.incompatible(operation: "subtract", left: .rate, right: .money).message
                == "cannot subtract a request rate and money")
    }

    @Test func additionKeepsTheLeftOperandsUnit() throws {
        let sum = try Quantity.add(Quantity(2, unit: UnitTable.unit("h")!), Quantity(30, unit: UnitTable.unit("min")!))
        #expect(sum.value == 9_000)
        #expect(sum.unit?.symbol == "h")
        #expect(sum.formatted() == "2.5 h")
    }

    @Test func multiplyingByAPlainNumberKeepsTheUnit() throws {
        // 10k rps × 1.2 = 12,000 rps.
        let q = try Quantity.multiply(Quantity(10_000, unit: rps), Quantity(1.2))
        #expect(q.formatted() == "12,000 rps")
    }

    @Test func dividingARateByARateIsAPlainCount() throws {
        // 12,000 rps / 5 rps = 2,400.
        let q = try Quantity.divide(Quantity(12_000, unit: rps), Quantity(5, unit: rps))
        #expect(q.isDimensionless)
        #expect(q.value == 2_400)
    }

    @Test func rateTimesTimeIsACount() throws {
        // Little's law: 100 rps × 2 s = 200 requests in the system.
        let q = try Quantity.multiply(Quantity(100, unit: rps), Quantity(2, unit: UnitTable.unit("s")!))
        #expect(q.isDimensionless && q.value == 200)
    }

    @Test func divisionByZeroIsAnError() {
        #expect(throws: QuantityError.divisionByZero) { try Quantity.divide(Quantity(1), Quantity(0)) }
        #expect(throws: QuantityError.divisionByZero) { try Quantity.divide(Quantity(1, unit: gb), Quantity(-0.0)) }
    }

    @Test func zeroToANegativePowerIsDivisionByZero() {
        #expect(throws: QuantityError.divisionByZero) { try Quantity.power(Quantity(0), Quantity(-1)) }
        #expect(throws: QuantityError.divisionByZero) { try Quantity.power(Quantity(0, unit: gb), Quantity(-2)) }
    }

    @Test func aFractionalPowerOfANegativeNumberIsNotRealRatherThanTooLarge() {
        #expect(throws: QuantityError.notReal(operation: "a fractional power of a negative number")) {
            try Quantity.power(Quantity(-8), Quantity(0.5))
        }
        #expect(!QuantityError.notReal(operation: "x").message.contains("too large"))
    }

    @Test func overflowIsAnErrorNotInfinity() {
        #expect(throws: QuantityError.notFinite(operation: "exponentiation")) { try Quantity.power(Quantity(10), Quantity(400)) }
        #expect(throws: QuantityError.notFinite(operation: "multiplication")) { try Quantity.multiply(Quantity(1e308), Quantity(10)) }
        #expect(throws: QuantityError.notFinite(operation: "addition")) { try Quantity.add(Quantity(1.7e308), Quantity(1.7e308)) }
        #expect(throws: QuantityError.notFinite(operation: "subtraction")) { try Quantity.subtract(Quantity(-1.7e308), Quantity(1.7e308)) }
        #expect(throws: QuantityError.notFinite(operation: "division")) { try Quantity.divide(Quantity(1e308), Quantity(1e-308)) }
    }

    @Test func exponentsMustBePlainAndDimensionedBasesNeedSmallWholeExponents() throws {
        #expect(throws: QuantityError.dimensionedExponent(.time)) { try Quantity.power(Quantity(2), Quantity(1, unit: ms)) }
        #expect(throws: QuantityError.dimensionedExponent(.data)) { try Quantity.power(Quantity(4, unit: gb), Quantity(0.5)) }
        let squared = try Quantity.power(Quantity(2, unit: gb), Quantity(2))
        #expect(squared.dimension == Dimension(data: 2))
        #expect(squared.value == 4e18)
    }

    @Test func comparisonsUseARelativeToleranceOfOneBillionth() throws {
        #expect(try Quantity.compare(Quantity(0.1 + 0.2), .equal, Quantity(0.3)))
        #expect(try Quantity.compare(Quantity(100 * 1.1 / 10), .equal, Quantity(11)))
        #expect(try !Quantity.compare(Quantity(11.0001), .equal, Quantity(11)))
        #expect(try Quantity.compare(Quantity(11 + 1e-12), .lessOrEqual, Quantity(11)))
        #expect(try !Quantity.compare(Quantity(11 + 1e-12), .greater, Quantity(11)))
        #expect(try Quantity.compare(Quantity(1, unit: UnitTable.unit("h")!), .equal, Quantity(60, unit: UnitTable.unit("min")!)))
        #expect(throws: QuantityError.incompatible(operation: "compare", left: .time, right: .data)) {
            try Quantity.compare(Quantity(1, unit: ms), .less, Quantity(1, unit: gb))
        }
    }

    @Test func conversionChangesTheUnitNotTheValue() throws {
        let q = try Quantity(700, unit: UnitTable.unit("W")!).converted(to: UnitTable.unit("kW")!)
        #expect(q.value == 700)
        #expect(q.formatted() == "0.7 kW")
        #expect(throws: QuantityError.cannotConvert(from: .data, to: UnitTable.unit("s")!)) {
            try Quantity(1, unit: gb).converted(to: UnitTable.unit("s")!)
        }
    }
}
