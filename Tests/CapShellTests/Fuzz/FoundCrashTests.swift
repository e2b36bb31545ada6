import Foundation
import Testing
@testable import CapShell

/// Every statement a fuzzer found trapping (exit 132, no message) ends in a diagnostic that
/// names the option and its limit, and changes nothing. Found by Tests/fuzz/statement_fuzz.py
/// and RandomStatementTests on 2026-12-08.
struct FoundCrashTests {
    static let setup = """
    add workload chat model=llama-3.1-8b gpu=h100 rps=20 in=1000 out=200 sla.ttft=500ms
    add workload api rps=10 per_instance=2rps sla.e2e=2s service_time=100ms
    add workload img rps=5 flops=2TFLOP bytes=10GB gpu=l4
    add workload web rps=100 per_instance=10rps
    load history web "data/retail_sales_monthly.csv" value=y
    load history chat "data/azure_llm_2023_conv_first2000.csv" format=requests
    """

    @Test(arguments: [
        // Double → Int of a span beyond Int.max (forecast, plan).
        ("forecast web interval=1 horizon=1e19mo", "horizon= must be at most 1,000 years"),
        ("plan web horizon=1e300mo", "horizon= must be at most 1,000 years"),
        // A step of 5e-324 s: unbounded plan steps, now refused up front.
        ("plan web step=5e-324s", "more than 1,000 plan steps"),
        // A year of one-second forecast points (31.6M) instead of a silent cut at 100,000.
        ("forecast chat horizon=1yr", "the horizon is about 31,622,400 steps of 1 s; at most 20,000"),
        // HPA windows, periods and sync converted to whole seconds before any range check.
        ("export keda img out.yaml down_window=-1e300s up_window=5e-324s", "down_window= must be from 0s to 3,600s"),
        ("export keda web out.yaml up_period=9.3e18s", "up_period= must be from 1s to 1,800s"),
        ("export keda api out.json sync=1e19", "sync= must be from 1s to 86,400s"),
        // A utilization target written as a whole percent.
        ("export hpa img out.yaml per_replica=64rps target=1e19", "the utilization target must be at most 1,000%"),
        // Replica counts from peak / capacity with a capacity of 5e-324.
        ("simulate autoscale api per_replica=5e-324rps price=1$/h", "the peak needs more than 1e308 replicas"),
        // A negative duration cutting a history to a step count below Int.min.
        ("simulate autoscale web duration=-1e300s per_replica=10rps price=1$/h over=history", "duration= must be longer than 0"),
        // Two conflicting options in the other order made a range with lower > upper.
        ("queue mmc arrival=1 service=1s sla=1s servers=1", "give servers= or sla=, not both"),
        ("perf llama-3.1-8b gpu=h100 in=10 out=10 rate=1 batch=2", "give one of batch=, concurrency= and rate="),
        // An arrival rate whose gaps are infinite.
        ("simulate queue mmc arrival=5e-324 service=1s servers=1", "arrival rate above 0"),
    ])
    func refusedWithTheLimit(_ statement: String, _ message: String) throws {
        let directory = try Transcript.scratchCopyOfSessions()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = Transcript.run(Self.setup, directory: directory.path, echo: false)
        let r = Transcript.run(Self.setup + "\n" + statement, directory: directory.path, echo: false)
        #expect(r.status.failures == 1)
        #expect(r.output.contains(message), "\(statement): \(r.output)")
        #expect(r.shell.session.replayScript == before.shell.session.replayScript)
    }

    @Test func aHugeQueueTargetIsWrittenInKubernetesExponentForm() throws {
        // target=1e19 with metric=queue was converted to Int for the manifest (found by
        // scripts/fuzz, seed 13); Kubernetes quantities take a decimal exponent.
        let directory = try Transcript.scratchCopyOfSessions()
        defer { try? FileManager.default.removeItem(at: directory) }
        let r = Transcript.run(Self.setup + "\nexport hpa img out.yaml target=1e19 metric=queue", directory: directory.path, echo: false)
        #expect(r.status.failures == 0)
        let yaml = try String(contentsOf: directory.appendingPathComponent("out.yaml"), encoding: .utf8)
        #expect(yaml.contains("averageValue: \"1e+19\""))   // a quantity is a string in the API
        #expect(AutoscaleExport.kubernetesQuantity(2.5) == "2500m" && AutoscaleExport.kubernetesQuantity(12) == "12")
    }

    @Test func measuredFiguresBeyondAnyQueueSizeWithoutATrap() {
        // slots = X × S = 1e300 rps × 1e300 s is infinite: no queue to compute, no trap.
        let r = Transcript.run("add workload odd rps=10 per_instance=1e300rps service_time=1e9s\nsize odd", echo: false)
        #expect(!r.output.contains("Fatal"))
    }
}
