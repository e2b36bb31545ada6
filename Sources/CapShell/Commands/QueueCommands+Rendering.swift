import CapPlan

/// The `queue mmc` table and JSON.
extension QueueCommands {
    static func seconds(_ x: Double, digits: Int = 4) -> String { Quantity(x, .time).formatted(significantDigits: digits) }

    static func table(_ input: QueueInput, _ f: QueueFigures, _ search: QueueSearch?) -> Table {
        var title = "\(input.methodTitle): λ = \(input.arrivalQuantity.formatted()), E[S] = \(seconds(input.serviceTime, digits: 6))"
        if let search {
            title += "; fewest servers with \(search.target.description): \(NumberFormat.integer(Double(f.servers)))"
        } else {
            title += ", c = \(NumberFormat.integer(Double(f.servers)))"
        }
        var table = Table(name: "queue", title: title, columns: [.init("metric"), .init("value", alignment: .right)])
        func row(_ name: String, _ text: String, _ value: Double?) {
            table.rows.append([.text(name), Table.Cell(text, value: .number(value))])
        }
        row("servers", NumberFormat.integer(Double(f.servers)), Double(f.servers))
        row("offered load", NumberFormat.decimal(f.offeredLoad, significantDigits: 6) + " erlangs", f.offeredLoad)
        row("utilisation", NumberFormat.percent(f.utilization, decimals: 2), f.utilization)
        row("P(wait)", NumberFormat.decimal(f.probabilityOfWait, significantDigits: 4), f.probabilityOfWait)
        row("mean wait", seconds(f.meanWait), f.meanWait)
        row("queue length", NumberFormat.decimal(f.queueLength, significantDigits: 4), f.queueLength)
        row("wait p50", seconds(f.waitP50), f.waitP50)
        row("wait p95", seconds(f.waitP95), f.waitP95)
        row("wait p99", seconds(f.waitP99), f.waitP99)
        row("mean sojourn", seconds(f.meanSojourn), f.meanSojourn)
        if let p99 = f.sojournP99 {
            row("sojourn p99", seconds(p99), p99)
        } else {
            row("sojourn p99", "n/a", nil)
        }
        let zero = [("p50", 0.5, f.waitP50), ("p95", 0.95, f.waitP95), ("p99", 0.99, f.waitP99)].filter { $0.2 == 0 }
        if let last = zero.last {
            let names = zero.map(\.0).joined(separator: ", ")
            table.footnotes.append("wait \(names) = 0: only P(wait) = \(NumberFormat.percent(f.probabilityOfWait, decimals: 2)) of requests wait at all, "
                + "no more than 1 − \(Quantity.shortest(last.1)) = \(NumberFormat.percent(1 - last.1, decimals: 0)).")
        }
        if input.isAllenCunneen {
            table.footnotes.append("Allen–Cunneen: M/M/c waits × k = (c_a² + c_s²)/2 = \(NumberFormat.decimal(f.variabilityFactor)); P(wait) is the M/M/c value; sojourn p99 needs the service-time distribution and is not computed.")
        }
        if let search {
            table.footnotes.append("wait \(search.target.percentileName) at \(NumberFormat.integer(Double(f.servers))) servers = \(seconds(f.waitAt(search.target.percentile), digits: 6)) ≤ \(search.target.waitText)" + search.previousText)
        }
        return table
    }

    static func json(_ input: QueueInput, _ f: QueueFigures, _ search: QueueSearch?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("servers", .number(Double(f.servers))),
            ("utilization", .number(f.utilization)),
            ("p_wait", .number(f.probabilityOfWait)),
            ("mean_wait_s", .number(f.meanWait)),
            ("queue_length", .number(f.queueLength)),
            ("wait_p50_s", .number(f.waitP50)),
            ("wait_p95_s", .number(f.waitP95)),
            ("wait_p99_s", .number(f.waitP99)),
            ("offered_load", .number(f.offeredLoad)),
            ("mean_sojourn_s", .number(f.meanSojourn)),
            ("sojourn_p99_s", .number(f.sojournP99)),
            ("method", .string(input.isAllenCunneen ? "allen-cunneen" : "mmc")),
            ("arrival_rps", .number(input.arrivalRate)),
            ("service_s", .number(input.serviceTime)),
            ("ca2", .number(input.arrivalSCV)),
            ("cs2", .number(input.serviceSCV)),
        ]
        if let search {
            pairs.append(("sla_percentile", .number(search.target.percentile)))
            pairs.append(("sla_wait_s", .number(search.target.maximumWait)))
            pairs.append(("max_util", .number(input.maximumUtilization)))
        }
        return .object(pairs)
    }
}
