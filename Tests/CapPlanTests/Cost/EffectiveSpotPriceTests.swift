import Foundation
import Testing
@testable import CapPlan

struct EffectiveSpotPriceTests {
    static func relativeError(_ x: Double, _ y: Double) -> Double { y == 0 ? abs(x) : abs(x - y) / abs(y) }

    @Test func effectivePriceMatchesHandValueAtTenPercentAMonth() throws {
        // λ_i = −ln(1 − 0.1) / 730 = 0.105360516 / 730 = 1.4432947e-4 per hour;
        // t_lost = 0.0625 h (T_ready 3.75 min) + 0.0375 h (drain 2.25 min) = 0.1 h;
        // λ_i·t_lost = 1.4432947e-5; p_eff = 1.20 / (1 − 1.4432947e-5) = 1.2000173198.
        let s = try EffectiveSpotPrice(spotPrice: 1.20, monthlyInterruptionFrequency: 0.1, readyHours: 0.0625, drainHours: 0.0375)
        #expect(Self.relativeError(s.interruptionsPerHour, 1.4432947350387162e-4) < 1e-14)
        #expect(Self.relativeError(s.lostFraction, 1.4432947350387162e-5) < 1e-14)
        #expect(Self.relativeError(s.price, 1.20 / (1 - 1.4432947350387162e-5)) < 1e-14)
        #expect(abs(s.price - 1.2000173198) < 1e-9)
    }

    @Test func noInterruptionsOrNoLossLeavesTheSpotPrice() throws {
        #expect(try EffectiveSpotPrice(spotPrice: 2, monthlyInterruptionFrequency: 0, readyHours: 1).price == 2)
        #expect(try EffectiveSpotPrice(spotPrice: 2, monthlyInterruptionFrequency: 0.5, readyHours: 0).price == 2)
    }

    @Test func moreInterruptionsOrLongerWarmUpNeverLowerThePrice() throws {
        var previous = 0.0
        for f in stride(from: 0.0, to: 0.95, by: 0.05) {
            let p = try EffectiveSpotPrice(spotPrice: 1, monthlyInterruptionFrequency: f, readyHours: 2).price
            #expect(p >= previous, "f = \(f)")
            previous = p
        }
    }

    @Test(arguments: [
        (SpotInterruptionBucket.under5, 0.05), (.from5to10, 0.10), (.from10to15, 0.15), (.from15to20, 0.20), (.over20, 0.30),
    ])
    func bucketsPlanAtTheirUpperEdge(bucket: SpotInterruptionBucket, frequency: Double) throws {
        // λ_i = −ln(1 − f)/730, so t_lost = 1 h gives p_eff = 1 / (1 + ln(1 − f)/730).
        #expect(bucket.planningMonthlyFrequency == frequency)
        let s = try EffectiveSpotPrice(spotPrice: 1, bucket: bucket, readyHours: 1)
        #expect(Self.relativeError(s.price, 1 / (1 + log(1 - frequency) / 730)) < 1e-14)
        #expect(s.derivation.assumptions.contains { $0.name == "bucket" })
    }

    @Test(arguments: [
        ("<5%", SpotInterruptionBucket.under5), ("5-10%", .from5to10), ("5–10%", .from5to10), ("10-15", .from10to15),
        ("15-20 %", .from15to20), (">20%", .over20), ("OVER20", .over20), ("under5", .under5),
    ])
    func bucketLabelsParse(text: String, bucket: SpotInterruptionBucket) {
        #expect(SpotInterruptionBucket(parsing: text) == bucket)
    }

    @Test func unknownBucketLabelDoesNotParse() {
        #expect(SpotInterruptionBucket(parsing: "20-25%") == nil)
        #expect(SpotInterruptionBucket(parsing: "") == nil)
    }

    @Test func lossOfEveryPaidHourIsAnErrorWithAHint() throws {
        // f = 0.99: λ_i = ln(100)/730 = 0.0063085 /h; t_lost = 200 h → λ_i·t_lost = 1.26 ≥ 1.
        do throws(CostError) {
            _ = try EffectiveSpotPrice(spotPrice: 1, monthlyInterruptionFrequency: 0.99, readyHours: 150, drainHours: 50)
            Issue.record("expected spotLossTooLarge")
        } catch {
            guard case let .spotLossTooLarge(rate, lost) = error else { Issue.record("\(error)"); return }
            #expect(Self.relativeError(rate, log(100) / 730) < 1e-14)
            #expect(lost == 200)
            #expect(error.message.contains("no useful hour"))
            #expect(error.userHint?.contains("do not run this workload on spot") == true)
        }
        // Exactly 1: t_lost = 1/λ_i is refused too (p_eff would be infinite).
        let lambda = log(2.0) / 730
        #expect(throws: CostError.self) {
            try EffectiveSpotPrice(spotPrice: 1, monthlyInterruptionFrequency: 0.5, readyHours: 1 / lambda)
        }
    }

    @Test func invalidInputsAreRejected() {
        #expect(throws: CostError.self) { try EffectiveSpotPrice(spotPrice: 0, monthlyInterruptionFrequency: 0.1, readyHours: 0.1) }
        #expect(throws: CostError.self) { try EffectiveSpotPrice(spotPrice: 1, monthlyInterruptionFrequency: 1, readyHours: 0.1) }
        #expect(throws: CostError.self) { try EffectiveSpotPrice(spotPrice: 1, monthlyInterruptionFrequency: .nan, readyHours: 0.1) }
        #expect(throws: CostError.self) { try EffectiveSpotPrice(spotPrice: 1, monthlyInterruptionFrequency: 0.1, readyHours: -1) }
        #expect(throws: CostError.self) { try EffectiveSpotPrice(spotPrice: 1, monthlyInterruptionFrequency: 0.1, readyHours: 0, drainHours: .infinity) }
    }

    @Test func derivationHasEachStep() throws {
        let s = try EffectiveSpotPrice(spotPrice: 1.20, monthlyInterruptionFrequency: 0.1, readyHours: 0.1)
        #expect(s.derivation.steps.map(\.formula) == [
            "λ_i = −ln(1 − f_month) / 730", "t_lost = T_ready + drain", "λ_i · t_lost", "p_eff = p_spot / (1 − λ_i · t_lost)",
        ])
        #expect(s.derivation.steps[0].result == "0.000144329 /h")
        #expect(s.derivation.steps[3].result == "$1.20/GPU-h")
    }
}
