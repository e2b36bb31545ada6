import Testing
@testable import CapShell

/// `erlang_c(c, a)` and `erlang_b(c, a)` in expressions.
struct QueueFunctionTests {
    @Test func handValuesForTwoServers() {
        // c = 2, a = 1: B1 = 1/(1 + 1) = 1/2, B2 = (1/2)/(2 + 1/2) = 0.2; C = 0.2/(1 − 0.5·0.8) = 1/3.
        let text = """
        assert erlang_b(2, 1) == 0.2
        assert abs(erlang_c(2, 1) - 1/3) < 1e-12
        assert erlang_c(1, 0.8) == 0.8
        assert abs(erlang_c(2055, 1000 rps * 2 s) - 0.148916) < 1e-6
        """
        let (output, status, _) = Transcript.run(text, echo: false)
        #expect(status.failures == 0, "\(output)")
    }

    @Test func printsAPlainProbability() {
        #expect(Transcript.run("erlang_c(2, 1)", echo: false).output == "0.333333\n")
    }

    @Test(arguments: [
        ("erlang_c(200, 200)", "unstable queue"),
        ("erlang_c(2.5, 1)", "whole number of servers"),
        ("erlang_c(0, 1)", "whole number of servers"),
        ("erlang_c(2, 5 rps)", "erlangs"),
        ("erlang_b(2, -1)", "at least 0 erlangs"),
        ("erlang_c(2)", "erlang_c"),
    ])
    func badArgumentsAreErrors(_ statement: String, _ message: String) {
        let (output, status, _) = Transcript.run(statement, echo: false)
        #expect(status.failures > 0)
        #expect(output.contains(message), "\(statement): \(output)")
    }
}
