import CapPlan

/// The `catalog add gpu` and `set price` keys.
extension CatalogKeys {
    static let priceKeys: [GPUKey] = [
        real("on_demand", \Accelerator.prices.onDemand, kind: price, unit: "$/h", abstract: "On-demand $/GPU-hour; a bare number is $/h.", aliases: ["price"]),
        real("spot", \Accelerator.prices.spot, kind: price, unit: "$/h", abstract: "Spot (preemptible) $/GPU-hour; a bare number is $/h."),
        real("reserved_1y", \Accelerator.prices.reserved1y, kind: price, unit: "$/h", abstract: "1-year reserved $/GPU-hour; a bare number is $/h."),
        real("reserved_3y", \Accelerator.prices.reserved3y, kind: price, unit: "$/h", abstract: "3-year reserved $/GPU-hour; a bare number is $/h."),
    ]

    static let linkKinds = ["nvlink", "pcie", "infinity-fabric"]

    static let gpu: [GPUKey] = [
        displayKey(\Accelerator.names),
        aliasesKey(\Accelerator.names, kind: .gpu),
        real("memory", \Accelerator.memoryGiB, kind: data("GiB"), unit: "GiB", abstract: "Device memory as the driver reports it; a bare number is GiB (80 = 80GiB), and 80GB is decimal (74.51 GiB)."),
        real("bandwidth", \Accelerator.memoryBandwidthTBps, kind: bandwidth, unit: "TB/s", abstract: "Memory bandwidth, with a unit: 3.35TB/s or 3350GB/s."),
        real("bf16", \Accelerator.bf16TFLOPS, kind: compute, unit: "TFLOPS", abstract: "Dense BF16/FP16 tensor TFLOPS; a bare number is TFLOPS."),
        real("fp8", \Accelerator.fp8TFLOPS, kind: compute, unit: "TFLOPS", abstract: "Dense FP8 tensor TFLOPS; a bare number is TFLOPS."),
        real("int8", \Accelerator.int8TOPS, kind: compute, unit: "TFLOPS", display: "TOPS", abstract: "Dense INT8 TOPS (informational); a bare number is TOPS.", renderBare: true),
        real("tdp", \Accelerator.tdpWatts, kind: power, unit: "W", abstract: "Board power; a bare number is W."),
        GPUKey(spec: OptionSpec("link", .choice(linkKinds), "Interconnect between GPUs of a server.")) { g, value in
            let kind = Interconnect.Kind(rawValue: value.name ?? "") ?? .pcie
            if kind != g.interconnect.kind {
                g.interconnect.kind = kind
                // The scale-up flag described the old link; it now follows the new one.
                g.interconnect.tensorParallelOverNVLink = .absent("follows link=\(kind.rawValue)")
            }
        } render: { g in
            "link=" + g.interconnect.kind.rawValue
        } view: { g in
            FigureView(text: g.interconnect.kind.rawValue, raw: .string(g.interconnect.kind.rawValue), unit: nil, source: nil, note: nil, isSourced: false)
        } differs: { a, b in a.interconnect.kind != b.interconnect.kind },
        real("link_bw", \Accelerator.interconnect.linkGBpsPerDirection, kind: bandwidth, unit: "GB/s",
             abstract: "Link bandwidth per GPU per direction, with a unit: 450GB/s."),
        GPUKey(spec: OptionSpec("scale_up", .flag, "Whether tensor parallelism runs over a scale-up fabric (default: yes unless link=pcie).")) { g, value in
            if case .flag(let b) = value { g.interconnect.tensorParallelOverNVLink = UserFigures.sourced(b) }
        } render: { g in
            g.interconnect.tensorParallelOverNVLink.value.map { "scale_up=" + ($0 ? "yes" : "no") }
        } view: { g in
            let s = g.interconnect.tensorParallelOverNVLink
            return FigureView(text: s.value.map { $0 ? "yes" : "no" }, raw: s.value.map { .bool($0) } ?? .null, unit: nil, source: s.source, note: s.note)
        } differs: { a, b in a.interconnect.tensorParallelOverNVLink != b.interconnect.tensorParallelOverNVLink },
    ] + priceKeys

    static let gpuFigureKeys: [GPUKey] = gpu.filter(\.isFigure)
}
