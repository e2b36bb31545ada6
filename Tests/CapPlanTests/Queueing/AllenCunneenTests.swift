import Testing
@testable import CapPlan

struct AllenCunneenTests {
    @Test(arguments: [
        (0.8, 1.0, 1), (1.5, 1.0, 2), (8.0, 1.0, 10), (1_000.0, 2.0, 2_055), (99_990.0, 1.0, 100_000),
        (0.0, 0.5, 3), (3.7, 0.013, 1),
    ])
    func poissonArrivalsAndExponentialServiceReduceExactlyToMMc(
        arrivalRate: Double, meanServiceTime: Double, servers: Int
    ) throws {
        // ca2 = cs2 = 1 → k = 1: every field must be bit-identical to M/M/c.
        let g = try AllenCunneenMetrics(arrivalRate: arrivalRate, meanServiceTime: meanServiceTime,
                                        servers: servers, arrivalSCV: 1, serviceSCV: 1)
        let m = try MMcMetrics(arrivalRate: arrivalRate, meanServiceTime: meanServiceTime, servers: servers)
        #expect(g.variabilityFactor == 1)
        #expect(g.offeredLoad == m.offeredLoad && g.utilization == m.utilization)
        #expect(g.probabilityOfWait == m.probabilityOfWait)
        #expect(g.meanWait == m.meanWait && g.meanQueueLength == m.meanQueueLength)
        #expect(g.waitP50 == m.waitP50 && g.waitP95 == m.waitP95 && g.waitP99 == m.waitP99)
        #expect(g.decayRate == m.decayRate)
        for p in [0.1, 0.8, 0.999] { #expect(try g.waitPercentile(p) == m.waitPercentile(p)) }
        for t in [0.0, 0.01, 1.0] { #expect(try g.waitTailProbability(exceeding: t) == m.waitTailProbability(exceeding: t)) }
    }

    @Test func burstyArrivalsScaleWaitsByTheVariabilityFactor() throws {
        // ca2 = 4, cs2 = 0.5 → k = 2.25. M/M/2 at λ = 1.5, E[S] = 1 has E[W_q] = 9/7 s and
        // w99 = 2·ln((9/14)/0.01) = 8.3266748674181043 s (MMcTests). Allen–Cunneen multiplies the
        // mean and (because the tail rate is θ/k) every positive percentile by k:
        // E[W_q] = 2.25·9/7 = 81/28 s, w99 = 2.25·8.3266748674181043 = 18.73501845169073 s.
        let g = try AllenCunneenMetrics(arrivalRate: 1.5, meanServiceTime: 1, servers: 2, arrivalSCV: 4, serviceSCV: 0.5)
        #expect(g.variabilityFactor == 2.25)
        #expect(QueueingTestSupport.relativeError(g.meanWait, 81.0 / 28) < 1e-14)
        #expect(QueueingTestSupport.relativeError(g.meanQueueLength, 1.5 * 81.0 / 28) < 1e-14)  // λ·E[W_q]
        #expect(QueueingTestSupport.relativeError(g.waitP99, 18.73501845169073) < 1e-13)
        #expect(QueueingTestSupport.relativeError(g.probabilityOfWait, 9.0 / 14) < 1e-14)
        // The tail C·exp(−t·C/E[W_q]) at t = w99 is 1%.
        #expect(QueueingTestSupport.relativeError(try g.waitTailProbability(exceeding: g.waitP99), 0.01) < 1e-12)
    }

    @Test func deterministicArrivalsAndServiceNeverWait() throws {
        // D/D/c below saturation: k = 0, E[W_q] = 0, every percentile 0, no NaN from θ/0.
        let g = try AllenCunneenMetrics(arrivalRate: 9, meanServiceTime: 1, servers: 10, arrivalSCV: 0, serviceSCV: 0)
        #expect(g.meanWait == 0 && g.meanQueueLength == 0)
        #expect(g.waitP50 == 0 && g.waitP99 == 0)
        #expect(try g.waitTailProbability(exceeding: 0.001) == 0)
        #expect(!g.decayRate.isNaN)
    }

    @Test func invalidVariabilityIsReportedByName() {
        #expect(throws: QueueingError.invalidSquaredCoefficientOfVariation(name: "ca2", value: -1)) {
            try AllenCunneenMetrics(arrivalRate: 1, meanServiceTime: 1, servers: 2, arrivalSCV: -1, serviceSCV: 1)
        }
        #expect(throws: QueueingError.invalidSquaredCoefficientOfVariation(name: "cs2", value: 20_000)) {
            try AllenCunneenMetrics(arrivalRate: 1, meanServiceTime: 1, servers: 2, arrivalSCV: 1, serviceSCV: 20_000)
        }
    }
}
