import Foundation
import Testing
@testable import CapShell

/// The registry is the single source of truth; these check it is a sound one.
struct RegistryTests {
    @Test func commandNamesAndAliasesAreUnique() {
        var seen = Set<[String]>()
        for spec in CommandRegistry.all {
            for path in [spec.path] + spec.aliases {
                #expect(!seen.contains(path), "duplicate command path \(path)")
                seen.insert(path)
            }
        }
    }

    @Test func everyCommandHasAnAbstractAndAnExample() {
        for spec in CommandRegistry.all {
            #expect(!spec.abstract.isEmpty, "\(spec.name) has no abstract")
            #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
        }
    }

    @Test func optionKeysAreUniqueWithinACommand() {
        for spec in CommandRegistry.all {
            let keys = spec.options.flatMap { [$0.key] + $0.aliases }
            #expect(Set(keys).count == keys.count, "\(spec.name) repeats an option key")
        }
    }

    /// Every example must parse and bind (it may still fail at run time for want of a workload,
    /// so examples run after a session that defines the names they use).
    @Test func everyExampleParsesAndBinds() {
        let setup = """
        add workload chat rps=10 per_instance=2rps
        add workload asr rps=10 per_instance=2rps
        add workload fraud rps=10 per_instance=2rps
        """
        for spec in CommandRegistry.all {
            for example in spec.examples {
                let words = example.split(separator: " ").map(String.init)
                let match = CommandRegistry.match(words)
                #expect(match?.0.name == spec.name, "example '\(example)' does not resolve to \(spec.name)")
                // Binding errors (unknown keys, wrong units) are what an example must never have.
                let run = Transcript.run(setup + "\n" + example, echo: false)
                #expect(!run.output.contains("unknown option") && !run.output.contains(" expects "),
                        "example '\(example)' does not bind: \(run.output)")
            }
        }
    }

    @Test func commandReferenceIsUpToDate() throws {
        let url = Transcript.repositoryRoot.appendingPathComponent("docs/commands.md")
        let checkedIn = try String(contentsOf: url, encoding: .utf8)
        #expect(checkedIn == HelpGenerator.markdownReference(),
                "docs/commands.md is stale: regenerate it with '.build/debug/capplan --reference > docs/commands.md'")
    }

    @Test func helpListsEveryCommand() {
        let help = HelpGenerator.overview()
        for spec in CommandRegistry.all {
            #expect(help.contains(spec.name), "help does not list \(spec.name)")
        }
    }
}
