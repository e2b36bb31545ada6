import Foundation
import Testing
@testable import CapShell

/// `perf`: hand-derived memory and timing figures, the JSON contract, catalog errors, explain.
struct PerfCommandTests {
    static func close(_ x: Double, _ y: Double, _ relative: Double = 1e-4) -> Bool {
        abs(x - y) <= relative * Swift.max(1e-9, abs(y))
    }

    static func json(_ statement: String, setup: String = "") -> [String: Any] {
        QueueCommandJSON.run(statement, setup: setup).object
    }

    @Test func llama3On8BL4ThroughputRegimeByHand() {
        // Llama-3-8B (N = 8,030,261,248, L = 32, n_kv = 8, d_h = 128, n_h·d_h = 4,096) on one L4
        // (24 GB, 121 TFLOPS BF16, 300 GB/s), defaults u = 0.9, reserve 2 GB, MBU 0.55, MFU 0.6, 15 ms.
        //   W = 2N = 16.060522496 GB; kv_tok = 2·32·8·128·2 = 131,072 B; ℓ̄ = 1,000 + 250/2 = 1,125.
        //   M_kv = 21.6 − 16.060522496 − 2 = 3.539477504 GB → 27,004 tokens → 26,992 (16-token pages)
        //   B_max = floor(26,992/1,125) = 23.  KV per sequence = 131,072 × 1,125 = 0.147456 GB.
        //   Decode: Q = 16.060522496e9 + 23·1,125·131,072 = 19.452010496e9 B; / (300e9 × 0.55) = 117.891 ms.
        //   Prefill: F = 2N·1,000 + 2·32·4,096·1,000² = 16.322666496e12; / (121e12 × 0.6) = 224.830 ms; +15 ms.
        //   tokens/s = 23/0.117891 = 195.096.
        let j = Self.json("perf llama-3-8b gpu=l4 in=1000 out=250")
        let n = { QueueCommandJSON.number(j, $0) }
        #expect(j["model"] as? String == "llama-3-8b" && j["gpu"] as? String == "l4" && j["precision"] as? String == "bf16")
        #expect(n("tp") == 1 && n("max_batch") == 23 && n("batch") == 23)
        #expect(Self.close(n("weights_gb"), 16.060522496))
        #expect(Self.close(n("kv_gb_per_sequence"), 0.147456))
        #expect(j["bound"] as? String == "memory")
        #expect(Self.close(n("tpot_ms"), 19.452010496e9 / 165e9 * 1e3))
        #expect(Self.close(n("ttft_ms"), 16.322666496e12 / 72.6e12 * 1e3 + 15))
        #expect(Self.close(n("tokens_per_s"), 23 / (19.452010496e9 / 165e9)))
        #expect(Self.close(n("tokens_per_s_per_gpu"), n("tokens_per_s")))
    }

    @Test func llama2On70BH100TP8Batch64ByHand() {
        // Llama-2-70B (N = 68,976,648,192, L = 80, d = 8,192, n_kv = 8) on 8 × H100 SXM (3.35 TB/s,
        // NVLink 450 GB/s × 0.8), batch 64, ℓ̄ = 2,048 + 128 = 2,176.
        //   kv_tok_gpu = 327,680/8 = 40,960 B. Q = 137.953e9/8 + 64·2,176·40,960 = 22.9484e9 B
        //   memory time = 22.9484e9 / (3.35e12 × 0.55) = 12.4550 ms
        //   all-reduce = 2·80·(8 µs + 2·7/8 · 64·8,192·2 B / 360e9) = 160 × 13.0972 µs = 2.09556 ms
        //   TPOT = 12.4550/0.55 + 2.0956 = 24.741 ms; tokens/s = 64/0.024741 = 2,586.8; per GPU 323.35.
        let j = Self.json("perf llama-2-70b gpu=h100 tp=8 batch=64 in=2048 out=256")
        let n = { QueueCommandJSON.number(j, $0) }
        #expect(n("tp") == 8 && n("batch") == 64 && n("max_batch") == 256)
        #expect(j["gpu"] as? String == "h100-sxm")
        #expect(Self.close(n("tpot_ms"), 24.7411, 1e-4))
        #expect(Self.close(n("tokens_per_s_per_gpu"), 323.349, 1e-4))
        #expect(Self.close(n("weights_gb"), 137.953296384))
    }

    @Test func smallestFittingTensorParallelIsChosen() {
        // 138 GB of weights: not on one 80 GB H100 (72 GB usable); at t = 2, 68.98 + 2 = 70.98 GB
        // leaves 1.02 GB of KV → 6,240 tokens ≥ ℓ̄ = 2,176: t = 2, B_max = 2.
        let j = Self.json("perf llama-2-70b gpu=h100 in=2048 out=256")
        #expect(QueueCommandJSON.number(j, "tp") == 2)
        #expect(QueueCommandJSON.number(j, "max_batch") == 2)
        let table = Transcript.run("perf llama-2-70b gpu=h100 in=2048 out=256", echo: false).output
        #expect(table.contains("try tp=4"))
    }

    @Test func concurrencyCapsTheBatchAtTheMemoryMaximum() {
        let j = Self.json("perf llama-3-8b gpu=l4 concurrency=100 in=1000 out=250")
        #expect(QueueCommandJSON.number(j, "batch") == 23)
        #expect(QueueCommandJSON.number(j, "queued") == 77)
        let small = Self.json("perf llama-3-8b gpu=l4 concurrency=4 in=1000 out=250")
        #expect(QueueCommandJSON.number(small, "batch") == 4)
    }

    @Test func sessionAssumptionsChangeTheResult() {
        // MBU 0.55 → 0.70 scales the memory-bound TPOT by 0.55/0.70.
        let base = QueueCommandJSON.number(Self.json("perf llama-3-8b gpu=l4 in=1000 out=250"), "tpot_ms")
        let faster = QueueCommandJSON.number(Self.json("perf llama-3-8b gpu=l4 in=1000 out=250", setup: "set mbu 70%"), "tpot_ms")
        #expect(Self.close(faster, base * 0.55 / 0.70))
        let explained = Transcript.run("set mbu 70%\nexplain perf llama-3-8b gpu=l4 in=1000 out=250", echo: false).output
        #expect(explained.contains("set mbu"))
    }

    @Test func jsonKeysAreTheContractInOrder() {
        let text = QueueCommandJSON.run("perf llama-3-8b gpu=l4 in=1000 out=250").text
        #expect(Array(QueueCommandJSON.keys(text).prefix(13)) == [
            "model", "gpu", "tp", "precision", "batch", "max_batch", "weights_gb", "kv_gb_per_sequence",
            "bound", "ttft_ms", "tpot_ms", "tokens_per_s", "tokens_per_s_per_gpu",
        ])
    }

    @Test func explainShowsEveryStepWithNumbers() {
        let out = Transcript.run("explain perf llama-3-8b gpu=l4 in=1000 out=250", echo: false).output
        for piece in [
            "W = N × b_w", "8.03026e9 × 2 B", "16.0605 GB",
            "kv_tok = 2·L·n_kv·d_h·b_kv", "2 × 32 × 8 × 128 × 2 B", "131,072 B",
            "M_kv = u_mem·M_gpu − W/t − M_reserve", "21.6 GB − 16.0605 GB / 1 − 2 GB", "3.53948 GB",
            "min(256, floor(26,992 / 1,125))", "23 sequences",
            "F_pre = 2·N·S + 2·L·d_attn·S²", "16.3227 TFLOP / (1 × 121 TFLOPS × 0.6)", "224.83 ms",
            "19.452 GB / (300 GB/s × 0.55)", "117.891 ms, memory-bound",
            "decode MBU", "vLLM gpu_memory_utilization", "NVIDIA L4", "TTFT overhead",
        ] {
            #expect(out.contains(piece), "explain perf lacks \(piece)")
        }
    }

    @Test func explainShowsTensorParallelCommunication() {
        let out = Transcript.run("explain perf llama-2-70b gpu=h100 tp=8 batch=64 in=2048 out=256", echo: false).output
        #expect(out.contains("2 × 80 × (8 µs + 2×7/8 × 64 × 8,192 × 2 B / (450 GB/s × 0.8))"))
        #expect(out.contains("/ 0.55 +"))
        #expect(out.contains("327,680 B / 8"))
    }

    @Test(arguments: [
        ("perf llama-3-8b gpu=h10 in=1000 out=250", "ambiguous", 21),
        ("perf llama-3-8b gpu=l5 in=1000 out=250", "unknown GPU 'l5'", 21),
        ("perf llama-3-9b gpu=l4 in=1000 out=250", "did you mean 'llama-3-8b'", 6),
        ("perf llama-3-8b gpu=l4 in=1000", "needs out=", nil),
        ("perf llama-3-8b in=1000 out=250", "needs gpu=", nil),
        ("perf llama-3-8b gpu=l4 batch=2 concurrency=3 in=1000 out=250", "not both", nil),
        ("perf llama-3-8b gpu=a100 precision=fp8 in=1000 out=250", "no fp8", 36),
        ("perf llama-3-8b gpu=l4 tp=3 in=1000 out=250", "tensor parallel 3", 27),
        ("perf llama-3-8b gpu=l4 in=8000 out=1000", "context length", 27),
        ("perf bert-large gpu=l4 in=100 out=10", "not a decoder LLM", 6),
    ] as [(String, String, Int?)])
    func errorsPointAtTheCulprit(_ statement: String, _ message: String, _ column: Int?) {
        let (output, status, _) = Transcript.run(statement, echo: false)
        #expect(status.failures > 0)
        #expect(output.contains(message), "\(statement): \(output)")
        if let column { #expect(output.contains("<test>:1:\(column):"), "\(statement): \(output)") }
    }

    @Test func aFixedBatchThatDoesNotFitIsShownWithAWarning() {
        let out = Transcript.run("perf llama-2-70b gpu=h100 tp=1 in=2048 out=256", echo: false).output
        #expect(out.contains("does not fit"))
        #expect(QueueCommandJSON.run("perf llama-2-70b gpu=h100 tp=1 in=2048 out=256").object["fits"] as? Bool == false)
    }
}
