import Testing
@testable import CapShell
@testable import CapPlan

/// The session keeps workloads and variables in the order they were first added, replaces in
/// place, finds by name, and a copy (what `undo` keeps) never sees later changes.
struct SessionStorageTests {
    static func workload(_ name: String, rate: Double) -> Workload {
        var w = Workload(name: name)
        w.rate = rate
        return w
    }

    @Test func workloadsKeepTheirOrderAndAreReplacedInPlace() {
        var session = Session()
        for (i, name) in ["chat", "asr", "fraud", "embed"].enumerated() {
            session.addWorkload(Self.workload(name, rate: Double(i + 1)))
        }
        session.replaceWorkload(Self.workload("asr", rate: 20))
        #expect(session.workloadNames == ["chat", "asr", "fraud", "embed"])
        #expect(session.workload(named: "asr")?.rate == 20)
        // Replacing a name that is not there adds nothing.
        session.replaceWorkload(Self.workload("nosuch", rate: 1))
        #expect(session.workload(named: "nosuch") == nil)
        session.removeWorkload(named: "asr")
        #expect(session.workloadNames == ["chat", "fraud", "embed"])
        #expect(session.workloads.map(\.rate) == [1, 3, 4])
        // Added again: at the end, as a new workload.
        session.addWorkload(Self.workload("asr", rate: 5))
        #expect(session.workloadNames == ["chat", "fraud", "embed", "asr"])
    }

    @Test func variablesKeepTheOrderFirstBound() {
        var session = Session()
        session.bind("b", to: Quantity(2))
        session.bind("a", to: Quantity(1))
        session.bind("b", to: Quantity(3))
        #expect(session.variableNames == ["b", "a"])
        #expect(session.variable("b")?.value == 3)
        #expect(session.variables.map(\.value.value) == [3, 1])
    }

    @Test func aCopyIsIndependentOfLaterChanges() {
        var session = Session()
        session.addWorkload(Self.workload("chat", rate: 1))
        session.bind("x", to: Quantity(1))
        let saved = session
        session.replaceWorkload(Self.workload("chat", rate: 9))
        session.addWorkload(Self.workload("asr", rate: 2))
        session.bind("x", to: Quantity(7))
        #expect(saved.workloadNames == ["chat"])
        #expect(saved.workload(named: "chat")?.rate == 1)
        #expect(saved.variable("x")?.value == 1)
        #expect(session.workload(named: "chat")?.rate == 9)
    }
}
