import Domain
import Foundation

/// `/engagements/{id}`: the contract in force on a day and everything hanging from it.
struct EngagementPageModel: Encodable, Equatable {
    struct Task: Encodable, Equatable {
        let key, name, workflow, placement, responsible, accountable, consulted, informed, handoff, proof, exceptionOwner: String
    }

    struct Target: Encodable, Equatable {
        let key, summary: String
    }

    struct ResponseRow: Encodable, Equatable {
        let category, priority, firstResponse, update, resolution: String
    }

    struct Contact: Encodable, Equatable {
        let party, purpose, name, channel, address, hours: String
        let isPrimary: Bool
    }

    struct Version: Encodable, Equatable {
        let number: Int
        let state: String
        let diffLink: String?
    }

    struct Request: Encodable, Equatable {
        let reference, title, kind, status, link, awaiting: String
    }

    struct Term: Encodable, Equatable {
        let label, text: String
    }

    struct Ticket: Encodable, Equatable {
        let reference, title, category, status, assignedParty, task: String
    }

    let chrome: PageChrome
    let id: String
    let title: String
    let status: String
    /// The day the contract is shown for, and what is shown.
    let day: String
    let versionLabel: String
    let warnings: [String]
    let hasWarnings: Bool
    let tasks: [Task]
    let targets: [Target]
    let calendar: String
    let responseTimes: [ResponseRow]
    let escalation: [String]
    let governance: [Term]
    let contacts: [Contact]
    let versions: [Version]
    let changeRequests: [Request]
    let tickets: [Ticket]
    let canEditContacts: Bool
    let people: PeopleSection
    let canAcceptDraft: Bool
    let canClose: Bool
    let purposes: [String]
    let channels: [String]
    let lastMonth: String
    let reported: Reported
    let canReport: Bool
    /// The draft may be edited by the signed-in person (practice administrator or manager).
    let canEditDraft: Bool
    /// The signed-in person logs vendor work.
    let canLogWork: Bool
    let taskKeys: [String]

    /// The vendor's figures for a month beside Sightline's.
    struct Reported: Encodable, Equatable {
        struct Row: Encodable, Equatable {
            let figure, reported, computed, difference: String
            let flagged: Bool
            let note: String
        }

        let month: String
        let tolerance: String
        let rows: [Row]
        let flagged: Int

        init(_ comparison: ReportedFigureComparison) {
            month = comparison.month.description
            tolerance = KPITarget.format(comparison.tolerance, rate: true)
            rows = comparison.lines.map { line in
                Row(
                    figure: FigureDefinition.label(line.figure), reported: DashboardPageModel.format(line.reported, figure: line.figure),
                    computed: line.computed.map { DashboardPageModel.format($0, figure: line.figure) } ?? "—",
                    difference: line.relativeDifference.map { KPITarget.format($0, rate: true) } ?? "—", flagged: line.flagged,
                    note: line.note ?? "")
            }
            flagged = comparison.flagged
        }
    }

    struct Input {
        let caller: Caller
        let csrf: String
        let engagement: Engagement
        let practiceName: String
        let vendorName: String
        let versions: [ContractVersion]
        let shown: ContractVersion
        let day: CalendarDate
        let contacts: [PointOfContact]
        let changeRequests: [ChangeRequest]
        let tickets: [Domain.Ticket]
        let fragmentation: [FragmentationWarning]
        let reported: ReportedFigureComparison
        let members: [EngagementMember]
    }

    init(_ input: Input) {
        let contract = input.shown.contract
        let engagementPath = "/engagements/\(input.engagement.id)"
        func parties(_ set: Set<Party>) -> String { set.sorted().map(\.rawValue).joined(separator: " + ").nilIfEmpty ?? "—" }
        chrome = PageChrome(caller: input.caller, csrf: input.csrf)
        id = input.engagement.id.description
        title = "\(input.practiceName) ↔ \(input.vendorName)"
        status = input.engagement.status.rawValue
        day = input.day.description
        versionLabel =
            input.shown.status == .draft
            ? "Draft version \(input.shown.number) (accepted by: \(input.shown.acceptances.map(\.party.rawValue).joined(separator: ", ").nilIfEmpty ?? "nobody yet"))"
            : "Version \(input.shown.number), in force from \(input.shown.effectiveFrom?.description ?? "?")"
        warnings =
            contract.grid.gaps.map(\.message) + input.fragmentation.map(\.message)
            + ContactDirectory.primaryProblems(input.contacts).map(\.message)
        hasWarnings = !warnings.isEmpty
        tasks = contract.grid.tasks.map {
            Task(
                key: $0.key, name: $0.name, workflow: "\($0.workflow) · step \($0.step)", placement: $0.placement,
                responsible: parties($0.responsible),
                accountable: parties($0.accountable), consulted: parties($0.consulted), informed: parties($0.informed), handoff: $0.handoff,
                proof: $0.proof, exceptionOwner: $0.exceptionOwner ?? "—")
        }
        targets = contract.serviceLevels.kpiTargets.map { Target(key: $0.key, summary: $0.summary) }
        let calendar = contract.serviceLevels.responsePolicy.calendar
        let hours = Dictionary(grouping: calendar.hours, by: \.day)
        self.calendar =
            Weekday.allCases.compactMap { day in
                hours[day].map { "\(day.rawValue.prefix(3).capitalized) " + $0.map { "\($0.opens)–\($0.closes)" }.joined(separator: ", ") }
            }.joined(separator: "; ") + " (\(calendar.timeZone); \(calendar.holidays.count) holidays)"
        responseTimes = contract.serviceLevels.responsePolicy.targets.map {
            ResponseRow(
                category: $0.category == ResponseTarget.anyCategory ? "any" : $0.category, priority: $0.priority.rawValue,
                firstResponse: $0.firstResponseHours.hoursText, update: $0.updateHours.hoursText, resolution: $0.resolutionHours.hoursText)
        }
        escalation = contract.serviceLevels.escalationLadder.map {
            "\($0.trigger.summary): \($0.recipients.map { $0.label }.joined(separator: ", "))"
        }
        let terms = contract.governance
        governance = [
            Term(label: "Reviews", text: terms.reviewCadence.rawValue),
            Term(label: "Data ownership", text: terms.dataOwnership),
            Term(label: "Access", text: terms.accessRules),
            Term(
                label: "Exit",
                text:
                    "\(terms.exit.exportFormats.joined(separator: ", ")) within \(terms.exit.deliveryDays) days; kept \(terms.exit.retentionDays) days after; return-or-destroy attestation \(terms.exit.returnOrDestroyAttestation ? "required" : "not required")"
            ),
            Term(label: "Pricing", text: Self.pricing(terms.pricing)),
            Term(
                label: "Vendor-reported figures",
                text: "flagged beyond \(KPITarget.format(contract.serviceLevels.reportingTolerance, rate: true)) of Sightline's"),
        ]
        contacts = input.contacts.map {
            Contact(
                party: $0.party.rawValue, purpose: $0.purpose.label, name: $0.name, channel: $0.channel.rawValue, address: $0.address,
                hours: $0.hours, isPrimary: $0.isPrimary)
        }
        versions = input.versions.reversed().map { version in
            Version(
                number: version.number,
                state: version.status == .draft
                    ? "draft"
                    : "in force from \(version.effectiveFrom?.description ?? "?")"
                        + (version.changeRequest.map { id in input.changeRequests.first { $0.id == id }.map { " (\($0.reference))" } ?? "" }
                            ?? ""),
                diffLink: version.number > 1
                    ? PageLink.to("\(engagementPath)/diff", [("from", version.number - 1), ("to", version.number)]) : nil)
        }
        changeRequests = input.changeRequests.map {
            Request(
                reference: $0.reference, title: $0.title, kind: $0.kind.label, status: $0.status.rawValue,
                link: "\(engagementPath)/change-requests/\($0.id)",
                awaiting: $0.status == .proposed ? $0.awaiting.map(\.rawValue).joined(separator: ", ") : "")
        }
        tickets = input.tickets.prefix(20).map {
            Ticket(
                reference: $0.reference, title: $0.title, category: $0.category.label,
                status: $0.status.label, assignedParty: $0.assignedParty.rawValue, task: $0.gridTask ?? "—")
        }
        let role = input.caller.user.role
        canEditContacts = Policy.allows(role, .maintainContacts)
        people = PeopleSection(input.members, engagementPath: engagementPath, caller: input.caller)
        canAcceptDraft =
            input.versions.last?.status == .draft && role.isAuthorisedApprover
            && !(input.versions.last?.acceptances.contains { $0.party == role.party } ?? true)
        canClose = Policy.allows(role, .closePeriod)
        purposes = PointOfContact.Purpose.allCases.map(\.rawValue)
        channels = PointOfContact.Channel.allCases.map(\.rawValue)
        lastMonth = (CalendarMonth(input.day).adding(months: -1) ?? CalendarMonth(input.day)).description
        reported = Reported(input.reported)
        canReport = role.party == .vendor
        canEditDraft = input.shown.status == .draft && Policy.allows(role, .editContract)
        canLogWork = role.party == .vendor
        taskKeys = contract.grid.tasks.map(\.key)
    }

    static func pricing(_ pricing: Pricing) -> String {
        var parts = [pricing.model.label]
        if let percent = pricing.percentOfCollections { parts.append("\(KPITarget.format(percent, rate: true)) of collections") }
        if let perClaim = pricing.perClaim { parts.append("\(perClaim.shown) per claim") }
        if let perFTE = pricing.perFTEMonthly { parts.append("\(perFTE.shown) per FTE a month") }
        if let minimum = pricing.monthlyMinimum { parts.append("at least $\(minimum) a month") }
        return parts.joined(separator: ", ")
    }
}

extension Double {
    /// `8 h`, `0.5 h`.
    var hoursText: String { (self == rounded() ? String(Int(self)) : String(self)) + " h" }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
