/// The AWS Spot Instance Advisor's buckets of monthly interruption frequency, as named inputs
/// for `EffectiveSpotPrice` (capacity-math.md §6 "Pricing models").
///
///     bucket     Advisor label    planning f_month
///     under5     < 5%             0.05
///     from5to10  5–10%            0.10
///     from10to15 10–15%           0.15
///     from15to20 15–20%           0.20
///     over20     > 20%            0.30   (our assumption: the bucket is open-ended)
///
/// The planning frequency is the bucket's upper edge, the pessimistic end, as grailbio/base's
/// `cloud/spotadvisor` reads the buckets ("less than 5%", …). The open `> 20%` bucket has no upper
/// edge; 30% is our own planning value, so give `f_month` directly when you know better.
///
/// Sources: AWS EC2 Spot Instance Advisor; grailbio/base `cloud/spotadvisor`.
public enum SpotInterruptionBucket: String, Sendable, Hashable, CaseIterable, Codable {
    case under5 = "<5%"
    case from5to10 = "5-10%"
    case from10to15 = "10-15%"
    case from15to20 = "15-20%"
    case over20 = ">20%"

    /// `f_month`, the monthly interruption frequency to plan with, in (0, 1).
    public var planningMonthlyFrequency: Double {
        switch self {
        case .under5: return 0.05
        case .from5to10: return 0.10
        case .from10to15: return 0.15
        case .from15to20: return 0.20
        case .over20: return 0.30
        }
    }

    /// The bucket's range of monthly frequencies, `[lower, upper)`; `upper` is nil for `> 20%`.
    public var range: (lower: Double, upper: Double?) {
        switch self {
        case .under5: return (0, 0.05)
        case .from5to10: return (0.05, 0.10)
        case .from10to15: return (0.10, 0.15)
        case .from15to20: return (0.15, 0.20)
        case .over20: return (0.20, nil)
        }
    }

    /// Parses the Advisor's labels and the case names: `<5%`, `5-10%` (also `5–10%`, `5-10`),
    /// `10-15%`, `15-20%`, `>20%`, `under5`, `over20` (case-insensitive, spaces ignored).
    public init?(parsing text: String) {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "–", with: "-")
        for bucket in Self.allCases {
            let label = bucket.rawValue
            if t == label || t == String(label.dropLast()) || t == String(describing: bucket).lowercased() {
                self = bucket
                return
            }
        }
        return nil
    }
}
