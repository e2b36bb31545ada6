import Foundation
import CapPlan

/// Help text and the command reference, both rendered from the registry.
public enum HelpGenerator {
    /// `help`: every command by group, plus the statement forms.
    public static func overview() -> String {
        var lines = ["capplan — capacity planning for AI inference and training fleets", ""]
        let width = (CommandRegistry.all.map(\.name.count).max() ?? 10) + 2
        for group in CommandGroup.allCases {
            let specs = CommandRegistry.all.filter { $0.group == group }
            if group == .calculator {
                lines.append("\(group.rawValue):")
                for form in StatementForm.all { lines.append("  " + form.syntax.padded(width) + form.abstract) }
                for spec in specs { lines.append("  " + spec.name.padded(width) + spec.abstract) }
                lines.append("")
                continue
            }
            guard !specs.isEmpty else { continue }
            lines.append("\(group.rawValue):")
            for spec in specs { lines.append("  " + spec.name.padded(width) + spec.abstract) }
            lines.append("")
        }
        lines.append("'help COMMAND' for details; 'help functions', 'help units', 'help keys'.")
        return lines.joined(separator: "\n")
    }

    /// `help COMMAND`.
    public static func help(for spec: CommandSpec) -> String {
        var lines = ["usage: " + spec.usage, "", spec.abstract]
        if !spec.discussion.isEmpty { lines += ["", spec.discussion] }
        if !spec.aliases.isEmpty {
            lines += ["", "aliases: " + spec.aliases.map { $0.joined(separator: " ") }.joined(separator: ", ")]
        }
        if !spec.positionals.isEmpty {
            lines += ["", "arguments:"]
            for p in spec.positionals { lines.append(argumentLine(p, name: p.key.uppercased())) }
        }
        if !spec.options.isEmpty {
            lines += ["", "options:"]
            for o in spec.options { lines.append(argumentLine(o, name: o.key + "=" + o.kind.placeholder)) }
        }
        if !spec.examples.isEmpty {
            lines += ["", "examples:"]
            for e in spec.examples { lines.append("  " + e) }
        }
        return lines.joined(separator: "\n")
    }

    /// `help let`, `help assert`, `help expression`.
    public static func help(for form: StatementForm) -> String {
        var lines = ["usage: " + form.syntax, "", form.abstract]
        if !form.discussion.isEmpty { lines += ["", form.discussion] }
        lines += ["", "examples:"]
        for e in form.examples { lines.append("  " + e) }
        return lines.joined(separator: "\n")
    }

    static func argumentLine(_ o: OptionSpec, name: String) -> String {
        var text = "  " + name.padded(26) + o.abstract
        if let d = o.defaultValue { text += " (default: \(d))" }
        if !o.aliases.isEmpty { text += " (also: \(o.aliases.joined(separator: ", ")))" }
        return text
    }

    public static func functions() -> String {
        var lines = ["functions:"]
        for f in FunctionRegistry.all { lines.append("  " + f.signature.padded(28) + f.abstract) }
        return lines.joined(separator: "\n")
    }

    /// `help units`: the number suffixes and every unit, from the tables the lexer reads.
    public static func units() -> String {
        let suffixes = QuantityLiteral.suffixes.sorted { $0.value < $1.value }
        var lines = ["numbers:  " + (suffixes.map { String($0.key) } + ["%", "x"]).joined(separator: " ")
            + "   (" + suffixes.map { "\($0.key) = \(NumberFormat.scientific($0.value, significantDigits: 1))" }.joined(separator: ", ")
            + "; 30% = 0.3; 2.5x = 2.5): 2e6 10k 3.6M 30% 2.5x"]
        for family in UnitTable.Family.allCases {
            var symbols = UnitTable.entries.filter { $0.family == family }.map(\.symbol)
            if family == .time { symbols.append(UnitTable.monthSpellings[0]) }
            var line = (family.rawValue + ":").padded(10) + symbols.joined(separator: " ")
            if let note = unitNotes[family] { line += "   (" + note + ")" }
            lines.append(line)
        }
        lines += [
            "per:      any unit/unit: TB/s  tok/s  $/h  $/mo  $/kWh",
            "B alone:  billion where a count is expected (params=70B), bytes where data is (ram=512B),",
            "          an error in an expression (write 70G or 70 bytes)",
            "convert:  700W to kW    3.6M rph to rps    $4/h to $/mo",
        ]
        return lines.joined(separator: "\n")
    }

    /// What `help units` adds after a family's symbols.
    static let unitNotes: [UnitTable.Family: String] = [
        .time: "mo = the 'month' setting, 730h by default",
        .rates: "requests are counts: 100 rps * 2 s = 200",
        .data: "k M G T P are decimal; Ki Mi Gi Ti are binary and only before B",
        .compute: "dense FLOP; one multiply-add = 2 FLOP",
        .money: "USD; never converted",
    ]

    public static func workloadKeys() -> String {
        var lines = ["workload keys (add workload NAME key=value ...):"]
        for key in WorkloadKeys.all {
            lines.append(argumentLine(key.spec, name: key.spec.key + "=" + key.spec.kind.placeholder))
        }
        return lines.joined(separator: "\n")
    }

    /// docs/commands.md, generated from the registry (a test fails when the file is stale).
    public static func markdownReference() -> String {
        var out = "# capplan command reference\n\n"
        out += "Generated from the command registry by `capplan --reference`; do not edit by hand.\n\n"
        for group in CommandGroup.allCases {
            let specs = CommandRegistry.all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            out += "## \(group.rawValue)\n\n"
            if group == .calculator {
                for form in StatementForm.all {
                    out += "### `\(form.syntax)`\n\n\(form.abstract)\n\n\(form.discussion)\n\n"
                    out += "Examples:\n\n```\n" + form.examples.joined(separator: "\n") + "\n```\n\n"
                }
            }
            for spec in specs {
                out += "### `\(spec.name)`\n\n\(spec.abstract)\n\n"
                if !spec.discussion.isEmpty { out += spec.discussion + "\n\n" }
                out += "```\n\(spec.usage)\n```\n\n"
                let rows = spec.positionals.map { ($0.key.uppercased(), $0) } + spec.options.map { ($0.key + "=", $0) }
                if !rows.isEmpty {
                    out += "| argument | value | meaning | default |\n|---|---|---|---|\n"
                    for (name, o) in rows {
                        out += "| `\(name)` | `\(o.kind.placeholder)` | \(o.abstract.replacingPipes) | \(o.defaultValue.map { "`\($0)`" } ?? "") |\n"
                    }
                    out += "\n"
                }
                if !spec.examples.isEmpty {
                    out += "Examples:\n\n```\n" + spec.examples.joined(separator: "\n") + "\n```\n\n"
                }
            }
        }
        out += "## Functions\n\n| function | meaning |\n|---|---|\n"
        for f in FunctionRegistry.all { out += "| `\(f.signature)` | \(f.abstract.replacingPipes) |\n" }
        out += "\n## Settings\n\n| setting | value | meaning | default |\n|---|---|---|---|\n"
        for s in SettingKeys.all {
            out += "| `\(s.spec.key)` | `\(s.spec.kind.placeholder)` | \(s.spec.abstract.replacingPipes) | \(s.spec.defaultValue.map { "`\($0)`" } ?? "") |\n"
        }
        out += "\n## Units\n\n```\n" + units() + "\n```\n"
        return out
    }
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    var replacingPipes: String { replacingOccurrences(of: "|", with: "\\|") }
}
