import CapPlan

/// Making and rendering a forecast from a history's stored fit (or a fresh `auto` fit).
enum ForecastRun {
    struct Made {
        var fit: GrowthFit
        var forecast: Forecast
        var score: Backtest.Score?
        /// No fit was stored: `auto` ran now.
        var fittedNow: Bool
    }

    /// - Parameter scoring: whether to backtest a stored fit for the coverage report (plan does not need it).
    static func make(history: DemandHistory, series: ForecastSeries, horizon: ForecastInput.Span, levels: [Double],
                     scoring: Bool = true, span: Range<Int>?) throws -> Made {
        let end = ForecastInput.adding(horizon, to: history.series.end)
        let steps = try ForecastInput.steps(until: end, series: history.series, span: span)
        var fit: GrowthFit
        var score: Backtest.Score?
        let fittedNow = history.fit == nil
        if let stored = history.fit {
            fit = stored
            score = scoring ? ForecastFitting.backtest(series, fit: stored, levels: levels) : nil
        } else {
            let outcome = try ForecastFitting.run(series, method: "auto", season: .auto, damped: nil, levels: levels, span: span)
            fit = outcome.fit
            score = outcome.score
        }
        do {
            let forecast = try Forecast.make(series: series, fit: fit, horizon: steps, levels: levels)
            return Made(fit: fit, forecast: forecast, score: score, fittedNow: fittedNow)
        } catch {
            throw LanguageError(.command, error.message, hint: error.userHint, span: span)
        }
    }

    /// Start time of forecast point `p` (calendar-correct for monthly series).
    static func time(_ p: Forecast.Point, history: TimeSeries) -> Double { history.time(at: p.step) }

    static func table(_ forecast: Forecast, history: TimeSeries, levels: [Double], unit: String) -> Table {
        var columns: [Table.Column] = [.init("time", key: "t"), .init("mean", alignment: .right)]
        for level in levels {
            let k = ForecastInput.levelKey(level)
            columns.append(.init("lo \(k)%", key: "lo\(k)", alignment: .right))
            columns.append(.init("hi \(k)%", key: "hi\(k)", alignment: .right))
        }
        var table = Table(name: "forecast", title: "forecast (\(unit))", columns: columns)
        for p in forecast.points {
            var row: [Table.Cell] = [Table.Cell(ForecastInput.dateText(time(p, history: history), step: history.step),
                                                value: .string(ForecastInput.isoText(time(p, history: history)))),
                                     .number(p.mean, ForecastInput.number(p.mean))]
            for level in levels {
                let i = p.interval(level)
                row.append(.number(i?.lower ?? .nan, i.map { ForecastInput.number($0.lower) } ?? ""))
                row.append(.number(i?.upper ?? .nan, i.map { ForecastInput.number($0.upper) } ?? ""))
            }
            table.rows.append(row)
        }
        return table
    }

    static func pointsJSON(_ forecast: Forecast, history: TimeSeries, levels: [Double]) -> JSONValue {
        .array(forecast.points.map { p in
            var pairs: [(String, JSONValue)] = [("t", .string(ForecastInput.isoText(time(p, history: history)))), ("mean", .number(p.mean))]
            for level in levels {
                let k = ForecastInput.levelKey(level)
                let i = p.interval(level)
                pairs.append(("lo\(k)", .number(i?.lower)))
                pairs.append(("hi\(k)", .number(i?.upper)))
            }
            return .object(pairs)
        })
    }

    /// History (`*`), forecast mean (`o`) and the widest interval as a band (`.`). Long histories
    /// show their last stretch so the forecast stays readable.
    static func chart(_ forecast: Forecast, history: TimeSeries, levels: [Double], unit: String) -> String {
        let h = forecast.points.count
        let shown = min(history.count, max(3 * h, 24))
        let past = Array(history.values.suffix(shown))
        let first = history.count - shown
        let widest = levels.max() ?? 0.95
        let pad = [Double?](repeating: nil, count: shown - 1)
        let lastObserved = past.last ?? nil
        // The forecast line starts at the last observation so the two join.
        let mean: [Double?] = pad + [lastObserved] + forecast.points.map { Optional($0.mean) }
        let lower: [Double?] = pad + [lastObserved] + forecast.points.map { $0.interval(widest)?.lower }
        let upper: [Double?] = pad + [lastObserved] + forecast.points.map { $0.interval(widest)?.upper }
        let left = ForecastInput.dateText(history.time(at: first), step: history.step)
        let right = ForecastInput.dateText(history.time(at: history.count - 1 + h), step: history.step)
        return TerminalChart.render(
            series: [(label: "history (\(unit))", values: past + [Double?](repeating: nil, count: h), symbol: "*"),
                     (label: "forecast mean", values: mean, symbol: "o")],
            band: TerminalChart.Band(label: "\(ForecastInput.levelKey(widest))% interval", lower: lower, upper: upper, symbol: "."),
            xLabels: (left, right), width: 72, height: 12)
    }
}
