import Testing
@testable import CapShell

/// Completion reads the registry and the session: command words, option keys, option values
/// by kind, session names and settings.
struct CompleterTests {
    static func session() -> Session {
        Transcript.run("add workload chat rps=10\nadd workload chatbot rps=5\nadd workload asr rps=1\nlet peak = 12k rps", echo: false).shell.session
    }

    static func complete(_ line: String, session: Session = CompleterTests.session()) -> (Int, [String]) {
        let completer = Completer(session: session)
        let result = completer.complete(line, cursor: line.count)
        return (result.wordStart, result.candidates)
    }

    struct CompletionCase: Sendable, CustomTestStringConvertible {
        var line: String
        var wordStart: Int
        var expected: [String]
        var exact: Bool
        var testDescription: String { "'\(line)'" }
        init(_ line: String, _ wordStart: Int, _ expected: [String], exact: Bool = true) {
            self.line = line
            self.wordStart = wordStart
            self.expected = expected
            self.exact = exact
        }
    }

    @Test(arguments: [
        CompletionCase("hel", 0, ["help"]),
        CompletionCase("add wor", 4, ["workload"]),
        CompletionCase("show workload ", 14, ["chat", "chatbot", "asr"]),
        CompletionCase("show workload ch", 14, ["chat", "chatbot"]),
        CompletionCase("remove workload a", 16, ["asr"]),
        CompletionCase("add workload x pri", 15, ["pricing="], exact: false),
        CompletionCase("add workload x pricing=sp", 15, ["pricing=spot"]),
        CompletionCase("add workload x pricing=re", 15, ["pricing=reserved-1y", "pricing=reserved-3y"]),
        CompletionCase("add workload x precision=fp", 15, ["precision=fp32", "precision=fp16", "precision=fp8"]),
        // From the bundled catalog: canonical ids first, then aliases.
        CompletionCase("add workload x gpu=h100-p", 15, ["gpu=h100-pcie", "gpu=h100-pcie-80gb"]),
        CompletionCase("add workload x model=llama-3-7", 15, ["model=llama-3-70b", "model=llama-3-70b-instruct"]),
        CompletionCase("set workload chat sla.t", 18, ["sla.ttft=", "sla.tpot="]),
        CompletionCase("set head", 4, ["headroom"]),
        CompletionCase("set mo", 4, ["month"]),
        CompletionCase("1 + 1; sho", 7, ["show"]),
        CompletionCase("pea", 0, ["peak"]),
        CompletionCase("cei", 0, ["ceil("]),
        CompletionCase("add workload x nosuchkey=", 15, []),
    ])
    func completionOffersWhatTheRegistryAndSessionDeclare(_ c: CompletionCase) {
        let (start, candidates) = Self.complete(c.line)
        #expect(start == c.wordStart)
        if c.exact {
            #expect(Set(candidates) == Set(c.expected), "\(candidates)")
        } else {
            #expect(Set(c.expected).isSubset(of: Set(candidates)), "\(candidates)")
            #expect(candidates.allSatisfy { $0.hasPrefix(String(c.line[c.line.index(c.line.startIndex, offsetBy: c.wordStart)...])) }, "\(candidates)")
        }
    }

    @Test func settingNamesFollowSet() {
        let (_, candidates) = Self.complete("set ")
        for name in SettingKeys.names {
            #expect(candidates.contains(name), "\(name)")
        }
        // `set workload ...` is a command path of its own.
        #expect(candidates.contains("workload"))
    }

    @Test func optionKeysAlreadyGivenAreNotOfferedAgain() {
        let (_, candidates) = Self.complete("add workload x rps=1 r")
        #expect(!candidates.contains("rps="))
        #expect(candidates.contains("rate=") && candidates.contains("rpm="))
    }

    @Test func noWorkloadsMeansNoNamesNotACrash() {
        let (_, candidates) = Self.complete("show workload ", session: Session())
        #expect(candidates.isEmpty)
        #expect(Self.complete("", session: Session()).1.contains("help"))
    }

    @Test func cursorsInsideTheLineCompleteTheWordBeforeThem() {
        let completer = Completer(session: Session())
        let result = completer.complete("hel; show workloads", cursor: 3)
        #expect(result.wordStart == 0 && result.candidates == ["help"])
    }
}
