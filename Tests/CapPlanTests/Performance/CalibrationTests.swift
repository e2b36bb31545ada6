import Foundation
import Testing
@testable import CapPlan

/// `BenchmarkReader` (client result files) and `Calibrator` (fitting MBU and MFU to them).
@Suite struct CalibrationTests {
    let catalog = Catalog.bundled
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("calibrate/fixtures")

    func deployment(_ model: String = "llama-3.1-8b", _ gpu: String = "h100", tp: Int? = 1) throws -> LLMDeployment {
        LLMDeployment(model: try catalog.model(named: model), gpu: try catalog.gpu(named: gpu), tensorParallel: tp)
    }

    func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
    }

    /// Points "measured" on a model whose efficiencies are `mbu` and `mfu`: what a benchmark of
    /// a server that behaves exactly like the model would report.
    func synthetic(mbu: Double, mfu: Double, loads: [BenchmarkPoint.Load], input: Int = 1000, output: Int = 200,
                   metrics: Set<Calibrator.Metric> = Set(Calibrator.Metric.allCases)) throws -> BenchmarkRun {
        var a = PerformanceAssumptions()
        a.decodeMBU = mbu
        a.mfuBF16 = mfu
        let model = LLMPerformanceModel(assumptions: a)
        let d = try deployment()
        let points = try loads.map { load -> BenchmarkPoint in
            let r = try model.evaluate(d, shape: LLMRequestShape(inputTokens: input, outputTokens: output), batch: load.batchChoice)
            return BenchmarkPoint(load: load, inputTokens: Double(input), outputTokens: Double(output),
                                  ttftSeconds: metrics.contains(.ttft) ? r.ttftSeconds : nil,
                                  tpotSeconds: metrics.contains(.itl) ? r.tpotSeconds : nil,
                                  outputTokensPerSecond: metrics.contains(.throughput) ? r.outputTokensPerSecond : nil, origin: "synthetic")
        }
        return BenchmarkRun(tool: .guidellm, points: points)
    }

    // MARK: Fitting

    @Test func recoversTheEfficienciesThatProducedTheMeasurements() throws {
        // A server that is the model at MBU 0.48 and MFU 0.31, measured at three concurrencies
        // and one open-loop rate; the fit starts from the defaults (0.65, 0.5) and must land on
        // the generating factors, which predict every figure exactly.
        let run = try synthetic(mbu: 0.48, mfu: 0.31, loads: [.concurrency(1), .concurrency(16), .concurrency(64), .rate(2)])
        let fit = try Calibrator(model: LLMPerformanceModel(), deployment: try deployment()).fit(run, source: "synthetic")
        #expect(close(fit.calibration.mbu ?? 0, 0.48, 0.005))
        #expect(close(fit.calibration.mfu ?? 0, 0.31, 0.01))
        #expect(fit.previousMBU == 0.65 && fit.previousMFU == 0.5)
        #expect(fit.medianErrorBefore > 0.1)
        #expect(fit.medianErrorAfter < 0.003)
        #expect(fit.comparisons.count == 12 && fit.notFitted.isEmpty && fit.atBound.isEmpty)
    }

    @Test func aSinglePointFitsOnlyTheFactorOfItsRegime() throws {
        // One user's output tokens/s: batch-1 decode reads the weights, so MBU is fitted and
        // MFU stays the session's.
        let decode = try synthetic(mbu: 0.55, mfu: 0.5, loads: [.concurrency(1)], metrics: [.throughput])
        let fit = try Calibrator(model: LLMPerformanceModel(), deployment: try deployment()).fit(decode, source: "t")
        #expect(fit.calibration.mfu == nil && fit.notFitted.count == 1)
        #expect(close(fit.calibration.mbu ?? 0, 0.55, 0.01))
        // TTFT only, of 4,000-token prompts (compute-bound prefill): MFU only.
        let ttft = try synthetic(mbu: 0.65, mfu: 0.37, loads: [.concurrency(1)], input: 4000, output: 100, metrics: [.ttft])
        let fit2 = try Calibrator(model: LLMPerformanceModel(), deployment: try deployment()).fit(ttft, source: "t")
        #expect(fit2.calibration.mbu == nil)
        #expect(close(fit2.calibration.mfu ?? 0, 0.37, 0.01))
        // The maximum throughput of 4,000-token prompts: steps carry 8,192-token chunks and are
        // compute-bound, so that throughput tells MFU, not MBU.
        let saturated = try synthetic(mbu: 0.65, mfu: 0.42, loads: [.maximum], input: 4000, output: 100, metrics: [.throughput])
        let fit3 = try Calibrator(model: LLMPerformanceModel(), deployment: try deployment()).fit(saturated, source: "t")
        #expect(fit3.calibration.mbu == nil)
        #expect(close(fit3.calibration.mfu ?? 0, 0.42, 0.01))
    }

    @Test func aFactorTheDataCannotTellIsNamedNotFitted() throws {
        // 16-token prompts: the prefill step reads all 16 GB of weights (7.4 ms at 65% of
        // 3.35 TB/s) but computes for 0.5 ms, so neither TTFT nor ITL depends on MFU.
        let run = try synthetic(mbu: 0.6, mfu: 0.5, loads: [.concurrency(1)], input: 16, output: 100, metrics: [.ttft, .itl])
        let fit = try Calibrator(model: LLMPerformanceModel(), deployment: try deployment()).fit(run, source: "t")
        #expect(fit.calibration.mfu == nil)
        #expect(fit.notFitted.count == 1 && fit.notFitted[0].hasPrefix("MFU"))
        #expect(close(fit.calibration.mbu ?? 0, 0.6, 0.01))
        // A TTFT that is all request overhead (10 s of it) depends on neither factor: an error,
        // not a silent no-op.
        var slow = PerformanceAssumptions()
        slow.ttftOverheadSeconds = 10
        let only = try synthetic(mbu: 0.6, mfu: 0.5, loads: [.concurrency(1)], input: 16, output: 100, metrics: [.ttft])
        #expect(throws: PerformanceError.self) {
            try Calibrator(model: LLMPerformanceModel(assumptions: slow), deployment: try deployment()).fit(only, source: "t")
        }
    }

    @Test func aCalibrationAppliesOnlyToItsModelGPUEngineAndMathClass() throws {
        var a = PerformanceAssumptions()
        a.calibrate(EfficiencyCalibration(modelID: "llama-3.1-8b", gpuID: "h100-sxm", engine: .vllm, precision: .bf16, mbu: 0.7, mfu: 0.4, source: "f"))
        let e = a.efficiencies(modelID: "llama-3.1-8b", gpuID: "h100-sxm", precision: .bf16)
        #expect(e.mbu == 0.7 && e.mfu == 0.4 && e.mbuCalibration != nil)
        // FP8 math runs on the FP8 peak: the BF16 run's MFU does not carry over, its MBU does.
        let fp8 = a.efficiencies(modelID: "llama-3.1-8b", gpuID: "h100-sxm", precision: .fp8)
        #expect(fp8.mbu == 0.7 && fp8.mfu == a.mfuFP8 && fp8.mfuCalibration == nil)
        #expect(a.efficiencies(modelID: "llama-3.1-8b", gpuID: "a100-80gb", precision: .bf16).mbu == a.decodeMBU)
        var sglang = a
        sglang.engine = .sglang
        #expect(sglang.efficiencies(modelID: "llama-3.1-8b", gpuID: "h100-sxm", precision: .bf16).mbu == a.decodeMBU)
        // A second calibration of the same combination replaces the first.
        a.calibrate(EfficiencyCalibration(modelID: "llama-3.1-8b", gpuID: "h100-sxm", engine: .vllm, precision: .bf16, mbu: 0.6, mfu: nil, source: "g"))
        #expect(a.calibrations.count == 1 && a.efficiencies(modelID: "llama-3.1-8b", gpuID: "h100-sxm", precision: .bf16).mfu == a.mfuBF16)
        // And the model prices steps with it: batch-1 decode at MBU 0.6 instead of 0.65.
        let d = try deployment()
        let before = try LLMPerformanceModel().decodeStep(for: d, tensorParallel: 1, batch: 1, contextTokens: 0).gemmSeconds
        let after = try LLMPerformanceModel(assumptions: a).decodeStep(for: d, tensorParallel: 1, batch: 1, contextTokens: 0).gemmSeconds
        #expect(close(after, before * 0.65 / 0.6, 1e-9))
    }

    // MARK: Reading result files

    @Test func readsGuideLLMConcurrentBenchmarks() throws {
        // Written by guidellm 0.3.0 (`--rate-type concurrent --rate 1,4`) against
        // Tests/calibrate/stub_server.py: TTFT 30 ms + 0.05 ms a prompt token, ITL 10 ms.
        let run = try BenchmarkReader.read(try fixture("guidellm-0.3.0-concurrent.json"), fileName: "g.json")
        #expect(run.tool == .guidellm && run.points.count == 2)
        #expect(run.points.map(\.load) == [.concurrency(1), .concurrency(4)])
        let p = run.points[0]
        #expect(close(p.inputTokens, 253.1667, 1e-4) && p.outputTokens == 32)
        #expect(close(p.ttftSeconds ?? 0, 0.04844099, 1e-6) && close(p.tpotSeconds ?? 0, 0.010009357, 1e-6))
        #expect(close(p.outputTokensPerSecond ?? 0, 88.523705, 1e-6))
        #expect(p.origin == "benchmarks[0]")
    }

    @Test func readsEveryClientsRealFile() throws {
        // Tests/calibrate/fixtures (README.md there: the tool, version and source of each);
        // the figures are the files' own means, read with Python's json module.
        func only(_ name: String) throws -> (BenchmarkTool, BenchmarkPoint) {
            let run = try BenchmarkReader.read(try fixture(name), fileName: name)
            #expect(run.points.count == 1)
            return (run.tool, run.points[0])
        }
        let (vllm, v) = try only("vllm-bench-serve.json")
        #expect(vllm == .vllm && v.load == .concurrency(8) && v.inputTokens == 1000 && v.outputTokens == 200)
        #expect(close(v.ttftSeconds ?? 0, 0.04402559972, 1e-9) && close(v.tpotSeconds ?? 0, 0.009037977746, 1e-9) && close(v.outputTokensPerSecond ?? 0, 864.5300355, 1e-9))
        // AIPerf 0.13: the load in input_config.phases[kind == profiling], past the warmup phase.
        let (aiperf, a) = try only("aiperf-profile_export_aiperf.json")
        #expect(aiperf == .aiperf && a.load == .concurrency(8) && a.inputTokens == 1000)
        #expect(close(a.ttftSeconds ?? 0, 0.065070838359, 1e-9) && close(a.tpotSeconds ?? 0, 0.009409020847, 1e-9) && close(a.outputTokensPerSecond ?? 0, 815.77550823, 1e-9))
        // AIPerf 0.3: input_config.loadgen.concurrency.
        let (old, o) = try only("aiperf-0.3-profile_export_aiperf.json")
        #expect(old == .aiperf && o.load == .concurrency(8) && close(o.ttftSeconds ?? 0, 0.075490506953, 1e-9))
        // GenAI-Perf 0.0.16: input_config.perf_analyzer.stimulus.concurrency.
        let (genai, g) = try only("genai-perf-profile_export_genai_perf.json")
        #expect(genai == .genaiPerf && g.load == .concurrency(4) && close(g.tpotSeconds ?? 0, 0.00820046835, 1e-9) && close(g.outputTokensPerSecond ?? 0, 476.80556812, 1e-9))
        // GuideLLM 0.5: benchmarks[i].config.strategy.
        let guide = try BenchmarkReader.read(try fixture("guidellm-0.5.json"), fileName: "g")
        #expect(guide.points.map(\.load) == [.concurrency(1), .concurrency(8)] && guide.points.allSatisfy { $0.inputTokens == 998 })
        #expect(close(guide.points[1].ttftSeconds ?? 0, 0.069062955678, 1e-9) && close(guide.points[0].tpotSeconds ?? 0, 0.0070010801057, 1e-9))
    }

    @Test func readsVLLMBenchServeLoads() throws {
        func run(_ extra: String) throws -> BenchmarkRun {
            let json = """
            {"backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B-Instruct", "completed": 200, "total_input_tokens": 204800,
             "total_output_tokens": 25600, "output_throughput": 3012.5, "mean_ttft_ms": 61.5, "mean_tpot_ms": 9.8, "mean_itl_ms": 9.7 \(extra)}
            """
            return try BenchmarkReader.read(Array(json.utf8), fileName: "v.json")
        }
        let closed = try run(#", "request_rate": "inf", "max_concurrency": 16"#)
        #expect(closed.tool == .vllm && closed.points[0].load == .concurrency(16))
        #expect(closed.points[0].inputTokens == 1024 && closed.points[0].outputTokens == 128)
        #expect(close(closed.points[0].tpotSeconds ?? 0, 0.0097, 1e-12) && close(closed.points[0].ttftSeconds ?? 0, 0.0615, 1e-12))
        #expect(try run(#", "request_rate": 4.0, "max_concurrency": null"#).points[0].load == .rate(4))
        #expect(try run(#", "request_rate": "inf", "max_concurrency": null"#).points[0].load == .maximum)
    }

    @Test func aFileOfTheWrongShapeNamesTheFileAndTheMissingKey() throws {
        func error(_ json: String) -> BenchmarkFileError? {
            do { _ = try BenchmarkReader.read(Array(json.utf8), fileName: "x.json"); return nil } catch { return error as? BenchmarkFileError }
        }
        #expect(error(#"{"benchmarks": [{"args": {"strategy": {"type_": "synchronous"}}, "metrics": {"output_token_count": {"successful": {"mean": 3}}}}]}"#)
                == .missingKey(file: "x.json", tool: .guidellm, path: "benchmarks[0].metrics.prompt_token_count"))
        #expect(error(#"{"benchmarks": [{"metrics": {}}]}"#) == .missingKey(file: "x.json", tool: .guidellm, path: "benchmarks[0].args"))
        #expect(error(#"{"mean_ttft_ms": 5, "completed": 0}"#) == .invalidValue(file: "x.json", path: "completed", value: "0", expected: "a positive, finite number"))
        #expect(error(#"{"hello": 1}"#) == .unknownFormat(file: "x.json", topLevelKeys: ["hello"]))
        #expect(error("not json") == .notJSON(file: "x.json"))
        // 1e300 tokens a request (completed 1e-300) is refused before anything rounds it.
        #expect(error(#"{"mean_ttft_ms": 5, "completed": 1e-300, "total_input_tokens": 100, "total_output_tokens": 10}"#)
                == .invalidValue(file: "x.json", path: "the run: mean input tokens", value: NumberFormat.decimal(1e302, significantDigits: 4), expected: "1 to 10,000,000 tokens per request"))
        #expect(error(#"[1, 2]"#) == .unknownFormat(file: "x.json", topLevelKeys: []))
        let message = BenchmarkFileError.missingKey(file: "x.json", tool: .guidellm, path: "benchmarks[0].args").message
        #expect(message.contains("x.json") && message.contains("benchmarks[0].args"))
    }
}
