/// A user's own option table for the budget optimizer (`optimize budget B options=FILE.csv`):
/// one row per option, with columns `workload`, `option`, `cost` (dollars per period, a plain
/// number) and `quality` (a plain number); any other columns are carried through untouched.
///
/// Rows are grouped by workload in order of first appearance; options keep their row order.
/// The header is required (the four columns are found by name, case and `_`/space
/// insensitive). A cell that is not a number, a negative cost, or a missing column stops the
/// load with the file, line and column.
public struct PlanOptionTable: Sendable {
    public struct Row: Sendable, Hashable {
        public var workload: String
        public var option: String
        public var cost: Double
        public var quality: Double
        /// The other columns' cells, in `extraColumns` order, as written.
        public var extras: [String]
        /// 1-based line of the row in the file.
        public var line: Int
    }

    public var fileName: String
    /// Names of the columns carried through, in file order.
    public var extraColumns: [String]
    public var rows: [Row]

    public static let requiredColumns = ["workload", "option", "cost", "quality"]

    /// Reads the table from a file's bytes.
    ///
    /// - Throws: `CSVError` for malformed CSV, `DemandError.unknownColumn` for a missing
    ///   required column, `.invalidNumber` / `.negativeValue` (with the cell's location) for a
    ///   bad cost or quality.
    public static func read(_ bytes: [UInt8], fileName: String) throws -> PlanOptionTable {
        let table = try CSVReader.read(bytes, fileName: fileName, header: .present)
        let columns = try requiredColumns.map { try ColumnDetection.column(named: $0, in: table) }
        let (workloadColumn, optionColumn, costColumn, qualityColumn) = (columns[0], columns[1], columns[2], columns[3])
        let extraIndices = (0..<table.columnCount).filter { !columns.contains($0) }
        var rows: [Row] = []
        rows.reserveCapacity(table.rowCount)
        // Rows of one workload usually come together: reuse its name rather than decode it again.
        var workload = ""
        for r in 0..<table.rowCount {
            func number(_ c: Int, _ name: String) throws -> Double {
                guard let x = table.withField(row: r, column: c, { NumberReader.parse($0) }) else {
                    throw DemandError.invalidNumber(text: table.field(row: r, column: c), column: name,
                                                    at: table.location(row: r, column: c))
                }
                return x
            }
            let cost = try number(costColumn, "cost")
            guard cost >= 0 else {
                throw DemandError.negativeValue(value: cost, column: "cost", at: table.location(row: r, column: costColumn))
            }
            if !table.withField(row: r, column: workloadColumn, { $0.elementsEqual(workload.utf8) }) || r == 0 {
                workload = table.field(row: r, column: workloadColumn)
            }
            rows.append(Row(
                workload: workload,
                option: table.field(row: r, column: optionColumn),
                cost: cost,
                quality: try number(qualityColumn, "quality"),
                extras: extraIndices.map { table.field(row: r, column: $0) },
                line: table.line(ofRow: r)))
        }
        return PlanOptionTable(fileName: fileName, extraColumns: extraIndices.map { table.columnNames[$0] }, rows: rows)
    }

    /// The rows as optimizer groups: workloads in order of first appearance, each candidate's
    /// `payload` its row index, its value the quality.
    public var groups: [(workload: String, candidates: [PlanCandidate])] {
        // Group positions by name, candidates appended in place (no array copied per row).
        var position: [String: Int] = [:]
        var groups: [(workload: String, candidates: [PlanCandidate])] = []
        var last = -1
        for (i, row) in rows.enumerated() {
            let candidate = PlanCandidate(workload: row.workload, option: row.option, cost: row.cost,
                                          quality: row.quality, value: row.quality, payload: i)
            if last >= 0, groups[last].workload == row.workload {
                groups[last].candidates.append(candidate)
            } else if let g = position[row.workload] {
                last = g
                groups[g].candidates.append(candidate)
            } else {
                last = groups.count
                position[row.workload] = last
                groups.append((row.workload, [candidate]))
            }
        }
        return groups
    }
}
