/// Input checks shared by the autoscaling types: each throws `AutoscalingError.invalidParameter`
/// naming the setting, so a message says which number was wrong.
enum AutoscalingValidation {
    /// A finite number above 0.
    static func positive(_ value: Double, _ name: String) throws {
        guard value.isFinite, value > 0 else {
            throw AutoscalingError.invalidParameter(name: name, value: value, requirement: "a finite number above 0")
        }
    }

    /// A finite number, 0 or more.
    static func nonNegative(_ value: Double, _ name: String) throws {
        guard value.isFinite, value >= 0 else {
            throw AutoscalingError.invalidParameter(name: name, value: value, requirement: "a finite number, 0 or more")
        }
    }

    /// A step in seconds: finite, above 0.
    static func step(_ value: Double) throws {
        guard value.isFinite, value > 0 else { throw AutoscalingError.invalidStep(value) }
    }

    /// `lowest ≤ minimum ≤ maximum`.
    static func replicaRange(minimum: Int, maximum: Int, lowest: Int) throws {
        guard minimum >= lowest, minimum <= maximum else {
            throw AutoscalingError.invalidReplicaRange(minimum: minimum, maximum: maximum, lowest: lowest)
        }
    }

    /// The number of whole steps in `period`, when it is one (relative tolerance 1e-9).
    static func stepsPerPeriod(_ period: Double, step: Double, name: String) throws -> Int {
        let ratio = period / step
        let whole = ratio.rounded()
        guard whole >= 1, abs(ratio - whole) <= 1e-9 * whole else {
            throw AutoscalingError.periodNotMultipleOfStep(name: name, period: period, step: step)
        }
        return Int(whole)
    }
}

/// Replica counts from demand.
enum ReplicaCount {
    /// The largest count any computation returns: the Kubernetes API holds replica counts in
    /// int32, and clamping here keeps `Int(…)` of a huge ratio from trapping.
    static let ceiling = Double(Int32.max)

    /// The fewest replicas that carry `demand` at `perReplica` each (requests per second):
    ///
    ///     R = ⌈demand / perReplica⌉
    ///
    /// A quotient within 1e-9 (relative) above a whole number counts as that number, so
    /// 2.1 / 0.3 = 7.000000000000001 needs 7 replicas, not 8. `perReplica` > 0.
    static func needed(_ demand: Double, perReplica: Double) -> Int {
        let x = min(max(demand / perReplica, 0), ceiling)
        let whole = Int(x)  // ⌊x⌋ for x ≥ 0
        return x - Double(whole) <= 1e-9 * max(1, Double(whole)) ? whole : whole + 1
    }

    /// `⌈x⌉` as the controller computes it (no tolerance), clamped to [0, `ceiling`]; x not NaN.
    ///
    /// Adding 2⁵² to a y in [0, 2³¹] leaves round(y) in the low mantissa bits (the sum's ulp
    /// is 1); one comparison turns that into ⌈y⌉. Equal to `rounded(.up)` for every such y,
    /// without its libm call (baseline x86-64 has no SSE4.1 `roundsd`) or `Int(_:)`'s range
    /// checks: this runs on every HPA sync.
    @inline(__always)
    static func ceil(_ x: Double) -> Int {
        let y = min(max(x, 0), ceiling)
        let nearest = Int(truncatingIfNeeded: (y + 0x1p52).bitPattern & 0x000F_FFFF_FFFF_FFFF)
        return Double(nearest) < y ? nearest &+ 1 : nearest
    }
}
