import Foundation
@testable import CapShell

/// Runs one statement with `--format json` and returns the first JSON document it printed, as a
/// dictionary (values) and as text (key order).
enum QueueCommandJSON {
    static func run(_ statement: String, setup: String = "") -> (object: [String: Any], text: String) {
        let text = (setup.isEmpty ? "" : setup + "\n") + statement
        let output = Transcript.run(text, echo: false, format: .json).output
        let line = output.split(separator: "\n").last { $0.hasPrefix("{") }.map(String.init) ?? ""
        let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        return (object, line)
    }

    /// The keys of a one-line JSON object in the order they appear (top level only).
    static func keys(_ line: String) -> [String] {
        var keys: [String] = []
        var depth = 0
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "{" || c == "[" { depth += 1 } else if c == "}" || c == "]" { depth -= 1 }
            if c == "\"" {
                var j = line.index(after: i)
                while j < line.endIndex, line[j] != "\"" { if line[j] == "\\" { j = line.index(after: j) }; j = line.index(after: j) }
                let after = line.index(after: j)
                if depth == 1, after < line.endIndex, line[after] == ":" { keys.append(String(line[line.index(after: i)..<j])) }
                i = after
                continue
            }
            i = line.index(after: i)
        }
        return keys
    }

    static func number(_ object: [String: Any], _ key: String) -> Double {
        (object[key] as? NSNumber)?.doubleValue ?? .nan
    }
}
