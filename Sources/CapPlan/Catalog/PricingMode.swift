/// How GPU-hours are bought. Source: docs/capacity-math.md §6 "Pricing models".
public enum PricingMode: String, Sendable, Hashable, CaseIterable, Codable {
    case onDemand = "on-demand"
    case spot
    case reserved1y = "reserved-1y"
    case reserved3y = "reserved-3y"

    /// Parses the spellings users type: `on-demand`, `ondemand`, `od`, `spot`, `reserved-1y`,
    /// `1y`, `reserved-3y`, `3y` (case-insensitive; `_` and spaces read as `-`).
    public init?(parsing text: String) {
        let t = NameKey.normalize(text)
        switch t {
        case "on-demand", "ondemand", "od": self = .onDemand
        case "spot", "preemptible": self = .spot
        case "reserved-1y", "1y", "reserved1y", "ri-1y", "1-year": self = .reserved1y
        case "reserved-3y", "3y", "reserved3y", "ri-3y", "3-year": self = .reserved3y
        default: return nil
        }
    }
}
