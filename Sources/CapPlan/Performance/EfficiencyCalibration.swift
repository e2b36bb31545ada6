/// Efficiency factors measured for one model × GPU × engine (`calibrate`), which replace the
/// session's MBU and MFU whenever the performance model prices that combination.
///
/// MBU applies to every precision. MFU is the utilisation of the peak the calibrated run
/// computed at (the FP8 peak for an FP8 run, else the BF16 peak), so it replaces `mfuFP8` or
/// `mfuBF16` only for deployments of the same math class.
public struct EfficiencyCalibration: Sendable, Hashable {
    public var modelID: String
    public var gpuID: String
    public var engine: ServingEngine
    /// The weight precision of the calibrated run (its math class decides which MFU it sets).
    public var precision: Precision
    /// Fitted memory-bandwidth utilisation, or nil when the data could not tell it.
    public var mbu: Double?
    /// Fitted model-FLOPs utilisation, or nil when the data could not tell it.
    public var mfu: Double?
    /// Where the factors came from, as `explain` cites it (a file and its tool, or "given").
    public var source: String

    public init(modelID: String, gpuID: String, engine: ServingEngine, precision: Precision,
                mbu: Double?, mfu: Double?, source: String) {
        self.modelID = modelID
        self.gpuID = gpuID
        self.engine = engine
        self.precision = precision
        self.mbu = mbu
        self.mfu = mfu
        self.source = source
    }

    /// Whether this calibration is for `modelID` on `gpuID` under `engine`.
    public func covers(modelID: String, gpuID: String, engine: ServingEngine) -> Bool {
        self.engine == engine && self.modelID == modelID && self.gpuID == gpuID
    }

    /// The math class of a precision: FP8 runs on the FP8 peak, the rest on the BF16 peak.
    public static func usesFP8Peak(_ p: Precision) -> Bool { p == .fp8 }
}

/// The efficiencies one step is priced with, and the calibration they came from, if any.
public struct StepEfficiencies: Sendable, Hashable {
    public var mbu: Double
    public var mfu: Double
    /// The calibration that set `mbu`, if one did.
    public var mbuCalibration: EfficiencyCalibration?
    /// The calibration that set `mfu`, if one did.
    public var mfuCalibration: EfficiencyCalibration?
}

extension PerformanceAssumptions {
    /// Adds `c`, replacing the calibration of the same model × GPU × engine.
    public mutating func calibrate(_ c: EfficiencyCalibration) {
        calibrations.removeAll { $0.covers(modelID: c.modelID, gpuID: c.gpuID, engine: c.engine) }
        calibrations.append(c)
    }

    /// Removes the calibration of `modelID` × `gpuID` (under `engine`, or every engine when nil);
    /// returns how many were removed.
    @discardableResult
    public mutating func removeCalibration(modelID: String, gpuID: String, engine: ServingEngine?) -> Int {
        let before = calibrations.count
        calibrations.removeAll { $0.modelID == modelID && $0.gpuID == gpuID && (engine == nil || $0.engine == engine) }
        return before - calibrations.count
    }

    /// The calibration of `modelID` × `gpuID` under this engine, if any.
    public func calibration(modelID: String, gpuID: String) -> EfficiencyCalibration? {
        calibrations.first { $0.covers(modelID: modelID, gpuID: gpuID, engine: engine) }
    }

    /// MBU and MFU for a step of `modelID` on `gpuID` at `precision`: a calibration's where one
    /// covers them, else the session's (`decodeMBU`, and `mfuFP8` or `mfuBF16`).
    public func efficiencies(modelID: String, gpuID: String, precision: Precision) -> StepEfficiencies {
        let fp8 = EfficiencyCalibration.usesFP8Peak(precision)
        var e = StepEfficiencies(mbu: decodeMBU, mfu: fp8 ? mfuFP8 : mfuBF16)
        guard !calibrations.isEmpty, let c = calibration(modelID: modelID, gpuID: gpuID) else { return e }
        if let mbu = c.mbu {
            e.mbu = mbu
            e.mbuCalibration = c
        }
        if let mfu = c.mfu, EfficiencyCalibration.usesFP8Peak(c.precision) == fp8 {
            e.mfu = mfu
            e.mfuCalibration = c
        }
        return e
    }
}
