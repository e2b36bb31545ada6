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

    /// Every example of every spec splits into words, resolves to its own spec, and binds to
    /// its declared arguments with no error at all (binding is where unknown keys, wrong units,
    /// bad choices and missing arguments are caught). Names the examples use are defined first.
    @Test func everyExampleParsesAndBinds() throws {
        let setup = """
        add workload chat rps=10 per_instance=2rps
        add workload asr rps=10 per_instance=2rps
        add workload fraud rps=10 per_instance=2rps
        """
        let session = Transcript.run(setup, echo: false).shell.session
        #expect(session.workloadNames == ["chat", "asr", "fraud"])
        var examples = 0
        for spec in CommandRegistry.all {
            for example in spec.examples {
                let statement = try #require(ScriptSource(file: "<example>", text: example).statements.first)
                var words = try Word.split(statement.characters, from: 0)
                var match = try #require(CommandRegistry.match(words.prefix(4).map(\.text)), "example '\(example)' matches no command")
                #expect(match.0.name == spec.name, "example '\(example)' resolves to \(match.0.name), not \(spec.name)")
                // `explain COMMAND`: the interpreter binds the command it explains.
                if spec.name == ExplainCommand.explain.name {
                    words.removeFirst()
                    match = try #require(CommandRegistry.match(words.prefix(4).map(\.text)), "'\(example)' explains no command")
                }
                do {
                    _ = try ArgumentBinder(spec: match.0, session: session)
                        .bind(Array(words.dropFirst(match.1)), statementSpan: 0..<statement.characters.count)
                } catch {
                    Issue.record("example '\(example)' does not bind: \(error.message)")
                }
                examples += 1
            }
        }
        #expect(examples >= 2 * CommandRegistry.all.count - 10)
    }

    /// The statement forms' examples run without an error after their setup.
    @Test func everyStatementFormExampleRuns() {
        for form in StatementForm.all {
            for example in form.examples {
                let run = Transcript.run(StatementForm.exampleSetup + "\n" + example, echo: false)
                #expect(run.status.failures == 0, "'\(example)': \(run.output)")
            }
        }
    }

    /// `help let`, `help assert`, `help expression` and `help explain` answer with the usage line.
    @Test func helpAnswersForStatementForms() {
        for form in StatementForm.all {
            let run = Transcript.run("help " + form.name, echo: false)
            #expect(run.status.failures == 0)
            #expect(run.output.split(separator: "\n").first.map(String.init) == "usage: " + form.syntax)
        }
        let explain = Transcript.run("help explain", echo: false)
        #expect(explain.output.split(separator: "\n").first.map(String.init) == "usage: " + ExplainCommand.explain.usage)
    }

    /// Every default the binder applies reads under its option's declared kind (a default that
    /// did not would make the command fail whenever the option is left out).
    @Test func everyDeclaredDefaultBindsUnderItsKind() {
        let reader = ValueReader(session: Session())
        var applied = 0
        for spec in CommandRegistry.all {
            for option in spec.options + spec.positionals {
                guard case .value(let text)? = option.defaultRule else { continue }
                do {
                    _ = try reader.read(text, quoted: false, kind: option.kind, key: option.key, span: 0..<1)
                    applied += 1
                } catch {
                    Issue.record("\(spec.name) \(option.key)= default '\(text)' does not read as \(option.kind.placeholder): \(error.message)")
                }
            }
        }
        #expect(applied >= 40)
    }

    @Test func commandReferenceIsUpToDate() throws {
        let url = Transcript.repositoryRoot.appendingPathComponent("docs/commands.md")
        let checkedIn = try String(contentsOf: url, encoding: .utf8)
        #expect(checkedIn == HelpGenerator.markdownReference(),
                "docs/commands.md is stale: regenerate it with '.build/debug/capplan --reference > docs/commands.md'")
    }

    /// `help` lists every command once, by name, in its group's section, and nothing else; and
    /// `help COMMAND` starts with exactly the spec's usage line.
    @Test func helpListsEveryCommand() throws {
        let lines = HelpGenerator.overview().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var listed: [String: String] = [:]  // command name -> section
        var section = ""
        let names = Set(CommandRegistry.all.map(\.name))
        let forms = Set(StatementForm.all.map(\.syntax))
        for line in lines {
            if line.hasSuffix(":"), !line.hasPrefix(" ") { section = String(line.dropLast()); continue }
            guard line.hasPrefix("  ") else { continue }
            let entry = line.dropFirst(2)
            // The name is the longest command name or statement syntax the line starts with.
            let name = (names.union(forms)).filter { entry.hasPrefix($0 + " ") }.max { $0.count < $1.count }
            let found = try #require(name, "help line '\(line)' names no command")
            #expect(listed[found] == nil, "\(found) listed twice")
            listed[found] = section
        }
        for spec in CommandRegistry.all {
            #expect(listed[spec.name] == spec.group.rawValue, "help lists \(spec.name) under \(listed[spec.name] ?? "nothing")")
            let help = HelpGenerator.help(for: spec)
            #expect(help.split(separator: "\n").first.map(String.init) == "usage: " + spec.usage)
        }
        for form in StatementForm.all { #expect(listed[form.syntax] == CommandGroup.calculator.rawValue) }
        #expect(listed.count == names.count + forms.count)
    }
}
