import CapPlan
import Foundation

// Compute-only timings for scripts/bench, so a ratio against a Python loop compares the same
// work (not process start-up or parsing a command file):
//
//   capplan-bench min-servers WORKLOADS.tsv   λ, E[S], t per line (tab-separated); prints the
//                                             fewest servers with p99 wait ≤ t, one per line,
//                                             and the compute seconds on stderr.
//
// The same search `queue mmc ... sla=p99<=t` runs (CapPlan's `minimumServers`).

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("capplan-bench: \(message)\n".utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count == 3, arguments[1] == "min-servers" else {
    fail("usage: capplan-bench min-servers WORKLOADS.tsv")
}
guard let text = try? String(contentsOfFile: arguments[2], encoding: .utf8) else { fail("cannot read \(arguments[2])") }
var workloads: [(Double, Double, Double)] = []
for line in text.split(separator: "\n") {
    let fields = line.split(separator: "\t").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard fields.count == 3 else { fail("malformed line: \(line)") }
    workloads.append((fields[0], fields[1], fields[2]))
}
var counts = [Int](repeating: 0, count: workloads.count)
let start = DispatchTime.now().uptimeNanoseconds
for (i, (lambda, service, wait)) in workloads.enumerated() {
    counts[i] = (try? minimumServers(arrivalRate: lambda, meanServiceTime: service, percentile: 0.99, maximumWait: wait)) ?? -1
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
print(counts.map(String.init).joined(separator: "\n"))
FileHandle.standardError.write(Data("\(seconds)\n".utf8))
