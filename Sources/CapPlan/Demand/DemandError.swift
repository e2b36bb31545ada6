/// Why demand data could not be loaded, built or characterised. Nothing is loaded when one is
/// thrown. Cases that point into a file carry a `FileLocation` (line and column from 1).
/// All message text lives in this file.
public enum DemandError: Error, Sendable, Hashable {
    /// A timestamp that is not an ISO-8601 date/date-time or epoch seconds; `reason` says why.
    case invalidTimestamp(text: String, column: String?, reason: String, at: FileLocation?)
    /// A value that is not a number (and not a missing-value marker such as empty or NA).
    case invalidNumber(text: String, column: String, at: FileLocation?)
    /// A negative token count or value where only counts make sense.
    case negativeValue(value: Double, column: String, at: FileLocation?)
    /// `time=` or `value=` names a column the file does not have.
    case unknownColumn(file: String, name: String, columns: [String])
    /// No column looks like timestamps.
    case noTimeColumn(file: String, columns: [String])
    /// No numeric column besides the time column.
    case noValueColumn(file: String, columns: [String])
    /// Several numeric columns and no `value=`.
    case ambiguousValueColumn(file: String, candidates: [String])
    /// A request log without a column for `role` (timestamp).
    case missingRequestColumn(file: String, role: String, columns: [String])
    /// No rows with a timestamp.
    case noData(source: String)
    /// A single timestamp: the step cannot be inferred.
    case stepNeeded(source: String)
    /// The grid would have more steps than `TimeSeries.maximumSteps`.
    case tooManySteps(source: String, steps: Double, step: TimeSeries.Step)
    /// A step that is not a positive, finite number of seconds (or a positive number of months).
    case invalidStep(TimeSeries.Step)
    /// A target step that is not a whole multiple of the data's step.
    case stepNotMultiple(step: TimeSeries.Step, dataStep: TimeSeries.Step)
    /// A target step finer than the data's.
    case stepFinerThanData(step: TimeSeries.Step, dataStep: TimeSeries.Step)
    /// `agg=sum` on a rate series.
    case cannotSumRates(source: String)
    /// `agg=mean` or `agg=max` on counts whose own step is unknown (irregular events).
    case countAggregationNeedsRegularData(aggregation: TimeSeries.Aggregation, source: String)
    /// Prometheus JSON that is not JSON, or not the `query_range` shape.
    case invalidPrometheusJSON(file: String, detail: String)
    /// The Prometheus response reports a failed query.
    case prometheusQueryFailed(file: String, errorType: String, error: String)
    /// A result type other than `matrix` (an instant query).
    case notAMatrix(file: String, resultType: String)
    /// Several series and no selector; `series` lists each one's labels.
    case severalSeries(file: String, series: [String])
    /// A selector that matches none or several of the series.
    case seriesSelectorMatches(file: String, selector: String, matches: [String], series: [String])
    /// A selector that is not `label=value[,label=value…]`.
    case invalidSeriesSelector(String)
    /// A characterisation window shorter than the data's step, or not a multiple of it.
    case windowIncompatible(window: Double, step: TimeSeries.Step)
    /// Too little data for even two complete windows.
    case notEnoughDataForWindow(window: Double, span: Double)
    /// A series with no present values at all.
    case allValuesMissing(source: String)

    /// What went wrong, one sentence, no trailing period.
    public var message: String {
        switch self {
        case let .invalidTimestamp(text, column, reason, at):
            let col = column.map { " in column '\($0)'" } ?? ""
            return prefix(at) + "cannot read '\(text)'\(col) as a timestamp: \(reason)"
        case let .invalidNumber(text, column, at):
            return prefix(at) + "cannot read '\(text)' in column '\(column)' as a number"
        case let .negativeValue(value, column, at):
            return prefix(at) + "negative value \(DemandFormat.number(value)) in column '\(column)'"
        case let .unknownColumn(file, name, columns):
            return "\(file): no column '\(name)' (columns: \(columns.joined(separator: ", ")))"
        case let .noTimeColumn(file, columns):
            return "\(file): no column holds timestamps (columns: \(columns.joined(separator: ", ")))"
        case let .noValueColumn(file, columns):
            return "\(file): no numeric column besides the time (columns: \(columns.joined(separator: ", ")))"
        case let .ambiguousValueColumn(file, candidates):
            return "\(file): several numeric columns: \(candidates.joined(separator: ", "))"
        case let .missingRequestColumn(file, role, columns):
            return "\(file): no \(role) column in a request log (columns: \(columns.joined(separator: ", ")))"
        case let .noData(source):
            return "\(source): no data rows"
        case let .stepNeeded(source):
            return "\(source): a single timestamp, so the step cannot be inferred"
        case let .tooManySteps(source, steps, step):
            return "\(source): a \(step) step over this span makes \(DemandFormat.number(steps.rounded(.up))) steps, "
                + "more than \(DemandFormat.grouped(TimeSeries.maximumSteps))"
        case let .invalidStep(step):
            return "step must be positive and finite; got \(step)"
        case let .stepNotMultiple(step, dataStep):
            return "a \(step) step is not a whole multiple of the data's \(dataStep) step"
        case let .stepFinerThanData(step, dataStep):
            return "a \(step) step is finer than the data's \(dataStep) step"
        case let .cannotSumRates(source):
            return "\(source): rates cannot be summed over time"
        case let .countAggregationNeedsRegularData(aggregation, source):
            return "\(source): agg=\(aggregation.rawValue) on counts needs data on a regular step"
        case let .invalidPrometheusJSON(file, detail):
            return "\(file): not a Prometheus query_range response: \(detail)"
        case let .prometheusQueryFailed(file, errorType, error):
            return "\(file): the Prometheus query failed (\(errorType)): \(error)"
        case let .notAMatrix(file, resultType):
            return "\(file): result type is '\(resultType)', not 'matrix'"
        case let .severalSeries(file, series):
            return "\(file): \(series.count) series: " + series.joined(separator: "; ")
        case let .seriesSelectorMatches(file, selector, matches, _):
            return matches.isEmpty
                ? "\(file): no series matches '\(selector)'"
                : "\(file): \(matches.count) series match '\(selector)': " + matches.joined(separator: "; ")
        case let .invalidSeriesSelector(text):
            return "cannot read series selector '\(text)'"
        case let .windowIncompatible(window, step):
            return "a \(DemandFormat.duration(window)) window does not fit the data's \(step) step"
        case let .notEnoughDataForWindow(window, span):
            return "\(DemandFormat.duration(window)) windows need at least twice that much data; "
                + "the data spans \(DemandFormat.duration(span.rounded()))"
        case let .allValuesMissing(source):
            return "\(source): every value is missing"
        }
    }

    /// What to do about it, one sentence, no trailing period.
    public var hint: String {
        switch self {
        case .invalidTimestamp:
            return "write timestamps as 2023-11-16, 2023-11-16 18:15:46(.fraction)(Z|+01:00) or epoch seconds"
        case .invalidNumber:
            return "leave a missing value empty (or NA); write numbers without units or thousands separators"
        case .negativeValue:
            return "counts and token sizes cannot be negative; check the column"
        case let .unknownColumn(_, _, columns):
            return "use one of: " + columns.joined(separator: ", ")
        case .noTimeColumn:
            return "name the time column with time=COLUMN"
        case .noValueColumn:
            return "name the value column with value=COLUMN"
        case let .ambiguousValueColumn(_, candidates):
            return "choose one with value=\(candidates.first ?? "COLUMN")"
        case .missingRequestColumn:
            return "name it with time=COLUMN; token columns are found by names like input/prompt/context and output/generated"
        case .noData:
            return "check that this is the file you meant"
        case .stepNeeded:
            return "give the step, for example step=1h"
        case .tooManySteps:
            return "give a coarser step, for example step=1h"
        case .invalidStep:
            return "write a step such as step=30s, step=1h or step=1mo"
        case .stepNotMultiple, .stepFinerThanData:
            return "choose a step that is a whole multiple of the data's step"
        case .cannotSumRates:
            return "rates are averaged over a longer step (agg=mean) or maximised (agg=max); load with kind=count if the values are counts"
        case .countAggregationNeedsRegularData:
            return "use agg=sum, the count in each step"
        case .invalidPrometheusJSON, .notAMatrix:
            return "export the response of /api/v1/query_range (a range query), unchanged"
        case .prometheusQueryFailed:
            return "fix the query and export it again"
        case let .severalSeries(_, series), let .seriesSelectorMatches(_, _, _, series):
            let first = series.first.map { " (\($0))" } ?? ""
            return "choose one series with series=LABEL=VALUE[,LABEL=VALUE]\(first), or aggregate in the query with sum()"
        case .invalidSeriesSelector:
            return "write the selector as label=value, for example series=instance=10.0.0.1:9090"
        case .windowIncompatible:
            return "use a window that is a whole multiple of the data's step"
        case .notEnoughDataForWindow:
            return "use a shorter window or load more data"
        case .allValuesMissing:
            return "check the value column, or fill missing values"
        }
    }

    private func prefix(_ location: FileLocation?) -> String {
        location.map { "\($0): " } ?? ""
    }

    /// Where it happened, when it points into a file.
    public var location: FileLocation? {
        switch self {
        case .invalidTimestamp(_, _, _, let at), .invalidNumber(_, _, let at), .negativeValue(_, _, let at):
            return at
        default:
            return nil
        }
    }
}

extension DemandError: UserFacingError {
    public var userHint: String? { hint }
}
