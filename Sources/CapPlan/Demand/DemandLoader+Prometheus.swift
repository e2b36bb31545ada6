import Foundation

extension DemandLoader {
    /// Options for `prometheus`: the `load history … format=prometheus` options.
    public struct PrometheusOptions: Sendable, Hashable {
        /// Picks one series when the result holds several: `label=value[,label=value…]`, every
        /// pair matching (`job=api,instance=a:9090`); braces and quotes are allowed
        /// (`{job="api"}`).
        public var series: String?
        /// Prometheus values are usually rates (`rate(x[5m])`), hence the default.
        public var kind: TimeSeries.Kind
        public var step: TimeSeries.Step?
        public var aggregation: TimeSeries.Aggregation?

        public init(series: String? = nil, kind: TimeSeries.Kind = .rate, step: TimeSeries.Step? = nil,
                    aggregation: TimeSeries.Aggregation? = nil) {
            self.series = series
            self.kind = kind
            self.step = step
            self.aggregation = aggregation
        }
    }

    /// A time series from the JSON of a Prometheus `/api/v1/query_range` response:
    ///
    ///     {"status":"success","data":{"resultType":"matrix","result":[
    ///        {"metric":{"job":"api"},"values":[[1700000000,"12.5"],[1700000060,"13"]]}]}}
    ///
    /// `NaN` and `±Inf` sample values are treated as missing.
    ///
    /// - Throws: `DemandError` for JSON of another shape, a failed query, a non-matrix result, or
    ///   several series without a `series` selector that picks exactly one.
    public static func prometheus(_ bytes: [UInt8], fileName: String, options: PrometheusOptions = .init()) throws -> TimeSeries {
        func invalid(_ detail: String) -> DemandError { .invalidPrometheusJSON(file: fileName, detail: detail) }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw invalid("not valid JSON")
        }
        guard let object = root as? [String: Any] else { throw invalid("the top level is not an object") }
        if let status = object["status"] as? String, status != "success" {
            throw DemandError.prometheusQueryFailed(
                file: fileName, errorType: object["errorType"] as? String ?? status, error: object["error"] as? String ?? "")
        }
        guard let data = object["data"] as? [String: Any] else { throw invalid("no \"data\" object") }
        let resultType = data["resultType"] as? String ?? "(none)"
        guard resultType == "matrix" else { throw DemandError.notAMatrix(file: fileName, resultType: resultType) }
        guard let result = data["result"] as? [[String: Any]] else { throw invalid("no \"result\" list") }
        guard !result.isEmpty else { throw DemandError.noData(source: fileName) }

        let labels: [[String: String]] = result.map { ($0["metric"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String } }
        let described = labels.map(describe)
        var chosen = 0
        if let selector = options.series {
            let wanted = try parseSelector(selector)
            let matches = labels.indices.filter { i in wanted.allSatisfy { labels[i][$0.key] == $0.value } }
            guard matches.count == 1 else {
                throw DemandError.seriesSelectorMatches(
                    file: fileName, selector: selector, matches: matches.map { described[$0] }, series: described)
            }
            chosen = matches[0]
        } else if result.count > 1 {
            throw DemandError.severalSeries(file: fileName, series: described)
        }

        guard let samples = result[chosen]["values"] as? [[Any]] else { throw invalid("a series without \"values\"") }
        var times: [Double] = [], values: [Double?] = []
        times.reserveCapacity(samples.count)
        values.reserveCapacity(samples.count)
        var nonFinite = 0
        for (k, sample) in samples.enumerated() {
            guard sample.count == 2, let t = (sample[0] as? NSNumber)?.doubleValue, t.isFinite,
                  let text = sample[1] as? String else {
                throw invalid("sample \(k + 1) is not [time, \"value\"]")
            }
            times.append(t)
            if let v = Double(text), v.isFinite {
                values.append(v)
            } else if ["nan", "+inf", "-inf", "inf"].contains(text.lowercased()) {
                values.append(nil)
                nonFinite += 1
            } else {
                throw invalid("sample \(k + 1) has value '\(text)', not a number")
            }
        }
        var series = try TimeSeries.build(
            times: times, values: values, kind: options.kind, step: options.step,
            aggregation: options.aggregation, source: fileName)
        series.notes.insert("series \(described[chosen])", at: 0)
        if nonFinite > 0 { series.notes.append("\(nonFinite) NaN or infinite sample\(nonFinite == 1 ? "" : "s") treated as missing") }
        return series
    }

    /// `{__name__="x", job="api"}` with labels in name order.
    private static func describe(_ labels: [String: String]) -> String {
        "{" + labels.keys.sorted().map { "\($0)=\"\(labels[$0]!)\"" }.joined(separator: ", ") + "}"
    }

    /// `job=api,instance=a` or `{job="api", instance="a"}` → pairs.
    static func parseSelector(_ text: String) throws -> [String: String] {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.hasPrefix("{"), body.hasSuffix("}") { body = body.dropFirst().dropLast() }
        var pairs: [String: String] = [:]
        for part in body.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { throw DemandError.invalidSeriesSelector(text) }
            let key = kv[0].trimmingCharacters(in: .whitespaces)
            var value = kv[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard !key.isEmpty else { throw DemandError.invalidSeriesSelector(text) }
            pairs[key] = value
        }
        guard !pairs.isEmpty else { throw DemandError.invalidSeriesSelector(text) }
        return pairs
    }
}
