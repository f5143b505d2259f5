import Foundation

/// One clock as the escalation ladder watches it: the obligation it stands for, its breach, and the
/// cycle (update clock) each firing belongs to.
public struct WatchedClock: Sendable, Equatable {
    /// `firstResponse`, `update` or `resolution`.
    public var clock: String
    public var reading: ClockReading
    /// The breach of the obligation the reading stands for (for the update clock, its current cycle's).
    public var breachedAt: Date?
    /// `-`, or for the update clock the start of its current obligation (ISO 8601).
    public var cycle: String

    /// The clocks of a ticket that can escalate; the update clock only while an update is owed.
    public static func all(_ clocks: TicketClocks) -> [WatchedClock] {
        var watched = [
            WatchedClock(clock: "firstResponse", reading: clocks.firstResponse, breachedAt: clocks.firstResponse.breachedAt, cycle: "-")
        ]
        if clocks.update.dueAt != nil {
            watched.append(
                WatchedClock(
                    clock: "update", reading: clocks.update, breachedAt: clocks.update.state == .breached ? clocks.update.dueAt : nil,
                    cycle: clocks.update.cycleStartedAt.map { $0.formatted(.iso8601) } ?? "-"))
        }
        watched.append(WatchedClock(clock: "resolution", reading: clocks.resolution, breachedAt: clocks.resolution.breachedAt, cycle: "-"))
        return watched
    }

    /// The key a firing of `level` on this clock is recorded under.
    public func key(_ level: String) -> String { "\(clock)|\(cycle)|\(level)" }
}

/// When a ticket next needs Sightline's attention if nothing else happens to it: the instant it is
/// (or will be) breached, and the next escalation level to fire. Kept with the ticket after every
/// change, so listing breached tickets and sweeping for escalations read an index instead of
/// computing every ticket's clocks. A clock only changes course through an event, and every event
/// reschedules the ticket, so both instants stay exact.
public struct TicketSchedule: Sendable, Equatable {
    /// The earliest breach of any clock, past or still to come; `nil` when no clock will breach
    /// unless something happens (met, stopped or paused).
    public var breachAt: Date?
    /// When the next level not fired yet falls due (possibly in the past: catch-up); `nil` when none will.
    public var nextEscalationAt: Date?

    public init(breachAt: Date?, nextEscalationAt: Date?) {
        self.breachAt = breachAt
        self.nextEscalationAt = nextEscalationAt
    }

    /// The schedule of a ticket with `events`, read at `instant` (no earlier than its last event).
    /// - Parameter fired: keys (`WatchedClock.key`) of the levels already fired.
    public static func compute(
        _ ticket: TicketClocks.Ticket, events: [TicketClockEvent], policy: ResponsePolicy, ladder: [EscalationLevel],
        fired: Set<String>, at instant: Date
    ) -> TicketSchedule {
        let shares = EscalationPlan.shares(of: ladder)
        let now = TicketClocks.evaluate(ticket, events: events, policy: policy, asOf: instant, shares: shares)
        let readings = [now.firstResponse, now.update, now.resolution]
        let breachAt = readings.compactMap { $0.breachedAt ?? ($0.state == .running ? $0.dueAt : nil) }.min()
        // Read once more when the last running clock falls due: by then every share of every target
        // has been crossed and every breach is known, so each level's time can be read off.
        let lastDue = readings.compactMap { $0.state == .running ? $0.dueAt : nil }.max()
        let later =
            lastDue.map { TicketClocks.evaluate(ticket, events: events, policy: policy, asOf: max($0, instant), shares: shares) } ?? now
        var next: Date?
        for watched in WatchedClock.all(later) {
            for due in EscalationPlan.due(
                watched.reading, breachedAt: watched.breachedAt, ladder: ladder, calendar: policy.calendar, at: .distantFuture)
            where !fired.contains(watched.key(due.level)) {
                next = min(next ?? due.at, due.at)
            }
        }
        return TicketSchedule(breachAt: breachAt, nextEscalationAt: next)
    }
}
