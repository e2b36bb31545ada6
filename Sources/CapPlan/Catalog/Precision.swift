/// Numeric format of weights (or of the KV cache).
///
///     bytes per element: fp32 4, bf16/fp16 2, fp8 1, int8 1, int4 0.5
///
/// `bf16` stands for both BF16 and FP16 (same size, same tensor-core rate on the parts in the
/// catalog). INT4 with group-128 FP16 scales is really ≈ 0.52 B/weight; 0.5 is used here.
/// Source: docs/capacity-math.md §1 "Memory".
public enum Precision: String, Sendable, Hashable, CaseIterable, Codable {
    case fp32
    case bf16
    case fp8
    case int8
    case int4

    /// Bytes per weight or per KV element.
    public var bytesPerElement: Double {
        switch self {
        case .fp32: return 4
        case .bf16: return 2
        case .fp8, .int8: return 1
        case .int4: return 0.5
        }
    }

    /// The KV-cache precision used when the user does not choose one: the weight precision for
    /// bf16, fp8 (and fp32); bf16 for the weight-only integer formats int8 and int4, whose
    /// engines keep activations and the KV cache in 16 bit.
    public var defaultKVPrecision: Precision {
        switch self {
        case .fp32, .bf16, .fp8: return self
        case .int8, .int4: return .bf16
        }
    }

    /// The spellings offered in help and completion, one per format (fp16 is read as bf16).
    public static let spellings = ["fp32", "bf16", "fp16", "fp8", "int8", "int4"]

    /// Parses the spellings users type: `fp32`, `bf16`, `fp16`, `fp8`, `int8`, `int4`
    /// (case-insensitive; `float16`, `half`, `e4m3` also accepted).
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "fp32", "float32", "f32": self = .fp32
        case "bf16", "fp16", "float16", "half", "bfloat16", "f16": self = .bf16
        case "fp8", "e4m3", "float8": self = .fp8
        case "int8", "w8", "i8": self = .int8
        case "int4", "w4", "i4": self = .int4
        default: return nil
        }
    }
}
