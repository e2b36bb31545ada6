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
                lines.append("  " + "EXPRESSION".padded(width) + "Evaluate and print: 10k rps * 1.2, 700W to kW")
                lines.append("  " + "let NAME = EXPR".padded(width) + "Bind a variable")
                lines.append("  " + "assert EXPR OP EXPR".padded(width) + "Fail the script unless true: assert gpus(asr) == 2400")
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

    public static func units() -> String {
        """
        numbers:  2e6  10k  3.6M  1.5G (billion)  2T  30%  2.5x   (k M G T are decimal)
        time:     ns µs ms s min h d wk mo yr      (mo = the 'month' setting, 730h by default)
        rates:    rps rpm rph rpd  tok/s  tpm      (requests are counts: 100 rps * 2 s = 200)
        data:     B KB MB GB TB PB  KiB MiB GiB TiB   (Ki..Ti only before B)
        speed:    GB/s TB/s   compute: TFLOPS PFLOPS   work: TFLOP PFLOP
        power:    W kW MW     energy: J kWh MWh
        money:    $4.50  $250k  $2.10/h  $2M/mo  $0.10/kWh   (USD; never converted)
        B alone:  billion where a count is expected (params=70B), bytes where data is (ram=512B),
                  an error in an expression (write 70G or 70 bytes)
        convert:  700W to kW    3.6M rph to rps    $4/h to $/mo
        """
    }

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
