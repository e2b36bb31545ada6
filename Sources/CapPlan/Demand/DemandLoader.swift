/// Turns the bytes of a file into demand values. No file access here: the shell reads the file
/// and passes its bytes and its name (for messages). Each loader reads everything or throws,
/// so nothing is ever half-loaded.
public enum DemandLoader {
    /// Options for `csvSeries`: the `load history … format=csv` options.
    public struct CSVSeriesOptions: Sendable, Hashable {
        /// Time column by name (case-insensitive) or 1-based number; nil to detect it.
        public var timeColumn: String?
        /// Value column by name or number; nil for the only numeric column besides the time.
        public var valueColumn: String?
        public var kind: TimeSeries.Kind
        /// nil for the data's own step.
        public var step: TimeSeries.Step?
        /// nil for the kind's default (counts: sum, rates: mean).
        public var aggregation: TimeSeries.Aggregation?
        public var header: CSVReader.HeaderPolicy

        public init(
            timeColumn: String? = nil, valueColumn: String? = nil, kind: TimeSeries.Kind = .count,
            step: TimeSeries.Step? = nil, aggregation: TimeSeries.Aggregation? = nil,
            header: CSVReader.HeaderPolicy = .auto
        ) {
            self.timeColumn = timeColumn
            self.valueColumn = valueColumn
            self.kind = kind
            self.step = step
            self.aggregation = aggregation
            self.header = header
        }
    }

    /// A time series from a CSV file with a timestamp column and a value column.
    ///
    /// - Throws: `CSVError` for a malformed file; `DemandError` for a missing or ambiguous
    ///   column, an unreadable timestamp or number (with its line and column), or a step problem.
    public static func csvSeries(_ bytes: [UInt8], fileName: String, options: CSVSeriesOptions = .init()) throws -> TimeSeries {
        let table = try CSVReader.read(bytes, fileName: fileName, header: options.header)
        let timeColumn = try options.timeColumn.map { try ColumnDetection.column(named: $0, in: table) }
            ?? ColumnDetection.timeColumn(in: table)
        let valueColumn: Int
        if let name = options.valueColumn {
            valueColumn = try ColumnDetection.column(named: name, in: table)
        } else {
            let numeric = ColumnDetection.numericColumns(in: table, except: timeColumn)
            guard let only = numeric.first else {
                throw DemandError.noValueColumn(file: fileName, columns: table.columnNames)
            }
            guard numeric.count == 1 else {
                throw DemandError.ambiguousValueColumn(file: fileName, candidates: numeric.map { table.columnNames[$0] })
            }
            valueColumn = only
        }
        let times = try readTimes(table, column: timeColumn)
        let values = try readNumbers(table, column: valueColumn, allowMissing: true, allowNegative: true)
        return try TimeSeries.build(
            times: times, values: values, kind: options.kind, step: options.step,
            aggregation: options.aggregation, source: fileName)
    }

    /// Every row's timestamp in `column`, read from the bytes.
    static func readTimes(_ table: CSVTable, column: Int) throws -> [Double] {
        var times = [Double](repeating: 0, count: table.rowCount)
        try table.bytes.withUnsafeBufferPointer { all in
            for row in 0..<table.rowCount {
                let span = table.span(row: row, column: column)
                let parsed: Timestamp.Parsed = span.escaped
                    ? table.withField(row: row, column: column) { Timestamp.parse($0) }
                    : Timestamp.parse(UnsafeBufferPointer(rebasing: all[span.start..<span.end]))
                switch parsed {
                case .time(let t): times[row] = t
                case .empty, .invalid:
                    var reason = "it is empty"
                    if case .invalid(let r) = parsed { reason = r }
                    throw DemandError.invalidTimestamp(
                        text: table.field(row: row, column: column), column: table.columnNames[column],
                        reason: reason, at: table.location(row: row, column: column))
                }
            }
        }
        return times
    }

    /// Every row's number in `column`; nil for a missing-value marker when allowed.
    static func readNumbers(_ table: CSVTable, column: Int, allowMissing: Bool, allowNegative: Bool) throws -> [Double?] {
        var values = [Double?](repeating: nil, count: table.rowCount)
        try table.bytes.withUnsafeBufferPointer { all in
            for row in 0..<table.rowCount {
                let span = table.span(row: row, column: column)
                let field = UnsafeBufferPointer(rebasing: all[span.start..<span.end])
                let value = span.escaped ? nil : NumberReader.parse(field)
                if let value {
                    if value < 0, !allowNegative {
                        throw DemandError.negativeValue(
                            value: value, column: table.columnNames[column], at: table.location(row: row, column: column))
                    }
                    values[row] = value
                } else if allowMissing, NumberReader.isMissingMarker(field) {
                    values[row] = nil
                } else {
                    throw DemandError.invalidNumber(
                        text: table.field(row: row, column: column), column: table.columnNames[column],
                        at: table.location(row: row, column: column))
                }
            }
        }
        return values
    }
}
