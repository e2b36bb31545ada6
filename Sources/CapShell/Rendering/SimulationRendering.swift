import CapPlan

/// Tables and JSON for the simulation commands.
enum SimulationRendering {
    static func seconds(_ x: Double) -> String { QueueCommands.seconds(x) }

    /// "yes" when `analytic` lies in `value ± halfWidth`, else how many half-widths away.
    static func agreement(_ value: Double, _ halfWidth: Double, _ analytic: Double) -> Table.Cell {
        let inside = abs(analytic - value) <= halfWidth
        if inside { return Table.Cell("yes", value: .bool(true)) }
        let away = halfWidth > 0 ? abs(analytic - value) / halfWidth : .infinity
        return Table.Cell(away.isFinite ? "no (\(NumberFormat.decimal(away, significantDigits: 2))× the half-width)" : "no", value: .bool(false))
    }

    static func mmc(_ r: MMcSimulationResult, simulation s: MMcSimulation, eventsPerSecond: Double?, elapsed: Double,
                    explaining: Bool) -> Output {
        let a = r.analytic
        let title = "simulate queue mmc: λ = \(Quantity(s.arrivalRate, .rate, unit: UnitTable.unit("rps")).formatted(significantDigits: 4)), "
            + "E[S] = \(seconds(s.meanServiceTime)), c = \(s.servers), ρ = \(NumberFormat.percent(a.utilization)); "
            + "\(NumberFormat.integer(Double(r.requests))) requests, seed \(s.seed)"
        var table = Table(name: "simulation", title: title, columns: [
            .init("metric"), .init("simulated", alignment: .right), .init("95% interval", key: "ci95", alignment: .right),
            .init("Erlang C", key: "analytic", alignment: .right), .init("within the interval", key: "agrees"),
        ])
        func interval(_ v: Double, _ h: Double) -> Table.Cell { .number(h, "± " + seconds(h)) }
        table.rows.append([.text("mean wait"), .number(r.meanWait, seconds(r.meanWait)), interval(r.meanWait, r.meanWaitHalfWidth95),
                           .number(a.meanWait, seconds(a.meanWait)), agreement(r.meanWait, r.meanWaitHalfWidth95, a.meanWait)])
        table.rows.append([.text("wait p99"), .number(r.waitP99, seconds(r.waitP99)), interval(r.waitP99, r.waitP99HalfWidth95),
                           .number(a.waitP99, seconds(a.waitP99)), agreement(r.waitP99, r.waitP99HalfWidth95, a.waitP99)])
        table.rows.append([.text("P(wait)"), .number(r.probabilityOfWait, NumberFormat.percent(r.probabilityOfWait, decimals: 2)), .empty,
                           .number(a.probabilityOfWait, NumberFormat.percent(a.probabilityOfWait, decimals: 2)), .empty])
        table.rows.append([.text("utilisation"), .number(r.utilization, NumberFormat.percent(r.utilization, decimals: 2)), .empty,
                           .number(a.utilization, NumberFormat.percent(a.utilization, decimals: 2)), .empty])
        table.rows.append([.text("mean in system"), .number(r.meanNumberInSystem, NumberFormat.decimal(r.meanNumberInSystem, significantDigits: 4)), .empty,
                           .number(r.analyticMeanNumberInSystem, NumberFormat.decimal(r.analyticMeanNumberInSystem, significantDigits: 4)), .empty])
        table.footnotes.append("measured \(NumberFormat.integer(Double(r.measuredRequests))) requests after a warm-up of \(NumberFormat.integer(Double(r.warmUpRequests))); "
                               + "intervals by batch means over \(r.batches) batches")
        table.footnotes.append("every request finished: \(NumberFormat.integer(Double(r.arrivals))) arrived, \(NumberFormat.integer(Double(r.served))) served")
        var blocks: [Output.Block] = [.table(table)]
        if let eventsPerSecond {
            blocks.append(.text("timer: \(NumberFormat.integer(Double(r.eventsProcessed))) events in \(seconds(elapsed)) "
                                + "(\(NumberFormat.decimal(eventsPerSecond / 1e6, significantDigits: 3))M events/s)"))
        }
        var fields: [(String, JSONValue)] = [
            ("requests", .number(Double(r.requests))), ("mean_wait_s", .number(r.meanWait)),
            ("mean_wait_ci95_s", .number(r.meanWaitHalfWidth95)), ("wait_p99_s", .number(r.waitP99)),
            ("wait_p99_ci95_s", .number(r.waitP99HalfWidth95)), ("p_wait", .number(r.probabilityOfWait)),
            ("utilization", .number(r.utilization)), ("mean_in_system", .number(r.meanNumberInSystem)),
            ("measured_requests", .number(Double(r.measuredRequests))), ("seed", .number(Double(s.seed))),
            ("analytic", .object([
                ("mean_wait_s", .number(a.meanWait)), ("wait_p99_s", .number(a.waitP99)), ("p_wait", .number(a.probabilityOfWait)),
                ("utilization", .number(a.utilization)), ("mean_in_system", .number(r.analyticMeanNumberInSystem)),
            ])),
        ]
        if let eventsPerSecond { fields.append(("events_per_s", .number(eventsPerSecond))) }
        var output = Output(blocks: blocks, json: .object(fields), exportTable: table)
        if explaining {
            var d = Derivation(title: "simulate queue mmc")
            d.step("arrivals", "inter-arrival ~ Exp(λ)", "λ = \(NumberFormat.decimal(s.arrivalRate)) /s, SplitMix64 seed \(s.seed)", "\(NumberFormat.integer(Double(r.requests))) requests")
            d.step("service", "S ~ Exp(1/E[S]), FCFS, c servers", "E[S] = \(seconds(s.meanServiceTime)), c = \(s.servers)", "ρ = \(NumberFormat.percent(a.utilization))")
            d.step("warm-up", "drop the first w waits (the queue starts empty)", "w = \(NumberFormat.integer(Double(r.warmUpRequests)))", "n = \(NumberFormat.integer(Double(r.measuredRequests)))")
            d.step("mean wait", "W̄ ± t_{0.975,k−1}·s_batch/√k", "k = \(r.batches) batches", seconds(r.meanWait) + " ± " + seconds(r.meanWaitHalfWidth95))
            d.step("wait p99", "W_(⌈0.99·n⌉), ± t·s/√k of the batch p99s", "n = \(NumberFormat.integer(Double(r.measuredRequests)))", seconds(r.waitP99) + " ± " + seconds(r.waitP99HalfWidth95))
            d.step("Erlang C", "E[W_q] = C/(cμ − λ); w_p = ln(C/(1−p))/(cμ − λ)", "C = \(NumberFormat.decimal(a.probabilityOfWait, significantDigits: 6))", seconds(a.meanWait) + ", p99 " + seconds(a.waitP99))
            d.notes.append("Law, Simulation Modeling and Analysis (5th ed.) §9.5.3 (batch means); Kleinrock, Queueing Systems Vol. 1 §3.5")
            output.derivation = d
        }
        return output
    }
}
