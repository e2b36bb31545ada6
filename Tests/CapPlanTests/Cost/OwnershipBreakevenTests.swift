import Testing
@testable import CapPlan

struct OwnershipBreakevenTests {
    /// capacity-math.md §6's illustrative server.
    static let docServer = OwnedHardware(capex: 250_000, gpusPerServer: 8, years: 4, nodePowerKW: 10.2,
                                         powerUtilization: 0.7, pue: 1.58, pricePerKWh: 0.10, opsFraction: 0.15)

    static func close(_ x: Double, _ y: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(x - y) <= tolerance * max(1, abs(y))
    }

    @Test func ownedCostReproducesTheCapacityMathExample() throws {
        // h_capex = 250,000 / (4 · 8,760 · 8) = 250,000 / 280,320     = 0.891838 → $0.89
        // h_power = 10.2 · 0.7 · 1.58 · 0.10 / 8 = 1.128120 / 8       = 0.141015 → $0.14
        // h_ops   = 0.15 · 250,000 / (8,760 · 8) = 37,500 / 70,080    = 0.535103 → $0.54
        // h_own   = 0.891838 + 0.141015 + 0.535103                    = 1.567956 → $1.57
        let b = try OwnershipBreakeven(hardware: Self.docServer, cloudPrices: [:])
        #expect(Self.close(b.capexPerGPUHour, 250_000.0 / 280_320))
        #expect(Self.close(b.powerPerGPUHour, 1.12812 / 8))
        #expect(Self.close(b.opsPerGPUHour, 37_500.0 / 70_080))
        let hOwn: Double = 250_000.0 / 280_320 + 1.12812 / 8 + 37_500.0 / 70_080
        #expect(Self.close(b.costPerGPUHour, hOwn))
        #expect(NumberFormat.money(b.capexPerGPUHour) == "$0.89")
        #expect(NumberFormat.money(b.powerPerGPUHour) == "$0.14")
        #expect(NumberFormat.money(b.opsPerGPUHour) == "$0.54")
        #expect(NumberFormat.money(b.costPerGPUHour) == "$1.57")
    }

    @Test func breakevenUtilizationIs52PercentAt3DollarsAnd78At2() throws {
        // u* = 1.567956 / 3 = 0.522652 → 52%;  u* = 1.567956 / 2 = 0.783978 → 78%.
        let b = try OwnershipBreakeven(hardware: Self.docServer, cloudPrices: [.onDemand: 3, .reserved1y: 2])
        let atThree = try #require(b.comparison(.onDemand))
        let atTwo = try #require(b.comparison(.reserved1y))
        #expect(Self.close(atThree.breakevenUtilization, b.costPerGPUHour / 3))
        #expect(Self.close(atTwo.breakevenUtilization, b.costPerGPUHour / 2))
        #expect((atThree.breakevenUtilization * 100).rounded() == 52)
        #expect((atTwo.breakevenUtilization * 100).rounded() == 78)
        #expect(atThree.ownershipCanWin && atTwo.ownershipCanWin)
    }

    @Test func derivationShowsEveryStepOfTheExample() throws {
        let b = try OwnershipBreakeven(hardware: Self.docServer, cloudPrices: [.onDemand: 3])
        let results = b.derivation.steps.map(\.result)
        #expect(results.prefix(4) == ["$0.89/GPU-h", "$0.14/GPU-h", "$0.54/GPU-h", "$1.57/GPU-h"])
        #expect(b.derivation.steps[3].substitution == "$0.89 + $0.14 + $0.54")
        #expect(b.derivation.steps.contains { $0.formula == "u* = h_own / p_cloud" && $0.result == "52.3%" })
        #expect(b.derivation.assumptions.contains { $0.name == "PUE" && $0.value == "1.58" })
        let quiet = try OwnershipBreakeven(hardware: Self.docServer, cloudPrices: [.onDemand: 3], recording: false)
        #expect(quiet.derivation.steps.isEmpty && quiet.costPerGPUHour == b.costPerGPUHour)
    }

    /// A server whose figures come out round: $120k, 8 GPUs, 3 years, 5 kW at ū_p = 0.8, PUE
    /// 1.25, $0.10/kWh, k_ops = 7.3%.
    ///     h_capex = 120,000 / (3 · 8,760 · 8) = 0.570776
    ///     h_power = 5 · 0.8 · 1.25 · 0.10 / 8 = 0.5 / 8 = 0.0625
    ///     h_ops   = 0.073 · 120,000 / (8,760 · 8) = 8,760 / 70,080 = 0.125
    ///     opex per month = (0.0625 + 0.125) · 8 · 730 = 1,095
    static let roundServer = OwnedHardware(capex: 120_000, gpusPerServer: 8, years: 3, nodePowerKW: 5,
                                           powerUtilization: 0.8, pue: 1.25, pricePerKWh: 0.10, opsFraction: 0.073)

    @Test func paybackMatchesHandValueAtThreeQuartersUse() throws {
        // Avoided at u = 0.75 and $2/GPU-h: 0.75 · 8 · 2 · 730 = 8,760 $/mo; net 8,760 − 1,095 =
        // 7,665 $/mo; payback = 120,000 / 7,665 = 15.6556 months, within the 36-month period.
        let b = try OwnershipBreakeven(hardware: Self.roundServer, cloudPrices: [.onDemand: 2], utilization: 0.75)
        let c = try #require(b.comparison(.onDemand))
        #expect(Self.close(c.payback.cloudSpendAvoidedPerMonth, 8_760))
        #expect(Self.close(c.payback.opexPerMonth, 1_095))
        #expect(Self.close(try #require(c.payback.months), 120_000.0 / 7_665))
        #expect(c.payback.isWithinAmortisation)
        #expect(c.payback.reason == nil)
        // u* = (0.570776 + 0.0625 + 0.125) / 2 = 0.379138.
        let uStar: Double = (120_000.0 / 210_240 + 0.1875) / 2
        #expect(Self.close(c.breakevenUtilization, uStar))
    }

    @Test func paybackBeyondTheAmortisationPeriodSaysSo() throws {
        // u = 0.25: avoided 0.25 · 8 · 2 · 730 = 2,920; net 1,825; 120,000 / 1,825 = 65.75 months > 36.
        let b = try OwnershipBreakeven(hardware: Self.roundServer, cloudPrices: [.onDemand: 2], utilization: 0.25)
        let payback = try #require(b.comparison(.onDemand)).payback
        #expect(Self.close(try #require(payback.months), 120_000.0 / 1_825))
        #expect(!payback.isWithinAmortisation)
        #expect(payback.reason?.contains("beyond the 36-month amortisation period") == true)
    }

    @Test func neverPaysBackGivesNilWithAReasonNotInfinity() throws {
        // u = 0.05: avoided 0.05 · 8 · 2 · 730 = 584 $/mo < opex 1,095 $/mo.
        // u = 0: nothing avoided at all.
        for u in [0.05, 0.0] {
            let b = try OwnershipBreakeven(hardware: Self.roundServer, cloudPrices: [.onDemand: 2], utilization: u)
            let payback = try #require(b.comparison(.onDemand)).payback
            #expect(payback.months == nil)
            #expect(!payback.isWithinAmortisation)
            #expect(payback.reason?.hasPrefix("never pays back") == true, "u = \(u)")
        }
    }

    @Test func paybackAtTheBreakevenUtilizationEqualsTheAmortisationPeriod() throws {
        // At u = u*, avoided − opex = h_capex · n · 730 = Capex / (12·Y), so payback = 12·Y months.
        var rng = SplitMix64(seed: 5)
        for trial in 0..<200 {
            let hardware = OwnedHardware(capex: 50_000 + 400_000 * rng.unit(), gpusPerServer: 1 + rng.index(below: 8),
                                         years: 2 + 4 * rng.unit(), nodePowerKW: 1 + 10 * rng.unit(),
                                         powerUtilization: rng.unit(), pue: 1 + rng.unit(), pricePerKWh: 0.3 * rng.unit(),
                                         opsFraction: 0.3 * rng.unit())
            let own = try OwnershipBreakeven(hardware: hardware, cloudPrices: [:]).costPerGPUHour
            let price = own * (1.05 + 3 * rng.unit())
            let b = try OwnershipBreakeven(hardware: hardware, cloudPrices: [.onDemand: price], utilization: own / price)
            let months = try #require(b.comparison(.onDemand)?.payback.months)
            #expect(Self.close(months, 12 * hardware.years, 1e-9), "trial \(trial)")
        }
    }

    @Test func cloudCheaperThanOwningEvenAtFullUseIsReported() throws {
        // $1 < $1.57: u* = 1.568 > 1; at u = 1 avoided 8 · 730 = 5,840 > opex 3,948.5, so it pays
        // back, but after 250,000 / 1,891.5 = 132 months, beyond 48.
        let b = try OwnershipBreakeven(hardware: Self.docServer, cloudPrices: [.spot: 1])
        let c = try #require(b.comparison(.spot))
        #expect(!c.ownershipCanWin)
        #expect(c.payback.isWithinAmortisation == false)
        #expect(b.derivation.notes.contains { $0.contains("cheaper than owning even at 100% use") })
    }

    @Test func missingPricesAreSkippedAndListed() throws {
        let b = try OwnershipBreakeven(hardware: Self.docServer,
                                       cloudPrices: [.onDemand: 3, .spot: nil, .reserved3y: 1.8, .reserved1y: nil])
        #expect(b.comparisons.map(\.pricing) == [.onDemand, .reserved3y])
        #expect(b.missingPrices == [.spot, .reserved1y])
        #expect(b.derivation.notes.contains("no spot price: spot is not compared"))
    }

    @Test(arguments: [
        ("capex", OwnedHardware(capex: .nan, gpusPerServer: 8, years: 4, nodePowerKW: 10, pue: 1.3, pricePerKWh: 0.1)),
        ("years", OwnedHardware(capex: 1e5, gpusPerServer: 8, years: 0, nodePowerKW: 10, pue: 1.3, pricePerKWh: 0.1)),
        ("pue", OwnedHardware(capex: 1e5, gpusPerServer: 8, years: 4, nodePowerKW: 10, pue: 0.9, pricePerKWh: 0.1)),
        ("power_utilization", OwnedHardware(capex: 1e5, gpusPerServer: 8, years: 4, nodePowerKW: 10, powerUtilization: 1.2, pue: 1.3, pricePerKWh: 0.1)),
        ("kwh_price", OwnedHardware(capex: 1e5, gpusPerServer: 8, years: 4, nodePowerKW: 10, pue: 1.3, pricePerKWh: -0.1)),
        ("ops", OwnedHardware(capex: 1e5, gpusPerServer: 8, years: 4, nodePowerKW: 10, pue: 1.3, pricePerKWh: 0.1, opsFraction: .infinity)),
    ])
    func invalidHardwareNamesTheKey(key: String, hardware: OwnedHardware) {
        do throws(CostError) {
            _ = try OwnershipBreakeven(hardware: hardware, cloudPrices: [.onDemand: 3])
            Issue.record("expected an error for \(key)")
        } catch {
            guard case let .invalidValue(name, _, _) = error else { Issue.record("\(error)"); return }
            #expect(name == key)
            #expect(error.message.hasPrefix(key + " must be"))
            #expect(error.userHint != nil)
        }
    }

    @Test func invalidCountsPricesAndUtilizationAreRejected() {
        let noGPUs = OwnedHardware(capex: 1e5, gpusPerServer: 0, years: 4, nodePowerKW: 10, pue: 1.3, pricePerKWh: 0.1)
        #expect(throws: CostError.invalidCount(name: "gpus_per_server", value: 0, expected: "at least 1")) {
            try OwnershipBreakeven(hardware: noGPUs, cloudPrices: [:])
        }
        #expect(throws: CostError.self) { try OwnershipBreakeven(hardware: Self.docServer, cloudPrices: [.onDemand: 0]) }
        #expect(throws: CostError.self) { try OwnershipBreakeven(hardware: Self.docServer, cloudPrices: [.spot: .nan]) }
        #expect(throws: CostError.self) { try OwnershipBreakeven(hardware: Self.docServer, cloudPrices: [:], utilization: 1.5) }
    }
}
