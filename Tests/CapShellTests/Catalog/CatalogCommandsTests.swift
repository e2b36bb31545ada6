import Foundation
import Testing
@testable import CapShell
@testable import CapPlan

/// `catalog gpus`, `catalog models`, `catalog show`: tables, JSON keys, sources, absent figures.
struct CatalogListingTests {
    static let gpuKeys: Set<String> = ["id", "display", "aliases", "memory_gib", "bf16_tflops", "fp8_tflops", "int8_tops",
                                       "bandwidth_tbps", "tdp_w", "interconnect", "link_gbps", "price_on_demand", "price_spot",
                                       "price_reserved_1y", "price_reserved_3y"]
    static let modelKeys: Set<String> = ["id", "display", "aliases", "kind", "params", "active_params", "layers", "d_model", "heads",
                                         "kv_heads", "head_dim", "kv_bytes_per_token", "precision", "context", "quality", "quality_benchmark"]

    @Test func gpusTableListsEveryBundledGPUWithPricesOrADash() {
        let output = Transcript.run("catalog gpus", echo: false).output
        for g in Catalog.bundled.gpus { #expect(output.contains(g.id), "catalog gpus lacks \(g.id)") }
        let h100 = output.split(separator: "\n").first { $0.hasPrefix("h100-sxm ") }.map(String.init) ?? ""
        // on-demand $3.90, spot $2.25, 1y $1.79, 3y absent in the bundled catalog.
        #expect(h100.contains("$3.90") && h100.contains("$2.25") && h100.contains("$1.79") && h100.hasSuffix("—"), "\(h100)")
        #expect(h100.contains("79.6475 GiB") && h100.contains("3.35 TB/s") && h100.contains("700 W") && h100.contains("nvlink 450 GB/s"))
    }

    @Test func gpusJSONHasTheDocumentedKeysAndNullForAbsentPrices() throws {
        let document = CatalogTestSupport.lastJSON("catalog gpus")
        let gpus = try #require(document["gpus"] as? [[String: Any]])
        #expect(gpus.count == Catalog.bundled.gpus.count)
        for g in gpus { #expect(Set(g.keys) == Self.gpuKeys) }
        let h100 = try #require(CatalogTestSupport.entry("h100-sxm", in: document, list: "gpus"))
        #expect(h100["memory_gib"] as? Double == 79.6475)     // 81,559 MiB as nvidia-smi reports it
        #expect(h100["bandwidth_tbps"] as? Double == 3.35)
        #expect(h100["price_on_demand"] as? Double == 3.9)
        #expect(h100["price_reserved_3y"] is NSNull)
        #expect(h100["interconnect"] as? String == "nvlink")
    }

    @Test func modelsJSONHasTheDocumentedKeysAndKVBytes() throws {
        let document = CatalogTestSupport.lastJSON("catalog models")
        let models = try #require(document["models"] as? [[String: Any]])
        #expect(models.count == Catalog.bundled.models.count)
        for m in models { #expect(Set(m.keys) == Self.modelKeys) }
        let llama = try #require(CatalogTestSupport.entry("llama-3-8b", in: document, list: "models"))
        // 2 × 32 layers × 8 KV heads × 128 head dim × 2 B (bf16) = 131,072 B per token.
        #expect(llama["kv_bytes_per_token"] as? Double == 131_072)
        #expect(llama["params"] as? Double == 8_030_261_248)
        let bert = try #require(CatalogTestSupport.entry("bert-large", in: document, list: "models"))
        #expect(bert["kv_bytes_per_token"] is NSNull, "an encoder keeps no KV cache")
        let mixtral = try #require(CatalogTestSupport.entry("mixtral-8x7b", in: document, list: "models"))
        #expect((mixtral["active_params"] as? Double ?? 0) < (mixtral["params"] as? Double ?? 0))
    }

    @Test func modelsTableNamesTheQualityBenchmarks() {
        let output = Transcript.run("catalog models", echo: false).output
        #expect(output.contains("quality (0-100): MMLU 5-shot"))
        #expect(output.contains("bert-large: GLUE"))
        #expect(output.contains("70.6B") && output.contains("12.9B"), "Mixtral total and active parameters")
    }

    @Test func showGivesEachFigureItsSourceAndDate() {
        let output = Transcript.run("catalog show h100", echo: false).output
        #expect(output.contains("GPU h100-sxm (H100 SXM 80GB)"))
        #expect(output.split(separator: "\n").contains { $0.hasPrefix("memory") && $0.contains("80 GB") && $0.contains("nv-h100") && $0.contains("2026-11") })
        #expect(output.contains("nv-h100: NVIDIA H100 Tensor Core GPU datasheet"))
        // An absent figure shows its note, never a number.
        #expect(output.split(separator: "\n").contains { $0.hasPrefix("reserved_3y") && $0.contains("—") && $0.contains("no dated public price") })
    }

    @Test func showJSONCarriesSourceTitleAndAsOf() throws {
        let document = CatalogTestSupport.lastJSON("catalog show model llama-3-70b")
        let model = try #require(document["model"] as? [String: Any])
        #expect(model["id"] as? String == "llama-3-70b")
        let figures = try #require(model["figures"] as? [[String: Any]])
        let kvHeads = try #require(figures.first { $0["figure"] as? String == "kv_heads" })
        #expect(kvHeads["value"] as? Double == 8)
        let source = try #require(kvHeads["source"] as? [String: Any])
        #expect(source["title"] as? String == "meta-llama/Meta-Llama-3-70B config.json")
        #expect(source["as_of"] as? String == "2026-11")
    }

    @Test func showFindsModelsAndGPUsByTheNamesPeopleType() {
        #expect(Transcript.run("catalog show a100", echo: false).output.contains("GPU a100-80gb-sxm"))
        #expect(Transcript.run("catalog show mixtral", echo: false).output.contains("model mixtral-8x7b"))
        #expect(Transcript.run("catalog show model whisper", echo: false).output.contains("model whisper-large-v3"))
    }

    @Test func ambiguousNameListsTheCandidatesWithACaret() {
        let output = Transcript.run("catalog show a10", echo: false).output
        #expect(output.contains("<test>:1:14: error: GPU name 'a10' is ambiguous"))
        #expect(output.contains("'a10g'") && output.contains("'a100-80gb-sxm'"))
    }

    @Test func misspelledNameSuggestsTheClosest() {
        let output = Transcript.run("catalog show lamma-3-8b", echo: false).output
        #expect(output.contains("error: unknown GPU or model 'lamma-3-8b'"))
        #expect(output.contains("did you mean 'llama-3-8b'"))
        let gpu = Transcript.run("catalog show gpu h10O", echo: false).output
        #expect(gpu.contains("unknown GPU 'h10O'") && gpu.contains("'h100'"))
    }
}

/// `catalog add gpu|model` and `set price`: user figures, overrides, units, errors.
struct CatalogEditingTests {
    @Test func addedGPUAppearsWithUserSourcedFigures() throws {
        let script = "catalog add gpu h100-nvl memory=94 bandwidth=3.9TB/s bf16=835 tdp=400 link=nvlink link_bw=300GB/s price=3.2\ncatalog gpus"
        let document = CatalogTestSupport.lastJSON(script)
        let nvl = try #require(CatalogTestSupport.entry("h100-nvl", in: document, list: "gpus"))
        // Bare numbers: memory in GiB, compute in TFLOPS, power in W, prices in $/h.
        #expect(nvl["memory_gib"] as? Double == 94)
        #expect(nvl["bf16_tflops"] as? Double == 835)
        #expect(nvl["tdp_w"] as? Double == 400)
        #expect(nvl["price_on_demand"] as? Double == 3.2)
        #expect(nvl["bandwidth_tbps"] as? Double == 3.9)
        #expect(nvl["link_gbps"] as? Double == 300)
        #expect(nvl["fp8_tflops"] is NSNull)
        let show = Transcript.run(String(script.prefix(while: { $0 != "\n" })) + "\ncatalog show h100-nvl", echo: false, format: .json).output
        #expect(show.contains("\"title\":\"user (this session)\""))
    }

    @Test func unitsConvertToTheCatalogsUnits() throws {
        let document = CatalogTestSupport.lastJSON("catalog add gpu x memory=96000MB bandwidth=3350GB/s bf16=1.2PFLOPS\ncatalog gpus")
        let x = try #require(CatalogTestSupport.entry("x", in: document, list: "gpus"))
        // 96,000 MB = 96e9 B = 89.4070 GiB: typed units keep their decimal meaning.
        #expect(abs((x["memory_gib"] as? Double ?? 0) - 96e9 / 1_073_741_824) < 1e-9)
        #expect(x["bandwidth_tbps"] as? Double == 3.35)
        #expect(x["bf16_tflops"] as? Double == 1200)
    }

    @Test func addingAnExistingNameOverridesItAndSaysSo() throws {
        let run = Transcript.run("catalog add gpu h100 memory=96GB\ncatalog show h100", echo: false)
        #expect(run.output.contains("overrode GPU 'h100-sxm' (H100 SXM 80GB): 1 figure changed"))
        #expect(run.output.contains("memory  79.6475 GiB  89.407 GiB"))
        let h100 = try run.shell.session.catalog.gpu(named: "h100")
        #expect(abs((h100.memoryGiB.value ?? 0) - 96e9 / 1_073_741_824) < 1e-9 && h100.memoryGiB.source?.title == "user (this session)")
        // The figures not given keep their catalog values and sources.
        #expect(h100.bf16TFLOPS.value == 989 && h100.bf16TFLOPS.source?.key == "nv-h100")
        #expect(run.shell.session.catalog.gpus.count == Catalog.bundled.gpus.count)
    }

    @Test func aNearMissIsANewEntryAndTheOutputWarns() {
        let run = Transcript.run("catalog add gpu h10 memory=80GB", echo: false)
        #expect(run.output.contains("added GPU 'h10'"))
        #expect(run.output.contains("'h10' is a new entry"))
        #expect(run.output.contains("sizing with it needs bandwidth=, bf16="))
        #expect(run.shell.session.catalog.gpus.count == Catalog.bundled.gpus.count + 1)
    }

    @Test func replaceStartsFromAnEmptyEntry() throws {
        let run = Transcript.run("catalog add gpu t4 replace=yes memory=16GB", echo: false)
        #expect(run.output.contains("replaced GPU 't4'"))
        let t4 = try run.shell.session.catalog.gpu(named: "t4")
        #expect(abs((t4.memoryGiB.value ?? 0) - 16e9 / 1_073_741_824) < 1e-9 && t4.bf16TFLOPS.value == nil && t4.prices.onDemand.value == nil)
    }

    @Test func addedModelDerivesHeadDimAndKeepsActiveEqualToParams() throws {
        let run = Transcript.run("catalog add model my-13b params=13B layers=40 d_model=5120 heads=40 kv_heads=8 context=32k quality=61", echo: false)
        let m = try run.shell.session.catalog.model(named: "my-13b")
        #expect(m.totalParams.value == 13e9 && m.activeParams.value == 13e9)
        #expect(m.headDim.value == 128, "5120 / 40")
        #expect(m.contextLength.value == 32_000)
        #expect(m.kind == .llm && m.defaultPrecision == .bf16)
    }

    @Test func overridingParamsOfADenseModelMovesActiveToo() throws {
        let run = Transcript.run("catalog add model llama-3-8b params=9B", echo: false)
        let m = try run.shell.session.catalog.model(named: "llama-3-8b")
        #expect(m.totalParams.value == 9e9 && m.activeParams.value == 9e9)
        let mixtral = try Transcript.run("catalog add model mixtral params=50B", echo: false).shell.session.catalog.model(named: "mixtral")
        #expect(mixtral.activeParams.value == 12_879_925_248, "an MoE's active parameters are not the total")
    }

    @Test func setPriceChangesOnlyThePricesGiven() throws {
        let document = CatalogTestSupport.lastJSON("set price a100 spot=$2.10/h reserved_3y=0.95\ncatalog gpus")
        let a100 = try #require(CatalogTestSupport.entry("a100-80gb-sxm", in: document, list: "gpus"))
        #expect(a100["price_spot"] as? Double == 2.1)
        #expect(a100["price_reserved_3y"] as? Double == 0.95, "a bare number is $/h")
        #expect(a100["price_on_demand"] as? Double == 2.25)
        #expect(a100["price_reserved_1y"] as? Double == 1.4)
        let report = CatalogTestSupport.lastJSON("set price h100 on_demand=$3/h")
        #expect(report["action"] as? String == "prices" && report["id"] as? String == "h100-sxm")
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var line: String
        var message: String
        var testDescription: String { line }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(line: "catalog add gpu x bandwidth=3.35", message: "bandwidth= expects bandwidth, got a plain number"),
        ErrorCase(line: "catalog add gpu x memory=80ms", message: "memory= expects data, got time"),
        ErrorCase(line: "catalog add gpu x memory=-3", message: "memory= must be greater than zero"),
        ErrorCase(line: "catalog add gpu x tdp=0W", message: "tdp= must be greater than zero"),
        ErrorCase(line: "catalog add gpu x link=infiniband", message: "link= must be one of nvlink, pcie, infinity-fabric"),
        ErrorCase(line: "catalog add gpu x", message: "'catalog add gpu' needs at least one key=value"),
        ErrorCase(line: "catalog add model y quality=120", message: "quality= must be from 0 to 100"),
        ErrorCase(line: "catalog add model y layers=2.5", message: "layers= expects a whole number"),
        ErrorCase(line: "catalog add model y params=7B active=13B", message: "active= (13B) cannot exceed params= (7B)"),
        ErrorCase(line: "catalog add gpu bad/name memory=1", message: "'/' cannot appear in a name"),
        ErrorCase(line: "set price h100 spot=2.1GB", message: "spot= expects money per time, got data"),
        ErrorCase(line: "set price h100", message: "'set price' needs at least one price"),
        ErrorCase(line: "set price h10O spot=2", message: "unknown GPU 'h10O'"),
        ErrorCase(line: "set price a10 spot=2", message: "GPU name 'a10' is ambiguous"),
    ]

    @Test(arguments: errorCases)
    func badInputIsAnErrorAndChangesNothing(_ c: ErrorCase) {
        let run = Transcript.run(c.line, echo: false)
        #expect(run.output.contains("error: " + c.message), "\(run.output)")
        #expect(run.shell.session.catalog == Catalog.bundled)
    }
}

/// `catalog load FILE.json`.
struct CatalogLoadTests {
    static let goodFile = """
    {"sources": {"tpu": {"title": "Google Cloud TPU v5e documentation", "asOf": "2025-06"}},
     "gpus": [{"names": {"id": "tpu-v5e", "display": "TPU v5e 16GB", "aliases": ["v5e"]},
               "memoryGB": {"value": 16, "source": "tpu"}, "bf16TFLOPS": {"value": 197, "source": "tpu"},
               "memoryBandwidthTBps": {"value": 0.819, "source": "tpu"},
               "pricesPerGPUHour": {"onDemand": {"value": 1.2, "source": "tpu"}}}],
     "models": [{"names": {"id": "tiny"}, "kind": "llm", "layers": {"value": 2, "source": "hf-llama3-8b"}, "totalParams": 1e6}]}
    """

    @Test func loadAddsEntriesWithTheirSources() throws {
        let directory = try CatalogTestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.goodFile.write(to: directory.appendingPathComponent("extra.json"), atomically: true, encoding: .utf8)
        let run = Transcript.run("catalog load extra.json\ncatalog show v5e", directory: directory.path, echo: false)
        #expect(run.output.contains("loaded extra.json: 1 GPU (added tpu-v5e), 1 model (added tiny)"))
        #expect(run.output.split(separator: "\n").contains { $0.hasPrefix("memory") && $0.contains("tpu") && $0.contains("2025-06") })
        // The file may cite the bundled catalog's sources by key.
        let tiny = try run.shell.session.catalog.model(named: "tiny")
        #expect(tiny.layers.source?.key == "hf-llama3-8b")
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var contents: String
        var message: String
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "not-json.json", contents: "{\"gpus\": [", message: "not-json.json: catalog JSON: not valid JSON"),
        BadFile(name: "wrong-type.json", contents: #"{"gpus": [{"names": {"id": "x"}, "memoryGiB": {"value": "lots"}}]}"#,
                message: "wrong-type.json: catalog JSON at gpus[0].memoryGiB.value: expected Double"),
        BadFile(name: "no-id.json", contents: #"{"gpus": [{"names": {}}]}"#, message: "no-id.json: catalog JSON at gpus[0].names.id: missing key 'id'"),
        BadFile(name: "negative.json", contents: #"{"gpus": [{"names": {"id": "x"}, "memoryGiB": -5}]}"#,
                message: "negative.json: x.memory: must be greater than zero (got -5)"),
        BadFile(name: "quality.json", contents: #"{"models": [{"names": {"id": "m"}, "kind": "llm", "quality": 130}]}"#,
                message: "quality.json: m.quality: must be from 0 to 100 (got 130)"),
        BadFile(name: "source.json", contents: #"{"gpus": [{"names": {"id": "x"}, "memoryGiB": {"value": 5, "source": "nope"}}]}"#,
                message: "source.json: catalog JSON at gpus[0].memoryGiB: unknown source 'nope'"),
        BadFile(name: "kind.json", contents: #"{"models": [{"names": {"id": "m"}, "kind": "robot"}]}"#,
                message: "kind.json: catalog JSON at models[0].kind: 'robot' is not one of"),
        BadFile(name: "empty.json", contents: "{}", message: "empty.json: the file has no GPUs or models"),
        BadFile(name: "clash.json", contents: #"{"gpus": [{"names": {"id": "mine", "aliases": ["h100"]}, "memoryGiB": 1}]}"#,
                message: "clash.json: GPU name 'h100' of 'mine' is already used by 'h100-sxm'"),
    ]

    @Test(arguments: badFiles)
    func aMalformedFileIsAnErrorNamingItAndAddsNothing(_ file: BadFile) throws {
        let directory = try CatalogTestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try file.contents.write(to: directory.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        let run = Transcript.run("catalog load \(file.name)", directory: directory.path, echo: false)
        #expect(run.output.contains("<test>:1:14: error: " + file.message), "\(run.output)")
        #expect(run.shell.session.catalog == Catalog.bundled)
    }

    @Test func aMissingFileIsAFileError() {
        let output = Transcript.run("catalog load nowhere.json", directory: NSTemporaryDirectory(), echo: false).output
        #expect(output.contains("error: no such file 'nowhere.json'"))
    }
}
