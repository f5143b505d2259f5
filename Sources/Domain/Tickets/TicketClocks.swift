import Foundation

/// Something that happened to a ticket that its clocks depend on (SLA.md "Clocks").
public struct TicketClockEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        case status(Ticket.Status)
        /// A public message by a party (internal notes never count).
        case publicMessage(by: Party)
        case priority(TicketPriority)
        case category(String)
        /// The ticket starts waiting on something of `party`'s (a linked request for action).
        case pause(by: Party)
        /// That wait is over.
        case resume
    }

    public var at: Date
    public var kind: Kind

    public init(at: Date, kind: Kind) {
        self.at = at
        self.kind = kind
    }
}

/// One clock read at an instant.
public struct ClockReading: Sendable, Equatable, Encodable {
    public enum State: String, Sendable, Encodable, CaseIterable {
        case running, paused, met, breached
        /// Nothing is owed on this clock yet: an update clock before the requester has written
        /// after a first response. Never "met", since nothing was promised.
        case notDue = "not_due"
    }

    public var state: State
    /// When the target falls due if the clock keeps running (a running clock), or fell due (a breached one).
    public var dueAt: Date?
    /// When the target was breached; once set, never cleared.
    public var breachedAt: Date?
    public var businessSecondsUsed: Double
    public var businessSecondsPaused: Double
    /// The party the paused time is attributed to.
    public var pausedBy: Party?
    /// When the clock first stopped — the reply was given, the ticket resolved — in time or late
    /// (the first resolution of a reopened ticket is kept).
    public var stoppedAt: Date?
    /// When the used time passed each watched share of the target (escalation levels); not shown in the API.
    public var sharesCrossedAt: [Double: Date] = [:]
    /// For the update clock: when the current (or last) obligation began; each one escalates on its own.
    public var cycleStartedAt: Date?
    /// Whether the clock is not counting now because its obligation is done (reply given,
    /// ticket resolved): nothing escalates on a stopped clock, breached or not.
    public var isStopped = false

    private enum CodingKeys: String, CodingKey {
        case state, dueAt, breachedAt, businessSecondsUsed, businessSecondsPaused, pausedBy, stoppedAt
    }
}

/// The three clocks of a ticket, computed from its history on read — no stored counters.
public struct TicketClocks: Sendable, Equatable, Encodable {
    public var firstResponse: ClockReading
    public var update: ClockReading
    public var resolution: ClockReading

    /// What a ticket's clocks need to know about it.
    public struct Ticket: Sendable, Equatable {
        public var openedAt: Date
        public var category: String
        public var priority: TicketPriority
        public var requester: Party
        public var assignee: Party

        public init(openedAt: Date, category: String, priority: TicketPriority, requester: Party, assignee: Party) {
            self.openedAt = openedAt
            self.category = category
            self.priority = priority
            self.requester = requester
            self.assignee = assignee
        }
    }

    /// Reads the clocks at `asOf` from the ticket's events and the policy frozen when it opened.
    /// - Parameter shares: shares of a target whose crossing instants to report (0.75 for an
    ///   escalation level at 75% of a target).
    public static func evaluate(
        _ ticket: Ticket, events: [TicketClockEvent], policy: ResponsePolicy, asOf: Date, shares: [Double] = []
    ) -> TicketClocks {
        var engine = Engine(ticket: ticket, policy: policy)
        engine.shares = shares
        var time = ticket.openedAt
        for event in events.filter({ $0.at <= asOf }).sorted(by: { $0.at < $1.at }) {
            engine.advance(from: max(time, ticket.openedAt), to: max(event.at, ticket.openedAt))
            time = max(event.at, ticket.openedAt)
            engine.apply(event)
        }
        engine.advance(from: time, to: max(asOf, time))
        return engine.readings(at: max(asOf, time))
    }

    /// The walk over a ticket's history: between two events nothing changes but time.
    struct Engine {
        let ticket: Ticket
        let policy: ResponsePolicy
        var calendar: BusinessCalendar { policy.calendar }
        var status = Domain.Ticket.Status.open
        var priority: TicketPriority
        var category: String
        var externalPause: Party?
        var firstResponse = Run()
        var firstResponded = false
        var resolution = Run()
        var update = Run()
        var updateOpen = false
        var updateStartedAt: Date?
        var firstUpdateBreach: Date?
        var shares: [Double] = []

        init(ticket: Ticket, policy: ResponsePolicy) {
            self.ticket = ticket
            self.policy = policy
            priority = ticket.priority
            category = ticket.category
        }

        /// One clock's used and paused time, and its breach.
        struct Run {
            var used = 0.0
            var paused = 0.0
            var pausedBy: Party?
            var breachedAt: Date?
            var stoppedAt: Date?
            var crossed: [Double: Date] = [:]
        }

        var target: ResponseTarget? { policy.target(category: category, priority: priority) }

        var isDone: Bool { status == .resolved || status == .closed }

        /// Who the resolution clock is waiting on, if it is paused.
        var pauseParty: Party? {
            if status == .waitingOnRequester { return ticket.requester }
            return externalPause
        }

        mutating func advance(from: Date, to: Date) {
            guard from < to else { return }
            let seconds = calendar.businessSeconds(from: from, to: to)
            guard seconds > 0 else { return }
            let hours = target
            if !firstResponded { run(&firstResponse, seconds: seconds, from: from, target: hours.map { $0.firstResponseHours * 3_600 }) }
            if updateOpen {
                run(&update, seconds: seconds, from: from, target: hours.map { $0.updateHours * 3_600 })
                if firstUpdateBreach == nil { firstUpdateBreach = update.breachedAt }
            }
            if !isDone {
                if let party = pauseParty {
                    resolution.paused += seconds
                    resolution.pausedBy = party
                } else {
                    run(&resolution, seconds: seconds, from: from, target: hours.map { $0.resolutionHours * 3_600 })
                }
            }
        }

        /// Adds running time; the breach is the instant the used time passes the target in effect.
        func run(_ clock: inout Run, seconds: Double, from: Date, target: Double?) {
            if let target {
                for share in shares where clock.crossed[share] == nil && clock.used + seconds >= share * target {
                    let need = share * target - clock.used
                    clock.crossed[share] = need <= 0 ? from : calendar.instant(after: need, from: from)
                }
            }
            if clock.breachedAt == nil, let target, clock.used + seconds > target {
                let need = target - clock.used
                clock.breachedAt = need <= 0 ? from : calendar.instant(after: need, from: from)
            }
            clock.used += seconds
        }

        mutating func apply(_ event: TicketClockEvent) {
            switch event.kind {
            case .publicMessage(let party) where party == ticket.assignee:
                if !firstResponded {
                    firstResponded = true
                    firstResponse.stoppedAt = event.at
                }
                if updateOpen {
                    updateOpen = false
                    update.stoppedAt = event.at
                }
            case .publicMessage:
                if !updateOpen, !isDone {
                    updateOpen = true
                    updateStartedAt = event.at
                    update = Run()
                }
            case .status(let new):
                let wasDone = isDone
                status = new
                if isDone, !wasDone {
                    if resolution.stoppedAt == nil { resolution.stoppedAt = event.at }
                    updateOpen = false
                }
            case .priority(let new):
                priority = new
                retarget(at: event.at)
            case .category(let new):
                category = new
                retarget(at: event.at)
            case .pause(let party): externalPause = party
            case .resume: externalPause = nil
            }
        }

        /// After a priority or category change: a running clock whose used time is already past its
        /// new target is breached at the change.
        mutating func retarget(at instant: Date) {
            guard let hours = target else { return }
            if !firstResponded, firstResponse.breachedAt == nil, firstResponse.used > hours.firstResponseHours * 3_600 {
                firstResponse.breachedAt = instant
            }
            if updateOpen, update.breachedAt == nil, update.used > hours.updateHours * 3_600 {
                update.breachedAt = instant
                if firstUpdateBreach == nil { firstUpdateBreach = instant }
            }
            if !isDone, resolution.breachedAt == nil, resolution.used > hours.resolutionHours * 3_600 { resolution.breachedAt = instant }
        }

        func readings(at instant: Date) -> TicketClocks {
            let hours = target
            func due(_ clock: Run, target: Double?) -> Date? {
                if let breached = clock.breachedAt { return breached }
                guard let target else { return nil }
                return calendar.instant(after: target - clock.used, from: instant)
            }
            var first = ClockReading(
                state: .running, dueAt: nil, breachedAt: firstResponse.breachedAt, businessSecondsUsed: firstResponse.used,
                businessSecondsPaused: 0, pausedBy: nil, stoppedAt: firstResponse.stoppedAt, sharesCrossedAt: firstResponse.crossed)
            first.isStopped = firstResponded
            if firstResponse.breachedAt != nil {
                first.state = .breached
                first.dueAt = firstResponse.breachedAt
            } else if firstResponded {
                first.state = .met
            } else {
                first.dueAt = due(firstResponse, target: hours.map { $0.firstResponseHours * 3_600 })
            }
            var updateReading = ClockReading(
                state: .met, dueAt: nil, breachedAt: firstUpdateBreach, businessSecondsUsed: update.used,
                businessSecondsPaused: 0, pausedBy: nil, stoppedAt: update.stoppedAt, sharesCrossedAt: update.crossed,
                cycleStartedAt: updateStartedAt)
            updateReading.isStopped = !updateOpen
            if updateOpen {
                updateReading.state = update.breachedAt == nil ? .running : .breached
                updateReading.dueAt = due(update, target: hours.map { $0.updateHours * 3_600 })
            } else if firstUpdateBreach != nil {
                updateReading.state = .breached
            } else if updateStartedAt == nil {
                updateReading.state = .notDue
            }
            var resolutionReading = ClockReading(
                state: .running, dueAt: nil, breachedAt: resolution.breachedAt, businessSecondsUsed: resolution.used,
                businessSecondsPaused: resolution.paused, pausedBy: resolution.pausedBy, stoppedAt: resolution.stoppedAt,
                sharesCrossedAt: resolution.crossed)
            resolutionReading.isStopped = isDone
            if resolution.breachedAt != nil {
                resolutionReading.state = .breached
                resolutionReading.dueAt = resolution.breachedAt
            } else if isDone {
                resolutionReading.state = .met
            } else if let waitingOn = pauseParty {
                resolutionReading.state = .paused
                // Whose wait it is shows from the first instant, even before any business time passes.
                resolutionReading.pausedBy = waitingOn
            } else {
                resolutionReading.dueAt = due(resolution, target: hours.map { $0.resolutionHours * 3_600 })
            }
            return TicketClocks(firstResponse: first, update: updateReading, resolution: resolutionReading)
        }
    }
}

extension TicketClockEvent {
    /// Pause and resume events for the spans a ticket waited on other parties' work (linked
    /// requests for action), overlapping spans merged; a span still open at the end stays paused.
    public static func waits(_ spans: [(from: Date, to: Date?, party: Party)]) -> [TicketClockEvent] {
        var events: [TicketClockEvent] = []
        var current: (from: Date, to: Date?, party: Party)?
        for span in spans.sorted(by: { $0.from < $1.from }) {
            if let open = current, open.to.map({ span.from <= $0 }) ?? true {
                current = (open.from, open.to.flatMap { end in span.to.map { max(end, $0) } }, open.party)
                continue
            }
            if let done = current {
                events.append(.init(at: done.from, kind: .pause(by: done.party)))
                if let end = done.to { events.append(.init(at: end, kind: .resume)) }
            }
            current = span
        }
        if let done = current {
            events.append(.init(at: done.from, kind: .pause(by: done.party)))
            if let end = done.to { events.append(.init(at: end, kind: .resume)) }
        }
        return events
    }
}
