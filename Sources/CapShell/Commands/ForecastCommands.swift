import CapPlan

/// `fit growth W`, `forecast W`, `plan W`: growth fits, forecasts with intervals, and a
/// capacity plan with order dates, on a history loaded with `load history` (issue 4).
enum ForecastCommands {
    static let all = [fitGrowth, forecast, plan]

    static let workload = OptionSpec("workload", .name(.workload), "The workload whose loaded history is used.", required: true)

    // MARK: fit growth

    static let fitGrowth = CommandSpec(
        path: ["fit", "growth"], group: .demand,
        abstract: "Fit a growth model to a workload's history: parameters in words, backtest scores, auto selection.",
        discussion: """
        method=auto scores every candidate (linear, exponential, logistic, Holt–Winters additive and \
        multiplicative, plain and damped) by a rolling-origin backtest (MAPE, sMAPE, MASE, interval \
        coverage) and keeps the lowest MASE. compound is exponential growth. holt-winters fits \
        additive and, for positive series, multiplicative seasonality and keeps the lower in-sample \
        error. season= is auto, none, a number of steps or a duration (24h, 7d, 12mo). The fit is \
        kept for forecast and plan; 'explain fit growth W' shows how it was derived.
        """,
        positionals: [workload],
        options: [
            OptionSpec("method", .choice(ForecastFitting.methodWords), "Growth model (compound = exponential).", default: "auto"),
            OptionSpec("season", .text, "Season length: auto, none, N steps, or a duration such as 24h, 7d, 12mo.", default: "auto"),
            OptionSpec("damped", .flag, "Holt–Winters with a damped trend (auto: only damped, or only undamped, candidates)."),
        ],
        examples: ["fit growth chat method=auto", "fit growth chat method=compound", "fit growth chat method=holt-winters season=24h damped=yes"],
        mutatesSession: true
    ) { context, arguments in
        let (w, history) = try ForecastInput.history(arguments, in: context.session)
        let series = try ForecastInput.forecastSeries(history.series, span: arguments.span)
        let word = (arguments.name("method") ?? "auto").lowercased()
        let season = try ForecastInput.season(arguments.option("season"), series: history.series)
        let damped = arguments.flag("damped")
        let outcome = try ForecastFitting.run(series, method: word, season: season, damped: damped, span: arguments.span)
        let unit = series.valueUnit

        var blocks: [Output.Block] = []
        let fit = outcome.fit
        var head = "\(w.name): \(ForecastFitting.methodName(fit))"
        if word == "auto" { head += " (chosen by auto: lowest backtest MASE)" }
        head += "\n" + ForecastFitting.summary(fit, unit: unit)
        if let s = outcome.score {
            head += "\nbacktest: MAPE \(ForecastFitting.format(s.mape, suffix: "%")), sMAPE \(ForecastFitting.format(s.smape, suffix: "%")), MASE \(ForecastFitting.format(s.mase))"
        }
        blocks.append(.text(head))

        var params = Table(name: "params", title: "parameters", columns: [.init("parameter"), .init("symbol"), .init("value", alignment: .right), .init("unit")])
        for p in fit.parameters {
            params.rows.append([.text(p.key), .text(p.symbol), .number(p.value, p.value.isFinite ? NumberFormat.decimal(p.value, significantDigits: 4) : "n/a"), .text(p.unit)])
        }
        blocks.append(.table(params))
        var exportTable = params

        var candidatesJSON: [JSONValue] = []
        if let selection = outcome.selection {
            var table = Table(name: "candidates", title: "candidates (rolling-origin backtest)", columns: [
                .init("method"), .init("MAPE", key: "mape", alignment: .right), .init("sMAPE", key: "smape", alignment: .right),
                .init("MASE", key: "mase", alignment: .right),
            ] + (selection.candidates.first?.coverage ?? []).map { .init("cover \(ForecastInput.levelKey($0.level))%", key: "coverage\(ForecastInput.levelKey($0.level))", alignment: .right) }
              + [.init("chosen")])
            for s in selection.candidates {
                var row: [Table.Cell] = [.text(s.method.name),
                                         .number(s.mape ?? .nan, ForecastFitting.format(s.mape, suffix: "%")),
                                         .number(s.smape, ForecastFitting.format(s.smape, suffix: "%")),
                                         .number(s.mase ?? .nan, ForecastFitting.format(s.mase))]
                row += s.coverage.map { .number($0.observed, NumberFormat.percent($0.observed, decimals: 0)) }
                row.append(.text(s.method == selection.winner ? "*" : ""))
                table.rows.append(row)
                candidatesJSON.append(.object([("method", .string(s.method.name)), ("mape", .number(s.mape)), ("smape", .number(s.smape)),
                                               ("mase", .number(s.mase)),
                                               ("coverage", .object(s.coverage.map { (ForecastInput.levelKey($0.level), .number($0.observed)) })),
                                               ("chosen", .bool(s.method == selection.winner))]))
            }
            for skipped in selection.skipped {
                table.footnotes.append("\(skipped.method.name) skipped: \(skipped.reason)")
            }
            table.footnotes.append("folds \(selection.candidates.first?.folds ?? 0) × horizon \(selection.candidates.first?.horizon ?? 0) steps; season \(selection.seasonLength.map { "\($0) steps" } ?? "none"); winner by MASE")
            blocks.append(.table(table))
            exportTable = table
        }
        if !outcome.notes.isEmpty { blocks.append(.text(outcome.notes.joined(separator: "\n"))) }

        let json = JSONValue.object([
            ("workload", .string(w.name)),
            ("method", .string(ForecastFitting.methodName(fit))),
            ("summary", .string(ForecastFitting.summary(fit, unit: unit))),
            ("params", .object(fit.parameters.map { ($0.key, .number($0.value)) })),
            ("backtest", ForecastFitting.scoreJSON(outcome.score)),
            ("candidates", .array(candidatesJSON)),
        ])

        // Canonical statement for save: the method as chosen by the user, options normalised.
        var statement = "fit growth \(w.name) method=\(word == "compound" ? "exponential" : word)"
        if let option = arguments.option("season") { statement += " season=\(option.text.lowercased())" }
        if let damped { statement += " damped=\(damped ? "yes" : "no")" }
        var updated = history
        updated.fit = fit
        updated.fitCommand = statement
        updated.forecast = nil
        updated.forecastCommand = nil
        context.session.histories[w.name] = updated

        var output = Output(blocks: blocks, json: json, exportTable: exportTable)
        if context.explaining { output.derivation = fit.derivation }
        return CommandResult(output)
    }

    // MARK: forecast

    static let forecast = CommandSpec(
        path: ["forecast"], group: .demand,
        abstract: "Forecast a workload's demand with prediction intervals: table, chart and backtest coverage.",
        discussion: """
        Uses the fit from 'fit growth W' (or fits method=auto when there is none, and says so). \
        Intervals come from the fit's residuals (simulated paths for Holt–Winters, rolling-origin \
        errors for growth curves); their empirical coverage in a rolling-origin backtest is \
        reported. Demand is never negative and a logistic forecast never exceeds its cap. \
        Times are calendar dates in UTC from the history's start.
        """,
        positionals: [workload],
        options: [
            OptionSpec("horizon", .quantity(dimensions: [.time], impliedUnit: "mo", context: .count), "How far ahead (mo are calendar months).", default: "6mo"),
            OptionSpec("interval", .text, "Interval levels, a comma list.", default: "80%,95%"),
        ],
        examples: ["forecast chat horizon=6mo", "forecast chat horizon=7d interval=50%,90%"],
        mutatesSession: true
    ) { context, arguments in
        let (w, history) = try ForecastInput.history(arguments, in: context.session)
        let series = try ForecastInput.forecastSeries(history.series, span: arguments.span)
        let horizon = try ForecastInput.span(arguments.option("horizon"), default: .months(6), key: "horizon")
        let levels = try ForecastInput.levels(arguments.option("interval"))
        let made = try ForecastRun.make(history: history, series: series, horizon: horizon, levels: levels, span: arguments.span)

        var blocks: [Output.Block] = []
        var head = "\(w.name): \(ForecastFitting.methodName(made.fit)) forecast, \(made.forecast.points.count) steps of \(history.series.step) (\(horizon.text()))"
        if made.fittedNow { head += "\nno fit stored: fitted method=auto now (run 'fit growth \(w.name)' to choose)" }
        blocks.append(.text(head))

        let table = ForecastRun.table(made.forecast, history: history.series, levels: levels, unit: series.valueUnit)
        blocks.append(.table(table))
        blocks.append(.text(ForecastRun.chart(made.forecast, history: history.series, levels: levels, unit: series.valueUnit)))
        var notes = made.forecast.notes
        if let coverage = ForecastFitting.coverageText(made.score) { notes.insert(coverage, at: 0) }
        if !notes.isEmpty { blocks.append(.text(notes.joined(separator: "\n"))) }

        let json = JSONValue.object([
            ("workload", .string(w.name)),
            ("method", .string(ForecastFitting.methodName(made.fit))),
            ("unit", .string(series.valueUnit)),
            ("points", ForecastRun.pointsJSON(made.forecast, history: history.series, levels: levels)),
            ("coverage", made.score.map { s in .object(s.coverage.map { (ForecastInput.levelKey($0.level), .number($0.observed)) }) } ?? .null),
            ("notes", .array(made.forecast.notes.map { .string($0) })),
        ])

        var statement = "forecast \(w.name) horizon=\(horizon.text())"
        if arguments.option("interval") != nil { statement += " interval=" + levels.map { ForecastInput.levelKey($0) + "%" }.joined(separator: ",") }
        var updated = history
        updated.forecast = made.forecast
        updated.forecastCommand = statement
        context.session.histories[w.name] = updated

        var output = Output(blocks: blocks, json: json, exportTable: table)
        if context.explaining {
            var d = made.fit.derivation
            d.title = "forecast \(w.name)"
            d.step("point forecast", "ŷ_{n+h} from the fitted model", "h = 1 … \(made.forecast.points.count)",
                   made.forecast.points.last.map { "last: \(ForecastInput.number($0.mean)) \(series.valueUnit)" } ?? "")
            d.step("intervals", "empirical quantiles of simulated paths or rolling-origin errors", "levels " + levels.map { ForecastInput.levelKey($0) + "%" }.joined(separator: ", "), "seed 0x5EED")
            if let c = ForecastFitting.coverageText(made.score) { d.notes.append(c) }
            d.notes += made.forecast.notes
            output.derivation = d
        }
        return CommandResult(output)
    }

    // MARK: plan

    static let plan = CommandSpec(
        path: ["plan"], group: .demand,
        abstract: "Plan capacity ahead: per step the demand quantile, the fleet size gives for it, the cost, and order dates.",
        discussion: """
        For each plan step, the demand is the largest forecast quantile (quantile=p90 is the upper \
        end of the 80% interval) of the history's steps inside it, as a mean rate per second (counts \
        per step are divided by the step's length). That rate is set as the workload's rate and \
        sized by the usual pipeline, so the workload's peak= multiplier and headroom apply on top. \
        Each increase in GPUs must be ordered by the step's start minus lead=. The baseline is the \
        fleet for the last observed step.
        """,
        positionals: [workload],
        options: [
            OptionSpec("horizon", .quantity(dimensions: [.time], impliedUnit: "mo", context: .count), "How far ahead (calendar months).", default: "12mo"),
            OptionSpec("step", .quantity(dimensions: [.time], impliedUnit: "mo", context: .count), "Length of one plan step.", default: "1mo"),
            OptionSpec("quantile", .percentile, "Demand quantile sized for.", default: "p90"),
            SizingCommands.gpuOption,
            SizingCommands.pricingOption,
            OptionSpec("lead", .quantity(dimensions: [.time], impliedUnit: "wk", context: .count), "Lead time to order capacity.", default: "8wk"),
        ],
        examples: ["plan chat horizon=12mo step=1mo quantile=p90", "plan chat horizon=6mo gpu=h100 pricing=reserved-1y lead=12wk"]
    ) { context, arguments in
        let (w, history) = try ForecastInput.history(arguments, in: context.session)
        let result = try ForecastPlan.run(workload: w, history: history, arguments: arguments, session: context.session,
                                          explaining: context.explaining)
        return CommandResult(result)
    }
}
