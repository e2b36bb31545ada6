import Foundation

/// Writes tables as CSV per RFC 4180: CRLF line ends, fields with `,`, `"`, CR or LF quoted,
/// quotes doubled. Numbers are written raw (4800, not "$4,800") so spreadsheets read them.
public enum CSVWriter {
    public static func render(_ table: Table) -> String {
        var out = table.columns.map { field($0.key) }.joined(separator: ",") + "\r\n"
        for row in table.rows {
            out += row.map { field(rawText($0)) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func rawText(_ cell: Table.Cell) -> String {
        switch cell.value {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return JSONValue.numberText(x)
        case .string(let s): return s
        case .array, .object: return cell.value.serialized()
        }
    }

    static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
