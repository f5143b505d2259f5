import Foundation

extension CalendarDate {
    /// The date `instant` falls on in the IANA zone `timeZone` (daylight saving included); `nil`
    /// when the zone is unknown or the date is outside the years 1–9999.
    public static func on(_ instant: Date, in timeZone: String) -> CalendarDate? {
        guard let zone = TimeZone(identifier: timeZone) else { return nil }
        let local = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        return CalendarDate(dayNumber: Int((local / 86_400).rounded(.down)))
    }
}
