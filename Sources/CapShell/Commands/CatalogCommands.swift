import CapPlan
import Foundation

/// `catalog gpus`, `catalog models`, `catalog show [gpu|model] NAME`, `catalog add gpu|model`,
/// `catalog load FILE.json`, `set price GPU ...` (issue 3, "Catalog").
///
/// The keys `catalog add` takes are declared once in `CatalogKeys` (CatalogKeys.swift): the parser, help,
/// the change report, `catalog show` and `save` all read them. Name lookup is `CatalogLookup`;
/// what the editing commands do to the session's catalog is `CatalogEditing`.
enum CatalogCommands {
    static let all: [CommandSpec] = [gpus, models, show, showGPU, showModel, addGPU, addModel, load, setPrice]

    // MARK: Listing

    static let gpus = CommandSpec(
        path: ["catalog", "gpus"], group: .catalog,
        abstract: "List the accelerators: memory, compute, bandwidth, power, interconnect and $/GPU-hour.",
        discussion: """
        Prices are USD per GPU-hour; a price the catalog lacks shows as '—' (null in JSON): it is \
        never invented. TFLOPS are dense (no sparsity). 'catalog show NAME' gives every figure's \
        source and as-of date. \
        JSON (stable keys): {"gpus": [{id, display, aliases, memory_gib, bf16_tflops, fp8_tflops, \
        int8_tops, bandwidth_tbps, tdp_w, interconnect, link_gbps, price_on_demand, price_spot, \
        price_reserved_1y, price_reserved_3y}]}; absent figures are null.
        """,
        examples: ["catalog gpus"]
    ) { context, _ in
        let table = CatalogTables.gpuList(context.session.catalog)
        return CommandResult(.table(table, json: .object([("gpus", .array(context.session.catalog.gpus.map(CatalogTables.gpuJSON)))])))
    }

    static let models = CommandSpec(
        path: ["catalog", "models"], group: .catalog,
        abstract: "List the models: kind, parameters, shape, KV bytes per token, precision, context, quality.",
        discussion: """
        'KV B/tok' is the KV cache per token of context at the model's default precision, \
        2 × layers × kv_heads × head_dim × bytes (the same number as kv_bytes(MODEL)); only \
        decoder LLMs have one. Quality is on a 0-100 scale; the footnote names the benchmark. \
        JSON (stable keys): {"models": [{id, display, aliases, kind, params, active_params, layers, \
        d_model, heads, kv_heads, head_dim, kv_bytes_per_token, precision, context, quality, \
        quality_benchmark}]}; absent figures are null.
        """,
        examples: ["catalog models"]
    ) { context, _ in
        let table = CatalogTables.modelList(context.session.catalog)
        return CommandResult(.table(table, json: .object([("models", .array(context.session.catalog.models.map(CatalogTables.modelJSON)))])))
    }

    // MARK: Showing one entry

    static let show = CommandSpec(
        path: ["catalog", "show"], group: .catalog,
        abstract: "Show every figure of one GPU or model with its source and as-of date.",
        discussion: """
        NAME is looked up among GPUs and models the way 'gpu=' and 'model=' look names up: id, \
        alias, display name, then a unique prefix or substring. A name that fits neither, or \
        several entries, is an error listing the candidates; 'catalog show gpu NAME' and \
        'catalog show model NAME' look in one list only. An absent figure shows the note that \
        says why. JSON: {"gpu"|"model": {id, display, aliases, figures: [{figure, value, unit, \
        text, source: {key, title, url, as_of} | null, note}], notes}}.
        """,
        positionals: [OptionSpec("name", .name(.generic), "A GPU or model name (h100, llama-3-70b).", required: true)],
        examples: ["catalog show h100", "catalog show llama-3-70b"]
    ) { context, arguments in
        let name = arguments.name("name") ?? ""
        let span = arguments.positional("name")?.span
        switch try CatalogLookup.either(name, in: context.session.catalog, span: span) {
        case .gpu(let g): return CommandResult(CatalogTables.showGPU(g))
        case .model(let m): return CommandResult(CatalogTables.showModel(m))
        }
    }

    static let showGPU = CommandSpec(
        path: ["catalog", "show", "gpu"], group: .catalog,
        abstract: "Show every figure of one GPU with its source and as-of date.",
        positionals: [OptionSpec("gpu", .name(.gpu), "The GPU's name.", required: true)],
        examples: ["catalog show gpu a100"]
    ) { context, arguments in
        let g = try CatalogLookup.gpu(arguments, key: "gpu", in: context.session.catalog)
        return CommandResult(CatalogTables.showGPU(g))
    }

    static let showModel = CommandSpec(
        path: ["catalog", "show", "model"], group: .catalog,
        abstract: "Show every figure of one model with its source and as-of date.",
        positionals: [OptionSpec("model", .name(.model), "The model's name.", required: true)],
        examples: ["catalog show model mixtral"]
    ) { context, arguments in
        let m = try CatalogLookup.model(arguments, key: "model", in: context.session.catalog)
        return CommandResult(CatalogTables.showModel(m))
    }

    // MARK: Adding and overriding

    static let addGPU = CommandSpec(
        path: ["catalog", "add", "gpu"], group: .catalog,
        abstract: "Add a GPU to this session's catalog, or override figures of an existing one.",
        discussion: """
        If NAME is already a GPU's id, alias or display name (exactly, ignoring case), the given \
        figures override that GPU's and the rest keep their catalog values and sources \
        (replace=yes starts from an empty entry instead); the output says which figures changed. \
        Otherwise a new GPU with id NAME is added; figures not given are absent (sizing needs \
        memory=, bandwidth= and bf16=). Every figure typed here has the source "user (this \
        session)". Units: a bare number is GB for memory=, TFLOPS for bf16=, fp8= and int8= (TOPS), \
        W for tdp= and $/h for prices; bandwidths need a unit (3.35TB/s, 450GB/s) because both \
        TB/s and GB/s are in common use. 'save' writes these changes back as commands.
        """,
        positionals: [OptionSpec("name", .name(.gpu), "The GPU's id (new) or any of its names (override).", required: true)],
        options: CatalogKeys.gpu.map(\.spec) + [CatalogEditing.replaceSpec],
        examples: [
            "catalog add gpu h100-nvl memory=94GB bandwidth=3.9TB/s bf16=835TFLOPS fp8=1670 tdp=400W link=nvlink link_bw=300GB/s price=$3.2/h",
            "catalog add gpu h100 memory=80GB price=$2.5/h",
        ],
        mutatesSession: true
    ) { context, arguments in
        try CatalogEditing.addGPU(&context, arguments)
    }

    static let addModel = CommandSpec(
        path: ["catalog", "add", "model"], group: .catalog,
        abstract: "Add a model to this session's catalog, or override figures of an existing one.",
        discussion: """
        Same rules as 'catalog add gpu': an existing name (exactly, ignoring case) is overridden \
        figure by figure, a new name is added with kind=llm and precision=bf16 unless given. \
        Counts take SI suffixes and B for billion (params=70B, context=128k). When params= changes \
        on a dense model, active= follows it. head_dim= defaults to d_model / heads for a new \
        model; kv_heads= is never guessed (it is 8 for most GQA models, heads for MHA). Every \
        figure typed here has the source "user (this session)".
        """,
        positionals: [OptionSpec("name", .name(.model), "The model's id (new) or any of its names (override).", required: true)],
        options: CatalogKeys.model.map(\.spec) + [CatalogEditing.replaceSpec],
        examples: [
            "catalog add model my-13b params=13B layers=40 d_model=5120 heads=40 kv_heads=8 context=32k quality=60",
            "catalog add model llama-3-70b quality=82",
        ],
        mutatesSession: true
    ) { context, arguments in
        try CatalogEditing.addModel(&context, arguments)
    }

    static let load = CommandSpec(
        path: ["catalog", "load"], group: .catalog,
        abstract: "Add the GPUs and models of a JSON catalog file (the bundled catalog's format).",
        discussion: """
        The file is {"sources": {...}, "gpus": [...], "models": [...]}, each figure \
        {"value": x, "source": KEY or {"title", "asOf"}, "note"} as in Sources/CapPlan/Resources/catalog.json; \
        it may cite the bundled catalog's source keys. An entry whose id is already in the catalog \
        replaces that entry whole. Nothing is added unless the whole file is valid; errors name the \
        file and the JSON path. 'save' writes the loaded entries as 'catalog add' lines (so the plan \
        does not depend on where the file lives); their values replay exactly, their sources replay \
        as "user (this session)".
        """,
        positionals: [OptionSpec("file", .path, "The JSON catalog file, relative to the script's directory.", required: true)],
        examples: ["catalog load my-gpus.json"],
        mutatesSession: true
    ) { context, arguments in
        try CatalogEditing.load(&context, arguments)
    }

    static let setPrice = CommandSpec(
        path: ["set", "price"], group: .catalog,
        abstract: "Set a GPU's $/GPU-hour prices for this session (on-demand, spot, reserved).",
        discussion: """
        Give at least one price; a bare number is $/h ($2.10/h and 2.1 are the same). The prices \
        get the source "user (this session)"; the rest keep theirs. A workload's price= (one \
        instance-hour) still overrides the catalog when sizing.
        """,
        positionals: [OptionSpec("gpu", .name(.gpu), "The GPU whose prices change.", required: true)],
        options: CatalogKeys.priceKeys.map(\.spec),
        examples: ["set price h100 spot=$2.10/h", "set price a100 on_demand=$3.5/h reserved_1y=2.2"],
        mutatesSession: true
    ) { context, arguments in
        try CatalogEditing.setPrice(&context, arguments)
    }
}
