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

    /// The table's lines appended to `bytes`, without a newline after the last.
    static func write(_ table: Table, style: TableStyle, to bytes: inout [UInt8]) {
        switch style {
        case .plain: writePlain(table, to: &bytes)
        case .box: bytes.append(contentsOf: renderBox(table).utf8)
        }
    }

    /// The plain style, written straight into the output buffer: this is the hot path of a
    /// replayed plan.
    static func writePlain(_ table: Table, to bytes: inout [UInt8]) {
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
        let rightAligned = table.columns.map { $0.alignment == .right }
        let titleBytes = (table.title?.utf8.count ?? 0) + table.footnotes.reduce(0) { $0 + $1.utf8.count + 1 }
        var out = PlainLines(appendingTo: &bytes, capacity: (widths.reduce(0, +) + 2 * columnCount + 1) * (table.rows.count + 2) + titleBytes + 16)
        defer { out.finish(into: &bytes) }
        func cell(_ i: Int, _ content: String, width: Int) {
            if i > 0 { out.blanks += 2 }
            let missing = widths[i] - width
            let right = rightAligned[i]
            if right && missing > 0 { out.blanks += missing }
            out.text(content)
            if !right && missing > 0 { out.blanks += missing }
        }
        if let title = table.title { out.verbatim(title) }
        for (i, column) in table.columns.enumerated() { cell(i, column.title, width: displayWidth(column.title)) }
        out.endLine()
        for i in 0..<columnCount {
            if i > 0 { out.blanks += 2 }
            out.rule(widths[i])
        }
        out.endLine()
        for (r, row) in table.rows.enumerated() {
            for i in 0..<Swift.min(row.count, columnCount) { cell(i, row[i].text, width: cellWidths[r * columnCount + i]) }
            out.endLine()
        }
        for footnote in table.footnotes { out.verbatim(footnote) }
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

/// The bytes of plain table lines. Blanks are held back until something visible follows them,
/// so that a line never ends in blanks (padding after the last non-empty cell is common) and
/// none are written only to be taken back.
struct PlainLines {
    private var bytes: [UInt8] = []
    var blanks = 0

    /// Lines appended to `buffer`, which is moved in (and left empty) until `finish(into:)`.
    init(appendingTo buffer: inout [UInt8], capacity: Int) {
        swap(&bytes, &buffer)
        bytes.reserveCapacity(bytes.count + capacity)
    }

    /// Cell text: written after the pending blanks; its own trailing blanks become pending.
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            guard let last = utf8.lastIndex(where: { $0 != 32 }) else { blanks += utf8.count; return }
            if blanks > 0 { bytes.append(contentsOf: repeatElement(32, count: blanks)) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[...last]))
            blanks = utf8.count - 1 - last
        }
    }

    /// A column's rule under the headers: `width` dashes after the pending blanks.
    mutating func rule(_ width: Int) {
        guard width > 0 else { return }
        if blanks > 0 { bytes.append(contentsOf: repeatElement(32, count: blanks)) }
        blanks = 0
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: width))
    }

    mutating func endLine() {
        blanks = 0
        bytes.append(10)
    }

    /// A whole line as it is (a title or a footnote).
    mutating func verbatim(_ line: String) {
        bytes.append(contentsOf: line.utf8)
        endLine()
    }

    /// Gives the buffer back, without a newline after the last line.
    mutating func finish(into buffer: inout [UInt8]) {
        if bytes.last == 10 { bytes.removeLast() }
        swap(&bytes, &buffer)
    }
}
