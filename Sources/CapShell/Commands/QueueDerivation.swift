import CapPlan
import Foundation  // exp for the time-in-system check

/// The steps of `explain queue mmc ...`: each formula, the numbers put in, the result.
enum QueueDerivation {
    static func n(_ x: Double) -> String { NumberFormat.decimal(x, significantDigits: 6) }
    static func s(_ x: Double) -> String { QueueCommands.seconds(x, digits: 6) }
    static func count(_ c: Int) -> String { NumberFormat.integer(Double(c)) }
    static func perSecond(_ x: Double) -> String { n(x) + " /s" }

    static func build(_ input: QueueInput, _ f: QueueFigures, _ search: QueueSearch?) throws -> Derivation {
        let ac = input.isAllenCunneen
        var d = Derivation(title: "queue mmc: \(input.methodTitle), λ = \(input.arrivalQuantity.formatted()), E[S] = \(s(input.serviceTime))"
                           + (search.map { ", \($0.target.description)" } ?? ", c = \(count(f.servers))"))
        let a = f.offeredLoad
        let mu = 1 / input.serviceTime
        let lambda = input.arrivalRate
        let c = Double(f.servers)
        d.step("offered load", "a = λ·E[S]", "\(n(lambda)) /s × \(s(input.serviceTime))", "\(n(a)) erlangs")
        d.step("service rate", "μ = 1/E[S]", "1 / \(s(input.serviceTime))", perSecond(mu))

        if let search {
            let t = search.target
            d.step("target", "w_p ≤ t", "p = \(n(t.percentile)), t = \(t.waitText)", "from sla=\(t.text)" + (t.text.contains(where: { "<≤".contains($0) }) ? "" : " (session sla.quantile)"))
            var lowText = "floor(\(n(a))) + 1"
            if input.maximumUtilization < 1 { lowText = "max(\(lowText), ceil(\(n(a)) / \(n(input.maximumUtilization))))" }
            d.step("search start", input.maximumUtilization < 1 ? "c_lo = max(floor(a) + 1, ceil(a/ρ_max))" : "c_lo = floor(a) + 1  (smallest c with a < c)",
                   lowText, "\(count(search.lowerBound)) servers")
            d.step("search", "smallest c ≥ c_lo with w_p(c) ≤ t",
                   "c_lo = \(count(search.lowerBound)), t = \(t.waitText)", "c* = \(count(f.servers)) servers")
            if let previous = search.previous {
                let w = previous.waitAt(t.percentile)
                d.step("c* − 1 misses", ac ? "w_p(c) = ln(C/(1 − p))·k/θ,  θ = (c − a)/E[S]" : "w_p(c) = ln(C/(1 − p))/θ,  θ = (c − a)/E[S]",
                       "c = \(count(previous.servers)): C = \(n(previous.probabilityOfWait)), θ = \(perSecond(previous.theta))"
                        + ": ln(\(n(previous.probabilityOfWait)) / \(n(1 - t.percentile)))\(ac ? " × \(n(previous.variabilityFactor))" : "") / \(perSecond(previous.theta))",
                       "\(s(w)) > \(t.waitText)")
            } else {
                d.step("c* − 1 not allowed", search.lowerBound > search.stabilityBound ? "a/(c* − 1) ≤ ρ_max" : "a < c* − 1",
                       search.lowerBound > search.stabilityBound
                        ? "\(n(a)) / \(count(f.servers - 1)) = \(n(a / Double(f.servers - 1))) > \(n(input.maximumUtilization))"
                        : "\(n(a)) < \(count(f.servers - 1)) is false",
                       "c* = c_lo: " + (search.lowerBound > search.stabilityBound ? "max_util binds" : "stability binds"))
            }
        }

        d.step("utilisation", "ρ = a/c", "\(n(a)) / \(count(f.servers))", "\(n(f.utilization)) (\(NumberFormat.percent(f.utilization, decimals: 2)))")
        d.step("stability", "a < c", "\(n(a)) < \(count(f.servers))", "stable")
        d.step("Erlang B", "B_0 = 1;  B_k = a·B_{k−1}/(k + a·B_{k−1}),  k = 1 … c",
               "a = \(n(a)), k = 1 … \(count(f.servers))", "B_c = \(n(f.erlangB))")
        d.step("Erlang C = P(wait)", "C = B_c / (1 − ρ(1 − B_c))",
               "\(n(f.erlangB)) / (1 − \(n(f.utilization)) × (1 − \(n(f.erlangB))))", "C = \(n(f.probabilityOfWait))")
        d.step("decay rate", "θ = cμ − λ", "\(count(f.servers)) × \(perSecond(mu)) − \(perSecond(lambda))", perSecond(f.theta))
        let k = f.variabilityFactor
        if ac {
            d.step("variability (Allen–Cunneen)", "k = (c_a² + c_s²)/2", "(\(n(input.arrivalSCV)) + \(n(input.serviceSCV))) / 2", n(k))
            d.step("mean wait", "E[W_q] ≈ C/θ × k", "\(n(f.probabilityOfWait)) / \(perSecond(f.theta)) × \(n(k))", s(f.meanWait))
            d.step("queue length", "L_q ≈ C·ρ/(1 − ρ) × k",
                   "\(n(f.probabilityOfWait)) × \(n(f.utilization)) / (1 − \(n(f.utilization))) × \(n(k))", n(f.queueLength))
        } else {
            d.step("mean wait", "E[W_q] = C/(cμ − λ) = C/θ", "\(n(f.probabilityOfWait)) / \(perSecond(f.theta))", s(f.meanWait))
            d.step("queue length", "L_q = C·ρ/(1 − ρ)  (= λ·E[W_q], Little)",
                   "\(n(f.probabilityOfWait)) × \(n(f.utilization)) / (1 − \(n(f.utilization)))", n(f.queueLength))
        }
        var percentiles: [(String, Double, Double)] = [("p50", 0.5, f.waitP50), ("p95", 0.95, f.waitP95), ("p99", 0.99, f.waitP99)]
        if let t = search?.target, !percentiles.contains(where: { $0.1 == t.percentile }) {
            percentiles.append((t.percentileName, t.percentile, f.waitAt(t.percentile)))
        }
        for (name, p, w) in percentiles {
            let formula = ac ? "w_p ≈ max(0, ln(C/(1 − p))·k/θ)" : "w_p = max(0, ln(C/(1 − p))/θ)"
            let substitution: String
            if f.probabilityOfWait <= 1 - p {
                substitution = "C = \(n(f.probabilityOfWait)) ≤ 1 − \(n(p)) = \(n(1 - p))"
            } else {
                substitution = "ln(\(n(f.probabilityOfWait)) / \(n(1 - p)))\(ac ? " × \(n(k))" : "") / \(perSecond(f.theta))"
            }
            var result = s(w)
            if let t = search?.target, t.percentile == p { result += " ≤ \(t.waitText)" }
            d.step("wait \(name)", formula, substitution, result)
        }
        d.step("mean time in system", "E[T] = E[W_q] + E[S]", "\(s(f.meanWait)) + \(s(input.serviceTime))", s(f.meanSojourn))
        if let p99 = f.sojournP99 {
            let theta = f.theta, C = f.probabilityOfWait
            let tail: String
            if abs(theta - mu) <= 1e-12 * mu {
                tail = "(1 − \(n(C)))·e^(−\(n(mu))×\(n(p99))) + \(n(C))·(1 + \(n(mu))×\(n(p99)))·e^(−\(n(mu))×\(n(p99)))"
            } else {
                tail = "(1 − \(n(C)))·e^(−\(n(mu))×\(n(p99))) + \(n(C))·(\(n(theta))·e^(−\(n(mu))×\(n(p99))) − \(n(mu))·e^(−\(n(theta))×\(n(p99))))/(\(n(theta)) − \(n(mu)))"
            }
            d.step("time in system p99", "P(T > t) = (1 − C)e^(−μt) + C·(θe^(−μt) − μe^(−θt))/(θ − μ) = 0.01, solved for t by bisection",
                   "t = \(n(p99)) s: " + tail, "\(s(p99)) (P(T > t) = \(n(Self.sojournTail(t: p99, C: C, mu: mu, theta: theta))))")
        }
        if !ac, a >= 1 {
            let beta = (c - a) / a.squareRoot()
            if let alpha = try? halfinWhittDelayProbability(beta: beta) {
                d.step("sanity check (Halfin–Whitt)", "β = (c − a)/√a;  α(β) = [1 + β·Φ(β)/φ(β)]⁻¹ ≈ C",
                       "β = (\(count(f.servers)) − \(n(a))) / √\(n(a)) = \(n(beta))", "α = \(n(alpha)) vs C = \(n(f.probabilityOfWait))")
            }
        }

        let section = "docs/capacity-math.md §2"
        if ac {
            d.assume("arrivals", "general, c_a² = \(n(input.arrivalSCV))", source: "ca2= (1 would be Poisson)")
            d.assume("service times", "general, c_s² = \(n(input.serviceSCV))", source: "cs2= (1 would be exponential)")
            d.assume("method", "Allen–Cunneen: M/M/c waits × (c_a² + c_s²)/2; P(wait) ≈ C", source: "\(section) \"General distributions\"; Allen, Probability, Statistics and Queueing Theory")
        } else {
            d.assume("arrivals", "Poisson (c_a² = 1)", source: "M/M/c; ca2= changes it")
            d.assume("service times", "exponential (c_s² = 1)", source: "M/M/c; cs2= changes it")
        }
        d.assume("queue", "one shared FCFS queue, \(count(f.servers)) identical servers, no abandonment, steady state", source: "\(section) \"Definitions\"; Kleinrock, Queueing Systems Vol. 1 §3.5")
        d.assume("waiting time", "in queue before service, over all requests (those served at once count as 0)", source: "\(section) \"Erlang C, numerically stable\"")
        if let search {
            d.assume("percentile", search.target.percentileName, source: search.target.text.contains(where: { "<≤".contains($0) }) ? "sla=" : "session sla.quantile")
            d.assume("maximum utilisation", NumberFormat.percent(input.maximumUtilization, decimals: 0), source: input.maximumUtilization < 1 ? "max_util=" : "default (stability only)")
            d.assume("search", "w_p(c) falls as c grows: try c_lo + 1, + 2, + 4, … until one meets t, then bisect", source: "\(section) \"From a p99 SLA to a server count\"")
        }
        d.notes.append("Erlang B is computed as 1/B_k = 1 + (k/a)·(1/B_{k−1}), the same recursion without overflow; it starts near k = a − 10√a, where B_k = 1 − k/a to double precision (CapPlan ErlangB.swift).")
        if !ac, a >= 1 {
            d.notes.append("Halfin–Whitt is an asymptotic check only (\(section) \"Halfin–Whitt square-root staffing\"); the answer uses the exact C.")
        }
        return d
    }

    /// P(T > t) of the M/M/c time in system, for the check printed beside the p99.
    static func sojournTail(t: Double, C: Double, mu: Double, theta: Double) -> Double {
        if abs(theta - mu) <= 1e-12 * mu { return (1 - C) * exp(-mu * t) + C * (1 + mu * t) * exp(-mu * t) }
        return (1 - C) * exp(-mu * t) + C * (theta * exp(-mu * t) - mu * exp(-theta * t)) / (theta - mu)
    }
}
