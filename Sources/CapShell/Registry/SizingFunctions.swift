import CapPlan

/// Expression functions over sized workloads: `gpus(W)`, `instances(W)`, `needed(W)`, `cost(W)`.
/// Each sizes the workload exactly as `size W` does.
enum SizingFunctions {
    static let all: [FunctionSpec] = [
        sized("gpus", "Total GPUs of the workload's fleet, as 'size W' gives it.") { Quantity(Double($0.gpus)) },
        sized("instances", "Instances of the workload's fleet, after spares and zones.") { Quantity(Double($0.instances)) },
        sized("needed", "Instances the demand and SLA need, before spares and zones.") { Quantity(Double($0.neededInstances)) },
        sized("cost", "Cost per hour of the workload's fleet ($/h; 'cost(W) to $/mo' converts).") { r in
            guard let c = r.costPerHour else {
                throw LanguageError(.evaluate, "workload '\(r.workload)' has no price", hint: "give it price= or set a catalog price")
            }
            return Quantity(c / 3600, .moneyRate, unit: UnitTable.unit("$/h"))
        },
    ]

    static func sized(_ name: String, _ abstract: String, _ value: @escaping @Sendable (SizingResult) throws -> Quantity) -> FunctionSpec {
        FunctionSpec(name, [.name("workload", .workload)], abstract: abstract) { call in
            let workloadName = call.names[0]
            guard let workload = call.session.workload(named: workloadName) else {
                throw WorkloadCommands.unknownWorkload(workloadName, in: call.session, span: call.argumentSpans.first)
            }
            return try value(try call.session.size(workload))
        }
    }
}
