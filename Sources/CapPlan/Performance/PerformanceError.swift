/// Everything that can go wrong in the performance model; each case has a `message` and a
/// `hint`. The model throws these instead of trapping or returning NaN or infinity.
public enum PerformanceError: Error, Sendable, Hashable {
    /// The model does not fit even at the largest tensor-parallel degree tried.
    case doesNotFit(model: String, gpu: String, maxTensorParallel: Int, neededBytesPerGPU: Double, availableBytesPerGPU: Double)
    /// An input is zero, negative, NaN, infinite or out of range.
    case invalidInput(name: String, value: String, expected: String)
    /// An assumption is out of range.
    case invalidAssumption(name: String, value: String, expected: String)
    /// A catalog figure the model needs is absent.
    case missingFigure(entry: String, field: String)
    /// The GPU has no tensor cores for this precision (FP8 on A100), or fp32 is asked for.
    case unsupportedPrecision(gpu: String, precision: Precision)
    /// The model is not a decoder LLM (BERT, Whisper, SDXL): use the roofline.
    case notAnLLM(model: String, kind: ModelKind)
    /// The requested tensor-parallel degree does not divide the query heads or is not allowed.
    case invalidTensorParallel(model: String, degree: Int, queryHeads: Int)
    /// Even a batch of one misses the TPOT target.
    case tpotTargetUnreachable(targetSeconds: Double, tpotAtBatchOneSeconds: Double)
    /// prompt + output exceeds the model's context length.
    case contextTooLong(model: String, tokens: Int, contextLength: Int)
    /// A benchmark's measurements depend on neither MBU nor MFU (`Calibrator`).
    case nothingToCalibrate(reasons: [String])

    public var message: String {
        switch self {
        case let .doesNotFit(model, gpu, t, need, have):
            return "\(model) does not fit on \(gpu) at tensor parallel \(t): needs \(Self.gib(need)) per GPU, \(Self.gib(have)) usable"
        case let .invalidInput(name, value, expected):
            return "invalid \(name) \(value): expected \(expected)"
        case let .invalidAssumption(name, value, expected):
            return "invalid assumption \(name) = \(value): expected \(expected)"
        case let .missingFigure(entry, field):
            return "'\(entry)' has no \(field) in the catalog"
        case let .unsupportedPrecision(gpu, precision):
            return precision == .fp32
                ? "fp32 is not supported by the performance model"
                : "\(gpu) has no \(precision.rawValue) tensor throughput"
        case let .notAnLLM(model, kind):
            return "\(model) is a \(kind.rawValue) model, not a decoder LLM"
        case let .invalidTensorParallel(model, degree, heads):
            return "tensor parallel \(degree) is not usable for \(model) (\(heads) query heads)"
        case let .tpotTargetUnreachable(target, tpot1):
            return "TPOT target \(Self.ms(target)) is unreachable: batch 1 already takes \(Self.ms(tpot1))"
        case let .contextTooLong(model, tokens, context):
            return "\(tokens) tokens exceed \(model)'s context length of \(context)"
        case let .nothingToCalibrate(reasons):
            return "nothing to calibrate: " + (reasons.isEmpty ? "the file measures no TTFT, inter-token latency or throughput" : reasons.joined(separator: "; "))
        }
    }

    public var hint: String {
        switch self {
        case .doesNotFit:
            return "use a GPU with more memory, a smaller precision (precision=fp8 or int4), a smaller batch, or pipeline stages across servers"
        case .invalidInput, .invalidAssumption:
            return "give a positive, finite value"
        case .missingFigure:
            return "add the figure with `catalog add` or a catalog file"
        case let .unsupportedPrecision(_, precision):
            return precision == .fp32 ? "use precision=bf16" : "use precision=bf16, or int8/int4 (weight-only, 16-bit math)"
        case .notAnLLM:
            return "size it with the roofline: give flops= and bytes= per request"
        case .invalidTensorParallel:
            return "use 1, 2, 4 or 8 dividing the number of query heads"
        case .tpotTargetUnreachable:
            return "relax the TPOT target, use a faster GPU, a smaller precision, or a higher tensor-parallel degree"
        case .contextTooLong:
            return "shorten the prompt or output, or pick a model with a longer context"
        case .nothingToCalibrate:
            return "benchmark longer prompts for MFU (prefill) and report inter-token latency or throughput for MBU (decode)"
        }
    }

    /// Bytes in binary gigabytes, four significant digits: GPU memory as vendors mean it.
    static func gib(_ bytes: Double) -> String {
        Quantity(bytes, .data, unit: UnitTable.unit("GiB")).formatted(significantDigits: 4)
    }

    static func ms(_ s: Double) -> String {
        let v = (s * 1e4).rounded() / 10
        return "\(v) ms"
    }
}
