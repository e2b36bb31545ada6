import CapPlan

/// Tables, chart and JSON for `simulate autoscale` and `compare policies`.
enum AutoscaleRendering {
    static let columns: [Table.Column] = [
        .init("policy"), .init("cost", alignment: .right), .init("replica-hours", key: "replica_hours", alignment: .right),
        .init("SLA-violation min", key: "sla_violation_minutes", alignment: .right),
        .init("over-provisioned GPU-h", key: "overprovisioned_gpu_hours", alignment: .right),
        .init("events", alignment: .right), .init("churn", alignment: .right), .init("peak replicas", key: "peak_replicas", alignment: .right),
    ]

    static func row(_ r: AutoscaleResult) -> [Table.Cell] {
        [.text(r.policy), .number(r.cost, NumberFormat.money(r.cost)),
         .number(r.replicaHours, NumberFormat.decimal(r.replicaHours, significantDigits: 5)),
         .number(r.slaViolationMinutes, NumberFormat.decimal(r.slaViolationMinutes, significantDigits: 5)),
         .number(r.overprovisionedGPUHours, NumberFormat.decimal(r.overprovisionedGPUHours, significantDigits: 5)),
         .number(Double(r.scalingEvents), NumberFormat.integer(Double(r.scalingEvents))),
         .number(Double(r.churn), NumberFormat.integer(Double(r.churn))),
         .number(Double(r.peakReplicas), NumberFormat.integer(Double(r.peakReplicas)))]
    }

    static func json(_ r: AutoscaleResult) -> [(String, JSONValue)] {
        [("policy", .string(r.policy)), ("cost", .number(r.cost)), ("replica_hours", .number(r.replicaHours)),
         ("sla_violation_minutes", .number(r.slaViolationMinutes)), ("overprovisioned_gpu_hours", .number(r.overprovisionedGPUHours)),
         ("events", .number(Double(r.scalingEvents))), ("churn", .number(Double(r.churn))), ("peak_replicas", .number(Double(r.peakReplicas))),
         ("unserved_requests", .number(r.unservedRequests)), ("step_s", .number(r.stepSeconds))]
    }

    static func heading(_ input: AutoscaleInput) -> String {
        let r = input.replica
        return "\(input.traffic.description); \(TrafficInput.rps(r.capacity)) per replica at \(NumberFormat.money(r.pricePerHour))/h, "
            + "ready after \(SimulationRendering.seconds(r.readinessDelaySeconds))"
    }

    static func footnotes(_ input: AutoscaleInput, policy: AutoscalePolicy?) -> [String] {
        var notes = input.replicaNotes
        notes.append("a step violates the SLA when demand > ready capacity × max_util; over-provisioned = ready capacity beyond demand, in GPU-hours")
        if case .forecast(let f)? = policy {
            notes.append(f.kind == .schedule ? "schedule: each hour provisioned for that hour's peak, asked for ahead by the readiness delay"
                         : "predictive: provisions for \(input.predictiveSource), asked for ahead by the readiness delay")
        }
        return notes
    }

    static func single(_ r: AutoscaleResult, baselines: (staticPeak: AutoscaleResult, oracle: AutoscaleResult)?,
                       input: AutoscaleInput, policy: AutoscalePolicy) -> Output {
        var table = Table(name: "autoscale", title: "simulate autoscale \(input.workload.name): \(r.policy) over " + heading(input), columns: columns)
        table.rows.append(row(r))
        if let b = baselines {
            table.rows.append(row(b.staticPeak))
            table.rows.append(row(b.oracle))
        }
        table.footnotes = footnotes(input, policy: policy)
        var blocks: [Output.Block] = [.table(table)]
        if let chart = chart(r, capacity: input.replica.capacity) { blocks.append(.text(chart)) }
        var fields: [(String, JSONValue)] = [("workload", .string(input.workload.name))] + json(r)
        if let b = baselines {
            fields.append(("baselines", .object([("static_peak", .object(json(b.staticPeak))), ("oracle", .object(json(b.oracle)))])))
        }
        return Output(blocks: blocks, json: .object(fields), exportTable: table)
    }

    static func comparison(_ results: [AutoscaleResult], input: AutoscaleInput) -> Output {
        var table = Table(name: "policies", title: "compare policies \(input.workload.name) over " + heading(input), columns: columns)
        for r in results { table.rows.append(row(r)) }
        table.footnotes = footnotes(input, policy: nil)
        if results.contains(where: { $0.policy == "predictive" }) {
            table.footnotes.append("predictive provisions for \(input.predictiveSource)")
        }
        let document = JSONValue.object([("workload", .string(input.workload.name)), ("traffic", .string(input.traffic.description)),
                                     ("rows", .array(results.map { .object(json($0)) }))])
        return Output(blocks: [.table(table)], json: document, exportTable: table)
    }

    /// Demand against ready capacity (ready replicas × X), one point per bucket of the series.
    static func chart(_ r: AutoscaleResult, capacity: Double) -> String? {
        guard let s = r.series, s.demand.count >= 2 else { return nil }
        let ready = s.ready.map { Double($0) * capacity }
        let end = s.time(at: s.demand.count - 1) + s.bucketSeconds
        return TerminalChart.render(
            series: [(label: "demand (rps)", values: s.demand.map { Optional($0) }, symbol: "*"),
                     (label: "ready capacity (rps)", values: ready.map { Optional($0) }, symbol: "#")],
            xLabels: (DemandFormat.duration(s.startSeconds), DemandFormat.duration(end)),
            width: min(72, max(24, s.demand.count)), height: 10)
    }
}
