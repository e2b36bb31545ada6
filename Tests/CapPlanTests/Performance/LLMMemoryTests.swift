import Testing
@testable import CapPlan

@Suite struct LLMMemoryTests {
    /// KV bytes per token at 16 bit = 2 × L × n_kv × d_h × 2 (docs/catalog-facts.md table):
    /// Llama-2-7B 2·32·32·128·2 = 524,288; Llama-2-13B 2·40·40·128·2 = 819,200;
    /// Llama-2-70B 2·80·8·128·2 = 327,680; Llama-3-8B 2·32·8·128·2 = 131,072;
    /// Llama-3-70B 327,680; Mistral-7B and Mixtral 2·32·8·128·2 = 131,072;
    /// Llama-3.1-405B 2·126·8·128·2 = 516,096; Qwen2.5-72B 327,680; GPT-3 2·96·96·128·2 = 4,718,592.
    @Test(arguments: [
        ("llama-2-7b", 524_288.0), ("llama-2-13b", 819_200), ("llama-2-70b", 327_680), ("llama-3-8b", 131_072),
        ("llama-3-70b", 327_680), ("mistral-7b", 131_072), ("mixtral-8x7b", 131_072), ("llama-3.1-405b", 516_096),
        ("qwen2.5-72b", 327_680), ("gpt-3-175b", 4_718_592),
    ])
    func kvBytesPerTokenMatchesCatalogFacts(id: String, bytes: Double) throws {
        let m = try Catalog.bundled.model(named: id)
        #expect(try LLMMemory.kvBytesPerToken(model: m, kvPrecision: .bf16) == bytes)
        #expect(try LLMMemory.kvBytesPerToken(model: m, kvPrecision: .fp8) == bytes / 2)
    }

    @Test func weightsScaleWithPrecision() {
        // Llama-2-70B: N = 68.98e9 → 137.95 GB at bf16 (capacity-math.md worked example).
        #expect(abs(LLMMemory.weightsBytes(parameters: 68.976648192e9, precision: .bf16) / 1e9 - 137.95) < 0.01)
        #expect(LLMMemory.weightsBytes(parameters: 1e9, precision: .int4) == 0.5e9)
        #expect(LLMMemory.weightsBytes(parameters: 1e9, precision: .fp32) == 4e9)
    }

    @Test func kvHeadsAreReplicatedBeyondTheirCount() {
        // n_kv = 8: t = 8 holds 1 head per GPU (1/8 of kv_tok); t = 16 still holds 1 head (replicated).
        #expect(LLMMemory.kvBytesPerTokenPerGPU(kvBytesPerToken: 327_680, kvHeads: 8, tensorParallel: 8) == 40_960)
        #expect(LLMMemory.kvBytesPerTokenPerGPU(kvBytesPerToken: 327_680, kvHeads: 8, tensorParallel: 16) == 40_960)
        #expect(LLMMemory.kvBytesPerTokenPerGPU(kvBytesPerToken: 327_680, kvHeads: 8, tensorParallel: 2) == 163_840)
    }
}
