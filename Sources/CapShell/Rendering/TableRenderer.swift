/// Draws a `Table` for a person: box drawing on a terminal, plain aligned text otherwise.
///
/// The plain style is what scripts, pipes and golden files see; it contains only ASCII
/// (plus whatever the cells contain) and no trailing blanks.
public enum TableStyle: Sendable, Hashable {
    case box
    case plain
}

public enum TableRenderer {
    /// Columns a text takes in a terminal: ASCII by its byte count (the common, fast case),
    /// otherwise one per scalar except combining marks (the bar of ℓ̄ takes no column).
    /// String.count would be right too, but its grapheme breaking dominated rendering time.
    static func displayWidth(_ text: String) -> Int {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.count }
        return text.unicodeScalars.reduce(0) { count, scalar in
            scalar.properties.generalCategory == .nonspacingMark ? count : count + 1
        }
    }

    public static func render(_ table: Table, style: TableStyle) -> String {
        let headers = table.columns.map(\.title)
        var widths = headers.map(displayWidth)
        for row in table.rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = Swift.max(widths[i], displayWidth(cell.text))
            }
        }
        func pad(_ text: String, _ i: Int) -> String {
            let missing = widths[i] - displayWidth(text)
            guard missing > 0 else { return text }
            let fill = String(repeating: " ", count: missing)
            return table.columns[i].alignment == .right ? fill + text : text + fill
        }
        var lines: [String] = []
        if let title = table.title { lines.append(title) }
        switch style {
        case .plain:
            // Written into one byte buffer per line: this is the hot path of a replayed plan.
            var bytes: [UInt8] = []
            func line(_ cells: [String]) -> String {
                bytes.removeAll(keepingCapacity: true)
                for (i, cell) in cells.enumerated() where i < widths.count {
                    if i > 0 { bytes.append(32); bytes.append(32) }
                    let missing = widths[i] - displayWidth(cell)
                    let right = table.columns[i].alignment == .right
                    if right && missing > 0 { bytes.append(contentsOf: repeatElement(32, count: missing)) }
                    bytes.append(contentsOf: cell.utf8)
                    if !right && missing > 0 { bytes.append(contentsOf: repeatElement(32, count: missing)) }
                }
                while bytes.last == 32 { bytes.removeLast() }
                return String(decoding: bytes, as: UTF8.self)
            }
            lines.append(line(headers))
            lines.append(line(widths.map { String(repeating: "-", count: $0) }))
            for row in table.rows { lines.append(line(row.map(\.text))) }
        case .box:
            func rule(_ left: String, _ mid: String, _ right: String) -> String {
                left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right
            }
            func line(_ cells: [String]) -> String {
                "│" + cells.enumerated().map { " " + pad($1, $0) + " " }.joined(separator: "│") + "│"
            }
            lines.append(rule("┌", "┬", "┐"))
            lines.append(line(headers))
            lines.append(rule("├", "┼", "┤"))
            for row in table.rows { lines.append(line(row.map(\.text))) }
            lines.append(rule("└", "┴", "┘"))
        }
        lines.append(contentsOf: table.footnotes)
        return lines.joined(separator: "\n")
    }
}
