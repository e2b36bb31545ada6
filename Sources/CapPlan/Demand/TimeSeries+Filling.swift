extension TimeSeries {
    /// The series with every missing value filled (only when asked: loading never fills).
    ///
    ///     zero      v = 0
    ///     linear    v_i = v_a + (v_b − v_a)·(i − a)/(b − a) between present a < i < b;
    ///               before the first / after the last present value: that value
    ///     previous  v_i = v_a, the last present value; before the first: the first present value
    ///
    /// `gaps` and `missingValues` still describe the source; a note records the fill.
    /// - Throws: `DemandError.allValuesMissing` when there is nothing to fill from (except `zero`).
    public func filled(_ method: Fill) throws -> TimeSeries {
        let missing = values.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        guard missing > 0 else { return self }
        var out = self
        switch method {
        case .zero:
            out.values = values.map { $0 ?? 0 }
        case .linear, .previous:
            let present = values.indices.filter { values[$0] != nil }
            guard let firstPresent = present.first, let lastPresent = present.last else {
                throw DemandError.allValuesMissing(source: source)
            }
            var filled = values
            for i in 0..<firstPresent { filled[i] = values[firstPresent] }
            for i in (lastPresent + 1)..<values.count { filled[i] = values[lastPresent] }
            var a = firstPresent
            for b in present.dropFirst() {
                if b > a + 1, let va = values[a], let vb = values[b] {
                    for i in (a + 1)..<b {
                        filled[i] = method == .previous ? va : va + (vb - va) * Double(i - a) / Double(b - a)
                    }
                }
                a = b
            }
            out.values = filled
        }
        out.notes.append("filled \(DemandFormat.grouped(missing)) missing value\(missing == 1 ? "" : "s") (\(method.rawValue))")
        return out
    }
}
