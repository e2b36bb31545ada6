import Testing
@testable import CapPlan

struct FleetLoadIndexTests {
    @Test func tiesGoToTheLowestReplica() {
        var index = FleetLoadIndex(replicas: 4)
        #expect(index.least == 0)
        index.increment(0)
        #expect(index.least == 1)
        index.increment(1)
        index.increment(2)
        #expect(index.least == 3)
        index.increment(3)
        #expect(index.least == 0)    // all at 1
        index.decrement(2)
        #expect(index.least == 2)
        index.remove(2)
        #expect(index.least == 0 && index.count == 3)
    }

    @Test func matchesALinearScanOverRandomChanges() {
        // Sweep: 5,000 random increments, decrements and removals against argmin (load, index).
        var random = SplitMix64(seed: 21)
        var index = FleetLoadIndex(replicas: 37)
        var load = [Int](repeating: 0, count: 37)
        var live = Set(0..<37)
        for step in 0..<5_000 {
            let r = random.index(below: 37)
            guard live.contains(r) else { continue }
            switch random.index(below: 20) {
            case 0 where live.count > 1:
                index.remove(r)
                live.remove(r)
            case 1...9 where load[r] > 0:
                index.decrement(r)
                load[r] -= 1
            default:
                index.increment(r)
                load[r] += 1
            }
            let expected = live.min { (load[$0], $0) < (load[$1], $1) }
            #expect(index.least == expected, "step \(step)")
            #expect(index.checkInvariant())
        }
    }
}
