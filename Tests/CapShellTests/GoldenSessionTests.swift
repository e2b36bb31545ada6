import Foundation
import Testing
@testable import CapShell

/// Every sessions/NAME.cap replays to exactly sessions/NAME.out, byte for byte (as
/// `capplan --echo --keep-going NAME.cap 2>&1` prints it). Re-record with scripts/record-sessions
/// and read the diff before committing it.
struct GoldenSessionTests {
    static let sessionNames: [String] = {
        let directory = Transcript.repositoryRoot.appendingPathComponent("sessions")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".cap") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func thereAreGoldenSessions() {
        #expect(Self.sessionNames.contains("tutorial"))
        #expect(Self.sessionNames.contains("errors"))
    }

    @Test(arguments: sessionNames)
    func sessionReplaysToItsGoldenTranscript(_ name: String) throws {
        let directory = try Transcript.scratchCopyOfSessions()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOf: directory.appendingPathComponent(name + ".cap"), encoding: .utf8)
        let (output, _, _) = Transcript.run(text, file: name + ".cap", directory: directory.path)
        let goldenURL = Transcript.repositoryRoot.appendingPathComponent("sessions/\(name).out")
        let golden = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(output == golden, "sessions/\(name).cap no longer replays to sessions/\(name).out; run scripts/record-sessions and review the diff")
    }
}
