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
        switch style {
        case .plain: return renderPlain(table)
        case .box: return renderBox(table)
        }
    }

    /// The plain style, written into one byte buffer: this is the hot path of a replayed plan.
    static func renderPlain(_ table: Table) -> String {
        let columnCount = table.columns.count
        // Every cell's width once (the rows' texts, then the headers').
        var cellWidths: [Int] = []
        cellWidths.reserveCapacity((table.rows.count + 1) * columnCount)
        var widths = table.columns.map { displayWidth($0.title) }
        for row in table.rows {
            for i in 0..<columnCount {
                let width = i < row.count ? displayWidth(row[i].text) : 0
                cellWidths.append(width)
                widths[i] = Swift.max(widths[i], width)
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((widths.reduce(0, +) + 2 * columnCount + 1) * (table.rows.count + 2) + 64)
        func append(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }
        func line(_ count: Int, text: (Int) -> String, width: (Int) -> Int) {
            for i in 0..<count {
                if i > 0 { bytes.append(32); bytes.append(32) }
                let missing = widths[i] - width(i)
                let right = table.columns[i].alignment == .right
                if right && missing > 0 { bytes.append(contentsOf: repeatElement(32, count: missing)) }
                append(text(i))
                if !right && missing > 0 { bytes.append(contentsOf: repeatElement(32, count: missing)) }
            }
            while bytes.last == 32 { bytes.removeLast() }
            bytes.append(10)
        }
        if let title = table.title { append(title); bytes.append(10) }
        line(columnCount, text: { table.columns[$0].title }, width: { displayWidth(table.columns[$0].title) })
        for i in 0..<columnCount {
            if i > 0 { bytes.append(32); bytes.append(32) }
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: widths[i]))
        }
        while bytes.last == 32 { bytes.removeLast() }
        bytes.append(10)
        for (r, row) in table.rows.enumerated() {
            line(Swift.min(row.count, columnCount), text: { row[$0].text }, width: { cellWidths[r * columnCount + $0] })
        }
        for footnote in table.footnotes { append(footnote); bytes.append(10) }
        bytes.removeLast()  // no newline after the last line
        return String(decoding: bytes, as: UTF8.self)
    }

    static func renderBox(_ table: Table) -> String {
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
        func rule(_ left: String, _ mid: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right
        }
        func line(_ cells: [String]) -> String {
            "│" + cells.enumerated().map { " " + pad($1, $0) + " " }.joined(separator: "│") + "│"
        }
        var lines: [String] = []
        if let title = table.title { lines.append(title) }
        lines.append(rule("┌", "┬", "┐"))
        lines.append(line(headers))
        lines.append(rule("├", "┼", "┤"))
        for row in table.rows { lines.append(line(row.map(\.text))) }
        lines.append(rule("└", "┴", "┘"))
        lines.append(contentsOf: table.footnotes)
        return lines.joined(separator: "\n")
    }
}
