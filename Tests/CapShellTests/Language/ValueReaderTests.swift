import CapPlan
import Testing
@testable import CapShell

/// ValueReader: an option's text is read by the option's declared kind, so `B` is billion for
/// counts and bytes for data, a plain number takes the implied unit, and names stay names.
struct ValueReaderTests {
    static let reader = ValueReader(session: Session())
    static let rate = ValueKind.quantity(dimensions: [.rate], impliedUnit: "rps", context: .count)
    static let anyRate = ValueKind.quantity(dimensions: [.rate], impliedUnit: nil, context: .count)
    static let data = ValueKind.quantity(dimensions: [.data], impliedUnit: "GB", context: .data)

    static func read(_ text: String, _ kind: ValueKind, key: String = "k", quoted: Bool = false) throws(LanguageError) -> Value {
        try reader.read(text, quoted: quoted, kind: kind, key: key, span: 10..<(10 + text.count))
    }

    static func quantity(_ text: String, _ kind: ValueKind) throws -> Quantity {
        try #require(read(text, kind).quantity)
    }

    @Test(arguments: [("70B", 7e10), ("7B", 7e9), ("1.5kB", -1), ("2", 2), ("10k", 10_000), ("0", 0), ("3M", 3e6), ("2e6", 2e6)])
    func bMeansBillionWhereACountIsExpected(_ text: String, _ expected: Double) throws {
        if expected < 0 {
            // `1.5kB` is data, not a count.
            #expect(throws: LanguageError.self) { try Self.read(text, .count, key: "params") }
            return
        }
        #expect(try Self.quantity(text, .count) == Quantity(expected))
    }

    @Test func countsMustBeWholeAndNotNegative() {
        for text in ["1.5", "-1", "70GB", "10 rps", "1e400", "1e20"] {
            #expect(throws: LanguageError.self, "\(text)") { try Self.read(text, .count, key: "params") }
        }
    }

    @Test func bMeansBytesWhereDataIsExpected() throws {
        let bytes = try Self.quantity("512B", Self.data)
        #expect(bytes.dimension == .data && bytes.value == 512)
        #expect(try Self.quantity("16", Self.data).value == 16e9)
        #expect(try Self.quantity("16GB", Self.data).value == 16e9)
        #expect(try Self.quantity("2GiB", Self.data).value == 2_147_483_648)
    }

    @Test func aPlainNumberTakesTheImpliedUnitAndOtherRatesConvert() throws {
        #expect(try Self.quantity("10k", Self.rate) == Quantity(10_000, unit: UnitTable.unit("rps")!))
        // 3.6M rph = 1,000 rps.
        #expect(abs(try Self.quantity("3.6Mrph", Self.rate).value - 1_000) < 1e-9)
        #expect(try Self.quantity("(10k rps * 1.2)", Self.rate).value == 12_000)
    }

    @Test func aWrongDimensionNamesTheKeyAndBothDimensions() {
        do {
            _ = try Self.read("500ms", Self.anyRate, key: "rate")
            Issue.record("accepted")
        } catch {
            #expect(error.message == "rate= expects a request rate, got time")
            #expect(error.hint == "e.g. 10rps or 3.6Mrph")
            #expect(error.span == 10..<15)
        }
        do {
            _ = try Self.read("5", Self.anyRate, key: "rate")
            Issue.record("a plain number without an implied unit was accepted as a rate")
        } catch {
            #expect(error.message == "rate= expects a request rate, got a plain number")
        }
    }

    @Test func errorsInsideAValuePointIntoTheValue() {
        do {
            _ = try Self.read("10 rps + zz", Self.rate)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "unknown name 'zz'")
            #expect(error.span == 19..<21)
        }
    }

    @Test func aBareBInAnOptionOfKindNumberIsBillionToo() throws {
        #expect(try Self.quantity("70B", .number) == Quantity(7e10))
        #expect(try Self.quantity("30%", .share) == Quantity(0.3))
        #expect(throws: LanguageError.self) { try Self.read("5 s", .share, key: "headroom") }
    }

    @Test(arguments: [("llama-3-70b", true), ("a100-40gb", true), ("v1.2_beta", true), ("a+b", false), ("a b", false), ("a/b", false), ("", false)])
    func namesAreOneTokenOfLettersDigitsHyphensDotsAndUnderscores(_ text: String, _ valid: Bool) {
        let value = try? Self.read(text, .name(.model), key: "model")
        #expect((value?.name == text) == valid)
    }

    @Test func quotedNamesMayHoldAnyCharacter() throws {
        #expect(try Self.read("my chat/2", .name(.workload), key: "workload", quoted: true).name == "my chat/2")
    }

    @Test(arguments: [("p99", 0.99), ("p99.9", 0.999), ("P95", 0.95), ("99%", 0.99), ("0.99", 0.99)])
    func percentilesReadAsShares(_ text: String, _ expected: Double) throws {
        #expect(abs(try Self.quantity(text, .percentile).value - expected) < 1e-12)
    }

    @Test(arguments: ["p100", "p0", "100%", "1", "0", "abc", "p-5"])
    func percentilesOutsideZeroToOneAreErrors(_ text: String) {
        #expect(throws: LanguageError.self) { try Self.read(text, .percentile, key: "sla.quantile") }
    }

    @Test func choicesMatchCaseInsensitivelyAndSuggest() throws {
        let pricing = ValueKind.choice(["on-demand", "spot", "reserved-1y"])
        #expect(try Self.read("SPOT", pricing).name == "spot")
        do {
            _ = try Self.read("spto", pricing, key: "pricing")
            Issue.record("accepted")
        } catch {
            #expect(error.message == "pricing= must be one of on-demand, spot, reserved-1y; got 'spto'")
            #expect(error.hint == "did you mean 'spot'?")
        }
    }

    @Test func listsSplitOnCommasAndRejectEmptyItems() throws {
        guard case .names(let names) = try Self.read("llama-3-8b,llama-3-70b", .list(.model)) else {
            Issue.record("not a list")
            return
        }
        #expect(names == ["llama-3-8b", "llama-3-70b"])
        #expect(throws: LanguageError.self) { try Self.read("a,,b", .list(.model)) }
        #expect(throws: LanguageError.self) { try Self.read("a,", .list(.model)) }
    }

    @Test func flagsAcceptYesNoOnOffTrueFalse() throws {
        for (text, expected) in [("yes", true), ("ON", true), ("true", true), ("1", true), ("no", false), ("off", false), ("False", false), ("0", false)] {
            guard case .flag(let b) = try Self.read(text, .flag) else {
                Issue.record("\(text)")
                continue
            }
            #expect(b == expected, "\(text)")
        }
        #expect(throws: LanguageError.self) { try Self.read("maybe", .flag) }
    }

    @Test func aCountOptionAcceptsBillionThroughACommand() {
        // spares is of kind .count: `2` is fine; `70B` is 70 billion, which its range rejects
        // by value, not as "bytes".
        let run = Transcript.run("add workload w rps=1 spares=2\nadd workload v rps=1 spares=70B", echo: false)
        #expect(run.status.failures == 1)
        #expect(run.output.contains("spares= must be a whole number from 0 to 1,000,000"), "\(run.output)")
    }
}
