import Testing
@testable import CapPlan

@Suite struct CatalogTests {
    let catalog: Catalog

    init() throws {
        catalog = try Catalog.loadBundled()
    }

    @Test func bundledCatalogParsesWithEnoughEntries() {
        #expect(catalog.gpus.count >= 13)
        #expect(catalog.models.count >= 13)
        #expect(Catalog.bundled.gpus.count == catalog.gpus.count)
    }

    @Test func everyBundledFigureHasASourceAndDateOrANote() {
        let issues = catalog.validate()
        #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
    }

    @Test func requiredEntriesArePresent() throws {
        for id in ["t4", "a10g", "l4", "l40s", "v100-32gb", "a100-40gb-sxm", "a100-80gb-sxm", "a100-80gb-pcie",
                   "h100-sxm", "h100-pcie", "h200", "b200", "mi300x"] {
            #expect(catalog.gpus.contains { $0.id == id }, "missing GPU \(id)")
        }
        for id in ["llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "llama-3.1-405b",
                   "mistral-7b", "mixtral-8x7b", "qwen2.5-72b", "gpt-3-175b", "bert-large", "whisper-large-v3", "sdxl"] {
            #expect(catalog.models.contains { $0.id == id }, "missing model \(id)")
        }
    }

    @Test func namesAreUniqueAcrossEntries() {
        for entries in [catalog.gpus.map(\.names), catalog.models.map(\.names)] {
            var seen: [String: String] = [:]
            for e in entries {
                for n in Set(e.all.map { $0.lowercased() }) {
                    #expect(seen[n] == nil || seen[n] == e.id, "'\(n)' names both \(seen[n] ?? "") and \(e.id)")
                    seen[n] = e.id
                }
            }
        }
    }

    @Test func gpusWithoutFP8HaveNullFP8WithANote() throws {
        for id in ["a100-80gb-sxm", "a100-40gb-sxm", "v100-32gb", "t4"] {
            let g = try catalog.gpu(named: id)
            #expect(g.fp8TFLOPS.value == nil)
            #expect(g.fp8TFLOPS.note != nil)
        }
        #expect(try catalog.gpu(named: "h100").fp8TFLOPS.value == 1979)
    }

    @Test func mixtralCarriesTotalAndActiveParameters() throws {
        let m = try catalog.model(named: "mixtral")
        #expect(m.isMixtureOfExperts)
        #expect(m.experts?.value == 8)
        #expect(m.expertsPerToken?.value == 2)
        // Paper: 46.7B total, 12.9B active.
        #expect(abs((m.totalParams.value ?? 0) / 1e9 - 46.7) < 0.05)
        #expect(abs((m.activeParams.value ?? 0) / 1e9 - 12.9) < 0.05)
    }

    @Test(arguments: [
        ("a100", "a100-80gb-sxm"), ("A100", "a100-80gb-sxm"), ("a100-40gb", "a100-40gb-sxm"),
        ("h100", "h100-sxm"), ("H100 SXM 80GB", "h100-sxm"), ("h100-pcie", "h100-pcie"), ("h200", "h200"),
        ("mi300", "mi300x"), ("L40S", "l40s"), ("v100", "v100-32gb"),
    ])
    func shortGPUNamesResolve(name: String, id: String) throws {
        #expect(try catalog.gpu(named: name).id == id)
    }

    @Test(arguments: [
        ("llama-3-70b", "llama-3-70b"), ("llama3-70b", "llama-3-70b"), ("Llama_3_8B", "llama-3-8b"),
        ("mixtral", "mixtral-8x7b"), ("qwen2.5", "qwen2.5-72b"), ("qwen3-235b", "qwen3-235b-a22b"), ("405b", "llama-3.1-405b"), ("whisper", "whisper-large-v3"),
    ])
    func modelNamesResolve(name: String, id: String) throws {
        #expect(try catalog.model(named: name).id == id)
    }

    @Test func ambiguousNameListsTheCandidates() {
        do {
            _ = try catalog.gpu(named: "a10")
            Issue.record("expected an ambiguity")
        } catch let error as CatalogError {
            guard case let .ambiguousName(_, _, candidates) = error else { Issue.record("\(error)"); return }
            #expect(candidates.contains("a10g"))
            #expect(candidates.contains("a100-80gb-sxm"))
            #expect(error.message.contains("ambiguous"))
        } catch { Issue.record("\(error)") }

        #expect(throws: CatalogError.self) { try catalog.model(named: "llama-2") }
    }

    @Test func unknownGPUSuggestsClosestName() {
        do {
            // "h10" itself is a prefix of h100-sxm and h100-pcie (ambiguous), so use a real typo.
            _ = try catalog.gpu(named: "h110")
            Issue.record("expected unknown")
        } catch let error as CatalogError {
            guard case let .unknownName(_, _, suggestions) = error else { Issue.record("\(error)"); return }
            #expect(suggestions.first == "h100")
            #expect(error.hint.hasPrefix("did you mean 'h100'"))
            #expect(error.message == "unknown GPU 'h110'")
        } catch { Issue.record("\(error)") }
    }

    @Test func unknownModelTypoSuggestsClosestName() throws {
        do {
            _ = try catalog.model(named: "lama-3-70x")
            Issue.record("expected unknown")
        } catch let error as CatalogError {
            guard case let .unknownName(_, _, suggestions) = error else { Issue.record("\(error)"); return }
            #expect(suggestions.contains("llama-3-70b"))
        }
    }

    @Test func levenshteinMatchesHandValues() {
        #expect(levenshtein("kitten", "sitting") == 3)
        #expect(levenshtein("", "abc") == 3)
        #expect(levenshtein("h10", "h100") == 1)
        #expect(levenshtein("same", "same") == 0)
    }

    @Test func addingAUserGPUAndOverridingAnEntry() throws {
        var g = try catalog.gpu(named: "h100")
        g.names = CatalogNames(id: "my-h100", display: "My H100", aliases: ["mine"])
        g.prices.onDemand = .user(2.10)
        let c = try catalog.adding(gpu: g)
        #expect(try c.gpu(named: "mine").prices.onDemand.value == 2.10)
        #expect(c.gpus.count == catalog.gpus.count + 1)

        var h = try catalog.gpu(named: "h100")
        h.prices.spot = .user(2.10)
        let c2 = try catalog.adding(gpu: h)
        #expect(c2.gpus.count == catalog.gpus.count)
        #expect(try c2.gpu(named: "h100").prices[.spot].value == 2.10)
        #expect(try catalog.gpu(named: "h100").prices[.spot].value == 2.25) // the original is unchanged
    }

    @Test func addingAnEntryWhoseAliasIsTakenThrows() throws {
        var g = try catalog.gpu(named: "l4")
        g.names = CatalogNames(id: "new-gpu", display: "New", aliases: ["h100"])
        #expect(throws: CatalogError.self) { try catalog.adding(gpu: g) }
        g.names = CatalogNames(id: "bad id!", display: "x")
        #expect(throws: CatalogError.self) { try catalog.adding(gpu: g) }
    }

    @Test func userCatalogFileLoadsAndMerges() throws {
        let json = """
        {"sources": {"mine": {"title": "our lab measurement", "asOf": "2026-10"}},
         "gpus": [{"names": {"id": "rtx-6000-ada", "aliases": ["rtx6000"]},
                   "memoryGiB": {"value": 48, "source": "mine"}, "bf16TFLOPS": 182,
                   "memoryBandwidthTBps": {"value": 0.96, "source": {"title": "datasheet", "asOf": "2023-01"}},
                   "interconnect": {"kind": "pcie", "linkGBpsPerDirection": 32}}],
         "models": [{"names": {"id": "tiny-llm"}, "kind": "llm", "layers": 4, "dModel": 256, "queryHeads": 4,
                     "kvHeads": 4, "headDim": 64, "totalParams": 1e7}]}
        """
        let user = try Catalog(jsonBytes: Array(json.utf8))
        let merged = try catalog.merging(user)
        let g = try merged.gpu(named: "rtx6000")
        #expect(g.memoryGiB.value == 48)
        #expect(g.memoryGiB.source?.title == "our lab measurement")
        #expect(g.bf16TFLOPS.source == nil)
        #expect(try merged.model(named: "tiny-llm").kvHeads.value == 4)
        // Unsourced user figures are reported by validation, not rejected.
        #expect(user.validate().contains { $0.field == "bf16TFLOPS" && $0.problem == "has no source" })
    }

    @Test func decimalMemoryFromOlderCatalogFilesIsConvertedToGiB() throws {
        // {"memoryGB": 80} (schema 1: decimal) = 80e9 B = 74.5058 GiB, with a note saying so.
        let json = #"{"gpus": [{"names": {"id": "old"}, "memoryGB": 80}]}"#
        let g = try #require(try Catalog(jsonBytes: Array(json.utf8)).gpus.first)
        #expect(abs((g.memoryGiB.value ?? 0) - 80e9 / 1_073_741_824) < 1e-12)
        #expect(g.memoryGiB.note?.contains("decimal GB") == true)
    }

    @Test(arguments: [
        ("{\"gpus\": [{\"names\": {}}]}", "gpus[0].names.id"),
        ("{\"gpus\": [{\"names\": {\"id\": \"x\"}, \"memoryGB\": \"lots\"}]}", "gpus[0].memoryGB"),
        ("{\"gpus\": [{\"names\": {\"id\": \"x\"}, \"memoryGiB\": \"lots\"}]}", "gpus[0].memoryGiB"),
        ("{\"gpus\": [{\"names\": {\"id\": \"x\"}, \"interconnect\": {\"kind\": \"wifi\"}}]}", "gpus[0].interconnect.kind"),
        ("{\"models\": [{\"names\": {\"id\": \"x\"}, \"kind\": \"llm\", \"layers\": {\"value\": 2, \"source\": \"nope\"}}]}", "models[0].layers"),
        ("not json", ""),
    ])
    func malformedCatalogFilesThrowWithAPath(json: String, path: String) {
        do {
            _ = try Catalog(jsonBytes: Array(json.utf8))
            Issue.record("expected an error for \(json)")
        } catch let error as CatalogError {
            switch error {
            case let .invalidJSON(p, _), let .unknownSource(p, _): #expect(p.hasPrefix(path), "\(error.message)")
            default: Issue.record("\(error)")
            }
            #expect(!error.hint.isEmpty)
        } catch { Issue.record("\(error)") }
    }

    @Test(arguments: [
        ("on-demand", PricingMode.onDemand), ("ondemand", .onDemand), ("spot", .spot), ("reserved-1y", .reserved1y),
        ("1y", .reserved1y), ("reserved-3y", .reserved3y), ("3y", .reserved3y), ("Reserved_1Y", .reserved1y),
    ])
    func pricingModesParseUserSpellings(text: String, mode: PricingMode) {
        #expect(PricingMode(parsing: text) == mode)
    }

    @Test func precisionBytesAndParsing() {
        #expect(Precision.allCases.map(\.bytesPerElement) == [4, 2, 1, 1, 0.5])
        #expect(Precision(parsing: "FP16") == .bf16)
        #expect(Precision(parsing: "int3") == nil)
        #expect(PricingMode(parsing: "monthly") == nil)
        #expect(Precision.int4.defaultKVPrecision == .bf16)
        #expect(Precision.fp8.defaultKVPrecision == .fp8)
    }

    @Test func asOfDatesAreChecked() {
        #expect(Catalog.isAsOfDate("2026-11"))
        #expect(Catalog.isAsOfDate("2024-07-23"))
        #expect(!Catalog.isAsOfDate("session"))
        #expect(!Catalog.isAsOfDate("2026-13"))
    }
}
