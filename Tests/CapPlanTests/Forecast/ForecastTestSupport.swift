import Foundation
@testable import CapPlan

typealias ForecastSplitMix64 = SplitMix64

extension SplitMix64 {
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
