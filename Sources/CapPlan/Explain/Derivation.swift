/// How a result was reached, step by step, so `explain` can teach it and a student can check
/// each line by hand (design.md "Results explain themselves").
///
/// Each step is a formula, the same formula with numbers substituted, and the result with its
/// unit; the assumptions list every default the result depended on and where it comes from.
public struct Derivation: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        /// What the step computes: "throughput count".
        public var label: String
        /// The formula in symbols: "R_tp = ceil(D / X)".
        public var formula: String
        /// The formula with numbers: "ceil(12,000 rps / 5 rps)".
        public var substitution: String
        /// The result with its unit: "2,400 instances".
        public var result: String

        public init(_ label: String, _ formula: String, _ substitution: String, _ result: String) {
            self.label = label
            self.formula = formula
            self.substitution = substitution
            self.result = result
        }
    }

    public struct Assumption: Sendable, Hashable {
        public var name: String
        public var value: String
        /// Where the value comes from: a setting, a workload key, a catalog source, a paper.
        public var source: String

        public init(_ name: String, _ value: String, source: String) {
            self.name = name
            self.value = value
            self.source = source
        }
    }

    public var title: String
    /// When false, `step` and `assume` record nothing and never evaluate their arguments (they
    /// are autoclosures): sizing a plan without `explain` skips formatting every step.
    public var isRecording = true
    public var steps: [Step] = []
    public var assumptions: [Assumption] = []
    /// Free-text remarks: which constraint binds, what was chosen and why.
    public var notes: [String] = []

    public init(title: String, recording: Bool = true) {
        self.title = title
        self.isRecording = recording
    }

    public mutating func step(_ label: @autoclosure () -> String, _ formula: @autoclosure () -> String,
                              _ substitution: @autoclosure () -> String, _ result: @autoclosure () -> String) {
        guard isRecording else { return }
        steps.append(Step(label(), formula(), substitution(), result()))
    }

    public mutating func assume(_ name: @autoclosure () -> String, _ value: @autoclosure () -> String, source: @autoclosure () -> String) {
        guard isRecording else { return }
        assumptions.append(Assumption(name(), value(), source: source()))
    }

    /// Appends steps built elsewhere, when recording.
    public mutating func append(_ more: @autoclosure () -> [Step]) {
        guard isRecording else { return }
        steps += more()
    }
}
