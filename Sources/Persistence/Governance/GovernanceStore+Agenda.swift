import Domain
import FluentKit
import Foundation

/// A review action overdue, and the ticket it opened.
public struct OverdueReviewAction: Sendable, Equatable, Encodable {
    public var action: String
    public var ticket: String
}

extension GovernanceStore {
    /// Figures every agenda shows the trend of, beside those the contract sets targets for.
    static let agendaFigures = [Figure.initialDenialRate, .cleanClaimRate, .netCollectionRate, .daysInAR, .arOver90Pct].map(\.rawValue)

    /// What happened in the period, for the agenda: each figure against the period before — a
    /// figure with a target over the target's own period, judged by ``ServiceLevelJudge`` as of
    /// the practice's today, with what the close judged when that differs — service levels the
    /// closes judged missed, tickets opened and breached, open escalations, risks, training needs
    /// the tickets point at, and actions still open.
    func agendaSources(_ engagement: Engagement, from: CalendarDate, to: CalendarDate, now: Date) async throws -> AgendaSources {
        var sources = AgendaSources()
        let zone = try await OrganizationStore(database).find(engagement.practiceID)?.timeZone ?? "UTC"
        let today = CalendarDate.on(now, in: zone) ?? to
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        let targets = ContractVersion.inForce(on: min(to, today), among: versions)?.contract.serviceLevels.kpiTargets ?? []
        let tickets = TicketStore(database)
        let card = try await tickets.scorecard(of: engagement.id, from: from, to: to, zone: zone, asOf: now)
        sources.serviceLevelMisses = card.targets.filter { $0.outcome == .missed }.map(\.missedWords)
        let query = try KPIQuery(database)
        func totals(_ from: CalendarDate, _ to: CalendarDate) async throws -> KPIFigures {
            try await query.answer(KPIRequest(practiceID: engagement.practiceID.rawValue, from: from, to: to, asOf: min(to, today))).totals
        }
        let lastMonth = CalendarMonth(to)
        let standings = try await ServiceLevelStandings(database).standings(of: engagement, targets: targets, today: today, zone: zone) {
            MeasurementPeriod($0.period, containing: lastMonth)
        }
        let before = MeasurementPeriod.before(from: from, to: to)
        let reviewed = try await totals(from, to), previous = try await totals(before.from, before.to)
        var figures = Self.agendaFigures
        for target in targets where !figures.contains(target.figure) { figures.append(target.figure) }
        for figure in figures {
            if let standing = standings.first(where: { $0.target.figure == figure }) {
                let earlier = standing.period.previous
                sources.trends.append(.init(standing, previous: try await totals(earlier.from, earlier.to).value(of: figure)))
            } else {
                sources.trends.append(
                    .init(
                        figure: figure, label: FigureCatalogue.label(figure), period: MeasurementPeriod.label(from: from, to: to),
                        value: reviewed.value(of: figure).map { FigureCatalogue.format($0, figure: figure) },
                        previousPeriod: MeasurementPeriod.label(from: before.from, to: before.to),
                        previous: previous.value(of: figure).map { FigureCatalogue.format($0, figure: figure) }))
            }
        }
        let items = try await tickets.reportItems(in: engagement.id, from: from, to: to, zone: zone, asOf: now)
        sources.ticketsOpened = items.count
        sources.breachedTickets = items.filter {
            [$0.clocks.firstResponse, $0.clocks.update, $0.clocks.resolution].contains { $0.breachedAt != nil }
        }
        .sorted { $0.ticket.number < $1.ticket.number }.map(\.ticket.reference)
        sources.trainingNeeds = items.filter { [.processGap, .documentationNeeded].contains($0.ticket.category) }
            .sorted { $0.ticket.number < $1.ticket.number }.map { "\($0.ticket.reference) \($0.ticket.title)" }
        var open = TicketFilter()
        open.statuses = Set(Ticket.Status.allCases.filter { $0 != .resolved && $0 != .closed })
        let openTickets = try await tickets.search(open, in: engagement.id, at: now, page: 1, perPage: 500).tickets
        if !openTickets.isEmpty {
            let escalations = try await TicketEventModel.query(on: database).filter(\.$ticketID ~~ openTickets.map(\.id.rawValue))
                .filter(\.$kind == TicketEvent.Kind.escalation.rawValue).sort(\.$sequence).all()
            var levels: [UUID: String] = [:]
            for event in escalations {
                let data = (try? JSONDecoder().decode([String: String].self, from: Data(event.data.utf8))) ?? [:]
                levels[event.ticketID] = data["level"] ?? "escalated"
            }
            sources.openEscalations = openTickets.filter { levels[$0.id.rawValue] != nil }.sorted { $0.number < $1.number }
                .map { (reference: $0.reference, text: "\($0.title) (\(levels[$0.id.rawValue] ?? ""))") }
        }
        for audit in try await QualityAuditStore(database).audits(in: engagement.id).reversed() {
            for sampled in audit.claims {
                for finding in sampled.findings {
                    guard let found = CalendarDate.on(finding.foundAt, in: zone), found >= from, found <= to else { continue }
                    sources.findings.append(
                        "audit \(audit.number), claim \(sampled.claim): \(finding.type.rawValue), \(finding.severity.rawValue)"
                            + (finding.note.isEmpty ? "" : " — \(finding.note.prefix(200))")
                            + (finding.correctedAt == nil ? "" : " (corrected)"))
                }
            }
        }
        sources.risks = try await risks(in: engagement.id)
        sources.openActions = try await actions(in: engagement.id).filter { $0.status == .open }
        return sources
    }

    /// Opens one ticket per action still open after its due day (in the practice's time zone),
    /// assigned to the owner's party and to the owner, high priority, so it escalates on the
    /// contract's ladder like any other; once per action however many sweeps see it.
    public func escalateOverdue(at now: Date) async throws -> [OverdueReviewAction] {
        var opened: [OverdueReviewAction] = []
        let candidates = try await ReviewActionModel.query(on: database).filter(\.$status == ReviewAction.Status.open.rawValue).filter(
            \.$ticketID == nil
        ).all()
        var zones: [UUID: String] = [:]
        for candidate in candidates {
            guard let id = candidate.id else { continue }
            if zones[candidate.practiceID] == nil {
                zones[candidate.practiceID] = try await OrganizationStore(database).find(.init(candidate.practiceID))?.timeZone ?? "UTC"
            }
            guard let today = CalendarDate.on(now, in: zones[candidate.practiceID] ?? "UTC"), let due = CalendarDate(candidate.dueOn),
                due < today
            else { continue }
            if let done = try await database.atomically({ transaction in try await GovernanceStore(transaction).escalate(id, now: now) }) {
                opened.append(done)
            }
        }
        return opened
    }

    private func escalate(_ id: UUID, now: Date) async throws -> OverdueReviewAction? {
        guard let row = try await ReviewActionModel.find(id, on: database), row.status == ReviewAction.Status.open.rawValue,
            row.ticketID == nil,
            let engagement = try await EngagementModel.find(row.engagementID, on: database)?.domain()
        else { return nil }
        let owner = try await UserModel.query(on: database).filter(\.$email == row.ownerEmail).first()
        let party: Party = owner?.$organization.id == engagement.vendorID.rawValue ? .vendor : .practice
        var ticket = try await TicketStore(database).insert(
            engagement: engagement, category: .requestForAction, priority: .high,
            title: "Review action overdue: A-\(row.number) \(row.title.prefix(120))",
            detail: "Due \(row.dueOn), owner \(row.ownerEmail)." + (row.linksTo.isEmpty ? "" : " Linked to \(row.linksTo).")
                + " Close it on the engagement's governance page.",
            requester: .practice, assignedParty: party, gridTask: nil, openedBy: nil, now: now,
            evidence: ["reviewAction": id.uuidString], dedupeKey: "review-action:\(id)")
        if ticket.assignee == nil, let owner, let ownerID = owner.id, owner.deactivatedAt == nil {
            try await TicketModel.query(on: database).filter(\.$id == ticket.id.rawValue).set(\.$assigneeUserID, to: ownerID).update()
            _ = try await TicketStore(database).append(
                .assignee, to: ticket, practiceID: engagement.practiceID, at: now, actor: nil, party: nil,
                organization: nil, data: ["user": ownerID.uuidString, "email": owner.email])
            ticket.assignee = .init(ownerID)
        }
        row.ticketID = ticket.id.rawValue
        try await row.update(on: database)
        try await AuditTrail(database).record(
            AuditEntry(
                "review.action.overdue", practice: row.practiceID, object: "action:\(id)", severity: .high,
                detail: "A-\(row.number) due \(row.dueOn); ticket \(ticket.reference)"), at: now)
        try await MailOutbox(database).enqueue(
            MailMessage(
                to: row.ownerEmail, subject: "[Sightline] Review action overdue: A-\(row.number)",
                body:
                    "The action \"\(row.title)\" from a governance review was due \(row.dueOn). Ticket \(ticket.reference) now tracks it and escalates on the contract's ladder.\n"
            ),
            practiceID: engagement.practiceID, now: now)
        return OverdueReviewAction(action: "A-\(row.number)", ticket: ticket.reference)
    }
}
