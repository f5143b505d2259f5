import Domain

/// What `sightline synth` generates: how much, over how long, from which seed.
///
/// The run covers the days from `start` up to, not including, the same day `months` months later;
/// nothing is dated on or after that end, so the claims of its last weeks are still open (A/R).
/// Each business day (Monday to Friday, no holiday calendar) brings `claimsPerDay` new claims.
///
/// Size: over a year the 835s carry about 1.03 adjudications per new claim (appeals, reversals
/// and re-adjudications add more than the still-unpaid last five weeks take away), about 300 bytes
/// each. **About 250,000 adjudicated claims — 75 MB of 835 — take `claimsPerDay: 930, months: 12`.**
/// Measured from 2026-01-05 with seed 1: 261 business days, 242,730 new claims, 251,051 CLP
/// segments, 75.4 MB of 835, 118 MB of 837P, 38 MB of 277CA and 2.8 MB of CSV, in 8–12 s and
/// 27 MB of memory in a release build. `claimsPerDay: 1_000, months: 12` gives about 270,000
/// adjudications and 81 MB of 835.
public struct SynthConfiguration: Sendable, Equatable {
    /// Random seed: the same seed gives byte-identical files.
    public var seed: UInt64
    /// Claims submitted per business day.
    public var claimsPerDay: Int
    /// Months of activity.
    public var months: Int
    /// First day of activity.
    public var start: CalendarDate
    /// Lay the demo's story over the run: in its last two months one commercial payer (Summit
    /// Mutual Health) starts denying far more claims, mostly for missing authorization, and from
    /// about three months before its end the state Medicaid plan pays six weeks later than usual,
    /// so that its balances pile up past 60 and 90 days.
    public var story: Bool
    /// Extra ancillary lines (labs, supplies) per claim on average, on top of the one to four a visit
    /// draws (about 1.9 a claim): each claim adds between 0 and twice this many. With 0 — the
    /// default — files are the same as without the setting. 1.5 gives about 3.4 lines a claim.
    public var extraLines: Double
    /// The billing is worked as a working vendor works it: denied claims are appealed and almost
    /// always paid in the end, sooner; patients are asked for what they owe and nearly all pay it,
    /// most in full, within about a month. With `false` — the default — files are the same as
    /// without the setting. The demo's net collection rate rests on it (KPIS.md counts a denial
    /// never paid, and a patient balance never collected, against the practice).
    public var workedBilling: Bool

    /// Creates a configuration.
    public init(
        seed: UInt64 = 1, claimsPerDay: Int = 40, months: Int = 3, start: CalendarDate, story: Bool = false, extraLines: Double = 0,
        workedBilling: Bool = false
    ) {
        self.seed = seed
        self.extraLines = extraLines
        self.workedBilling = workedBilling
        self.claimsPerDay = claimsPerDay
        self.months = months
        self.start = start
        self.story = story
    }

    /// Largest accepted `claimsPerDay`: a payer's weekly run is built in memory before it is written.
    public static let maximumClaimsPerDay = 20_000
    /// Largest accepted `extraLines`: a claim keeps within the 50 service lines of an 837P.
    public static let maximumExtraLines = 20.0
    /// Largest accepted `months`.
    public static let maximumMonths = 120

    /// The first day after the run.
    public var end: CalendarDate? { Day.adding(months: max(0, months), to: start).calendarDate }

    /// What is wrong with the configuration, one sentence each; empty when it can run.
    public var problems: [String] {
        var problems: [String] = []
        if !(1...Self.maximumClaimsPerDay).contains(claimsPerDay) {
            problems.append("claims per day must be between 1 and \(Self.maximumClaimsPerDay), not \(claimsPerDay)")
        }
        if !(1...Self.maximumMonths).contains(months) {
            problems.append("months must be between 1 and \(Self.maximumMonths), not \(months)")
        }
        if !(0...Self.maximumExtraLines).contains(extraLines) {
            problems.append("extra lines per claim must be between 0 and \(Int(Self.maximumExtraLines)), not \(extraLines)")
        }
        if start.year < 1971 || start.year > 9000 {
            problems.append("the start date \(start) is outside the years 1971–9000")
        }
        return problems
    }
}
