import Foundation
@testable import CapPlan

/// SplitMix64 for seeded synthetic series (argument-parser Examples/roll/SplitMix64.swift).
struct ForecastSplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Standard normal by Box–Muller.
    mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}

enum ForecastFixtures {
    static let month = ForecastSeries.secondsPerMonth

    /// Values of a local CSV column under ../shared/data (issue 4), or CAPPLAN_SHARED_DATA.
    static func column(_ file: String, _ name: String, filePath: String = #filePath) -> [Double]? {
        let env = ProcessInfo.processInfo.environment["CAPPLAN_SHARED_DATA"]
        let repo = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let dirs = [env, repo.appendingPathComponent("../shared/data").path].compactMap { $0 }
        for dir in dirs {
            guard let text = try? String(contentsOfFile: dir + "/" + file, encoding: .utf8) else { continue }
            let lines = text.split(whereSeparator: \.isNewline)
            guard let header = lines.first?.split(separator: ","),
                  let col = header.firstIndex(where: { $0 == name }) else { return nil }
            return lines.dropFirst().compactMap { Double($0.split(separator: ",")[col]) }
        }
        return nil
    }
}
