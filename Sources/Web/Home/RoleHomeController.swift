import Domain
import Fluent
import Foundation
import Persistence
import Vapor

/// `GET /home`: the signed-in person's first page, shaped by their role (see ``RoleHomePageModel``).
struct RoleHomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home", use: home)
    }

    func home(_ request: Request) async throws -> Response {
        let session = try request.webSession
        let caller = session.caller
        let now = request.now
        let database = request.tenantDB
        let role = caller.user.role
        let isPractice = caller.organization.kind == .practice
        var facts = RoleHomePageModel.Facts()
        let organizations = OrganizationStore(database)
        let tickets = TicketStore(database)
        let zone = caller.organization.timeZone
        let lastMonth = CalendarDate.on(now, in: zone).flatMap { CalendarMonth($0).adding(months: -1) }
        var standings: [TargetStanding] = []
        let today = CalendarDate.on(now, in: zone)
        for engagement in try await EngagementStore(database).list(visibleTo: caller) where engagement.status != .ended {
            let practice = try await organizations.find(engagement.practiceID)
            let vendor = try await organizations.find(engagement.vendorID)
            let name = isPractice ? vendor?.name ?? "vendor" : practice?.name ?? "practice"
            let versions = try await EngagementStore(database).versions(of: engagement.id)
            if isPractice, role != .practiceStaff {
                // Each target over its own latest period that has ended, judged once; the tiles and the summary share these verdicts.
                var judged: [TargetStanding] = []
                if let today, let lastMonth, let inForce = ContractVersion.inForce(on: lastMonth.lastDay, among: versions) {
                    judged = try await ServiceLevelStandings(database).standings(
                        of: engagement, targets: inForce.contract.serviceLevels.kpiTargets,
                        today: today, zone: practice?.timeZone ?? zone
                    ) {
                        MeasurementPeriod.latestEnded($0.period, before: today)
                    }
                }
                standings += judged.filter { standing in !standings.contains { $0.target.figure == standing.target.figure } }
                facts.performance.append(try await performance(of: engagement, name: name, standings: judged, tickets: tickets, now: now))
            }
            facts.decisions += try await decisions(on: engagement, name: name, versions: versions, caller: caller, database: database)
            try await transition(of: engagement, name: name, caller: caller, database: database, into: &facts)
            if role != .complianceAuditor {
                facts.queue += try await queue(
                    of: engagement, name: name, zone: practice?.timeZone, caller: caller, tickets: tickets, now: now)
            }
        }
        facts.decisions += try await RoleChangeStore(database).list(visibleTo: caller)
            .filter {
                $0.status == .requested && $0.requestedBy != caller.user.id && $0.userID != caller.user.id
                    && Policy.roles(.approveRoleChange, of: caller.organization.kind).contains(role)
            }
            .map {
                .init(
                    text: "Role change for \($0.email): \($0.from.label) → \($0.to.label)", link: "/people#role-changes", detail: $0.reason)
            }
        if !isPractice, Policy.allows(role, .answerInvitation) {
            facts.decisions += try await InvitationStore(database).list(visibleTo: caller, now: now).filter { $0.status == .pending }.map {
                listing in
                .init(
                    text: "\(listing.practiceName) invites your team to an engagement",
                    link: "/engagements#invitation-\(listing.invitation.id)",
                    detail: "from \(listing.invitedByEmail)"
                        + (listing.invitation.signedOn.map { "; agreement signed outside Sightline on \($0), for you to confirm" } ?? ""))
            }
        }
        if isPractice, Policy.allows(role, .readFigures), role != .practiceStaff, let lastMonth {
            let totals = try await KPIQuery(database).answer(
                KPIRequest(practiceID: caller.organization.id.rawValue, from: lastMonth.firstDay, to: lastMonth.lastDay))
            facts.money = (lastMonth, totals.totals, standings)
        }
        let model = RoleHomePageModel(chrome: PageChrome(caller: caller, csrf: session.csrfToken), caller: caller, facts: facts, now: now)
        return try await request.view.render("role-home", model).encodeResponse(for: request)
    }

    /// The notices published to staff on the engagement's transition, and for the plan's keepers the questions waiting for an answer.
    private func transition(
        of engagement: Engagement, name: String, caller: Caller, database: any Database, into facts: inout RoleHomePageModel.Facts
    ) async throws {
        guard let plan = try await TransitionStore(database).plan(of: engagement.id, for: caller) else { return }
        let link = "/engagements/\(engagement.id)/transition#notices"
        for notice in plan.notices {
            guard let published = notice.publishedAt else { continue }
            facts.notices.append((published, .init(text: "\(notice.task) (\(name))", link: link, detail: notice.changes)))
        }
        let waiting = plan.notices.flatMap(\.responses).filter { $0.answer == nil }.count
        if waiting > 0, Policy.allows(caller.user.role, .keepGovernance) {
            facts.decisions.append(
                .init(
                    text:
                        "\(waiting) staff \(waiting == 1 ? "question or comment" : "questions and comments") on the transition with \(name) \(waiting == 1 ? "waits" : "wait") for an answer",
                    link: link, detail: nil))
        }
    }

    private static let openStatuses = Set(Ticket.Status.allCases.filter { $0 != .resolved && $0 != .closed })

    private func performance(
        of engagement: Engagement, name: String, standings: [TargetStanding], tickets: TicketStore, now: Date
    ) async throws
        -> RoleHomePageModel.Performance
    {
        var open = TicketFilter()
        open.statuses = Self.openStatuses
        var breached = open
        breached.breached = true
        var waiting = TicketFilter()
        waiting.statuses = [.waitingOnRequester]
        waiting.parties = [.vendor]
        let serviceLevels = RoleHomePageModel.serviceLevels(standings)
        let link = "/engagements/\(engagement.id)"
        return .init(
            name: name, link: link, scorecardLink: link + "/scorecard",
            openTickets: try await tickets.count(open, in: engagement.id, at: now),
            breachedTickets: try await tickets.count(breached, in: engagement.id, at: now),
            waitingOnPractice: try await tickets.count(waiting, in: engagement.id, at: now),
            serviceLevels: serviceLevels.text, verdict: serviceLevels.verdict)
    }

    /// What on this engagement waits on the caller: approvals, acceptances, reviews.
    private func decisions(
        on engagement: Engagement, name: String, versions: [ContractVersion], caller: Caller, database: any Database
    ) async throws
        -> [RoleHomePageModel.Decision]
    {
        let role = caller.user.role
        let link = "/engagements/\(engagement.id)"
        var found: [RoleHomePageModel.Decision] = []
        if role.isAuthorisedApprover {
            for change in try await ChangeRequestStore(database).list(in: engagement.id, status: .proposed)
            where change.awaiting.contains(role.party) {
                found.append(
                    .init(
                        text: "Change request \(change.reference) with \(name) awaits your approval",
                        link: "\(link)/change-requests/\(change.id)", detail: change.title))
            }
            if let draft = versions.last, draft.status == .draft, !draft.acceptances.contains(where: { $0.party == role.party }) {
                found.append(
                    .init(
                        text: "Contract version \(draft.number) with \(name) awaits your acceptance", link: link + "#contract", detail: nil)
                )
            }
        }
        if Policy.allows(role, .approveMember) {
            for member in try await MembershipStore(database).members(of: engagement) where member.status == .requested {
                found.append(
                    .init(
                        text: "\(member.email) asks to join the engagement with \(name)", link: link + "#people", detail: member.role.label)
                )
            }
        }
        if Policy.allows(role, .readAccessReviews) {
            for review in try await AccessReviewStore(database).reviews(of: engagement, visibleTo: caller)
            where review.status == .open && (review.reviewerID == caller.user.id || role == .practiceAdmin) {
                found.append(
                    .init(
                        text: "Access review “\(review.title)” with \(name)", link: "/access-reviews/\(review.id)",
                        detail: "due \(review.dueOn), reviewer \(review.reviewerEmail)"))
            }
        }
        return found
    }

    /// Open tickets the caller's side works: the vendor's for its people (an agent's own and
    /// unassigned ones marked), the practice's for the practice.
    private func queue(
        of engagement: Engagement, name: String, zone: String?, caller: Caller, tickets: TicketStore, now: Date
    ) async throws -> [RoleHomePageModel.QueueTicket] {
        var filter = TicketFilter()
        filter.statuses = Self.openStatuses
        filter.parties = [caller.organization.kind == .practice ? .practice : .vendor]
        let found = try await tickets.search(filter, in: engagement.id, at: now, page: 1, perPage: 500).tickets
        let clocks = try await tickets.clocks(of: found, asOf: now)
        return found.compactMap { ticket in
            guard let reading = clocks[ticket.id] else { return nil }
            let mine = ticket.assignee == caller.user.id
            if caller.user.role == .vendorAgent, !mine, ticket.assignee != nil { return nil }
            return .init(ticket: ticket, clocks: reading, engagement: name, mine: mine, zone: zone)
        }
    }
}
