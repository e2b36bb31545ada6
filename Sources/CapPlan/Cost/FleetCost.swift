/// What a sized fleet costs and draws (capacity-math.md §6 "Unit costs").
///
///     price per instance-hour p = price= (workload), or catalog $/GPU-h × GPUs per instance
///     cost per hour   = R × p;  per month = × month hours (730);  per year = × 8,760
///     cost per request = cost per hour / (λ_mean × 3,600)
///     cost per 1M tokens = cost per hour / (λ_mean × tokens per request × 3,600) × 10⁶
///     power = GPUs × TDP;  energy per month = power × month hours
///
/// Unit costs use the mean rate: the fleet is paid for every hour, and serves the mean.
/// Power is the TDP bound (GPUs only), an upper estimate of what the fleet draws.
struct FleetCost: Sendable {
    var pricePerInstanceHour: Double?
    var perHour: Double?
    var perMonth: Double?
    var perYear: Double?
    var perRequest: Double?
    var perMillionTokens: Double?
    var powerWatts: Double?
    var energyKWhPerMonth: Double?
    var derivation: Derivation
    var notes: [String] = []

    init(workload w: Workload, gpu: Accelerator?, pricing: PricingMode, instances: Int, gpusPerInstance: Int,
         meanRate: Double, measuredInTokens: Bool, tokensPerRequest: Double?, monthHours: Double, recording: Bool) {
        derivation = Derivation(title: "", recording: recording)
        func money(_ x: Double) -> String { NumberFormat.money(x) }
        let r = Double(instances)
        if let price = w.pricePerInstanceHour {
            pricePerInstanceHour = price
            derivation.step("price per instance-hour", "p = price= (workload)", "p = \(money(price))/h", money(price) + "/h")
        } else if let gpu, let perGPU = gpu.prices[pricing].value {
            pricePerInstanceHour = perGPU * Double(gpusPerInstance)
            derivation.step("price per instance-hour", "p = $/GPU-h (\(pricing.rawValue)) × g", "\(money(perGPU))/h × \(gpusPerInstance)", money(perGPU * Double(gpusPerInstance)) + "/h")
        } else if let gpu {
            notes.append("no cost: the catalog has no \(pricing.rawValue) price for \(gpu.id); set one with 'set price \(gpu.id) \(pricing.rawValue.replacingOccurrences(of: "-", with: "_"))=$X/h' or give price=")
        } else {
            notes.append("no cost: give the workload price= (per instance-hour)")
        }
        if let p = pricePerInstanceHour {
            let hour = r * p
            perHour = hour
            perMonth = hour * monthHours
            perYear = hour * 8_760
            derivation.step("cost per hour", "C_h = R × p", "\(NumberFormat.integer(r)) × \(money(p))/h", money(hour) + "/h")
            derivation.step("cost per month", "C_mo = C_h × month", "\(money(hour))/h × \(NumberFormat.decimal(monthHours)) h", money(hour * monthHours) + "/mo")
            if meanRate > 0 {
                if measuredInTokens {
                    perMillionTokens = hour / (meanRate * 3600) * 1e6
                    derivation.step("cost per 1M tokens", "C_h / (λ_tok × 3,600 s) × 10⁶", "\(money(hour)) / (\(NumberFormat.decimal(meanRate)) tok/s × 3,600) × 10⁶", money(perMillionTokens!))
                } else {
                    perRequest = hour / (meanRate * 3600)
                    derivation.step("cost per request", "C_h / (λ × 3,600 s)", "\(money(hour)) / (\(NumberFormat.decimal(meanRate)) rps × 3,600)", money(perRequest!))
                    if let t = tokensPerRequest, t > 0 {
                        perMillionTokens = hour / (meanRate * t * 3600) * 1e6
                        derivation.step("cost per 1M tokens", "C_h / (λ × (in + out) × 3,600 s) × 10⁶", "\(money(hour)) / (\(NumberFormat.decimal(meanRate)) rps × \(NumberFormat.decimal(t)) × 3,600) × 10⁶", money(perMillionTokens!))
                    }
                }
            }
        }
        if let gpu, let tdp = gpu.tdpWatts.value, gpusPerInstance > 0 {
            let watts = r * Double(gpusPerInstance) * tdp
            powerWatts = watts
            energyKWhPerMonth = watts * monthHours / 1000
            derivation.step("power (TDP)", "P = GPUs × TDP", "\(NumberFormat.integer(r * Double(gpusPerInstance))) × \(NumberFormat.decimal(tdp)) W", Quantity(watts, .power).formatted())
        }
    }
}
