import Foundation
import Testing
@testable import CapShell
@testable import CapPlan

/// `save` writes catalog changes as commands, before workloads; replaying rebuilds them.
struct CatalogSaveReplayTests {
    static let changes = """
    catalog add gpu h100-nvl memory=94GB bandwidth=3.9TB/s bf16=835 fp8=1670 tdp=400W link=nvlink link_bw=300GB/s price=$3.20/h display="H100 NVL" aliases=nvl
    catalog add gpu h100 memory=96GB
    catalog add gpu a10g tdp=150W
    catalog add gpu t4 replace=yes memory=16GB bf16=65
    set price a100 spot=$2.10/h reserved_3y=0.95
    catalog add model my-13b params=13.5B layers=40 d_model=5120 heads=40 kv_heads=8 context=32k quality=61 benchmark="MMLU 5-shot"
    catalog add model llama-3-8b params=9B
    catalog add model sdxl flops=6.5TFLOP
    add workload chat rps=20 in=1000 out=200 model=my-13b gpu=nvl
    """

    static let listings = "catalog gpus\ncatalog models"

    @Test func saveThenReplayGivesTheSameCatalog() throws {
        let directory = try CatalogTestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = Transcript.run(Self.changes + "\nsave plan.cap", directory: directory.path, echo: false)
        #expect(!original.output.contains("error"), "\(original.output)")
        let replay = Transcript.run("source plan.cap", directory: directory.path, echo: false)
        #expect(!replay.output.contains("error"), "\(replay.output)")
        #expect(replay.shell.session.catalog.gpus.map(\.id) == original.shell.session.catalog.gpus.map(\.id))
        #expect(replay.shell.session.catalog.models.map(\.id) == original.shell.session.catalog.models.map(\.id))

        // The listings, as a person and as a program reads them, are the same.
        for format in [Settings.Format.table, .json] {
            let before = Transcript.run(Self.changes + "\n" + Self.listings, directory: directory.path, echo: false, format: format).output
            let after = Transcript.run("source plan.cap\n" + Self.listings, directory: directory.path, echo: false, format: format).output
            #expect(before.hasSuffix(Self.tail(of: after, format: format)), "\(format) listings differ after replay")
        }
        // Every figure's value (not necessarily its source) survives.
        for (a, b) in zip(original.shell.session.catalog.gpus, replay.shell.session.catalog.gpus) {
            #expect(a.figures.map(\.value) == b.figures.map(\.value), "\(a.id)")
            #expect(a.names == b.names)
        }
        for (a, b) in zip(original.shell.session.catalog.models, replay.shell.session.catalog.models) {
            #expect(a.figures.map(\.value) == b.figures.map(\.value), "\(a.id)")
            #expect(a.kind == b.kind && a.defaultPrecision == b.defaultPrecision && a.qualityBenchmark == b.qualityBenchmark)
        }
    }

    /// The two listings at the end of a transcript (the replay prints the sourced commands' reports first).
    static func tail(of output: String, format: Settings.Format) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        if format == .json { return lines.suffix(3).joined(separator: "\n") }
        guard let start = lines.lastIndex(where: { $0.hasPrefix("GPU ") }) else { return output }
        return lines[start...].joined(separator: "\n")
    }

    @Test func catalogLinesComeBeforeWorkloadsAndReadLikeCommands() {
        var session = Transcript.run(Self.changes, echo: false).shell.session
        session.settings.headroom = 0.3
        let text = SessionScript.render(session)
        let lines = text.split(separator: "\n").map(String.init)
        let firstCatalog = lines.firstIndex { $0.hasPrefix("catalog add") || $0.hasPrefix("set price") } ?? Int.max
        let firstWorkload = lines.firstIndex { $0.hasPrefix("add workload") } ?? -1
        let setting = lines.firstIndex { $0.hasPrefix("set headroom") } ?? Int.max
        #expect(setting < firstCatalog && firstCatalog < firstWorkload)
        #expect(lines.contains("catalog add gpu h100-sxm memory=96GB"))
        #expect(lines.contains("catalog add gpu a10g tdp=150W"))
        #expect(lines.contains("set price a100-80gb-sxm spot=$2.1/h reserved_3y=$0.95/h"))
        #expect(lines.contains("catalog add gpu t4 replace=yes memory=16GB bf16=65TFLOPS link=pcie"))
        #expect(lines.contains("catalog add model llama-3-8b params=9B active=9B"))
        #expect(lines.contains("catalog add model sdxl flops=6500000000000"))
        #expect(lines.contains { $0.hasPrefix("catalog add gpu h100-nvl display=\"H100 NVL\" aliases=nvl memory=94GB bandwidth=3.9TB/s") })
        #expect(lines.contains { $0.hasPrefix("catalog add model my-13b kind=llm params=13.5B active=13.5B layers=40") && $0.hasSuffix("benchmark=\"MMLU 5-shot\"") })
    }

    @Test func anUnchangedCatalogWritesNoCatalogLines() {
        let text = SessionScript.render(Session())
        #expect(!text.contains("catalog"))
    }

    @Test func loadedEntriesAreSavedAsCommands() throws {
        let directory = try CatalogTestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CatalogLoadTests.goodFile.write(to: directory.appendingPathComponent("extra.json"), atomically: true, encoding: .utf8)
        let run = Transcript.run("catalog load extra.json\nsave plan.cap", directory: directory.path, echo: false)
        #expect(!run.output.contains("error"), "\(run.output)")
        let saved = try String(contentsOf: directory.appendingPathComponent("plan.cap"), encoding: .utf8)
        #expect(!saved.contains("extra.json"), "the plan must not depend on where the file lives")
        #expect(saved.contains("catalog add gpu tpu-v5e display=\"TPU v5e 16GB\" aliases=v5e memory=16GB bandwidth=0.819TB/s bf16=197TFLOPS link=pcie on_demand=$1.2/h"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("extra.json"))
        let replay = Transcript.run("source plan.cap", directory: directory.path, echo: false)
        #expect(try replay.shell.session.catalog.gpu(named: "v5e").bf16TFLOPS.value == 197)
        #expect(try replay.shell.session.catalog.model(named: "tiny").totalParams.value == 1e6)
    }
}
