extension DemandLoader {
    /// Options for `requestLog`: the `load history … format=requests` options.
    public struct RequestLogOptions: Sendable, Hashable {
        /// Column names (case-insensitive) or 1-based numbers; nil to detect them by name:
        /// time (`TIMESTAMP`, `time`, `ts` …), input (`ContextTokens`, `prompt_tokens`,
        /// `input` …), output (`GeneratedTokens`, `completion_tokens`, `output` …).
        public var timeColumn: String?
        public var inputColumn: String?
        public var outputColumn: String?
        public var header: CSVReader.HeaderPolicy

        public init(timeColumn: String? = nil, inputColumn: String? = nil, outputColumn: String? = nil,
                    header: CSVReader.HeaderPolicy = .auto) {
            self.timeColumn = timeColumn
            self.inputColumn = inputColumn
            self.outputColumn = outputColumn
            self.header = header
        }
    }

    /// A request log from a CSV file with one row per request.
    ///
    /// Rows out of time order are sorted (and noted). Token columns are optional; a token value
    /// must be a number at least 0, or empty/NA for missing.
    ///
    /// - Throws: `CSVError`; `DemandError` for a missing time column or an unreadable value.
    /// - Complexity: O(n) for rows in order (one pass over the bytes, one over the fields).
    public static func requestLog(_ bytes: [UInt8], fileName: String, options: RequestLogOptions = .init()) throws -> RequestLog {
        let table = try CSVReader.read(bytes, fileName: fileName, header: options.header)
        let timeColumn: Int
        if let name = options.timeColumn {
            timeColumn = try ColumnDetection.column(named: name, in: table)
        } else {
            do { timeColumn = try ColumnDetection.timeColumn(in: table) } catch {
                throw DemandError.missingRequestColumn(file: fileName, role: "timestamp", columns: table.columnNames)
            }
        }
        let inputColumn = try options.inputColumn.map { try ColumnDetection.column(named: $0, in: table) }
            ?? ColumnDetection.column(matching: ColumnDetection.inputHints, in: table, except: [timeColumn])
        let outputColumn = try options.outputColumn.map { try ColumnDetection.column(named: $0, in: table) }
            ?? ColumnDetection.column(matching: ColumnDetection.outputHints, in: table, except: [timeColumn, inputColumn ?? -1])

        var times = try readTimes(table, column: timeColumn)
        var input = try inputColumn.map { try readNumbers(table, column: $0, allowMissing: true, allowNegative: false) }
        var output = try outputColumn.map { try readNumbers(table, column: $0, allowMissing: true, allowNegative: false) }

        var notes: [String] = []
        var outOfOrder = 0
        for i in 1..<max(times.count, 1) where times[i] < times[i - 1] { outOfOrder += 1 }
        if outOfOrder > 0 {
            let order = times.indices.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
            times = order.map { times[$0] }
            input = input.map { column in order.map { column[$0] } }
            output = output.map { column in order.map { column[$0] } }
            notes.append("sorted \(DemandFormat.grouped(outOfOrder)) request\(outOfOrder == 1 ? " that was" : "s that were") out of time order")
        }
        let names = table.columnNames
        notes.append("columns: time '\(names[timeColumn])'"
            + (inputColumn.map { ", input tokens '\(names[$0])'" } ?? ", no input tokens")
            + (outputColumn.map { ", output tokens '\(names[$0])'" } ?? ", no output tokens"))
        for (label, column) in [("input", input), ("output", output)] {
            let missing = column?.reduce(0) { $0 + ($1 == nil ? 1 : 0) } ?? 0
            if missing > 0 { notes.append("\(DemandFormat.grouped(missing)) request\(missing == 1 ? "" : "s") without \(label) tokens") }
        }
        return RequestLog(source: fileName, times: times, inputTokens: input, outputTokens: output, notes: notes)
    }
}
