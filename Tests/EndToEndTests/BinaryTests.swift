import Foundation
import Testing

/// Runs the built `capplan` binary as a user would: piped input, files, `-c`, exit statuses.
struct BinaryTests {
    /// The binary sits beside the test bundle in the build folder.
    static let binary: String = {
        let testExecutable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testExecutable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("capplan").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return ".build/debug/capplan"
    }()

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: Data = Data(), directory: URL? = nil, environment: [String: String] = [:],
                    mergeStreams: Bool = false) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["XDG_CONFIG_HOME"] = NSTemporaryDirectory() + "capplan-e2e-no-config"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = mergeStreams ? output : error
        try process.run()
        // Write input on a separate thread so a large input cannot deadlock against output.
        let writer = Thread { input.fileHandleForWriting.write(stdin); try? input.fileHandleForWriting.close() }
        writer.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = mergeStreams ? Data() : error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    static func scratchDirectory() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("capplan-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func pipedInputPrintsResultsWithoutPrompt() throws {
        let r = try Self.run([], stdin: Data("10k rps * 1.2\nlet peak = 10k rps * 1.2\npeak / 5 rps\n".utf8))
        #expect(r.status == 0)
        #expect(r.stdout == "12,000 rps\npeak = 12,000 rps\n2,400\n")
        #expect(r.stderr.isEmpty)
    }

    @Test func commandLineStatementsRun() throws {
        let r = try Self.run(["-c", "700W to kW; 3.6M rph to rps"])
        #expect(r.status == 0)
        #expect(r.stdout == "0.7 kW\n1,000 rps\n")
    }

    @Test func firstErrorStopsTheScriptWithStatusOne() throws {
        let r = try Self.run([], stdin: Data("1 + 1\nad workload x\n2 + 2\n".utf8))
        #expect(r.status == 1)
        #expect(r.stdout == "2\n")
        #expect(r.stderr.hasPrefix("<stdin>:2:1: error: unknown command 'ad'\n  ad workload x\n  ^~\n  hint: did you mean 'add'?"))
    }

    @Test func keepGoingRunsEverythingAndStillFails() throws {
        let r = try Self.run(["--keep-going"], stdin: Data("1 + 1\nad workload x\n2 + 2\n".utf8))
        #expect(r.status == 1)
        #expect(r.stdout == "2\n4\n")
    }

    @Test func usageErrorsExitTwo() throws {
        let r = try Self.run(["--no-such-flag"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no-such-flag"))
        let format = try Self.run(["--format", "xml", "-c", "1"])
        #expect(format.status == 2)
    }

    @Test func helpExitsZero() throws {
        let r = try Self.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE"))
    }

    @Test func filesRunInOneSessionWithRunOrWithout() throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "add workload a rps=10 per_instance=2rps\n".write(to: dir.appendingPathComponent("a.cap"), atomically: true, encoding: .utf8)
        try "show workloads\n".write(to: dir.appendingPathComponent("b.cap"), atomically: true, encoding: .utf8)
        for arguments in [["run", "a.cap", "b.cap"], ["a.cap", "b.cap"]] {
            let r = try Self.run(arguments, directory: dir)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            #expect(r.stdout.contains("a         10 rps"))
        }
        let missing = try Self.run(["run", "nope.cap"], directory: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file 'nope.cap'"))
    }

    @Test func jsonFormatPrintsOneDocumentPerLine() throws {
        let r = try Self.run(["--format", "json", "-c", "add workload a rps=10 per_instance=2rps; 10k rps * 1.2; show workloads"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
        }
        #expect(lines[0] == #"{"value":12000,"unit":"rps","text":"12,000 rps"}"#)
    }

    @Test func exportsAreReadableByOtherTools() throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
        add workload "chat, eu" rps=10 per_instance=2rps
        add workload asr rps=10k per_instance=5rps
        export csv w.csv workloads
        export json w.json workloads
        """
        let r = try Self.run([], stdin: Data(script.utf8), directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("w.csv"), encoding: .utf8)
        // RFC 4180: CRLF line ends, a field with a comma quoted.
        #expect(csv.hasPrefix("name,rate_rps,peak,input_tokens,output_tokens,model,gpu,per_instance,sla\r\n\"chat, eu\",10,"))
        let json = try Data(contentsOf: dir.appendingPathComponent("w.json"))
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect((object?["workloads"] as? [Any])?.count == 2)
    }

    @Test func saveThenReplayRebuildsTheSameSession() throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
        set headroom 30%
        let peak = 10k rps * 1.2
        add workload chat rph=3.6M in=1200 out=250 peak=2.5x sla.ttft=500ms model=llama-3-70b
        add workload asr rps=10k per_instance=5rps price=$2/h spares=1
        save plan.cap
        """
        _ = try Self.run([], stdin: Data(script.utf8), directory: dir)
        let shown = "show settings; show workloads; show variables"
        let original = try Self.run([], stdin: Data((script + "\n" + shown + "\n").utf8), directory: dir)
        let replayed = try Self.run(["-c", "source plan.cap; " + shown], directory: dir)
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(original.stdout.replacingOccurrences(of: "saved plan.cap\n", with: "") == replayed.stdout)
    }

    @Test func hostileInputNeverCrashes() throws {
        var garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        garbage.append(contentsOf: Array("\n1e400\n((((((\n\"open\n".utf8))
        let r = try Self.run(["--keep-going"], stdin: garbage)
        #expect(r.status == 1)
        #expect(!r.stderr.contains("Fatal error"))
        let longLine = String(repeating: "1+", count: 500_000) + "1\n"
        let long = try Self.run([], stdin: Data(longLine.utf8))
        #expect(long.status == 0 || long.status == 1)
        #expect(!long.stderr.contains("Fatal error"))
        let empty = try Self.run([], stdin: Data())
        #expect(empty.status == 0 && empty.stdout.isEmpty)
        for text in ["1/0", "0^-1", "exp(1000)", "10^400", "sqrt(-1)", "log(0)"] {
            let r = try Self.run(["-c", text])
            #expect(r.status == 1, "\(text)")
            #expect(!r.stdout.contains("nan") && !r.stdout.contains("inf"), "\(text): \(r.stdout)")
        }
    }

    @Test func interruptInBatchModeExits130() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = Pipe()
        try process.run()
        // The handler is installed a moment after start; keep interrupting until it exits (a
        // SIGINT before the handler is installed would end it by the default action instead).
        Thread.sleep(forTimeInterval: 0.5)
        for _ in 0..<50 where process.isRunning {
            process.interrupt()
            Thread.sleep(forTimeInterval: 0.1)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
    }

    @Test func binaryTranscriptMatchesTheGoldenFile() throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sessions = dir.appendingPathComponent("sessions")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("sessions"), to: sessions)
        for name in ["errors", "tutorial"] {
            let r = try Self.run(["--echo", "--keep-going", name + ".cap"], directory: sessions, mergeStreams: true)
            let golden = try String(contentsOf: Self.root.appendingPathComponent("sessions/\(name).out"), encoding: .utf8)
            #expect(r.stdout == golden, "the binary's transcript of \(name).cap differs from sessions/\(name).out")
        }
    }

    /// Same input, same bytes, across processes: Swift seeds its hashing per process, so an
    /// output that depended on a dictionary's order would differ between these two runs (two
    /// runs inside one process share the seed and could not show it). Every session, in each
    /// output format.
    @Test(arguments: ["table", "json", "csv"])
    func everySessionReplaysToTheSameBytesInTwoProcesses(_ format: String) throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sessions = dir.appendingPathComponent("sessions")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("sessions"), to: sessions)
        let names = try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { $0.hasSuffix(".cap") }.sorted()
        #expect(names.count >= 10)
        var printing = 0
        for name in names {
            let arguments = ["--keep-going", "--format", format, name]
            let first = try Self.run(arguments, directory: sessions, mergeStreams: true)
            let second = try Self.run(arguments, directory: sessions, mergeStreams: true)
            if !first.stdout.isEmpty { printing += 1 }
            #expect(first.stdout == second.stdout, "\(name) in \(format) differs between two processes")
        }
        #expect(printing >= 10, "only \(printing) sessions printed anything in \(format)")
    }
}
