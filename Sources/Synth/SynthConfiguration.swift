import Domain

/// What `sightline synth` generates: how much, over how long, from which seed.
public struct SynthConfiguration: Sendable, Equatable {
    /// Random seed: the same seed gives byte-identical files.
    public var seed: UInt64
    /// Claims submitted per business day.
    public var claimsPerDay: Int
    /// Months of activity.
    public var months: Int
    /// First day of activity.
    public var start: CalendarDate

    /// Creates a configuration.
    public init(seed: UInt64 = 1, claimsPerDay: Int = 40, months: Int = 3, start: CalendarDate) {
        self.seed = seed
        self.claimsPerDay = claimsPerDay
        self.months = months
        self.start = start
    }
}
