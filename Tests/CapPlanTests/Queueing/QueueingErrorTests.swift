import Testing
@testable import CapPlan

/// One row per way to get a queueing input wrong: every one must throw the named error (never
/// trap, never return NaN or infinity), and every error must explain itself.
struct QueueingErrorCase: Sendable, CustomTestStringConvertible {
    let id: String
    let expected: QueueingError
    let run: @Sendable () throws -> Void
    var testDescription: String { id }
}

// Fixtures are static members, not file-level privates: a private global still clashes with an
// internal global of the same name elsewhere in the test module.
extension QueueingErrorCase {
    private static let nan = Double.nan
    private static let inf = Double.infinity

    private static func mmc(_ lambda: Double, _ service: Double, _ c: Int) throws {
        _ = try MMcMetrics(arrivalRate: lambda, meanServiceTime: service, servers: c)
    }

    private static func validMMc() throws -> MMcMetrics {
        try MMcMetrics(arrivalRate: 8, meanServiceTime: 1, servers: 10)
    }

    static let all: [QueueingErrorCase] = [
    .init(id: "erlangC zero servers", expected: .invalidServers(0)) { _ = try erlangC(servers: 0, offeredLoad: 1) },
    .init(id: "erlangC above server limit", expected: .invalidServers(10_000_001)) { _ = try erlangC(servers: 10_000_001, offeredLoad: 1) },
    .init(id: "erlangC NaN load", expected: .invalidOfferedLoad(nan)) { _ = try erlangC(servers: 3, offeredLoad: nan) },
    .init(id: "erlangC negative load", expected: .invalidOfferedLoad(-1)) { _ = try erlangC(servers: 3, offeredLoad: -1) },
    .init(id: "erlangC unstable", expected: .unstable(servers: 3, offeredLoad: 3.5, minimumServers: 4)) { _ = try erlangC(servers: 3, offeredLoad: 3.5) },
    .init(id: "erlangB infinite load", expected: .invalidOfferedLoad(inf)) { _ = try erlangB(servers: 3, offeredLoad: inf) },
    .init(id: "erlangB negative servers", expected: .invalidServers(-4)) { _ = try erlangB(servers: -4, offeredLoad: 1) },
    .init(id: "mmc negative rate", expected: .invalidArrivalRate(-1)) { try mmc(-1, 1, 2) },
    .init(id: "mmc NaN rate", expected: .invalidArrivalRate(nan)) { try mmc(nan, 1, 2) },
    .init(id: "mmc infinite rate", expected: .invalidArrivalRate(inf)) { try mmc(inf, 1, 2) },
    .init(id: "mmc zero service", expected: .invalidServiceTime(0)) { try mmc(1, 0, 2) },
    .init(id: "mmc negative service", expected: .invalidServiceTime(-2)) { try mmc(1, -2, 2) },
    .init(id: "mmc NaN service", expected: .invalidServiceTime(nan)) { try mmc(1, nan, 2) },
    .init(id: "mmc infinite service", expected: .invalidServiceTime(inf)) { try mmc(1, inf, 2) },
    .init(id: "mmc service below 1 ps", expected: .invalidServiceTime(1e-13)) { try mmc(1, 1e-13, 2) },
    .init(id: "mmc service above 1e12 s", expected: .invalidServiceTime(1e13)) { try mmc(1e-20, 1e13, 2) },
    .init(id: "mmc zero servers", expected: .invalidServers(0)) { try mmc(1, 1, 0) },
    .init(id: "mmc unstable", expected: .unstable(servers: 1_990, offeredLoad: 2_000, minimumServers: 2_001)) { try mmc(1_000, 2, 1_990) },
    .init(id: "mmc exactly saturated", expected: .unstable(servers: 4, offeredLoad: 4, minimumServers: 5)) { try mmc(4, 1, 4) },
    .init(id: "mmc load overflows", expected: .resultOutOfRange(quantity: "offered load (arrival rate × service time)")) { try mmc(1e300, 1e12, 5) },
    .init(id: "wait percentile 0", expected: .invalidPercentile(0)) { _ = try validMMc().waitPercentile(0) },
    .init(id: "wait percentile 1", expected: .invalidPercentile(1)) { _ = try validMMc().waitPercentile(1) },
    .init(id: "wait percentile 99 (not 0.99)", expected: .invalidPercentile(99)) { _ = try validMMc().waitPercentile(99) },
    .init(id: "wait percentile NaN", expected: .invalidPercentile(nan)) { _ = try validMMc().waitPercentile(nan) },
    .init(id: "wait tail negative time", expected: .invalidTime(-1)) { _ = try validMMc().waitTailProbability(exceeding: -1) },
    .init(id: "wait tail infinite time", expected: .invalidTime(inf)) { _ = try validMMc().waitTailProbability(exceeding: inf) },
    .init(id: "sojourn percentile 1", expected: .invalidPercentile(1)) { _ = try validMMc().sojournPercentile(1) },
    .init(id: "sojourn tail NaN time", expected: .invalidTime(nan)) { _ = try validMMc().sojournTailProbability(exceeding: nan) },
    .init(id: "allen-cunneen NaN ca2", expected: .invalidSquaredCoefficientOfVariation(name: "ca2", value: nan)) {
        _ = try AllenCunneenMetrics(arrivalRate: 1, meanServiceTime: 1, servers: 2, arrivalSCV: nan, serviceSCV: 1)
    },
    .init(id: "allen-cunneen unstable", expected: .unstable(servers: 2, offeredLoad: 3, minimumServers: 4)) {
        _ = try AllenCunneenMetrics(arrivalRate: 3, meanServiceTime: 1, servers: 2, arrivalSCV: 2, serviceSCV: 1)
    },
    .init(id: "search percentile 1", expected: .invalidPercentile(1)) {
        _ = try minimumServers(arrivalRate: 1, meanServiceTime: 1, percentile: 1, maximumWait: 1)
    },
    .init(id: "search negative wait", expected: .invalidTime(-0.5)) {
        _ = try minimumServers(arrivalRate: 1, meanServiceTime: 1, percentile: 0.99, maximumWait: -0.5)
    },
    .init(id: "search infinite wait", expected: .invalidTime(inf)) {
        _ = try minimumServers(arrivalRate: 1, meanServiceTime: 1, percentile: 0.99, maximumWait: inf)
    },
    .init(id: "search zero utilisation cap", expected: .invalidUtilizationCap(0)) {
        _ = try minimumServers(arrivalRate: 1, meanServiceTime: 1, percentile: 0.99, maximumWait: 1, maximumUtilization: 0)
    },
    .init(id: "search utilisation cap 80 (not 0.8)", expected: .invalidUtilizationCap(80)) {
        _ = try minimumServers(arrivalRate: 1, meanServiceTime: 1, percentile: 0.99, maximumWait: 1, maximumUtilization: 80)
    },
    .init(id: "search NaN cap", expected: .invalidUtilizationCap(nan)) {
        _ = try minimumServers(arrivalRate: 1, meanServiceTime: 1, percentile: 0.99, maximumWait: 1, maximumUtilization: nan)
    },
    .init(id: "search infinite cs2", expected: .invalidSquaredCoefficientOfVariation(name: "cs2", value: inf)) {
        _ = try minimumServers(arrivalRate: 1, meanServiceTime: 1, percentile: 0.99, maximumWait: 1, serviceSCV: inf)
    },
    .init(id: "search probability 0", expected: .invalidProbability(0)) {
        _ = try minimumServers(arrivalRate: 1, meanServiceTime: 1, waitLongerThan: 1, maximumProbability: 0)
    },
    .init(id: "search probability 1", expected: .invalidProbability(1)) {
        _ = try minimumServers(arrivalRate: 1, meanServiceTime: 1, waitLongerThan: 1, maximumProbability: 1)
    },
    .init(id: "search NaN rate", expected: .invalidArrivalRate(nan)) {
        _ = try minimumServers(arrivalRate: nan, meanServiceTime: 1, waitLongerThan: 1, maximumProbability: 0.01)
    },
    .init(id: "search load beyond server limit", expected: .unstable(servers: 10_000_000, offeredLoad: 1e12, minimumServers: 1_000_000_000_001)) {
        _ = try minimumServers(arrivalRate: 1e12, meanServiceTime: 1, waitLongerThan: 1, maximumProbability: 0.01)
    },
    .init(id: "search absurd load", expected: .unstable(servers: 10_000_000, offeredLoad: 1e300, minimumServers: Int.max)) {
        _ = try minimumServers(arrivalRate: 1e300, meanServiceTime: 1, waitLongerThan: 1, maximumProbability: 0.01)
    },
    .init(id: "halfin-whitt NaN beta", expected: .invalidStaffingParameter(nan)) { _ = try halfinWhittDelayProbability(beta: nan) },
    .init(id: "halfin-whitt infinite beta", expected: .invalidStaffingParameter(inf)) { _ = try halfinWhittDelayProbability(beta: inf) },
    .init(id: "halfin-whitt beta of zero load", expected: .invalidOfferedLoad(0)) { _ = try halfinWhittBeta(servers: 3, offeredLoad: 0) },
    .init(id: "halfin-whitt beta unstable", expected: .unstable(servers: 3, offeredLoad: 3, minimumServers: 4)) { _ = try halfinWhittBeta(servers: 3, offeredLoad: 3) },
    .init(id: "little NaN mean number", expected: .invalidMeanNumber(nan)) { _ = try LittlesLaw.meanTime(meanNumber: nan, arrivalRate: 1) },
]
}

struct QueueingErrorTests {
    @Test(arguments: QueueingErrorCase.all)
    func everyInvalidInputThrowsTheNamedError(_ errorCase: QueueingErrorCase) {
        do {
            try errorCase.run()
            Issue.record("\(errorCase.id): no error thrown")
        } catch let error as QueueingError {
            // Compared by description so that NaN payloads (NaN ≠ NaN) compare equal.
            #expect(String(describing: error) == String(describing: errorCase.expected))
            #expect(!error.message.isEmpty && !error.hint.isEmpty)
            #expect(!error.message.hasSuffix(".") && !error.hint.hasSuffix("."))
        } catch {
            Issue.record("\(errorCase.id): unexpected error \(error)")
        }
    }

    @Test func unstableErrorSaysHowManyServersStabilityNeeds() {
        let error = QueueingError.unstable(servers: 1_990, offeredLoad: 2_000, minimumServers: 2_001)
        #expect(error.message == "unstable queue: an offered load of 2,000 erlangs on 1,990 servers is "
            + "100.5% utilisation, and a queue at or above 100% grows without bound")
        #expect(error.hint == "stability needs at least 2,001 servers (more than the offered load); "
            + "add servers, lower the arrival rate or shorten the service time")
    }

    @Test func unstableBeyondTheLimitSaysSo() {
        let error = QueueingError.unstable(servers: 10_000_000, offeredLoad: 2e7, minimumServers: 20_000_001)
        #expect(error.hint.contains("beyond the limit of 10,000,000"))
    }

    @Test func messagesNameTheBadValue() {
        #expect(QueueingError.invalidServiceTime(0).message
            == "mean service time must be a finite number of seconds between 1e-12 and 1,000,000,000,000; got 0")
        #expect(QueueingError.invalidArrivalRate(.nan).message.hasSuffix("got NaN"))
        #expect(QueueingError.invalidPercentile(99).message.hasSuffix("got 99"))
        #expect(QueueingError.invalidServers(10_000_001).message.contains("10,000,000; got 10,000,001"))
    }
}
