import Testing
@testable import CapShell
@testable import CapPlan

/// Tab completion of GPU and model names comes from the session's catalog.
struct CatalogCompletionTests {
    static func candidates(_ line: String, session: Session = Session()) -> [String] {
        Completer(session: session).complete(line, cursor: line.count).candidates
    }

    @Test func gpuNamesCompleteWithIdsAndAliases() {
        let c = Self.candidates("catalog show gpu h10")
        #expect(c.contains("h100-sxm") && c.contains("h100") && c.contains("h100-pcie"))
        #expect(!c.contains("a100"))
    }

    @Test func modelNamesCompleteInOptionsAndFunctions() {
        #expect(Self.candidates("add workload chat model=mixt").contains("model=mixtral-8x7b"))
        #expect(Self.candidates("catalog show model lla").contains("llama-3-70b"))
    }

    @Test func userAdditionsComplete() {
        let session = Transcript.run("catalog add gpu h100-nvl memory=94GB aliases=nvl", echo: false).shell.session
        let c = Self.candidates("set price h100-n", session: session)
        #expect(c.contains("h100-nvl"))
        #expect(Self.candidates("set price nv", session: session).contains("nvl"))
    }
}
