import CapPlan

/// The session settings vocabulary for `set KEY VALUE` and `show settings`, declared once.
public struct SettingKey: Sendable {
    public var spec: OptionSpec
    var apply: @Sendable (inout Settings, Value) throws -> Void
    /// The current value as the user would type it.
    var current: @Sendable (Settings) -> String
}

public enum SettingKeys {
    public static var names: [String] { all.map(\.spec.key) }

    static func key(named name: String) -> SettingKey? {
        keyIndex[name].map { all[$0] }
    }

    /// Each key's index in `all` by name and alias.
    private static let keyIndex = all.lazy.map(\.spec).positionsByName

    static func percentText(_ x: Double) -> String { Quantity.shortest((x * 100 * 1e9).rounded() / 1e9) + "%" }

    /// A performance assumption in [low, high], as a share (`mbu 55%` or `mbu 0.55`).
    static func assumption(_ key: String, _ abstract: String, default d: String, _ path: WritableKeyPath<PerformanceAssumptions, Double> & Sendable,
                           kind: ValueKind = .share, range: ClosedRange<Double> = 0.01...1, scale: Double = 1,
                           render: @escaping @Sendable (Double) -> String = { percentText($0) }) -> SettingKey {
        SettingKey(spec: OptionSpec(key, kind, abstract, derived: d)) { s, v in
            let x = (v.quantity?.value ?? 0) / scale
            guard range.contains(x) else {
                throw WorkloadKeys.RangeError(message: "\(key) must be from \(render(range.lowerBound)) to \(render(range.upperBound))", hint: nil)
            }
            s.assumptions[keyPath: path] = x
        } current: { render($0.assumptions[keyPath: path]) }
    }

    static func seconds(_ x: Double) -> String { Quantity(x, .time).sourceText }

    /// An engine limit that depends on the GPU's memory, as `show settings` prints it.
    static func engineRule(_ limit: (small: Int, large: Int)) -> String {
        limit.small == limit.large ? "\(limit.small)" : "\(limit.small) (\(limit.large) on GPUs of 70 GiB or more)"
    }

    public static let all: [SettingKey] = [
        SettingKey(spec: OptionSpec("format", .choice(Settings.Format.allCases.map(\.rawValue)), "How results print: table, json (one document per line) or csv.", derived: "table")) { s, v in
            s.format = Settings.Format(rawValue: v.name ?? "table") ?? .table
        } current: { $0.format.rawValue },
        SettingKey(spec: OptionSpec("headroom", .share, "Headroom as a share of demand: size for demand × (1 + h), u = 1/(1+h).", derived: "20%")) { s, v in
            let h = v.quantity?.value ?? 0
            guard h >= 0, h <= 100 else { throw WorkloadKeys.RangeError(message: "headroom must be from 0% to 10,000%", hint: nil) }
            s.headroom = h
        } current: { percentText($0.headroom) },
        SettingKey(spec: OptionSpec("spares", .count, "N+k: spare instances added to every fleet.", derived: "0")) { s, v in
            s.spares = try WorkloadKeys.whole("spares", v.quantity?.value ?? 0, maximum: 1_000_000)
        } current: { "\($0.spares)" },
        SettingKey(spec: OptionSpec("zones", .count, "Zones every fleet is spread over.", derived: "1")) { s, v in
            s.zones = try WorkloadKeys.whole("zones", v.quantity?.value ?? 1, minimum: 1, maximum: 64)
        } current: { "\($0.zones)" },
        SettingKey(spec: OptionSpec("zone_failures", .count, "Zone failures survived (default: 1 when zones > 1).", derived: "auto")) { s, v in
            let f = try WorkloadKeys.whole("zone_failures", v.quantity?.value ?? 0, maximum: 63)
            guard f < s.zones else { throw WorkloadKeys.RangeError(message: "zone_failures must be fewer than zones (\(s.zones))", hint: "set zones first") }
            s.zoneFailures = f
        } current: { $0.zoneFailures.map { "\($0)" } ?? "auto" },
        SettingKey(spec: OptionSpec("sla.quantile", .percentile, "Percentile SLAs apply to.", derived: "p99", aliases: ["quantile"])) { s, v in
            s.quantile = v.quantity?.value ?? 0.99
        } current: { NumberFormat.percentile($0.quantile) },
        SettingKey(spec: OptionSpec("pricing", .choice(["on-demand", "spot", "reserved-1y", "reserved-3y"]), "Default way capacity is bought.", derived: "on-demand")) { s, v in
            s.pricing = v.name.flatMap(PricingMode.init(parsing:)) ?? .onDemand
        } current: { $0.pricing.rawValue },
        SettingKey(spec: OptionSpec("month", .quantity(dimensions: [.time], impliedUnit: "h", context: .count), "Length of a month for costs (730h = 8,760h / 12; 720h for 30-day months).", derived: "730h")) { s, v in
            let hours = (v.quantity?.value ?? 0) / 3600
            guard hours >= 24 * 28, hours <= 24 * 31 else {
                throw WorkloadKeys.RangeError(message: "month must be between 672h (28 days) and 744h (31 days)", hint: "730h is the cloud-billing month; 720h is 30 days")
            }
            s.monthHours = hours
        } current: { Quantity.shortest($0.monthHours) + "h" },
        SettingKey(spec: OptionSpec("timer", .flag, "Print timings (events per second) after simulations.", derived: "off")) { s, v in
            if case .flag(let b) = v { s.timer = b }
        } current: { $0.timer ? "on" : "off" },
        SettingKey(spec: OptionSpec("engine", .choice(ServingEngine.allCases.map(\.rawValue)), "Serving engine whose defaults apply (max_num_seqs, token budget, memory fraction, overheads); choosing one resets those settings to its defaults.", derived: "vllm")) { s, v in
            s.assumptions.adopt(v.name.flatMap(ServingEngine.init(rawValue:)) ?? .vllm)
        } current: { $0.assumptions.engine.rawValue },
        assumption("memory_fraction", "Share of GPU memory for weights + KV cache (vLLM gpu_memory_utilization; of free memory for trtllm).", default: "the engine's (90%)", \.memoryFraction, range: 0.1...1),
        SettingKey(spec: OptionSpec("max_num_seqs", .count, "Most sequences an instance runs at once.", derived: "the engine's (vllm: 256, 1024 on GPUs of 70 GiB or more)")) { s, v in
            s.assumptions.maxNumSeqs = try WorkloadKeys.whole("max_num_seqs", v.quantity?.value ?? 0, minimum: 1, maximum: 1_000_000)
        } current: { $0.assumptions.maxNumSeqs.map { "\($0)" } ?? engineRule($0.assumptions.profile.maxNumSeqs) },
        SettingKey(spec: OptionSpec("token_budget", .count, "Most tokens one step processes: the chunked-prefill budget (vLLM max_num_batched_tokens).", derived: "the engine's (vllm: 2048, 8192 on GPUs of 70 GiB or more)")) { s, v in
            s.assumptions.tokenBudget = try WorkloadKeys.whole("token_budget", v.quantity?.value ?? 0, minimum: 1, maximum: 10_000_000)
        } current: { $0.assumptions.tokenBudget.map { "\($0)" } ?? engineRule($0.assumptions.profile.tokenBudget) },
        assumption("mbu", "Memory-bandwidth utilisation: the share of peak HBM bandwidth a step achieves.", default: percentText(PerformanceAssumptions().decodeMBU), \.decodeMBU),
        assumption("mfu", "Model-FLOPs utilisation of the BF16 dense peak.", default: percentText(PerformanceAssumptions().mfuBF16), \.mfuBF16),
        assumption("mfu_fp8", "Model-FLOPs utilisation of the FP8 dense peak.", default: percentText(PerformanceAssumptions().mfuFP8), \.mfuFP8),
        assumption("step_overhead", "Fixed time every engine step costs besides its kernels (scheduling, sampling).", default: "the engine's (vllm: 2ms)", \.stepOverheadSeconds,
                   kind: .quantity(dimensions: [.time], impliedUnit: "ms", context: .count), range: 0...1, render: seconds),
        assumption("ttft_overhead", "Fixed per-request overhead added to TTFT (HTTP, tokenisation).", default: "the engine's (vllm: 15ms)", \.ttftOverheadSeconds,
                   kind: .quantity(dimensions: [.time], impliedUnit: "ms", context: .count), range: 0...10, render: seconds),
        assumption("load_bandwidth", "Storage-to-GPU bandwidth a new replica loads its weights at (cold start).", default: "1.5GB/s", \.weightLoadBandwidth,
                   kind: .quantity(dimensions: [.bandwidth], impliedUnit: "GB/s", context: .data), range: 1e6...1e13,
                   render: { Quantity($0, .bandwidth, unit: UnitTable.unit("GB/s")).sourceText }),
        assumption("init_time", "Seconds from weights loaded to serving (engine start, CUDA graphs, warm-up).", default: "30s", \.replicaInitSeconds,
                   kind: .quantity(dimensions: [.time], impliedUnit: "s", context: .count), range: 0...86_400, render: seconds),
        assumption("runtime_reserve", "GPU memory per GPU for the CUDA context and graphs; the activations of a step are added to it.", default: "1GiB", \.runtimeReserveBytesPerGPU,
                   kind: .quantity(dimensions: [.data], impliedUnit: "GiB", context: .data), range: 0...1e12,
                   render: { Quantity($0, .data, unit: UnitTable.unit("GiB")).sourceText }),
    ]
}
