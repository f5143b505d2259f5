import Foundation

/// Which levels of an escalation ladder are due for one clock, and when each fell due (SLA.md
/// "Escalation"): levels fire once each, in order, with catch-up after downtime, and never for a
/// clock that is already met.
public enum EscalationPlan {
    /// A level due to fire.
    public struct Due: Sendable, Equatable {
        public var level: String
        public var at: Date
    }

    /// The ladder's shares of a target that the clock engine must watch.
    public static func shares(of ladder: [EscalationLevel]) -> [Double] {
        ladder.filter { $0.trigger.kind == .shareOfTarget }.map(\.trigger.amount)
    }

    /// The levels of `ladder` due by `at` for a clock read at `at`; none once the clock has
    /// stopped (an answer after the breach ends its escalation too).
    /// - Parameter breachedAt: the breach of the obligation the reading stands for (for the update
    ///   clock, its current cycle's).
    public static func due(
        _ reading: ClockReading, breachedAt: Date?, ladder: [EscalationLevel], calendar: BusinessCalendar, at: Date
    ) -> [Due] {
        guard reading.state != .met, !reading.isStopped else { return [] }
        let times: [Date?] = ladder.map { level in
            switch level.trigger.kind {
            case .shareOfTarget: reading.sharesCrossedAt[level.trigger.amount] ?? (breachedAt != nil ? breachedAt : nil)
            case .afterBreach: breachedAt.flatMap { calendar.instant(after: level.trigger.amount * 3_600, from: $0) }
            }
        }
        // The last level due; every level before it fires too, in order, no later than it.
        guard let last = times.lastIndex(where: { $0.map { $0 <= at } ?? false }), let lastTime = times[last] else { return [] }
        return (0...last).map { index in Due(level: ladder[index].key, at: min(times[index] ?? lastTime, lastTime)) }
    }
}
