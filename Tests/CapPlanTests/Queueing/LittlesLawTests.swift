import Testing
@testable import CapPlan

struct LittlesLawTests {
    @Test func concurrencyIsRateTimesLatency() throws {
        // 100 rps × 2.5 s end-to-end = 250 requests in flight; and back again.
        #expect(try LittlesLaw.meanNumber(arrivalRate: 100, meanTime: 2.5) == 250)
        #expect(try LittlesLaw.meanTime(meanNumber: 250, arrivalRate: 100) == 2.5)
        #expect(try LittlesLaw.arrivalRate(meanNumber: 250, meanTime: 2.5) == 100)
    }

    @Test func invalidInputsThrowInsteadOfDividingByZero() {
        #expect(throws: QueueingError.invalidArrivalRate(0)) { try LittlesLaw.meanTime(meanNumber: 3, arrivalRate: 0) }
        #expect(throws: QueueingError.invalidTime(0)) { try LittlesLaw.arrivalRate(meanNumber: 3, meanTime: 0) }
        #expect(throws: QueueingError.invalidMeanNumber(-2)) { try LittlesLaw.meanTime(meanNumber: -2, arrivalRate: 1) }
        #expect(throws: QueueingError.invalidArrivalRate(-1)) { try LittlesLaw.meanNumber(arrivalRate: -1, meanTime: 1) }
        #expect(throws: QueueingError.resultOutOfRange(quantity: "the mean number in the system")) {
            try LittlesLaw.meanNumber(arrivalRate: 1e200, meanTime: 1e200)
        }
    }
}
