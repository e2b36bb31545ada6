import Foundation
import Testing
@testable import CapShell
@testable import CapPlan

/// `kv_bytes(MODEL)`, `params(MODEL)`, `active_params(MODEL)`.
struct CatalogFunctionTests {
    /// KV bytes per token = 2 (K and V) × layers × KV heads × head dim × bytes per element,
    /// with the shapes of each model's config.json and bf16 (2 B) as the default precision:
    static let handDerived: [(model: String, bytes: Double)] = [
        ("llama-3-8b", 131_072),       // 2 × 32 × 8 × 128 × 2   (GQA, 8 KV heads)
        ("llama-2-7b", 524_288),       // 2 × 32 × 32 × 128 × 2  (MHA: KV heads = 32 query heads)
        ("llama-2-13b", 819_200),      // 2 × 40 × 40 × 128 × 2
        ("llama-2-70b", 327_680),      // 2 × 80 × 8 × 128 × 2
        ("llama-3-70b", 327_680),      // 2 × 80 × 8 × 128 × 2
        ("llama-3.1-405b", 516_096),   // 2 × 126 × 8 × 128 × 2
        ("mistral-7b", 131_072),       // 2 × 32 × 8 × 128 × 2
        ("mixtral-8x7b", 131_072),     // 2 × 32 × 8 × 128 × 2  (experts do not change attention)
        ("qwen2.5-72b", 327_680),      // 2 × 80 × 8 × 128 × 2
        ("gpt-3-175b", 4_718_592),     // 2 × 96 × 96 × 128 × 2
    ]

    @Test func kvBytesMatchHandDerivedValues() throws {
        for (model, bytes) in Self.handDerived {
            let spec = try Catalog.bundled.model(named: model)
            #expect(try CatalogFunctions.kvBytesPerToken(spec) == bytes, "\(model)")
        }
    }

    @Test func kvBytesPrintsWholeBytesInTheCalculator() {
        let output = Transcript.run("kv_bytes(llama-3-8b)\nkv_bytes(llama3-70b)\nkv_bytes(llama-3-8b) * 8k to GB", echo: false).output
        #expect(output == "131,072 B\n327,680 B\n1.04858 GB\n")
    }

    @Test func kvBytesIsADataQuantityForAssertions() {
        // 131,072 B = 128 KiB exactly.
        let run = Transcript.run("assert kv_bytes(llama-3-8b) == 128 KiB\nassert kv_bytes(llama-2-7b) == 4 * kv_bytes(llama-3-8b)", echo: false)
        #expect(run.output.isEmpty, "\(run.output)")
    }

    @Test func kvBytesOfAUserModelUsesItsShape() {
        // 2 × 40 × 8 × 128 × 2 = 163,840 (head_dim 128 = d_model 5120 / 40 heads).
        let script = "catalog add model my-13b params=13B layers=40 d_model=5120 heads=40 kv_heads=8\nkv_bytes(my-13b)"
        #expect(Transcript.run(script, echo: false).output.hasSuffix("163,840 B\n"))
        // fp8 weights keep an fp8 KV cache: 2 × 40 × 8 × 128 × 1 = 81,920.
        #expect(Transcript.run(script.replacingOccurrences(of: "kv_heads=8", with: "kv_heads=8 precision=fp8"), echo: false).output.hasSuffix("81,920 B\n"))
    }

    @Test func kvBytesOfANonLLMIsAnError() {
        let output = Transcript.run("kv_bytes(bert)", echo: false).output
        #expect(output.contains("error: kv_bytes() is for decoder LLMs; 'bert-large' is kind=encoder"))
    }

    @Test func kvBytesOfAnUnknownModelPointsAtTheName() {
        let output = Transcript.run("kv_bytes(llama3-8x)", echo: false).output
        #expect(output.contains("<test>:1:10: error: unknown model 'llama3-8x'"))
        #expect(output.contains("did you mean 'llama3-8b'"))
    }

    @Test func paramsAreCounts() {
        let output = Transcript.run("params(llama-3-8b)\nparams(mixtral) / active_params(mixtral)", echo: false).output
        #expect(output == "8,030,261,248\n3.62601\n")
    }
}
