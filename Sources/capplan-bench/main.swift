import CapPlan
import Foundation

// Compute-only timings for scripts/bench, so a ratio against a Python loop compares the same
// work (not process start-up or parsing a command file). Each prints its result on stdout and
// the compute seconds on stderr's last line.
//
//   capplan-bench min-servers WORKLOADS.tsv   λ, E[S], t per line (tab-separated): the fewest
//                                             servers with p99 wait ≤ t (CapPlan's minimumServers,
//                                             which `queue mmc ... sla=` calls), one per line.
//   capplan-bench holt-winters                additive Holt–Winters, season 168, fitted (smoothing
//                                             parameters and initial states optimised) on 10,000
//                                             synthetic hourly points, then a 168-step forecast —
//                                             the series forecast_reference.py --bench uses.
//   capplan-bench load-requests FILE.csv      parse a request log and aggregate it per minute
//                                             (what `load history W FILE format=requests step=1min`
//                                             does); prints the rows.
//   capplan-bench mckp FILE.csv BUDGET         the exact multiple-choice knapsack (`optimize budget
//                                             BUDGET options=FILE.csv`): columns workload, option,
//                                             cost (integer units), quality; prints the optimum.
//   capplan-bench simulate-mmc [REQUESTS]      the M/M/c discrete-event simulation (`simulate queue
//                                             mmc arrival=45rps service=1s servers=50 requests=1M
//                                             seed=7`): M/M/50 at ρ = 0.9, default 1M requests;
//                                             prints the result and events/s (stdout) — the model
//                                             simpy_mmc.py runs.
//   capplan-bench hpa-year [DAYS]              the HPA (autoscaling/v2 defaults, utilisation 70%,
//                                             min 2, max 100, readiness 45 s) over DAYS (365) of
//                                             the seeded synthetic trace at 15 s steps.
//   capplan-bench threshold-year [DAYS]        the threshold policy (defaults, readiness 120 s)
//                                             over the same trace held to 1-minute steps. Both
//                                             print the figures autoscale_reference.py prints.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("capplan-bench: \(message)\n".utf8))
    exit(2)
}

func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func report(_ seconds: Double) {
    FileHandle.standardError.write(Data("\(seconds)\n".utf8))
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "min-servers":
    guard arguments.count == 3, let text = try? String(contentsOfFile: arguments[2], encoding: .utf8) else {
        fail("usage: capplan-bench min-servers WORKLOADS.tsv")
    }
    var workloads: [(Double, Double, Double)] = []
    for line in text.split(separator: "\n") {
        let fields = line.split(separator: "\t").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard fields.count == 3 else { fail("malformed line: \(line)") }
        workloads.append((fields[0], fields[1], fields[2]))
    }
    let (counts, seconds) = timed {
        workloads.map { lambda, service, wait in
            (try? minimumServers(arrivalRate: lambda, meanServiceTime: service, percentile: 0.99, maximumWait: wait)) ?? -1
        }
    }
    print(counts.map(String.init).joined(separator: "\n"))
    report(seconds)

case "holt-winters":
    // y = 1000 + 0.01 t + 200 sin(2πt/24) + 100 sin(2πt/168) + 20 sin(12.9898 t)
    let values = (0..<10_000).map { i -> Double in
        let t = Double(i)
        return 1000 + 0.01 * t + 200 * sin(2 * Double.pi * t / 24) + 100 * sin(2 * Double.pi * t / 168) + 20 * sin(t * 12.9898)
    }
    let series = ForecastSeries(values: values, stepSeconds: 3600)
    do {
        let (forecast, seconds) = try timed { () throws -> [Double] in
            let fit = try GrowthFit.fit(series, method: .holtWinters(seasonality: .additive, damped: false), season: .steps(168), recordDerivation: false)
            return fit.pointForecast(horizon: 168)
        }
        print("rmse-free check: f168 = \(forecast.last ?? .nan)")
        report(seconds)
    } catch {
        fail("\(error)")
    }

case "load-requests":
    guard arguments.count == 3, let data = FileManager.default.contents(atPath: arguments[2]) else {
        fail("usage: capplan-bench load-requests FILE.csv")
    }
    let bytes = [UInt8](data)
    do {
        let (rows, seconds) = try timed { () throws -> Int in
            let log = try DemandLoader.requestLog(bytes, fileName: arguments[2])
            _ = try log.requestSeries(step: .seconds(60))
            return log.count
        }
        print(rows)
        report(seconds)
    } catch {
        fail("\(error)")
    }

case "mckp":
    guard arguments.count == 4, let budget = Int64(arguments[3]),
          let text = try? String(contentsOfFile: arguments[2], encoding: .utf8) else {
        fail("usage: capplan-bench mckp FILE.csv BUDGET")
    }
    // Parsing is not timed: a header line, then workload,option,cost,quality; rows of one
    // workload need not be adjacent (groups appear in order of first mention).
    var groupIndex: [Substring: Int] = [:]
    var groups: [KnapsackGroup] = []
    for (number, line) in text.split(whereSeparator: \.isNewline).enumerated().dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 4, let cost = Int64(fields[2]), let quality = Double(fields[3]) else {
            fail("malformed line \(number + 1): \(line)")
        }
        let g = groupIndex[fields[0]] ?? {
            groups.append(KnapsackGroup(name: String(fields[0]), options: []))
            groupIndex[fields[0]] = groups.count - 1
            return groups.count - 1
        }()
        groups[g].options.append(KnapsackOption(cost: cost, value: quality, payload: number))
    }
    let problem = MultipleChoiceKnapsack(groups: groups, budget: budget)
    do {
        let (solution, seconds) = try timed { try problem.solve() }
        print("optimum \(solution.totalValue)")
        print("cost \(solution.totalCost) unused \(solution.unusedBudget) states \(solution.statesExplored)")
        report(seconds)
    } catch let error as OptimizationError {
        fail(error.message)
    } catch {
        fail("\(error)")
    }

case "simulate-mmc":
    let requests = arguments.count > 2 ? Int(arguments[2]) : 1_000_000
    guard let requests, arguments.count <= 3 else { fail("usage: capplan-bench simulate-mmc [REQUESTS]") }
    do {
        let simulation = try MMcSimulation(arrivalRate: 45, meanServiceTime: 1, servers: 50, requests: requests, seed: 7)
        let (result, seconds) = timed { simulation.run() }
        print("requests \(result.requests) measured \(result.measuredRequests) events \(result.eventsProcessed)")
        print("mean_wait_s \(result.meanWait) ci95 ±\(result.meanWaitHalfWidth95) analytic \(result.analytic.meanWait)")
        print("wait_p99_s \(result.waitP99) analytic \(result.analytic.waitP99)")
        print("p_wait \(result.probabilityOfWait) analytic \(result.analytic.probabilityOfWait)")
        print("events_per_s \(Int((Double(result.eventsProcessed) / seconds).rounded()))")
        report(seconds)
    } catch let error as any UserFacingError {
        fail(error.message)
    } catch {
        fail("\(error)")
    }

case "hpa-year", "threshold-year":
    let days = arguments.count > 2 ? Int(arguments[2]) : 365
    guard let days, days > 0, arguments.count <= 3 else { fail("usage: capplan-bench \(arguments[1]) [DAYS]") }
    do {
        let hpa = arguments[1] == "hpa-year"
        let policy: AutoscalePolicy = hpa
            ? .hpa(HPAPolicy(metric: .utilization(target: 0.7), minReplicas: 2, maxReplicas: 100))
            : .threshold(ThresholdPolicy())
        let replica = ReplicaModel(capacity: 10, pricePerHour: 3.2, gpusPerReplica: 1, readinessDelaySeconds: hpa ? 45 : 120)
        // Moving the trace to the policy's step (1 minute: every 4th sample) is set-up, as
        // generating it is; the reference times only its loop too.
        let trace = try autoscaleYearTrace(days: days).resampled(stepSeconds: policy.naturalStepSeconds ?? 15)
        let simulation = try AutoscaleSimulation(trace: trace, replica: replica,
                                                 scoring: AutoscaleScoring(targetUtilization: 0.7, maximumUtilization: 1))
        let (result, seconds) = try timed { try simulation.run(policy) }
        print(autoscaleFigures(result))
        report(seconds)
    } catch let error as any UserFacingError {
        fail(error.message)
    } catch {
        fail("\(error)")
    }

default:
    fail("usage: capplan-bench min-servers FILE.tsv | holt-winters | load-requests FILE.csv | mckp FILE.csv BUDGET | simulate-mmc [REQUESTS] | hpa-year [DAYS] | threshold-year [DAYS]")
}

/// The year trace of scripts/bench.d/autoscale_reference.py (see its docstring), 15 s steps from
/// midnight: a cosine day (20 → 200 rps), weekends at 70%, ±20% noise and 10-minute ×2.5 bursts
/// from SplitMix64(2024), evaluated in the same order so every value is bit-for-bit the same.
func autoscaleYearTrace(days: Int) throws -> DemandTrace {
    let diurnal = try DemandTrace.diurnal(peak: 200, trough: 20, stepSeconds: 15, durationSeconds: Double(days) * 86_400)
    var random = SplitMix64(seed: 2024)
    var values = diurnal.values
    var burst = 0
    for i in values.indices {
        let week = (i * 15 / 86_400) % 7 >= 5 ? 0.7 : 1.0
        let noise = 0.8 + 0.4 * random.unit()
        let u2 = random.unit()  // drawn every step, burst or not
        if burst == 0, u2 < 1.0 / 2_880 { burst = 40 }
        let factor = burst > 0 ? 2.5 : 1.0
        if burst > 0 { burst -= 1 }
        values[i] = values[i] * week * noise * factor
    }
    return try DemandTrace(values: values, stepSeconds: 15)
}

/// The lines autoscale_reference.py prints, with the same rounding (C's %.6f).
func autoscaleFigures(_ r: AutoscaleResult) -> String {
    [
        "policy \(r.policy) steps \(r.steps)",
        String(format: "cost %.6f", r.cost),
        String(format: "replica_hours %.6f", r.replicaHours),
        String(format: "sla_violation_minutes %.6f", r.slaViolationMinutes),
        String(format: "overprovisioned_gpu_hours %.6f", r.overprovisionedGPUHours),
        String(format: "unserved_requests %.6f", r.unservedRequests),
        "events \(r.scalingEvents) churn \(r.churn) peak \(r.peakReplicas)",
    ].joined(separator: "\n")
}
