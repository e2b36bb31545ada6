import Foundation

/// Parameters, summary and derivation text for each method. All fit summary text lives here.
extension GrowthFit {
    mutating func describe(series: ForecastSeries) {
        let unit = series.valueUnit
        let stepName = series.stepName
        let n = points
        var d = derivation
        d.assume("time origin", "t = 0 at the first point, one unit per \(stepName)",
                 source: "ForecastSeries (step \(ForecastFormat.precise(series.stepSeconds)) s)")
        d.assume("fit criterion", "least squares on the original scale", source: "docs/capacity-math.md §3")
        let rate = GrowthRate(perStep: 0, stepSeconds: series.stepSeconds)
        let period = rate.reportingPeriod
        let stepsPerPeriod = period.seconds / series.stepSeconds
        switch model {
        case let .linear(m):
            let t = (0..<n).map(Double.init)
            let tBar = t.reduce(0, +) / Double(n)
            let yBar = (fitted.reduce(0, +) + residuals.reduce(0, +)) / Double(n)
            parameters = [
                .init(key: "intercept", symbol: "D₀", value: m.intercept, unit: unit),
                .init(key: "slope", symbol: "g", value: m.slope, unit: "\(unit) per \(stepName)"),
            ]
            let perPeriod = m.slope * stepsPerPeriod
            summary = "\(perPeriod >= 0 ? "+" : "−")\(ForecastFormat.value(Swift.abs(perPeriod), unit: unit)) per \(period.name)"
                + " (linear), \(ForecastFormat.value(m.value(at: Double(n - 1)), unit: unit)) at the last point"
            d.step("means", "t̄ = (n−1)/2, ȳ = Σy/n", "n = \(n)",
                   "t̄ = \(ForecastFormat.precise(tBar)), ȳ = \(ForecastFormat.precise(yBar))")
            d.step("slope", "g = Σ(t−t̄)(y−ȳ) / Σ(t−t̄)²", "OLS over \(n) points",
                   "g = \(ForecastFormat.precise(m.slope)) \(unit) per \(stepName)")
            d.step("intercept", "D₀ = ȳ − g·t̄",
                   "\(ForecastFormat.precise(yBar)) − \(ForecastFormat.precise(m.slope))·\(ForecastFormat.precise(tBar))",
                   "D₀ = \(ForecastFormat.precise(m.intercept)) \(unit)")
            d.step("growth per \(period.name)", "g·(\(period.name)/step)",
                   "\(ForecastFormat.precise(m.slope))·\(ForecastFormat.precise(stepsPerPeriod))",
                   ForecastFormat.value(perPeriod, unit: unit))
        case let .exponential(m):
            let r = m.rate(stepSeconds: series.stepSeconds)
            parameters = [
                .init(key: "initial_value", symbol: "D₀", value: m.initialValue, unit: unit),
                .init(key: "rate_per_step", symbol: "r", value: r.perStep, unit: "per \(stepName)"),
                .init(key: "rate_per_month", symbol: "r_month", value: r.perMonth, unit: "per month"),
                .init(key: "rate_per_year", symbol: "r_year", value: r.perYear, unit: "per year"),
                .init(key: "doubling_steps", symbol: "T₂", value: r.doublingSteps ?? .infinity, unit: "\(stepName)s"),
            ]
            summary = r.summary
            let start = m.logLinearStart
            d.step("log-linear start", "ln y = ln D₀ + c·t (OLS)", "over \(n) points",
                   "D₀ = \(ForecastFormat.precise(start.initialValue)), c = \(ForecastFormat.precise(start.logRate))")
            d.step("nonlinear refinement", "min Σ(y − D₀·e^{c·t})² (Levenberg–Marquardt)", "from the log-linear start",
                   "D₀ = \(ForecastFormat.precise(m.initialValue)) \(unit), c = \(ForecastFormat.precise(m.logRate)) per \(stepName)")
            d.step("rate per step", "r = e^c − 1", "e^\(ForecastFormat.precise(m.logRate)) − 1",
                   "\(ForecastFormat.signedPercent(r.perStep)) per \(stepName)")
            d.step("rate per \(period.name)", "(1 + r)^(\(period.name)/step) − 1",
                   "(1 + \(ForecastFormat.precise(r.perStep)))^\(ForecastFormat.precise(stepsPerPeriod)) − 1",
                   "\(ForecastFormat.signedPercent(r.per(seconds: period.seconds))) per \(period.name)")
            if let steps = r.doublingSteps {
                d.step("doubling time", "ln 2 / ln(1 + r)", "0.693147 / ln(1 + \(ForecastFormat.precise(r.perStep)))",
                       "\(ForecastFormat.precise(steps)) \(stepName)s = \(ForecastFormat.number(steps / stepsPerPeriod)) \(period.name)s")
            }
        case let .logistic(m):
            let last = fitted.last ?? 0
            parameters = [
                .init(key: "capacity", symbol: "K", value: m.capacity, unit: unit),
                .init(key: "rate", symbol: "k", value: m.rate, unit: "per \(stepName)"),
                .init(key: "midpoint", symbol: "t₀", value: m.midpoint, unit: "\(stepName)s from the first point"),
            ]
            let share = m.capacity > 0 ? last / m.capacity : 0
            summary = "saturates at \(ForecastFormat.value(m.capacity, unit: unit)); now at \(NumberFormat.percent(share, decimals: 0)) of that"
            let dataMax = (0..<n).map { fitted[$0] + residuals[$0] }.max() ?? 0
            if m.capacity > 3 * dataMax {
                summary += "; the cap is far above the data, so it is poorly determined"
                d.notes.append("K is more than 3× the largest observation: the data show no saturation yet.")
            }
            d.step("starting values", "ln(K₀/y − 1) = −k(t − t₀), K₀ ∈ {1.05 … 5}·max y", "OLS per trial cap",
                   "best of 6 starts by SSE")
            d.step("nonlinear least squares", "min Σ(y − K/(1 + e^{−k(t−t₀)}))² (Levenberg–Marquardt)", "over \(n) points",
                   "K = \(ForecastFormat.precise(m.capacity)) \(unit), k = \(ForecastFormat.precise(m.rate)) per \(stepName), t₀ = \(ForecastFormat.precise(m.midpoint))")
            d.step("share of the cap reached", "D(t_last)/K",
                   "\(ForecastFormat.precise(last)) / \(ForecastFormat.precise(m.capacity))", NumberFormat.percent(share, decimals: 1))
            d.assume("cap", "forecasts and interval bounds never exceed K", source: "logistic model")
        case let .holtWinters(m):
            let p = m.parameters
            parameters = [
                .init(key: "alpha", symbol: "α", value: p.alpha, unit: "level smoothing"),
                .init(key: "beta", symbol: "β*", value: p.beta, unit: "trend smoothing"),
            ]
            if m.seasonality != .none {
                parameters.append(.init(key: "gamma", symbol: "γ", value: p.gamma, unit: "seasonal smoothing"))
                parameters.append(.init(key: "season_length", symbol: "m", value: Double(m.seasonLength ?? 0), unit: "\(stepName)s"))
            }
            if m.isDamped { parameters.append(.init(key: "phi", symbol: "φ", value: p.phi, unit: "trend damping")) }
            let state = finalState ?? m.initialState
            parameters.append(.init(key: "level", symbol: "ℓ_n", value: state.level, unit: unit))
            parameters.append(.init(key: "trend", symbol: "b_n", value: state.trend, unit: "\(unit) per \(stepName)"))
            let seasonText = m.seasonLength.map { "\(m.seasonality.rawValue) season of \($0) \(stepName)s" } ?? "no season"
            summary = "Holt–Winters, \(seasonText)\(m.isDamped ? ", damped trend" : ""): level \(ForecastFormat.value(state.level, unit: unit)), "
                + "trend \(state.trend >= 0 ? "+" : "−")\(ForecastFormat.value(Swift.abs(state.trend * stepsPerPeriod), unit: unit)) per \(period.name)"
            let sse = residuals.reduce(0) { $0 + $1 * $1 }
            d.step("recursions", m.seasonality == .multiplicative
                   ? "ŷ = (ℓ + φb)·s; ℓ_t = α·y/s + (1−α)(ℓ+φb); b_t = β*(ℓ_t−ℓ_{t−1}) + (1−β*)φb; s_t = γ·y/(ℓ+φb) + (1−γ)s"
                   : "ŷ = ℓ + φb + s; ℓ_t = α(y−s) + (1−α)(ℓ+φb); b_t = β*(ℓ_t−ℓ_{t−1}) + (1−β*)φb; s_t = γ(y−ℓ−φb) + (1−γ)s",
                   "\(n) points", seasonText)
            d.step("optimised smoothing", "min Σ(y_t − ŷ_{t|t−1})² over α, β*, γ, φ and the initial states",
                   "grid of starts, Nelder–Mead, Gauss–Newton on initial states",
                   "α = \(ForecastFormat.precise(p.alpha)), β* = \(ForecastFormat.precise(p.beta)), γ = \(ForecastFormat.precise(p.gamma))"
                   + (m.isDamped ? ", φ = \(ForecastFormat.precise(p.phi))" : ""))
            d.step("initial states", "ℓ₀, b₀, s₁…s_m at t = −1", "optimised with the smoothing parameters",
                   "ℓ₀ = \(ForecastFormat.precise(m.initialState.level)), b₀ = \(ForecastFormat.precise(m.initialState.trend))")
            d.step("one-step error", "SSE = Σ(y − ŷ)²; RMSE = √(SSE/n)", "n = \(n)",
                   "SSE = \(ForecastFormat.precise(sse)), RMSE = \(ForecastFormat.precise(rmse)) \(unit)")
            d.step("forecast", "ŷ_{t+h} = ℓ_t + (φ+…+φ^h)·b_t ⊕ s_{t+h−m(k+1)}, k = ⌊(h−1)/m⌋", "from the last state",
                   "h = m uses s_t, the seasonal state just updated")
            d.assume("parameter bounds", "α, β* ∈ [0, 1]; γ ∈ [0, 1−α]; φ ∈ [0.8, 0.995]", source: "statsmodels ExponentialSmoothing")
        }
        d.step("in-sample error", "RMSE = √(Σ(y − ŷ)²/n)", "n = \(n)", ForecastFormat.value(rmse, unit: unit))
        derivation = d
    }
}
