import Foundation
import Testing
import Yams
@testable import CapShell
import CapPlan

/// `simulate autoscale`, `compare policies`, `export hpa|keda` through the shell: baselines
/// checked by hand, the JSON contract, errors, and manifests that parse (and validate against the
/// Kubernetes schemas when the kubernetes-validate Python package is installed).
struct AutoscaleCommandTests {
    static let day = "20,15,12,10,8,12,25,40,70,95,120,140,160,180,200,185,170,150,120,100,80,60,40,25"
    static let setup = "add workload api rps=100 per_instance=10rps price=$3.20/h"

    @Test func baselinesByHand() throws {
        let (json, line) = QueueCommandJSON.run("simulate autoscale api policy=threshold readiness=0s pattern=\(Self.day)", setup: Self.setup)
        let keys = QueueCommandJSON.keys(line)
        for key in ["workload", "policy", "cost", "replica_hours", "sla_violation_minutes", "overprovisioned_gpu_hours", "events", "baselines"] {
            #expect(keys.contains(key), "missing \(key)")
        }
        let baselines = try #require(json["baselines"] as? [String: Any])
        let staticPeak = try #require(baselines["static_peak"] as? [String: Any])
        let oracle = try #require(baselines["oracle"] as? [String: Any])
        // Static: ⌈200/10⌉ = 20 replicas × 24 h × $3.20 = $1,536.
        #expect(QueueCommandJSON.number(staticPeak, "cost") == 1_536)
        #expect(QueueCommandJSON.number(staticPeak, "replica_hours") == 480)
        // Oracle: Σ_h ⌈D_h/10⌉ = 2+2+2+1+1+2+3+4+7+10+12+14+16+18+20+19+17+15+12+10+8+6+4+3 = 208
        // replica-hours, × $3.20 = $665.60; no violation.
        #expect(abs(QueueCommandJSON.number(oracle, "replica_hours") - 208) < 1e-9)
        #expect(abs(QueueCommandJSON.number(oracle, "cost") - 665.6) < 1e-9)
        #expect(QueueCommandJSON.number(oracle, "sla_violation_minutes") == 0)
        // Static over-provisioning: 480 − Σ D_h/10 = 480 − 2,037/10 = 276.3 GPU-hours.
        #expect(abs(QueueCommandJSON.number(staticPeak, "overprovisioned_gpu_hours") - 276.3) < 1e-9)
        // The policy's cost is its replica-hours at $3.20, between the oracle and the static fleet.
        let cost = QueueCommandJSON.number(json, "cost"), hours = QueueCommandJSON.number(json, "replica_hours")
        // (Both are sums over 1,440 steps, so they agree to rounding, not bit for bit.)
        #expect(abs(cost - hours * 3.2) <= 1e-11 * cost)
        #expect(cost > 665.6 && cost < 1_536)
    }

    @Test func comparePoliciesRowsInOrder() throws {
        let (json, _) = QueueCommandJSON.run("compare policies api hpa threshold predictive readiness=0s pattern=\(Self.day)", setup: Self.setup)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.map { $0["policy"] as? String } == ["hpa", "threshold", "predictive", "static-peak", "oracle"])
        // A policy with a perfect forecast and no cold start never violates the SLA.
        #expect(QueueCommandJSON.number(rows[2], "sla_violation_minutes") == 0)
    }

    @Test func longerColdStartNeverHelps() throws {
        // Property: with more readiness delay, the reactive policies violate at least as long.
        var previous = -1.0
        for readiness in ["0s", "1min", "5min", "15min"] {
            let (json, _) = QueueCommandJSON.run("simulate autoscale api policy=threshold readiness=\(readiness) pattern=\(Self.day)", setup: Self.setup)
            let v = QueueCommandJSON.number(json, "sla_violation_minutes")
            #expect(v >= previous)
            previous = v
        }
    }

    @Test func errorsNameTheProblem() {
        let out = Transcript.run("""
        add workload bare rps=10
        simulate autoscale bare pattern=1,2,3
        \(Self.setup)
        simulate autoscale api pattern=1,two,3
        simulate autoscale api over=history
        simulate autoscale api policy=threshold min=5 max=2 pattern=\(Self.day)
        """, echo: false).output
        #expect(out.contains("no throughput per replica for bare"))
        #expect(out.contains("'two' is none of these"))
        #expect(out.contains("api has no history"))
        #expect(out.contains("error:"))
    }

    @Test func exportedManifestsParseAndValidate() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("capplan-hpa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let run = Transcript.run(Self.setup + "\nexport hpa api hpa.yaml metric=rps target=8 down_window=60s max=40\nexport keda api keda.yaml metric=queue target=2.5",
                                 directory: dir.path, echo: false)
        #expect(run.status.failures == 0, "\(run.output)")
        let hpaText = try String(contentsOf: dir.appendingPathComponent("hpa.yaml"), encoding: .utf8)
        let hpa = try #require(try Yams.load(yaml: hpaText) as? [String: Any])
        #expect(hpa["apiVersion"] as? String == "autoscaling/v2")
        let spec = try #require(hpa["spec"] as? [String: Any])
        #expect(spec["maxReplicas"] as? Int == 40)
        let behavior = try #require(spec["behavior"] as? [String: Any])
        #expect((behavior["scaleDown"] as? [String: Any])?["stabilizationWindowSeconds"] as? Int == 60)
        let keda = try #require(try Yams.load(yaml: String(contentsOf: dir.appendingPathComponent("keda.yaml"), encoding: .utf8)) as? [String: Any])
        #expect(keda["kind"] as? String == "ScaledObject")
        let trigger = try #require(((keda["spec"] as? [String: Any])?["triggers"] as? [[String: Any]])?.first)
        #expect((trigger["metadata"] as? [String: Any])?["threshold"] as? String == "2.5")

        // The Kubernetes schema check, when the validator is installed (scripts/test installs it).
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["kubernetes-validate", "--version"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { return }
        let validate = Process()
        validate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validate.arguments = ["kubernetes-validate", "--strict", dir.appendingPathComponent("hpa.yaml").path]
        let pipe = Pipe()
        validate.standardOutput = pipe
        validate.standardError = pipe
        try validate.run()
        validate.waitUntilExit()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(validate.terminationStatus == 0, "\(report)")
    }
}
