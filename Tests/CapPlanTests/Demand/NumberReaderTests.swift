import Testing
@testable import CapPlan

/// The decimal fast path must return exactly the Double the standard parser returns.
struct NumberReaderTests {
    static func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { NumberReader.parse($0) }
    }

    @Test func decimalFastPathIsBitIdenticalToTheStandardParser() {
        // Seeded sweep: 1–15 digits with the point anywhere, signs, leading zeros.
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<20_000 {
            let count = Int(rng.next() % 15) + 1
            var digits = (0..<count).map { _ in Character(String(rng.next() % 10)) }
            let point = Int(rng.next() % UInt64(count + 1))
            digits.insert(".", at: point)
            var text = String(digits)
            if rng.next() % 4 == 0 { text = "-" + text }
            guard let expected = Double(text) else { continue }
            let got = Self.parse(text)
            #expect(got?.bitPattern == expected.bitPattern, "\(text)")
        }
        // Hand-picked: halfway cases and classic hard ones.
        for text in ["0.1", "0.3", "41.7931", "123456789012.345", "9007199254740.993", "-0.0", "0.000000000000001", ".5", "5."] {
            #expect(Self.parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }
}
