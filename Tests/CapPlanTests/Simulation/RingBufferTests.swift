import Testing
@testable import CapPlan

struct RingBufferTests {
    @Test func emptyRingAllocatesOnFirstAppendAndStaysFirstInFirstOut() {
        // The queues of M/M/c and of fleet replicas: start with no memory, wrap around the ring,
        // grow past 16 while wrapped, and always hand back the oldest element first.
        var ring = RingBuffer<Int32>()
        #expect(ring.isEmpty && ring.popFirst() == nil)
        var expected: [Int32] = []
        var next: Int32 = 0
        for round in 0..<40 {
            for _ in 0..<(round % 7 + 1) { ring.append(next); expected.append(next); next += 1 }
            for _ in 0..<(round % 5) where !expected.isEmpty {
                #expect(ring.popFirst() == expected.removeFirst())
            }
            #expect(ring.count == expected.count)
            if let oldest = expected.first { #expect(ring.first == oldest) }
        }
        while let value = ring.popFirst() { #expect(value == expected.removeFirst()) }
        #expect(expected.isEmpty && ring.isEmpty)
    }
}
