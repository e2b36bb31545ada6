import Testing
@testable import CapPlan

/// One day of hourly demand, hand-computable:
///
///     hours 0–7   2 GPUs   (8 h)
///     hours 8–17  6 GPUs   (10 h)
///     hours 18–23 4 GPUs   (6 h)
///     Σ d_t = 16 + 60 + 24 = 100 GPU-h;  mean 100/24 = 4.1667;  peak 6
///
/// Sorted: eight 2s, six 4s, ten 6s. p10 (type 7): h = 23 · 0.1 = 2.3 → x[2] = x[3] = 2, so R = 2.
/// Share of hours above R: F(0) = F(1) = 1, F(2) = F(3) = 16/24, F(4) = F(5) = 10/24, F(6) = 0.
/// Prices: on-demand $4, 1-year $2.40 (ratio 0.6), 3-year $1.60 (ratio 0.4). Horizon 24 h, so k = 1.
struct PurchaseMixTests {
    static let day: [Double] = Array(repeating: 2, count: 8) + Array(repeating: 6, count: 10) + Array(repeating: 4, count: 6)
    static let prices = PurchasePrices(onDemand: 4, reserved1y: 2.4, reserved3y: 1.6)

    static func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * max(1, abs(y)) }

    static func row(_ mix: PurchaseMix, _ term: CommitmentTerm, _ sizing: PurchaseOption.Sizing) throws -> PurchaseOption {
        try #require(mix.options.first { $0.term == term && $0.sizing == sizing })
    }

    @Test func purchaseMixMatchesHandValuesOnOneDay() throws {
        let mix = try PurchaseMix(demand: Self.day, prices: Self.prices, horizonHours: 24)
        #expect(mix.profileHours == 24 && mix.peakGPUs == 6 && Self.close(mix.meanGPUs, 100.0 / 24))
        #expect(mix.baseLoadGPUs == 2)
        // All on-demand: 100 GPU-h · $4 = $400.
        #expect(Self.close(mix.allOnDemandCost, 400))
        #expect(mix.options.map(\.term) == [.none, .oneYear, .oneYear, .threeYear, .threeYear])

        let none = try Self.row(mix, .none, .none)
        #expect(Self.close(none.totalCost, 400) && none.savings == 0 && none.reservedUtilization == nil)

        // 1-year at R = 2: reserved 2 · 2.40 · 24 = 115.20; excess Σ(d − 2)+ = 0·8 + 4·10 + 2·6 = 52
        // GPU-h · $4 = 208; total 323.20; saves 76.80 = 19.2%. Reserved fully used (d ≥ 2 always).
        let base1 = try Self.row(mix, .oneYear, .baseLoad)
        #expect(base1.reservedGPUs == 2)
        #expect(Self.close(base1.reservedCost, 115.2) && Self.close(base1.onDemandCost, 208))
        #expect(Self.close(base1.totalCost, 323.2) && Self.close(base1.savings, 76.8) && Self.close(base1.savingsFraction, 0.192))
        #expect(Self.close(try #require(base1.reservedUtilization), 1))
        #expect(Self.close(base1.shareOfHoursAboveReserved, 16.0 / 24))
        // Whole commitment: 2 · 2.40 · 8,760 = 42,048.
        #expect(Self.close(base1.committedSpend, 42_048))

        // 1-year optimal: reserve while F(R) > 0.6 → F(3) = 0.667 > 0.6 → R = 4; F(4) = 0.417 stops.
        // Reserved 4 · 2.40 · 24 = 230.40; excess 2 · 10 = 20 GPU-h · $4 = 80; total 310.40.
        // (R = 3: 172.80 + 36 · 4 = 316.80;  R = 5: 288 + 40 = 328.)
        // Reserved use: Σ min(d, 4) = 16 + 40 + 24 = 80 of 4 · 24 = 96 → 83.3%.
        let best1 = try Self.row(mix, .oneYear, .optimal)
        #expect(best1.reservedGPUs == 4)
        #expect(Self.close(best1.totalCost, 310.4) && Self.close(best1.savings, 89.6))
        #expect(Self.close(try #require(best1.reservedUtilization), 80.0 / 96))

        // 3-year at R = 2: 2 · 1.60 · 24 = 76.80 + 208 = 284.80.
        // 3-year optimal: reserve while F(R) > 0.4 → F(5) = 0.417 > 0.4 → R = 6, no excess:
        // 6 · 1.60 · 24 = 230.40; saves 169.60 = 42.4%. (R = 5: 192 + 40 = 232.)
        #expect(Self.close(try Self.row(mix, .threeYear, .baseLoad).totalCost, 284.8))
        let best3 = try Self.row(mix, .threeYear, .optimal)
        #expect(best3.reservedGPUs == 6 && Self.close(best3.totalCost, 230.4) && Self.close(best3.savingsFraction, 0.424))
        #expect(best3.onDemandCost == 0)
        #expect(mix.cheapest == best3)
    }

    @Test func spotShareBlendsTheExcessPriceAndMovesTheOptimum() throws {
        // s = 0.5, p_eff = $1.50: p_x = 0.5 · 1.5 + 0.5 · 4 = $2.75.
        // No commitment: 100 · 2.75 = 275 (75 on spot, 200 on-demand); saves 125.
        // 1-year optimal: ratio 2.40 / 2.75 = 0.873; F(1) = 1 > 0.873, F(2) = 0.667 → R = 2:
        // 115.20 + 52 · 2.75 = 258.20. (R = 1: 57.60 + 76 · 2.75 = 266.60; R = 3: 172.80 + 99 = 271.80.)
        let prices = PurchasePrices(onDemand: 4, reserved1y: 2.4, spot: 1.5)
        let mix = try PurchaseMix(demand: Self.day, prices: prices, spotShare: 0.5, horizonHours: 24)
        let none = try Self.row(mix, .none, .none)
        #expect(Self.close(none.spotCost, 75) && Self.close(none.onDemandCost, 200) && Self.close(none.savings, 125))
        let best = try Self.row(mix, .oneYear, .optimal)
        #expect(best.reservedGPUs == 2 && Self.close(best.totalCost, 258.2))
        #expect(Self.close(best.spotCost, 52 * 0.75) && Self.close(best.onDemandCost, 52 * 2.0))
        #expect(!mix.options.contains { $0.term == .threeYear })
        #expect(mix.derivation.notes.contains("no 3-year price: the 3-year term is not compared"))
    }

    @Test func costsScaleFromTheProfileToTheHorizon() throws {
        // The default horizon, 8,760 h, is 365 copies of the 24-hour day.
        let year = try PurchaseMix(demand: Self.day, prices: Self.prices)
        let day = try PurchaseMix(demand: Self.day, prices: Self.prices, horizonHours: 24)
        for (a, b) in zip(year.options, day.options) {
            #expect(a.reservedGPUs == b.reservedGPUs)
            #expect(Self.close(a.totalCost, 365 * b.totalCost))
        }
        // Two-hour steps of the same values are the same shape: per-hour costs are unchanged.
        let coarse = try PurchaseMix(demand: Self.day, stepHours: 2, prices: Self.prices, horizonHours: 48)
        #expect(Self.close(coarse.allOnDemandCost, 2 * day.allOnDemandCost))
    }

    @Test func baseLoadRulesPickTheTroughAQuantileOrAFixedCount() throws {
        #expect(try PurchaseMix(demand: Self.day, prices: Self.prices, baseLoad: .trough).baseLoadGPUs == 2)
        // p50: h = 11.5 → x[11] = 4, x[12] = 4 → 4.  p90: h = 20.7 → 6.
        #expect(try PurchaseMix(demand: Self.day, prices: Self.prices, baseLoad: .quantile(0.5)).baseLoadGPUs == 4)
        #expect(try PurchaseMix(demand: Self.day, prices: Self.prices, baseLoad: .quantile(0.9)).baseLoadGPUs == 6)
        #expect(try PurchaseMix(demand: Self.day, prices: Self.prices, baseLoad: .gpus(9)).baseLoadGPUs == 9)
        // Fractional demand rounds down: a trough of 2.9 GPUs reserves 2.
        #expect(try PurchaseMix(demand: [2.9, 7.5], prices: Self.prices, baseLoad: .trough).baseLoadGPUs == 2)
    }

    @Test func reservingAbovePeakWastesMoney() throws {
        // R = 9 with 1-year: 9 · 2.40 · 24 = 518.40 > 400; savings are negative; utilisation 100/216.
        let mix = try PurchaseMix(demand: Self.day, prices: Self.prices, baseLoad: .gpus(9), horizonHours: 24)
        let row = try Self.row(mix, .oneYear, .baseLoad)
        #expect(Self.close(row.totalCost, 518.4) && row.savings < 0)
        #expect(Self.close(try #require(row.reservedUtilization), 100.0 / 216))
    }

    @Test func reservedPriceAboveOnDemandNeverReserves() throws {
        let mix = try PurchaseMix(demand: Self.day, prices: PurchasePrices(onDemand: 4, reserved1y: 4), horizonHours: 24)
        #expect(try Self.row(mix, .oneYear, .optimal).reservedGPUs == 0)
        #expect(mix.derivation.notes.contains { $0.contains("reserving never pays") })
    }

    @Test func optimalReservationMatchesAFullScanOnRandomProfiles() throws {
        var rng = SplitMix64(seed: 42)
        for trial in 0..<300 {
            let n = 1 + rng.index(below: 60)
            let demand = (0..<n).map { _ in rng.index(below: 4) == 0 ? Double(rng.index(below: 30)) : 30 * rng.unit() }
            let onDemand = 1 + 3 * rng.unit()
            let reserved = onDemand * (0.2 + 0.9 * rng.unit())
            let share = rng.index(below: 2) == 0 ? 0 : rng.unit()
            let prices = PurchasePrices(onDemand: onDemand, reserved1y: reserved, spot: onDemand * 0.4)
            let mix = try PurchaseMix(demand: demand, prices: prices, spotShare: share, horizonHours: 100, recording: false)
            let best = try Self.row(mix, .oneYear, .optimal)
            // Brute force: every integer R from 0 to ceil(peak), total cost by direct summation.
            let scale = 100.0 / Double(n)
            var bestCost = Double.infinity
            var bestR = -1
            for r in 0...Int(demand.max()!.rounded(.up)) {
                let excess = demand.reduce(0) { $0 + max($1 - Double(r), 0) } * scale
                let cost = Double(r) * reserved * 100 + excess * (share * onDemand * 0.4 + (1 - share) * onDemand)
                if bestR < 0 || cost < bestCost - 1e-9 * bestCost { bestCost = cost; bestR = r }
            }
            #expect(abs(best.totalCost - bestCost) <= 1e-9 * bestCost, "trial \(trial)")
            #expect(best.reservedGPUs == bestR, "trial \(trial): \(best.reservedGPUs) vs \(bestR)")
            #expect(try Self.row(mix, .oneYear, .baseLoad).totalCost >= best.totalCost - 1e-9 * bestCost, "trial \(trial)")
        }
    }

    @Test func derivationRecordsTheBreakevenRule() throws {
        let mix = try PurchaseMix(demand: Self.day, prices: Self.prices, horizonHours: 24)
        let step = try #require(mix.derivation.steps.first { $0.label == "optimal 1-year level" })
        #expect(step.formula == "reserve while F(R) > p_res / p_x")
        #expect(step.result == "R* = 4 GPUs")
        #expect(mix.derivation.notes.last == "cheapest: 3-year (optimal, R = 6 GPUs), $230.40")
        #expect(mix.derivation.notes.contains { $0.contains("outlives the 24 h horizon") })
    }

    @Test func invalidProfilesAndPricesAreRejected() {
        #expect(throws: CostError.emptyDemandProfile) { try PurchaseMix(demand: [], prices: Self.prices) }
        #expect(throws: CostError.invalidDemand(index: 2, value: -1)) { try PurchaseMix(demand: [1, 2, -1], prices: Self.prices) }
        do throws(CostError) {
            _ = try PurchaseMix(demand: [1, .nan], prices: Self.prices)
            Issue.record("expected invalidDemand")
        } catch {
            #expect(error.message == "demand value #2 must be a finite number of GPUs, at least 0; got NaN")
        }
        #expect(throws: CostError.missingSpotPrice(spotShare: 0.3)) {
            try PurchaseMix(demand: [1], prices: Self.prices, spotShare: 0.3)
        }
        #expect(throws: CostError.self) { try PurchaseMix(demand: [1], stepHours: 0, prices: Self.prices) }
        #expect(throws: CostError.self) { try PurchaseMix(demand: [1], prices: PurchasePrices(onDemand: -4)) }
        #expect(throws: CostError.self) { try PurchaseMix(demand: [1], prices: Self.prices, baseLoad: .quantile(1.5)) }
        #expect(throws: CostError.self) { try PurchaseMix(demand: [1], prices: Self.prices, baseLoad: .gpus(-1)) }
    }

    @Test func allZeroDemandReservesNothing() throws {
        let mix = try PurchaseMix(demand: [0, 0, 0], prices: Self.prices, horizonHours: 3)
        #expect(mix.allOnDemandCost == 0)
        #expect(mix.options.allSatisfy { $0.reservedGPUs == 0 && $0.totalCost == 0 && $0.savingsFraction == 0 })
    }
}
