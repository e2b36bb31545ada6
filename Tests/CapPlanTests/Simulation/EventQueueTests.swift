import Testing
@testable import CapPlan

struct SimulationEventQueueTests {
    @Test func popsInTimeOrder() {
        var random = SplitMix64(seed: 11)
        var queue = EventQueue<Int>()
        var times: [Double] = []
        for i in 0..<1_000 {
            let t = random.unit() * 100
            times.append(t)
            queue.schedule(i, at: t)
            #expect(queue.checkInvariant() || i % 97 != 0)
        }
        #expect(queue.checkInvariant())
        #expect(queue.count == 1_000)
        var popped: [Double] = []
        while let (t, _) = queue.popFirst() { popped.append(t) }
        #expect(popped == times.sorted())
        #expect(queue.isEmpty)
    }

    @Test func equalTimesPopInSchedulingOrder() {
        var queue = EventQueue<Int>()
        for i in 0..<50 { queue.schedule(i, at: Double(i % 3)) }
        var order: [Int] = []
        while let (_, e) = queue.popFirst() { order.append(e) }
        let expected = (0..<50).filter { $0 % 3 == 0 } + (0..<50).filter { $0 % 3 == 1 } + (0..<50).filter { $0 % 3 == 2 }
        #expect(order == expected)
    }

    @Test func interleavedOperationsMatchASortedReference() {
        var random = SplitMix64(seed: 5)
        var queue = EventQueue<Int>()
        var reference: [(time: Double, sequence: Int)] = []
        var sequence = 0
        for _ in 0..<5_000 {
            if random.index(below: 3) < 2 {
                let t = Double(random.index(below: 50))  // many ties
                queue.schedule(sequence, at: t)
                reference.append((t, sequence))
                sequence += 1
            } else {
                reference.sort { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
                let expected = reference.isEmpty ? nil : reference.removeFirst()
                let got = queue.popFirst()
                #expect(got?.time == expected?.time)
                #expect(got?.event == expected?.sequence)
            }
        }
        #expect(queue.checkInvariant())
        #expect(queue.count == reference.count)
        #expect(queue.scheduledCount == UInt64(sequence))
    }

    @Test func emptyQueue() {
        var queue = EventQueue<String>()
        #expect(queue.popFirst() == nil)
        #expect(queue.first == nil)
        queue.schedule("a", at: 1)
        #expect(queue.first?.event == "a")
        #expect(queue.popFirst()?.event == "a")
        #expect(queue.isEmpty)
    }

    @Test func loopStopsAtHorizon() {
        struct Ticker: DiscreteEventModel {
            var seen: [Double] = []
            mutating func handle(_ event: Int, at time: Double, events: inout EventQueue<Int>) {
                seen.append(time)
                events.schedule(event + 1, at: time + 1)
            }
        }
        var loop = EventLoop(model: Ticker())
        loop.events.schedule(0, at: 0)
        loop.run(until: 4.5)
        #expect(loop.model.seen == [0, 1, 2, 3, 4])
        #expect(loop.eventsProcessed == 5)
        #expect(loop.now == 4)
        #expect(loop.events.first?.time == 5)
    }
}
