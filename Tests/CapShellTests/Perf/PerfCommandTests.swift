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
        // Llama-3-8B (N = 8,030,261,248, L = 32, d = 4,096, d_ffn = 14,336, V = 128,256, n_kv = 8,
        // d_h = 128) on one L4 (23,034 MiB = 22.4941 GiB, 121 TFLOPS BF16, 300 GB/s); vLLM below
        // 70 GiB: u = 0.9, max_num_seqs 256, token budget K = 2,048, 2 ms a step, 15 ms a request;
        // MBU 0.65, MFU 0.5. Computed independently in Python with the same formulas:
        //   R = 1 GiB + K·(2·14,336 + 4·4,096)·2 B + 256·128,256·4 B = 1,389,625,344 B (1.29419 GiB)
        //   M_kv = 0.9·22.4941 GiB − 16.0605e9 − R = 4.2874e9 B → 32,710 tokens → 32,704 (pages)
        //   B_max = min(256, floor(32,704 / 1,125), floor((2,048·250 + 1,000)/1,250) = 410) = 29
        //   decode step (B = 29): W/(BW·0.65) = 82.36 ms + KV 29·1,125·131,072 B / 195 GB/s = 21.93 ms
        //                         + 2 ms = 106.291 ms
        //   other prompts: (29 − 1)·1,000/250 = 112 tokens a step, carried as whole 1,000-token
        //   prompts in f = 0.112 of the steps; the chunk step is compute-bound: 297.763 ms
        //   TPOT = 0.112 × 297.763 + 0.888 × 106.291 = 127.736 ms
        //   prefill = TPOT/2 + step(28 decodes + 1,000 prompt tokens) = 360.609 ms; TTFT + 15 ms
        //   X = 29 / (360.609 ms + 249 × 127.736 ms) = 0.901549 rps; × 250 = 225.387 tok/s
        let j = Self.json("perf llama-3-8b gpu=l4 in=1000 out=250")
        let n = { QueueCommandJSON.number(j, $0) }
        #expect(j["model"] as? String == "llama-3-8b" && j["gpu"] as? String == "l4" && j["precision"] as? String == "bf16" && j["engine"] as? String == "vllm")
        #expect(n("tp") == 1 && n("max_batch") == 29 && n("batch") == 29 && j["batch_limit"] as? String == "KV memory")
        #expect(Self.close(n("weights_gib"), 16.060522496e9 / 1_073_741_824))
        #expect(Self.close(n("kv_gib_per_sequence"), 131_072 * 1_125 / 1_073_741_824))
        #expect(Self.close(n("runtime_reserve_gib"), 1_389_625_344 / 1_073_741_824))
        #expect(n("kv_capacity_tokens") == 32_704)
        #expect(j["bound"] as? String == "memory")
        #expect(Self.close(n("decode_step_ms"), 106.291007672))
        #expect(Self.close(n("chunk_step_ms"), 297.763131972))
        #expect(Self.close(n("tpot_ms"), 0.112 * 297.763131972 + 0.888 * 106.291007672))
        #expect(Self.close(n("ttft_ms"), 360.609426971 + 15))
        #expect(Self.close(n("requests_per_s"), 29 / (0.360609426971 + 249 * 0.127735885593)))
        #expect(Self.close(n("output_tokens_per_s"), n("requests_per_s") * 250))
        #expect(Self.close(n("output_tokens_per_s_per_gpu"), n("output_tokens_per_s")))
    }

    @Test func llama2On70BH100TP8Batch64ByHand() {
        // Llama-2-70B (N = 68,976,648,192, L = 80, d = 8,192, d_ffn = 28,672, V = 32,000, n_kv = 8)
        // on 8 × H100 SXM (79.6475 GiB, 3.35 TB/s, 989 TFLOPS, NVLink 450 GB/s × 0.8), batch 64,
        // 2,048 in / 256 out, ℓ̄ = 2,176; vLLM on ≥ 70 GiB: K = 8,192, max_num_seqs 1,024.
        //   kv_tok_gpu = 327,680/8 = 40,960 B; R = 1 GiB + 8,192·(2·28,672/8 + 4·8,192)·2 + 1,024·32,000·4
        //   = 1,859,125,248 B; M_kv = 0.9·79.6475 GiB − 137.953e9/8 − R → 1,412,720 tokens → B_max 649
        //   decode step: weights 17.244e9/(3.35e12·0.65) = 7.919 ms + KV 64·2,176·40,960/2.1775e12
        //   = 2.620 ms + all-reduce 160·(8 µs + 1.75·64·8,192·2 B/360e9) = 2.095 ms + 2 ms = 14.634 ms
        //   the others' prompts: 63·2,048/256 = 504 tokens a step in whole 2,048-token prompts,
        //   f = 0.24609; the chunk step (2,112 tokens, compute-bound) 106.501 ms
        //   TPOT = 0.24609 × 106.501 + 0.75391 × 14.634 = 37.2423 ms; X = 6.65156 rps; 212.85 tok/s/GPU
        let j = Self.json("perf llama-2-70b gpu=h100 tp=8 batch=64 in=2048 out=256")
        let n = { QueueCommandJSON.number(j, $0) }
        #expect(n("tp") == 8 && n("batch") == 64 && n("max_batch") == 649)
        #expect(j["gpu"] as? String == "h100-sxm")
        #expect(Self.close(n("decode_step_ms"), 14.6344410803))
        #expect(Self.close(n("tpot_ms"), 37.2422501256))
        #expect(Self.close(n("requests_per_s"), 6.65155692484))
        #expect(Self.close(n("output_tokens_per_s_per_gpu"), 212.849821595))
        #expect(Self.close(n("weights_gib"), 137.953296384e9 / 1_073_741_824))
    }

    @Test func smallestFittingTensorParallelIsChosen() {
        // 138 GB of weights: not on one H100 (71.7 GiB usable). At t = 2, 64.24 GiB of weights and
        // 1.8 GiB of reserve leave ≈ 5.6 GiB of KV → ≈ 36,000 tokens: t = 2 holds 16 sequences of
        // ℓ̄ = 2,176, and the table suggests a wider tp.
        let j = Self.json("perf llama-2-70b gpu=h100 in=2048 out=256")
        #expect(QueueCommandJSON.number(j, "tp") == 2)
        #expect(QueueCommandJSON.number(j, "max_batch") == 16)
        let table = Transcript.run("perf llama-2-70b gpu=h100 in=2048 out=256", echo: false).output
        #expect(table.contains("try tp=4"))
    }

    @Test func concurrencyCapsTheBatchAtTheMemoryMaximum() {
        let j = Self.json("perf llama-3-8b gpu=l4 concurrency=100 in=1000 out=250")
        #expect(QueueCommandJSON.number(j, "batch") == 29)
        #expect(QueueCommandJSON.number(j, "concurrency") == 100)
        #expect(QueueCommandJSON.number(j, "queue_wait_ms") > 0)
        let small = Self.json("perf llama-3-8b gpu=l4 concurrency=4 in=1000 out=250")
        #expect(QueueCommandJSON.number(small, "batch") == 4 && QueueCommandJSON.number(small, "queue_wait_ms") == 0)
    }

    @Test func aConcurrencySweepIsTheSaturationCurve() {
        // Throughput rises and flattens; TTFT stays on its floor until the batch is full, then
        // the waiting users push it up: the knee is marked at the first level with TTFT > 2 × floor.
        let text = QueueCommandJSON.run("perf llama-3-8b gpu=l4 concurrency=1,8,29,64 in=1000 out=250").text
        let levels = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["levels"] as? [[String: Any]] ?? []
        #expect(levels.count == 4)
        let tok = levels.map { ($0["output_tokens_per_s"] as? Double) ?? 0 }
        let ttft = levels.map { ($0["ttft_ms"] as? Double) ?? 0 }
        #expect(tok[0] < tok[1] && tok[1] < tok[2] && tok[2] <= tok[3] * 1.0000001)
        #expect(ttft[3] > 2 * ttft[0])
        let table = Transcript.run("perf llama-3-8b gpu=l4 concurrency=1,8,29,64 in=1000 out=250", echo: false).output
        #expect(table.contains("knee"))
    }

    @Test func anOpenLoopRateBelowCapacityHoldsLittlesLaw() {
        let j = Self.json("perf llama-3-8b gpu=l4 rate=0.3rps in=1000 out=250")
        #expect(j["sustainable"] as? Bool == true)
        #expect(Self.close(QueueCommandJSON.number(j, "requests_per_s"), 0.3))
        let over = Transcript.run("perf llama-3-8b gpu=l4 rate=5rps in=1000 out=250", echo: false).output
        #expect(over.contains("at or above the capacity"))
    }

    @Test func perfAndSizeGiveTheSameCapacityForTheSameConfiguration() {
        // `size` chooses a tensor-parallel degree and a batch; `perf` of that degree and batch
        // reports the requests/s of one instance. Both come from one function, so they agree
        // exactly (to the 12 significant digits JSON carries).
        for (model, gpu, extra) in [("llama-3-8b", "l4", "sla.tpot=150ms"), ("llama-3-70b", "h100", "precision=fp8"), ("mixtral-8x7b", "h200", "")] {
            let setup = "add workload w rps=20 in=500 out=100 model=\(model) gpu=\(gpu) \(extra)"
            let sized = QueueCommandJSON.run("size w", setup: setup).object
            let batch = Int(QueueCommandJSON.number(sized, "batch"))
            let tp = Int(QueueCommandJSON.number(sized, "gpus_per_instance"))
            let precision = extra.hasPrefix("precision=") ? " " + extra : ""
            let perf = Self.json("perf \(model) gpu=\(gpu) tp=\(tp) batch=\(batch) in=500 out=100\(precision)")
            // size's capacity_rps is the fleet's: instances × one instance's.
            let perInstance = QueueCommandJSON.number(sized, "capacity_rps") / QueueCommandJSON.number(sized, "instances")
            #expect(Self.close(QueueCommandJSON.number(perf, "requests_per_s"), perInstance, 1e-9),
                    "\(model) on \(gpu): perf \(QueueCommandJSON.number(perf, "requests_per_s")) vs size \(perInstance)")
        }
    }

    @Test func aWorkloadsEngineIsTheSameAsTheSessionsForItsSizing() {
        // engine=trtllm on the workload sizes exactly as `set engine trtllm` does, and differs
        // from vLLM's (TensorRT-LLM reserves the whole context: fewer sequences per instance).
        let workload = "add workload w rps=20 in=1000 out=250 model=llama-3-70b gpu=h100 precision=fp8"
        let own = QueueCommandJSON.run("size w", setup: workload + " engine=trtllm").object
        let session = QueueCommandJSON.run("size w", setup: "set engine trtllm\n" + workload).object
        let vllm = QueueCommandJSON.run("size w", setup: workload).object
        #expect(QueueCommandJSON.number(own, "batch") == QueueCommandJSON.number(session, "batch"))
        #expect(QueueCommandJSON.number(own, "capacity_rps") == QueueCommandJSON.number(session, "capacity_rps"))
        #expect(QueueCommandJSON.number(own, "batch") != QueueCommandJSON.number(vllm, "batch"))
    }

    @Test func sessionAssumptionsChangeTheResult() {
        // MBU 0.65 → 0.80 shortens the memory-bound decode step (106.29 ms, 104.29 ms of it
        // memory) by 0.65/0.80: 104.29 × 0.8125 + 2 = 86.74 ms.
        let base = QueueCommandJSON.number(Self.json("perf llama-3-8b gpu=l4 in=1000 out=250"), "decode_step_ms")
        let faster = QueueCommandJSON.number(Self.json("perf llama-3-8b gpu=l4 in=1000 out=250", setup: "set mbu 80%"), "decode_step_ms")
        #expect(Self.close(faster, (base - 2) * 0.65 / 0.80 + 2, 1e-3))
        let explained = Transcript.run("set mbu 80%\nexplain perf llama-3-8b gpu=l4 in=1000 out=250", echo: false).output
        #expect(explained.contains("set mbu"))
    }

    @Test func jsonKeysAreTheContractInOrder() {
        let text = QueueCommandJSON.run("perf llama-3-8b gpu=l4 in=1000 out=250").text
        #expect(Array(QueueCommandJSON.keys(text).prefix(15)) == [
            "model", "gpu", "engine", "tp", "precision", "batch", "max_batch", "batch_limit", "weights_gib", "kv_gib_per_sequence",
            "bound", "ttft_ms", "tpot_ms", "output_tokens_per_s", "output_tokens_per_s_per_gpu",
        ])
    }

    @Test func explainShowsEveryStepWithNumbers() {
        let out = Transcript.run("explain perf llama-3-8b gpu=l4 in=1000 out=250", echo: false).output
        for piece in [
            "W = N × b_w", "8.03026e9 × 2 B", "14.9575 GiB",
            "kv_tok = 2·L·n_kv·d_h·b_kv", "2 × 32 × 8 × 128 × 2 B", "131,072 B",
            "M_kv = u·M_gpu − W/t − R", "0.9 × 22.4941 GiB", "1.29419 GiB",
            "min(256, 29, 410)", "29 (KV memory)",
            "t_gemm + t_attn", "106.291 ms at B = 29, memory-bound", "127.736 ms",
            "MBU", "vLLM gpu_memory_utilization", "NVIDIA L4", "request overhead",
        ] {
            #expect(out.contains(piece), "explain perf lacks \(piece)")
        }
    }

    @Test func explainShowsTensorParallelCommunication() {
        let out = Transcript.run("explain perf llama-2-70b gpu=h100 tp=8 batch=64 in=2048 out=256", echo: false).output
        #expect(out.contains("2L·t_allreduce"))
        #expect(out.contains("2.09556 ms"))      // 160 all-reduces of 8 µs + 1.75 × 1,048,576 B / 360 GB/s = 13.097 µs
        #expect(out.contains("327,680 B at t = 8"))
    }

    @Test(arguments: [
        ("perf llama-3-8b gpu=h10 in=1000 out=250", "ambiguous", 21),
        ("perf llama-3-8b gpu=l5 in=1000 out=250", "unknown GPU 'l5'", 21),
        ("perf llama-3-9b gpu=l4 in=1000 out=250", "did you mean 'llama-3-8b'", 6),
        ("perf llama-3-8b gpu=l4 in=1000", "needs out=", nil),
        ("perf llama-3-8b in=1000 out=250", "needs gpu=", nil),
        ("perf llama-3-8b gpu=l4 batch=2 concurrency=3 in=1000 out=250", "give one of batch=, concurrency= and rate=", 24),
        ("perf llama-3-8b gpu=l4 concurrency=1,0,8 in=1000 out=250", "whole numbers from 1", 38),
        ("perf llama-3-8b gpu=l4 rate=1e300rps in=1000 out=250", "invalid arrival rate", 29),
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
