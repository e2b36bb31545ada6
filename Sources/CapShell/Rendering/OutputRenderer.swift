import CapPlan

/// Renders an `Output` in the session's format: tables and text, one JSON line, or CSV.
public enum OutputRenderer {
    /// The blocks of the table format, separated by a blank line.
    static func writeBlocks(_ blocks: [Output.Block], style: TableStyle, to bytes: inout [UInt8]) {
        for (i, block) in blocks.enumerated() {
            if i > 0 { bytes.append(contentsOf: [10, 10]) }
            switch block {
            case .text(let s): bytes.append(contentsOf: s.utf8)
            case .table(let t): TableRenderer.write(t, style: style, to: &bytes)
            }
        }
    }

    public static func render(_ output: Output, format: Settings.Format, style: TableStyle) -> String? {
        switch format {
        case .table:
            guard !output.blocks.isEmpty else { return nil }
            var bytes: [UInt8] = []
            writeBlocks(output.blocks, style: style, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        case .json:
            if let json = output.json { return json.serialized() }
            let texts = output.blocks.compactMap { block -> String? in
                if case .text(let s) = block { return s }
                return nil
            }
            return texts.isEmpty ? nil : JSONValue.object([("text", .string(texts.joined(separator: "\n")))]).serialized()
        case .csv:
            if let table = output.exportTable {
                var csv = CSVWriter.render(table)
                if csv.hasSuffix("\r\n") { csv.removeLast(2) }
                return csv
            }
            if let value = output.value {
                let unit = Quantity.readableUnitPublic(for: value)
                let amount = unit.map { value.value(in: $0) } ?? value.value
                return "value,unit\r\n" + JSONValue.numberText(amount) + "," + (unit?.symbol ?? "")
            }
            return render(output, format: .table, style: .plain)
        }
    }
}
