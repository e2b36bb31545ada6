/// Exact proleptic-Gregorian calendar arithmetic in UTC, with no Foundation calendar and no
/// time zone database: days since 1970-01-01 ↔ (year, month, day).
///
/// Algorithms: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"
/// (`days_from_civil`, `civil_from_days`), exact for every Int year in range.
public enum CivilCalendar {
    /// Days from 1970-01-01 to `year-month-day` (negative before 1970).
    ///
    ///     era = ⌊y′/400⌋ with y′ = y − (m ≤ 2);  doy = ⌊(153·(m ± 9 or −3) + 2)/5⌋ + d − 1
    ///     doe = yoe·365 + ⌊yoe/4⌋ − ⌊yoe/100⌋ + doy;  days = era·146097 + doe − 719468
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date `days` after 1970-01-01.
    public static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO weekday of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    static func weekday(days: Int) -> Int {
        ((days + 3) % 7 + 7) % 7
    }

    /// Whole days since 1970-01-01 at epoch second `t` (floor, so negative times work).
    static func dayNumber(_ t: Double) -> Int {
        Int((t / 86_400).rounded(.down))
    }

    /// Months since 1970-01 of the month holding epoch second `t`.
    static func monthNumber(_ t: Double) -> Int {
        let d = date(days: dayNumber(t))
        return (d.year - 1970) * 12 + d.month - 1
    }

    /// Epoch seconds at the start of month number `m` (months since 1970-01).
    static func startOfMonth(_ m: Int) -> Double {
        let year = 1970 + Int((Double(m) / 12).rounded(.down))
        let month = m - (year - 1970) * 12 + 1
        return Double(days(year: year, month: month, day: 1)) * 86_400
    }

    /// Floor division (rounds toward −∞), for month and bin numbers before 1970.
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
