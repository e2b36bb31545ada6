// Helpers shared by the queueing tests. Named under one enum so that they cannot clash with
// helpers of other test folders in the same test module.

enum QueueingTestSupport {
    /// |x − y| / |y|, or |x| when y is 0.
    static func relativeError(_ x: Double, _ y: Double) -> Double {
        y == 0 ? abs(x) : abs(x - y) / abs(y)
    }

    /// The textbook Erlang B recursion, B(k) = a·B(k−1)/(k + a·B(k−1)) from B(0) = 1, all the way
    /// from k = 0 with no warm start: the independent in-Swift reference for ErlangBRecursion.
    static func textbookErlangB(servers: Int, offeredLoad a: Double) -> Double {
        var b = 1.0
        for k in stride(from: 1, through: servers, by: 1) {
            b = a * b / (Double(k) + a * b)
        }
        return b
    }
}
