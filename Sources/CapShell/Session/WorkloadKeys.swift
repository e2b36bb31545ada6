import CapPlan

/// The workload vocabulary (issue 2, "Workload keys"): each key declared once with its kind,
/// how it changes a `Workload`, and how `save` writes it back. Later capabilities add keys;
/// none is ever renamed.
public struct WorkloadKey: Sendable {
    public var spec: OptionSpec
    /// Applies the value; throws a message (without location) when it is out of range.
    var apply: @Sendable (inout Workload, Value) throws -> Void
    /// The canonical `key=value` text of this key for `save`, or nil when unset or written by
    /// another key (the rate keys all write `rate=`).
    var render: @Sendable (Workload) -> String?
}

public enum WorkloadKeys {
    public static var specs: [OptionSpec] { all.map(\.spec) }

    static func key(named name: String) -> WorkloadKey? {
        keyIndex[name].map { all[$0] }
    }

    /// Each key's index in `all` by name and alias.
    private static let keyIndex = all.lazy.map(\.spec).positionsByName

    struct RangeError: UserFacingError {
        var message: String
        var userHint: String?
        init(message: String, hint: String?) {
            self.message = message
            self.userHint = hint
        }
    }

    static func quantity(_ v: Value) -> Quantity { v.quantity ?? Quantity(0) }

    static func nonNegative(_ key: String, _ x: Double) throws -> Double {
        guard x >= 0 else { throw RangeError(message: "\(key)= cannot be negative", hint: nil) }
        return x
    }

    static func positive(_ key: String, _ x: Double) throws -> Double {
        guard x > 0 else { throw RangeError(message: "\(key)= must be greater than zero", hint: nil) }
        return x
    }

    static func whole(_ key: String, _ x: Double, minimum: Int = 0, maximum: Int = 1_000_000_000) throws -> Int {
        guard x == x.rounded(), x >= Double(minimum), x <= Double(maximum) else {
            throw RangeError(message: "\(key)= must be a whole number from \(minimum) to \(NumberFormat.integer(Double(maximum)))", hint: nil)
        }
        return Int(x)
    }

    static func text(_ q: Quantity) -> String { q.sourceText }

    /// A share for `save`: `30%` when that reads back bit for bit, else the exact fraction.
    static func shareText(_ x: Double) -> String {
        let percent = Quantity.shortest(x * 100)
        if let p = Double(percent), p / 100 == x { return percent + "%" }
        return Quantity.shortest(x)
    }

    /// A percentile for `save`: `p99` when exact, else the fraction (`0.98765432`).
    static func percentileText(_ q: Double) -> String {
        let percent = Quantity.shortest(q * 100)
        if let p = Double(percent), p / 100 == q { return "p" + percent }
        return Quantity.shortest(q)
    }

    /// A time for `save`, in ms when that reads back bit for bit, else in seconds (exact).
    static func timeText(_ seconds: Double) -> String {
        let ms = Quantity(seconds, .time, unit: UnitTable.unit("ms"))
        let inMS = seconds / 1e-3
        if seconds < 1, inMS * 1e-3 == seconds, Double(Quantity.shortest(inMS)).map({ $0 * 1e-3 == seconds }) == true {
            return ms.sourceText
        }
        return Quantity(seconds, .time, unit: UnitTable.unit("s")).sourceText
    }

    static let rateKind = ValueKind.quantity(dimensions: [.rate], impliedUnit: nil, context: .count)
    static func rate(_ unit: String) -> ValueKind { .quantity(dimensions: [.rate], impliedUnit: unit, context: .count) }
    static let time = ValueKind.quantity(dimensions: [.time], impliedUnit: nil, context: .count)

    /// A rate key: `rps=10k` means 10,000 rps; `rps=3.6Mrph` converts.
    static func rateKey(_ key: String, _ abstract: String, kind: ValueKind, renders: Bool) -> WorkloadKey {
        WorkloadKey(spec: OptionSpec(key, kind, abstract)) { w, v in
            w.rate = try nonNegative(key, quantity(v).value)
        } render: { w in
            guard renders, let r = w.rate else { return nil }
            return "rate=" + text(Quantity(r, .rate, unit: UnitTable.unit("rps")))
        }
    }

    public static let all: [WorkloadKey] = [
        rateKey("rate", "Mean request rate, any rate unit (10rps, 3.6Mrph).", kind: rateKind, renders: true),
        rateKey("rps", "Mean requests per second.", kind: rate("rps"), renders: false),
        rateKey("rpm", "Mean requests per minute.", kind: rate("rpm"), renders: false),
        rateKey("rph", "Mean requests per hour.", kind: rate("rph"), renders: false),
        rateKey("rpd", "Mean requests per day.", kind: rate("rpd"), renders: false),
        WorkloadKey(spec: OptionSpec("tpm", .quantity(dimensions: [.tokenRate], impliedUnit: "tpm", context: .count),
                                     "Token demand, tokens per minute (or any token rate).")) { w, v in
            w.tokenRate = try nonNegative("tpm", quantity(v).value)
        } render: { w in
            w.tokenRate.map { "tpm=" + text(Quantity($0, .tokenRate, unit: UnitTable.unit("tpm"))) }
        },
        WorkloadKey(spec: OptionSpec("in", .number, "Input (prompt) tokens per request.")) { w, v in
            w.inputTokens = try nonNegative("in", quantity(v).value)
            try checkLengths("in", w.inputTokens, w.inputPercentiles)
        } render: { w in w.inputTokens.map { "in=" + text(Quantity($0)) } },
        WorkloadKey(spec: OptionSpec("out", .number, "Output (generated) tokens per request.")) { w, v in
            w.outputTokens = try nonNegative("out", quantity(v).value)
            try checkLengths("out", w.outputTokens, w.outputPercentiles)
        } render: { w in w.outputTokens.map { "out=" + text(Quantity($0)) } },
    ] + tokenPercentileKeys + [
        WorkloadKey(spec: OptionSpec("peak", .number, "Peak-to-mean multiplier on the rate (2.5x).", derived: "1x")) { w, v in
            let x = try positive("peak", quantity(v).value)
            guard x <= 1e6 else { throw RangeError(message: "peak= is implausibly large", hint: "a peak multiplier is usually between 1x and 10x") }
            w.peakMultiplier = x
        } render: { w in w.peakMultiplier.map { "peak=" + text(Quantity($0)) + "x" } },
        WorkloadKey(spec: OptionSpec("sla.ttft", time, "Time-to-first-token objective at the SLA percentile.")) { w, v in
            w.sla.ttft = try positive("sla.ttft", quantity(v).value)
        } render: { w in w.sla.ttft.map { "sla.ttft=" + timeText($0) } },
        WorkloadKey(spec: OptionSpec("sla.tpot", time, "Time-per-output-token objective.")) { w, v in
            w.sla.tpot = try positive("sla.tpot", quantity(v).value)
        } render: { w in w.sla.tpot.map { "sla.tpot=" + timeText($0) } },
        WorkloadKey(spec: OptionSpec("sla.e2e", time, "End-to-end latency objective.")) { w, v in
            w.sla.e2e = try positive("sla.e2e", quantity(v).value)
        } render: { w in w.sla.e2e.map { "sla.e2e=" + timeText($0) } },
        WorkloadKey(spec: OptionSpec("sla.quantile", .percentile, "Percentile the SLA applies to (p99, p95, 99.9%).", derived: "p99")) { w, v in
            w.sla.quantile = quantity(v).value
        } render: { w in w.sla.quantile.map { "sla.quantile=" + percentileText($0) } },
        WorkloadKey(spec: OptionSpec("model", .name(.model), "The AI model served (a catalog name).")) { w, v in
            w.model = v.name
        } render: { w in w.model.map { "model=" + $0 } },
        WorkloadKey(spec: OptionSpec("models", .list(.model), "Candidate models for optimize.")) { w, v in
            if case .names(let names) = v { w.models = names }
        } render: { w in w.models.map { "models=" + $0.joined(separator: ",") } },
        WorkloadKey(spec: OptionSpec("precision", .choice(["fp32", "bf16", "fp16", "fp8", "int8", "int4"]), "Weight precision.")) { w, v in
            w.precision = v.name
        } render: { w in w.precision.map { "precision=" + $0 } },
        WorkloadKey(spec: OptionSpec("engine", .choice(ServingEngine.allCases.map(\.rawValue)), "Serving engine whose defaults apply to this workload.", derived: "setting engine")) { w, v in
            w.engine = v.name.flatMap(ServingEngine.init(rawValue:))
        } render: { w in w.engine.map { "engine=" + $0.rawValue } },
        WorkloadKey(spec: OptionSpec("kv", .choice(["fp32", "bf16", "fp16", "fp8", "int8", "int4"]), "KV-cache precision (default: the weight precision for bf16/fp8, bf16 for int8/int4).")) { w, v in
            w.kvPrecision = v.name
        } render: { w in w.kvPrecision.map { "kv=" + $0 } },
        WorkloadKey(spec: OptionSpec("gpu", .name(.gpu), "The accelerator (a catalog name), or none for CPU-only.")) { w, v in
            w.gpu = v.name
        } render: { w in w.gpu.map { "gpu=" + $0 } },
        WorkloadKey(spec: OptionSpec("gpus", .list(.gpu), "Candidate accelerators for optimize.")) { w, v in
            if case .names(let names) = v { w.gpus = names }
        } render: { w in w.gpus.map { "gpus=" + $0.joined(separator: ",") } },
        WorkloadKey(spec: OptionSpec("gpus_per_instance", .count, "GPUs in one instance (default: derived).")) { w, v in
            w.gpusPerInstance = try whole("gpus_per_instance", quantity(v).value, minimum: 1, maximum: 1024)
        } render: { w in w.gpusPerInstance.map { "gpus_per_instance=\($0)" } },
        WorkloadKey(spec: OptionSpec("pricing", .choice(["on-demand", "spot", "reserved-1y", "reserved-3y"]), "How capacity is bought.", derived: "on-demand")) { w, v in
            w.pricing = v.name
        } render: { w in w.pricing.map { "pricing=" + $0 } },
        WorkloadKey(spec: OptionSpec("price", .quantity(dimensions: [.moneyRate], impliedUnit: "$/h", context: .count),
                                     "Price of one instance-hour; overrides the catalog.")) { w, v in
            w.pricePerInstanceHour = try nonNegative("price", quantity(v).value * 3600)
        } render: { w in w.pricePerInstanceHour.map { "price=" + text(Quantity($0 / 3600, .moneyRate, unit: UnitTable.unit("$/h"))) } },
        WorkloadKey(spec: OptionSpec("per_instance", .quantity(dimensions: [.rate, .tokenRate], impliedUnit: "rps", context: .count),
                                     "Measured throughput of one instance (5rps, or tok/s, tpm).")) { w, v in
            let q = quantity(v)
            w.perInstance = try positive("per_instance", q.value)
            w.perInstanceIsTokens = q.dimension == .tokenRate
        } render: { w in
            w.perInstance.map { value in
                w.perInstanceIsTokens
                    ? "per_instance=" + text(Quantity(value, .tokenRate, unit: UnitTable.unit("tok/s")))
                    : "per_instance=" + text(Quantity(value, .rate, unit: UnitTable.unit("rps")))
            }
        },
        WorkloadKey(spec: OptionSpec("flops", .quantity(dimensions: [.work], impliedUnit: "FLOP", context: .count),
                                     "Compute per request, for roofline sizing (2TFLOP).")) { w, v in
            w.flopsPerRequest = try positive("flops", quantity(v).value)
        } render: { w in w.flopsPerRequest.map { "flops=" + text(Quantity($0, .work)) } },
        WorkloadKey(spec: OptionSpec("bytes", .quantity(dimensions: [.data], impliedUnit: "B", context: .data),
                                     "Bytes moved per request, for roofline sizing.")) { w, v in
            w.bytesPerRequest = try nonNegative("bytes", quantity(v).value)
        } render: { w in w.bytesPerRequest.map { "bytes=" + text(Quantity($0, .data)) } },
        WorkloadKey(spec: OptionSpec("service_time", time, "Measured mean service time of one request.")) { w, v in
            w.serviceTime = try positive("service_time", quantity(v).value)
        } render: { w in w.serviceTime.map { "service_time=" + text(Quantity($0, .time)) } },
        WorkloadKey(spec: OptionSpec("ca2", .number, "Squared coefficient of variation of inter-arrival times (1 = Poisson; bursty traffic > 1).", derived: "1")) { w, v in
            let x = try nonNegative("ca2", quantity(v).value)
            guard x <= 10_000 else { throw RangeError(message: "ca2= must be at most 10,000", hint: nil) }
            w.arrivalSCV = x
        } render: { w in w.arrivalSCV.map { "ca2=" + text(Quantity($0)) } },
        WorkloadKey(spec: OptionSpec("cs2", .number, "Squared coefficient of variation of service times (1 = exponential).", derived: "1")) { w, v in
            let x = try nonNegative("cs2", quantity(v).value)
            guard x <= 10_000 else { throw RangeError(message: "cs2= must be at most 10,000", hint: nil) }
            w.serviceSCV = x
        } render: { w in w.serviceSCV.map { "cs2=" + text(Quantity($0)) } },
        WorkloadKey(spec: OptionSpec("headroom", .share, "Headroom as a share of demand (size for demand × (1 + h)).", derived: "session")) { w, v in
            let h = try nonNegative("headroom", quantity(v).value)
            guard h <= 100 else { throw RangeError(message: "headroom= above 10,000% is not a plan", hint: "headroom is a share of demand: 30% or 0.3") }
            w.headroom = h
        } render: { w in w.headroom.map { "headroom=" + shareText($0) } },
        WorkloadKey(spec: OptionSpec("spares", .count, "N+k spare instances.", derived: "session")) { w, v in
            w.spares = try whole("spares", quantity(v).value, maximum: 1_000_000)
        } render: { w in w.spares.map { "spares=\($0)" } },
        WorkloadKey(spec: OptionSpec("zones", .count, "Zones to spread instances over.", derived: "session")) { w, v in
            w.zones = try whole("zones", quantity(v).value, minimum: 1, maximum: 64)
        } render: { w in w.zones.map { "zones=\($0)" } },
        WorkloadKey(spec: OptionSpec("zone_failures", .count, "Zone failures to survive (default 1 when zones > 1).")) { w, v in
            w.zoneFailures = try whole("zone_failures", quantity(v).value, maximum: 63)
        } render: { w in w.zoneFailures.map { "zone_failures=\($0)" } },
        WorkloadKey(spec: OptionSpec("cpu", .number, "CPU cores per instance.")) { w, v in
            w.cpuPerInstance = try nonNegative("cpu", quantity(v).value)
        } render: { w in w.cpuPerInstance.map { "cpu=" + text(Quantity($0)) } },
        WorkloadKey(spec: OptionSpec("ram", .quantity(dimensions: [.data], impliedUnit: "GB", context: .data), "RAM per instance (16GB).")) { w, v in
            w.ramPerInstance = try nonNegative("ram", quantity(v).value)
        } render: { w in w.ramPerInstance.map { "ram=" + text(Quantity($0, .data)) } },
        WorkloadKey(spec: OptionSpec("weight", .number, "Importance in optimize (weighted total quality).", derived: "1")) { w, v in
            w.weight = try nonNegative("weight", quantity(v).value)
        } render: { w in w.weight.map { "weight=" + text(Quantity($0)) } },
    ]

    /// Applies bound options to a workload in order; errors point at the offending option.
    static func apply(_ arguments: [BoundArgument], to workload: inout Workload) throws {
        for argument in arguments {
            guard let key = key(named: argument.key) else { continue }
            do {
                try key.apply(&workload, argument.value)
            } catch let error as RangeError {
                throw LanguageError(.bind, error.message, hint: error.userHint, span: argument.span)
            }
        }
        if let z = workload.zones, let f = workload.zoneFailures, f >= z {
            throw LanguageError(.bind, "zone_failures=\(f) must be fewer than zones=\(z)", hint: "a fleet cannot survive losing every zone",
                                span: arguments.first { $0.key == "zone_failures" }?.span)
        }
    }

    /// `add workload NAME ...` text that rebuilds `workload`.
    static func sourceText(_ workload: Workload) -> String {
        let name = WorkloadKeys.quotedIfNeeded(workload.name)
        let keys = all.compactMap { $0.render(workload) }
        return (["add workload", name] + keys).joined(separator: " ")
    }

    /// `in.p50= in.p90= in.p99=` and the same for `out.`: percentiles of the token lengths.
    /// Checked against the mean (`in=`, `out=`) as soon as both are known.
    static let tokenPercentileKeys: [WorkloadKey] = [("in", "prompt", \Workload.inputPercentiles, \Workload.inputTokens),
                                                     ("out", "output", \Workload.outputPercentiles, \Workload.outputTokens)]
        .flatMap { (side: (String, String, WritableKeyPath<Workload, [TokenLengths.Percentile]> & Sendable, KeyPath<Workload, Double?> & Sendable)) -> [WorkloadKey] in
            let (prefix, noun, percentiles, mean) = side
            return [0.5, 0.9, 0.99].map { p -> WorkloadKey in
                let key = "\(prefix).\(NumberFormat.percentile(p))"
                let spec = OptionSpec(key, .number, "\(NumberFormat.percentile(p)) of the \(noun) tokens per request (TTFT and end-to-end percentiles use the distribution).")
                return WorkloadKey(spec: spec) { w, v in
                    let x = try positive(key, quantity(v).value)
                    guard x <= 10_000_000 else { throw RangeError(message: "\(key)= must be at most 10,000,000 tokens", hint: nil) }
                    var list = w[keyPath: percentiles].filter { $0.p != p }
                    list.append(TokenLengths.Percentile(p: p, tokens: x))
                    list.sort { $0.p < $1.p }
                    try checkLengths(key, w[keyPath: mean], list)
                    w[keyPath: percentiles] = list
                } render: { w in
                    w[keyPath: percentiles].first { $0.p == p }.map { "\(key)=" + text(Quantity($0.tokens)) }
                }
            }
        }

    /// The mean and percentiles of one side make a distribution (when both are known).
    static func checkLengths(_ key: String, _ mean: Double?, _ percentiles: [TokenLengths.Percentile]) throws {
        guard let m = mean, m > 0, !percentiles.isEmpty else { return }
        do { _ = try TokenLengths(mean: m, percentiles: percentiles) } catch let error as TokenLengthsError {
            throw RangeError(message: "\(key)=: \(error.message)", hint: error.hint)
        }
    }

    static func quotedIfNeeded(_ name: String) -> String {
        if !name.isEmpty && name.unicodeScalars.allSatisfy(Lexer.isNameCharacter) { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
