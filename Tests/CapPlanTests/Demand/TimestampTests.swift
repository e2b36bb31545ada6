import Testing
@testable import CapPlan

/// Expected epoch seconds from Python: datetime(…, tzinfo=timezone.utc).timestamp().
struct TimestampTests {
    @Test(arguments: [
        ("2023-11-16", 1_700_092_800.0),
        ("2023-11-16T18:15:46", 1_700_158_546.0),
        ("2023-11-16 18:15:46", 1_700_158_546.0),
        ("2023-11-16 18:15", 1_700_158_500.0),
        ("2023-11-16t18:15:46z", 1_700_158_546.0),
        ("2023-11-16T18:15:46Z", 1_700_158_546.0),
        ("2023-11-16T19:15:46+01:00", 1_700_158_546.0),   // 19:15 at +01:00 is 18:15 UTC
        ("2023-11-16T19:15:46+0100", 1_700_158_546.0),
        ("2023-11-16T13:15:46-05", 1_700_158_546.0),
        ("2023-11-16 18:15:46 +00:00", 1_700_158_546.0),
        ("  1700158546  ", 1_700_158_546.0),
        ("1700158546.5", 1_700_158_546.5),
        ("2024-02-29", 1_709_164_800.0),                  // leap year (divisible by 4)
        ("2000-02-29", 951_782_400.0),                    // leap year (divisible by 400)
        ("1969-12-31T23:59:59Z", -1.0),                   // before the epoch
        ("1970-01-01", 0.0),
    ])
    func parsesToEpochSecondsInUTC(text: String, expected: Double) throws {
        #expect(try Timestamp.parse(text) == expected)
    }

    @Test func fractionalSecondsOfAnyLength() throws {
        // The Azure trace: 7 digits, no zone. 18:15:46 is 1,700,158,546; plus 0.68059.
        #expect(abs(try Timestamp.parse("2023-11-16 18:15:46.6805900") - 1_700_158_546.68059) < 1e-6)
        #expect(try Timestamp.parse("2023-11-16T18:15:46.5Z") == 1_700_158_546.5)
        #expect(try Timestamp.parse("2023-11-16T18:15:46,25") == 1_700_158_546.25)
        // 25 digits: only the first 18 can matter to a Double.
        #expect(abs(try Timestamp.parse("1970-01-01T00:00:00.1234567890123456789012345") - 0.123456789012345678) < 1e-15)
    }

    @Test(arguments: [
        ("2023-02-29", "day 29 is not in 2023-02, which has 28 days"),   // not a leap year
        ("1900-02-29", "day 29 is not in 1900-02, which has 28 days"),   // century, not /400
        ("2023-13-01", "month 13 is not 1 to 12"),
        ("2023-11-16 24:00", "hour 24 is not 0 to 23"),
        ("2023-11-16 18:61", "minute 61 is not 0 to 59"),
        ("2023-11-16 18:15:60", "second 60 is not 0 to 59"),
        ("2023-11-16 18:15:46.", "expected digits after the decimal point"),
        ("2023-11-16 18:15:46 UTC", "unexpected text after the time (a zone is Z, +hh:mm or +hhmm)"),
        ("16/11/2023", "expected an ISO-8601 date or date-time (2023-11-16 18:15:46) or epoch seconds"),
    ])
    func invalidTimestampSaysWhy(text: String, reason: String) {
        #expect(throws: DemandError.invalidTimestamp(text: text, column: "ts", reason: reason, at: nil)) {
            try Timestamp.parse(text, column: "ts")
        }
    }

    @Test func errorNamesTheColumnAndTheText() {
        let error = DemandError.invalidTimestamp(text: "2023-13-01", column: "TIMESTAMP", reason: "month 13 is not 1 to 12", at: nil)
        #expect(error.message == "cannot read '2023-13-01' in column 'TIMESTAMP' as a timestamp: month 13 is not 1 to 12")
    }

    @Test func calendarRoundTripsEveryDayFor800Years() {
        // days(date(d)) == d across two 400-year Gregorian cycles, including 1600, 2000 and 2400.
        let firstMismatch = (-200_000..<150_000).first { d in
            let c = CivilCalendar.date(days: d)
            return CivilCalendar.days(year: c.year, month: c.month, day: c.day) != d
        }
        #expect(firstMismatch == nil)
    }

    @Test func formatsTimestampsBackAsISO() {
        #expect(Timestamp.format(1_700_092_800) == "2023-11-16")
        #expect(Timestamp.format(1_700_158_546.68059) == "2023-11-16T18:15:46.68059Z")
        #expect(Timestamp.format(-1) == "1969-12-31T23:59:59Z")
    }
}
