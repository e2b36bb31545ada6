import CapPlan
import Foundation

/// `load history` and `show history`: real traffic into the session, and what it says (issue 4,
/// "Loading" and "Characterising"). `set workload W from=history` lives with the workload
/// commands and uses `DemandCommands.derived`.
enum DemandCommands {
    static let all: [CommandSpec] = [load, show]

    static let workload = OptionSpec("workload", .name(.workload), "The workload the traffic belongs to.", required: true)
    static let time = ValueKind.quantity(dimensions: [.time], impliedUnit: nil, context: .count)

    static let load = CommandSpec(
        path: ["load", "history"], group: .demand,
        abstract: "Load a workload's traffic from a time series, a request log or a Prometheus export.",
        discussion: """
        FILE is read relative to the running script. format=csv is a time series (a timestamp \
        column and a value column); format=requests is one row per request (timestamp, input \
        tokens, output tokens), counted per step; format=prometheus is the JSON of \
        /api/v1/query_range. Without format=, a .json file is read as Prometheus, a CSV whose \
        columns name tokens as a request log, any other file as a time series. Unsorted rows are \
        sorted and gaps reported (filled only with fill=); a malformed row is an error naming the \
        file, line and column, and nothing is loaded. A new load replaces the workload's history.
        """,
        positionals: [workload, OptionSpec("file", .path, "The data file.", required: true)],
        options: [
            OptionSpec("format", .choice(["csv", "requests", "prometheus"]), "How to read the file.", derived: "by extension and columns"),
            OptionSpec("time", .text, "Time column, by name or 1-based number.", derived: "detected"),
            OptionSpec("value", .text, "Value column of a time series, by name or number.", derived: "the only numeric column"),
            OptionSpec("input", .text, "Input-token column of a request log.", derived: "detected"),
            OptionSpec("output", .text, "Output-token column of a request log.", derived: "detected"),
            OptionSpec("series", .text, "Which Prometheus series: label=value[,label=value].", derived: "the only one"),
            OptionSpec("kind", .choice(["count", "rate"]), "Whether a value is a count per step or a rate per second.",
                       derived: "count; rate for prometheus"),
            OptionSpec("step", time, "Aggregate to this step (1min, 1h, 1d, 1mo).", derived: "the data's own"),
            OptionSpec("agg", .choice(["sum", "mean", "max"]), "How values in one step combine.", derived: "sum for counts, mean for rates"),
            OptionSpec("fill", .choice(["zero", "linear", "previous"]), "Fill missing steps.", derived: "no filling"),
        ],
        examples: [
            "load history chat data/azure_llm_2023_conv_first2000.csv format=requests",
            "load history taxi data/nyc_taxi_30min_first28d.csv step=1h",
            "load history api metrics.json series=job=api step=5min",
        ],
        mutatesSession: true,
        run: runLoad)

    static let show = CommandSpec(
        path: ["show", "history"], group: .demand,
        abstract: "Characterise a workload's loaded traffic: rates, peaks, token sizes, profiles and a chart.",
        discussion: """
        Peak-to-mean is the busiest window's mean rate over the overall mean, at the loaded step \
        and at 1 min, 1 h and 1 d where the data has two complete windows. For a request log it \
        adds the coefficient of variation of inter-arrival times (1 for Poisson arrivals) and \
        token percentiles. The daily profile needs a day of data, the weekly one a week (UTC).
        """,
        positionals: [workload],
        examples: ["show history chat"],
        run: runShow)

    // MARK: load history

    static func runLoad(_ context: inout CommandContext, _ arguments: Arguments) throws -> CommandResult {
        let w = try WorkloadCommands.existing(arguments, in: context.session)
        let path = arguments.name("file") ?? ""
        let fileSpan = arguments.positional("file")?.span
        func optionSpan(_ key: String) -> Range<Int>? { arguments.option(key)?.span }
        func text(_ key: String) -> String? { arguments.option(key).flatMap { $0.value.name } }

        let bytes: [UInt8]
        do {
            bytes = Array(try context.environment.files.readData(path))
        } catch {
            throw error.languageError(fileSpan)
        }

        let format = text("format") ?? detectFormat(path: path, bytes: bytes, arguments: arguments)
        // Options that belong to another format are mistakes, not silently ignored.
        let belongs: [String: Set<String>] = [
            "value": ["csv"], "input": ["requests"], "output": ["requests"], "series": ["prometheus"],
            "agg": ["csv", "prometheus"], "kind": ["csv", "prometheus"], "time": ["csv", "requests"],
        ]
        for option in arguments.options {
            if let formats = belongs[option.key], !formats.contains(format) {
                throw LanguageError(.command, "\(option.key)= does not apply to format=\(format)",
                                    hint: "\(option.key)= is for format=" + formats.sorted().joined(separator: " or "), span: option.span)
            }
        }
        let step = try readStep(arguments)
        let kind = text("kind").flatMap(TimeSeries.Kind.init(rawValue:))
        let aggregation = text("agg").flatMap(TimeSeries.Aggregation.init(rawValue:))

        var series: TimeSeries
        var log: RequestLog?
        do {
            switch format {
            case "requests":
                let loaded = try DemandLoader.requestLog(bytes, fileName: path, options: .init(
                    timeColumn: text("time"), inputColumn: text("input"), outputColumn: text("output")))
                series = try loaded.requestSeries(step: step)
                log = loaded
            case "prometheus":
                series = try DemandLoader.prometheus(bytes, fileName: path, options: .init(
                    series: text("series"), kind: kind ?? .rate, step: step, aggregation: aggregation))
            default:
                series = try DemandLoader.csvSeries(bytes, fileName: path, options: .init(
                    timeColumn: text("time"), valueColumn: text("value"), kind: kind ?? .count,
                    step: step, aggregation: aggregation))
            }
            if let fill = text("fill").flatMap(TimeSeries.Fill.init(rawValue:)) {
                let missing = series.missingSteps + series.missingValues
                series = try series.filled(fill)
                if missing > 0 { series.notes.append("filled \(missing) missing value\(missing == 1 ? "" : "s") (fill=\(fill.rawValue))") }
            }
        } catch let error as CSVError {
            throw fileError(error.message, hint: error.hint, location: error.location, span: fileSpan)
        } catch let error as DemandError {
            throw fileError(error.message, hint: error.hint, location: error.location,
                            span: demandErrorSpan(error, arguments: arguments) ?? fileSpan)
        }

        let statement = canonicalStatement(w.name, path: path, arguments: arguments)
        context.session.histories[w.name] = DemandHistory(series: series, requestLog: log, loadCommand: statement)

        let summary = try summaryTable(w.name, path: path, format: format, series: series, log: log)
        return CommandResult(.table(summary.table, json: summary.json))
    }

    /// `requests` for a CSV whose header names tokens, `prometheus` for JSON, else `csv`.
    static func detectFormat(path: String, bytes: [UInt8], arguments: Arguments) -> String {
        if arguments.option("input") != nil || arguments.option("output") != nil { return "requests" }
        if arguments.option("series") != nil { return "prometheus" }
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return "prometheus" }
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1 }
        if start < bytes.count, bytes[start] == UInt8(ascii: "{") { return "prometheus" }
        var end = start
        while end < bytes.count, end - start < 4096, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        let header = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
        let names = header.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        let tokenWords = ["token", "prompt", "completion", "generated", "context"]
        if names.contains(where: { n in tokenWords.contains { n.contains($0) } }) { return "requests" }
        return "csv"
    }

    /// `step=` as a series step: calendar months for `mo`/`yr`, else seconds.
    static func readStep(_ arguments: Arguments) throws -> TimeSeries.Step? {
        guard let argument = arguments.option("step"), let q = argument.value.quantity else { return nil }
        guard q.value.isFinite, q.value > 0 else {
            throw LanguageError(.bind, "step= must be greater than zero", hint: "write a step such as step=30s, step=1h or step=1mo", span: argument.span)
        }
        if let unit = q.unit, unit.symbol == "mo" || unit.symbol == "yr" {
            let count = q.value / unit.factor * (unit.symbol == "yr" ? 12 : 1)
            guard count == count.rounded(), count >= 1, count <= 1200 else {
                throw LanguageError(.bind, "a calendar step must be a whole number of months", hint: "write step=1mo, step=3mo or step=1yr", span: argument.span)
            }
            return .months(Int(count))
        }
        return .seconds(q.value)
    }

    /// An error inside the data file points there (file:line:col, the line, a caret); others at
    /// the statement.
    static func fileError(_ message: String, hint: String?, location: FileLocation?, span: Range<Int>?) -> LanguageError {
        guard let location else { return LanguageError(.file, message, hint: hint, span: span) }
        var text = message
        let prefix = "\(location): "
        if text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        // A one-character span keeps the caret under the file's column (not the statement's length).
        var error = LanguageError(.file, text, hint: hint, span: 0..<1)
        error.fileLocation = SourceLocation(file: location.file, line: location.line, column: location.column)
        error.fileLine = location.lineText
        return error
    }

    /// The option a `DemandError` without a file location is about, when there is one.
    static func demandErrorSpan(_ error: DemandError, arguments: Arguments) -> Range<Int>? {
        switch error {
        case .unknownColumn(_, let name, _):
            return arguments.options.first { ["time", "value", "input", "output"].contains($0.key) && $0.value.name == name }?.span
        case .invalidStep, .stepNotMultiple, .stepFinerThanData, .tooManySteps:
            return arguments.option("step")?.span
        case .cannotSumRates, .countAggregationNeedsRegularData:
            return (arguments.option("agg") ?? arguments.option("kind"))?.span
        case .seriesSelectorMatches, .invalidSeriesSelector:
            return arguments.option("series")?.span
        default:
            return nil
        }
    }

    /// `load history W "FILE" key=value...`, as `save` replays it.
    static func canonicalStatement(_ workload: String, path: String, arguments: Arguments) -> String {
        let file = "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        var parts = ["load history", WorkloadKeys.quotedIfNeeded(workload), file]
        for option in arguments.options {
            var value = option.text
            if case .text(let s)? = Optional(option.value), !s.unicodeScalars.allSatisfy({ Lexer.isNameCharacter($0) || "=,:/.".unicodeScalars.contains($0) }) {
                value = "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            parts.append("\(option.key)=\(value)")
        }
        return parts.joined(separator: " ")
    }

    // MARK: Numbers in words

    /// How a series' rates are written: `rps` for requests, `per s` for other counts and rates,
    /// `per month` for monthly counts.
    struct RateUnit {
        var isRequests: Bool
        var perMonth: Bool

        init(series: TimeSeries, isRequests: Bool) {
            self.isRequests = isRequests
            if case .months = series.step, series.kind == .count { perMonth = true } else { perMonth = false }
        }

        static let monthSeconds = UnitConventions().monthSeconds

        /// The number printed for a rate per second.
        func scaled(_ perSecond: Double) -> Double { perMonth ? perSecond * Self.monthSeconds : perSecond }

        func text(_ perSecond: Double) -> String {
            if isRequests { return Quantity(perSecond, .rate, unit: UnitTable.unit("rps")).formatted(significantDigits: 4) }
            let x = NumberFormat.decimal(scaled(perSecond), significantDigits: 4)
            return perMonth ? "\(x) per month" : "\(x) per s"
        }

        var chartLabel: String { isRequests ? "requests per s" : (perMonth ? "per month" : "per s") }
    }

    static func stepText(_ step: TimeSeries.Step) -> String { step.description }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "n/a" }
        if seconds < 120 { return NumberFormat.decimal(seconds, significantDigits: 4) + " s" }
        if seconds < 2 * 3600 {
            let m = Int(seconds / 60), s = Int((seconds - Double(m) * 60).rounded(.down))
            return s == 0 ? "\(m) min" : "\(m) min \(s) s"
        }
        if seconds < 2 * 86_400 { return NumberFormat.decimal(seconds / 3600, significantDigits: 3) + " h" }
        if seconds < 90 * 86_400 { return NumberFormat.decimal(seconds / 86_400, significantDigits: 3) + " d" }
        return NumberFormat.decimal(seconds / (365.25 * 86_400), significantDigits: 3) + " yr"
    }

    static func gapsText(_ series: TimeSeries) -> String {
        var parts: [String] = []
        if series.gaps.isEmpty {
            parts.append("none")
        } else {
            let runs = series.gaps.count, steps = series.missingSteps
            parts.append("\(steps) missing step\(steps == 1 ? "" : "s") in \(runs) run\(runs == 1 ? "" : "s") (first at \(Timestamp.format(series.gaps[0].start)))")
        }
        if series.missingValues > 0 {
            parts.append("\(series.missingValues) empty value\(series.missingValues == 1 ? "" : "s")")
        }
        return parts.joined(separator: "; ")
    }

    static func gapsJSON(_ gaps: [TimeSeries.Gap]) -> JSONValue {
        .array(gaps.map { .object([("start", .string(Timestamp.format($0.start))), ("steps", .number(Double($0.steps)))]) })
    }

    static func stepSeconds(_ step: TimeSeries.Step) -> JSONValue {
        switch step {
        case .seconds(let s): return .number(s)
        case .months(let m): return .number(Double(m) * RateUnit.monthSeconds)
        }
    }

    static let itemColumns = [Table.Column("Item", key: "item"), Table.Column("Value", key: "value")]

    static func row(_ item: String, _ text: String, _ value: JSONValue? = nil) -> [Table.Cell] {
        [.text(item), Table.Cell(text, value: value ?? .string(text))]
    }

    // MARK: The load summary

    static func summaryTable(_ name: String, path: String, format: String, series: TimeSeries, log: RequestLog?) throws -> (table: Table, json: JSONValue) {
        let unit = RateUnit(series: series, isRequests: log != nil)
        let mean = (try? series.meanRate()) ?? 0
        var peak = 0.0
        for i in series.values.indices { if let r = series.rate(at: i), r > peak { peak = r } }
        // A request log spans its first to its last request, as 'show history' says.
        let start = log?.times.first ?? series.start, end = log?.times.last ?? series.end
        var table = Table(name: "history", title: "history of \(name): \(path) (\(format))", columns: itemColumns)
        if let log { table.rows.append(row("requests", NumberFormat.integer(Double(log.count)), .number(Double(log.count)))) }
        table.rows += [
            row("points", NumberFormat.integer(Double(series.count)), .number(Double(series.count))),
            row("step", stepText(series.step)),
            row("span", duration(end - start)),
            row("start", Timestamp.format(start)),
            row("end", Timestamp.format(end)),
            row("mean rate", unit.text(mean), .number(unit.scaled(mean))),
            row("peak rate (per step)", unit.text(peak), .number(unit.scaled(peak))),
            row("gaps", gapsText(series)),
        ]
        table.footnotes = series.notes.map { "note: \($0)" }
        var json: [(String, JSONValue)] = [
            ("workload", .string(name)), ("file", .string(path)), ("format", .string(format)),
            ("points", .number(Double(series.count))), ("step_s", stepSeconds(series.step)),
            ("start", .string(Timestamp.format(start))), ("end", .string(Timestamp.format(end))),
            ("mean_rate", .number(mean)), ("peak_rate", .number(peak)),
            ("gaps", gapsJSON(series.gaps)), ("missing_values", .number(Double(series.missingValues))),
        ]
        if let log { json.append(("requests", .number(Double(log.count)))) }
        json.append(("notes", .array(series.notes.map { .string($0) })))
        return (table, .object(json))
    }

    // MARK: show history

    static func history(_ arguments: Arguments, in session: Session) throws -> (Workload, DemandHistory) {
        let w = try WorkloadCommands.existing(arguments, in: session)
        guard let history = session.histories[w.name] else {
            throw LanguageError(.command, "no history loaded for workload '\(w.name)'",
                                hint: "load one with 'load history \(WorkloadKeys.quotedIfNeeded(w.name)) FILE'",
                                span: arguments.positional("workload")?.span)
        }
        return (w, history)
    }

    static func profile(_ history: DemandHistory, span: Range<Int>?) throws -> DemandProfile {
        do {
            if let log = history.requestLog { return try DemandProfile(log, step: history.series.step) }
            return try DemandProfile(history.series)
        } catch let error as DemandError {
            throw LanguageError(.command, error.message, hint: error.hint, span: span)
        }
    }

    static func runShow(_ context: inout CommandContext, _ arguments: Arguments) throws -> CommandResult {
        let (w, history) = try history(arguments, in: context.session)
        let p = try profile(history, span: arguments.positional("workload")?.span)
        let series = history.series
        let unit = RateUnit(series: series, isRequests: history.requestLog != nil)

        var overview = Table(name: "history", title: "history of \(w.name): \(series.source)", columns: itemColumns)
        if let r = p.requests { overview.rows.append(row("requests", NumberFormat.integer(Double(r.count)), .number(Double(r.count)))) }
        overview.rows += [
            row("span", duration(p.span) + " (\(Timestamp.format(p.start)) to \(Timestamp.format(p.end)))"),
            row("step", stepText(p.step)),
            row("points", NumberFormat.integer(Double(p.points)), .number(Double(p.points))),
            row("mean rate", unit.text(p.meanRate), .number(unit.scaled(p.meanRate))),
            row("peak rate (per step)", unit.text(p.peakRate), .number(unit.scaled(p.peakRate))),
        ]
        for ratio in p.peakToMean {
            overview.rows.append(row("peak-to-mean, \(stepText(ratio.window)) windows",
                                     NumberFormat.decimal(ratio.ratio, significantDigits: 3) + "x (\(NumberFormat.integer(Double(ratio.windows))) windows)",
                                     .number(ratio.ratio)))
        }
        overview.rows.append(row("gaps", gapsText(series)))
        if let r = p.requests {
            if let cv = r.interarrivalCV {
                overview.rows.append(row("inter-arrival CV", NumberFormat.decimal(cv, significantDigits: 3) + " (Poisson: 1; ca2=" + NumberFormat.decimal(cv * cv, significantDigits: 3) + ")", .number(cv)))
            }
            for (label, tokens) in [("input tokens", r.inputTokens), ("output tokens", r.outputTokens)] {
                guard let t = tokens else { continue }
                let text = "p50 \(NumberFormat.decimal(t.p50, significantDigits: 5)), p90 \(NumberFormat.decimal(t.p90, significantDigits: 5)), "
                    + "p99 \(NumberFormat.decimal(t.p99, significantDigits: 5)), mean \(NumberFormat.decimal(t.mean, significantDigits: 5))"
                overview.rows.append(row(label, text, .number(t.mean)))
            }
        }
        let coarser = ["1 min", "1 h", "1 d"].filter { label in !p.peakToMean.contains { stepText($0.window) == label } }
        if case .seconds(let s) = p.step {
            let missing = zip([60.0, 3600, 86_400], ["1 min", "1 h", "1 d"]).filter { $0.0 > s && coarser.contains($0.1) }.map(\.1)
            if !missing.isEmpty {
                overview.footnotes.append("peak-to-mean at \(missing.joined(separator: ", ")): needs two complete windows; the data spans \(duration(p.span))")
            }
        }
        overview.footnotes += p.notes.map { "note: \($0)" }

        var blocks: [Output.Block] = [.table(overview)]
        if let daily = p.daily {
            blocks.append(.table(profileTable(name: "daily_profile", title: "daily profile (UTC)", label: "Hour", key: "hour",
                                              buckets: daily.enumerated().map { (String(format: "%02d:00", $0.offset), $0.element) },
                                              mean: p.meanRate, unit: unit)))
        }
        if let weekly = p.weekly {
            let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            blocks.append(.table(profileTable(name: "weekly_profile", title: "weekly profile (UTC)", label: "Day", key: "day",
                                              buckets: weekly.enumerated().map { (days[$0.offset], $0.element) },
                                              mean: p.meanRate, unit: unit)))
        }
        if p.daily == nil || p.weekly == nil {
            let missing = [p.daily == nil ? "daily (a day of data at 1 h or finer)" : nil,
                           p.weekly == nil ? "weekly (a week of data at 1 d or finer)" : nil].compactMap { $0 }
            blocks.append(.text("no " + missing.joined(separator: " or ") + " profile: the data spans \(duration(p.span))"))
        }
        let shown = chartSeries(series, columns: 72)
        let values = shown.values.indices.map { shown.rate(at: $0).map(unit.scaled) }
        let chart = TerminalChart.render(
            series: [(label: "\(unit.chartLabel), mean of each \(stepText(shown.step))", values: values, symbol: "*")],
            xLabels: (Timestamp.format(shown.start), Timestamp.format(shown.end)), width: 72, height: 12)
        blocks.append(.text(chart))

        var json: [(String, JSONValue)] = [
            ("workload", .string(w.name)),
            ("points", .number(Double(p.points))), ("step_s", stepSeconds(p.step)),
            ("start", .string(Timestamp.format(p.start))), ("end", .string(Timestamp.format(p.end))),
            ("mean_rate", .number(p.meanRate)), ("peak_rate", .number(p.peakRate)),
            ("peak_to_mean", .number(p.peakToMean.first?.ratio)),
            ("gaps", gapsJSON(p.gaps)),
        ]
        if let r = p.requests {
            json += [
                ("requests", .number(Double(r.count))), ("interarrival_cv", .number(r.interarrivalCV)),
                ("input_tokens_p50", .number(r.inputTokens?.p50)), ("input_tokens_p90", .number(r.inputTokens?.p90)),
                ("input_tokens_p99", .number(r.inputTokens?.p99)), ("input_tokens_mean", .number(r.inputTokens?.mean)),
                ("output_tokens_p50", .number(r.outputTokens?.p50)), ("output_tokens_p90", .number(r.outputTokens?.p90)),
                ("output_tokens_p99", .number(r.outputTokens?.p99)), ("output_tokens_mean", .number(r.outputTokens?.mean)),
            ]
        }
        json += [
            ("span_s", .number(p.span)), ("kind", .string(p.kind.rawValue)),
            ("missing_steps", .number(Double(p.missingSteps))), ("missing_values", .number(Double(p.missingValues))),
            ("peak_to_mean_windows", .array(p.peakToMean.map { r in
                .object([("window_s", stepSeconds(r.window)), ("ratio", .number(r.ratio)), ("windows", .number(Double(r.windows)))])
            })),
            ("daily", p.daily.map { .array($0.map { JSONValue.number($0) }) } ?? .null),
            ("weekly", p.weekly.map { .array($0.map { JSONValue.number($0) }) } ?? .null),
        ]
        var output = Output(blocks: blocks, json: .object(json), exportTable: overview)
        output.value = nil
        return CommandResult(output)
    }

    /// The series at the finest round step (1 s, 5 s, … 1 h, … 1 d, 7 d) that fits `columns`,
    /// so each column of the chart is one step whose rate is its mean.
    static func chartSeries(_ series: TimeSeries, columns: Int) -> TimeSeries {
        guard series.count > columns, case .seconds(let s) = series.step else { return series }
        let round: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 604_800]
        for candidate in round where candidate > s * (1 + 1e-9) {
            let k = candidate / s
            guard abs(k - k.rounded()) <= 1e-9 * k, series.count / Int(k.rounded()) < columns else { continue }
            let aggregation: TimeSeries.Aggregation = series.kind == .count ? .sum : .mean
            if var coarser = try? series.resampled(to: .seconds(candidate), aggregation: aggregation), coarser.count > 0 {
                // A step the data covers only in part would chart as a dip: leave it out.
                if coarser.start < series.start - 1e-9 { coarser.values[0] = nil }
                if coarser.end > series.end + 1e-9 { coarser.values[coarser.count - 1] = nil }
                return coarser
            }
        }
        return series
    }

    static func profileTable(name: String, title: String, label: String, key: String, buckets: [(String, Double?)], mean: Double, unit: RateUnit) -> Table {
        var table = Table(name: name, title: title, columns: [
            Table.Column(label, key: key), Table.Column("Mean rate", key: "mean_rate", alignment: .right),
            Table.Column("x mean", key: "ratio", alignment: .right),
        ])
        for (bucket, value) in buckets {
            guard let v = value else {
                table.rows.append([.text(bucket), Table.Cell("no data", value: .null), .empty])
                continue
            }
            let ratio = mean > 0 ? v / mean : 0
            table.rows.append([.text(bucket), .number(unit.scaled(v), unit.text(v)),
                               .number(ratio, NumberFormat.fixedPoint(ratio, decimals: 2) + "x")])
        }
        return table
    }

    // MARK: set workload W from=history

    /// What `set workload W from=history` fills: mean rate, peak multiplier over `window` (default
    /// 1 min, or the data's step when coarser), and for a request log the mean token sizes.
    struct Derived {
        var rate: Double
        var peak: PeakMeasurement
        /// `peak.multiplier`, rounded to 4 significant digits.
        var multiplier: Double
        var inputTokens: Double?
        var outputTokens: Double?
        /// p50, p90 and p99 of the log's lengths (whole tokens), for `in.pNN=` and `out.pNN=`.
        var inputPercentiles: [TokenLengths.Percentile] = []
        var outputPercentiles: [TokenLengths.Percentile] = []
        var source: String
    }

    /// p50, p90, p99 of the present lengths, rounded to whole tokens; none without values.
    static func lengthPercentiles(_ values: [Double?]?) -> [TokenLengths.Percentile] {
        guard let present = values?.compactMap({ $0 }), let lengths = try? TokenLengths.empirical(present) else { return [] }
        return [0.5, 0.9, 0.99].map { TokenLengths.Percentile(p: $0, tokens: max(1, lengths.quantile($0).rounded())) }
    }

    static func derived(_ history: DemandHistory, window: Double?, windowSpan: Range<Int>?, statementSpan: Range<Int>?) throws -> Derived {
        let series = history.series
        let unit = RateUnit(series: series, isRequests: history.requestLog != nil)
        var window = window
        if window == nil {
            switch series.step {
            case .seconds(let s): window = max(60, s)
            case .months: break
            }
        }
        guard let window else {
            throw LanguageError(.command, "peak over windows needs data on a fixed step; this history is monthly",
                                hint: "give the peak yourself with peak=, or load the data at a step in seconds", span: statementSpan)
        }
        let peak: PeakMeasurement
        do {
            peak = try series.peakMultiplier(window: window)
        } catch let error as DemandError {
            throw LanguageError(.command, error.message, hint: error.hint, span: windowSpan ?? statementSpan)
        }
        // Rounded as a planner would type them (4 significant digits, whole tokens), so that
        // 'show workload' and 'save' read cleanly; explain keeps the measurement.
        var d = Derived(rate: significant(peak.meanRate, 4), peak: peak, multiplier: significant(peak.multiplier, 4), source: "")
        if let log = history.requestLog {
            d.inputTokens = log.inputTokens.flatMap { DemandProfile.meanOfPresent($0) }.map { $0.rounded() }
            d.outputTokens = log.outputTokens.flatMap { DemandProfile.meanOfPresent($0) }.map { $0.rounded() }
            d.inputPercentiles = lengthPercentiles(log.inputTokens)
            d.outputPercentiles = lengthPercentiles(log.outputTokens)
        }
        var text = "\(series.source): mean \(unit.text(peak.meanRate)); busiest \(TimeSeries.Step.seconds(window).description) of "
            + "\(NumberFormat.integer(Double(peak.windows))) (from \(Timestamp.format(peak.peakStart))) \(unit.text(peak.peakRate)) = "
            + "\(NumberFormat.decimal(peak.multiplier, significantDigits: 4))x"
        if let i = d.inputTokens, let o = d.outputTokens {
            text += "; in/out = mean tokens \(NumberFormat.integer(i))/\(NumberFormat.integer(o))"
            func list(_ ps: [TokenLengths.Percentile]) -> String { ps.map { NumberFormat.integer($0.tokens) }.joined(separator: "/") }
            if !d.inputPercentiles.isEmpty, !d.outputPercentiles.isEmpty {
                text += ", p50/p90/p99 \(list(d.inputPercentiles)) and \(list(d.outputPercentiles))"
            }
        }
        d.source = text
        return d
    }
}

/// `x` to `digits` significant digits (exact for what `save` writes back).
func significant(_ x: Double, _ digits: Int) -> Double {
    guard x.isFinite, x != 0 else { return x }
    let text = NumberFormat.decimal(x, significantDigits: digits).replacingOccurrences(of: ",", with: "")
    return Double(text) ?? x
}

extension DemandProfile {
    /// Mean of the present values, nil when none.
    static func meanOfPresent(_ values: [Double?]) -> Double? {
        var sum = 0.0, n = 0
        for v in values { if let v { sum += v; n += 1 } }
        return n == 0 ? nil : sum / Double(n)
    }
}
