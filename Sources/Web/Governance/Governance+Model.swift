import Domain
import Foundation

/// `/engagements/{id}/governance`: reviews, the risk register and the actions reviews ended in.
struct GovernancePageModel: Encodable, Equatable {
    struct ReviewRow: Encodable, Equatable {
        let number: Int
        let link, scheduledOn, period, status: String
        let agendaItems: Int
    }

    struct RiskRow: Encodable, Equatable {
        let reference, link, title, category, owner, mitigation, reviewOn, status, level: String
        let likelihood, impact, score: Int
    }

    struct ActionRow: Encodable, Equatable {
        let reference, link, title, owner, dueOn, linksTo, status, reviewLink: String
        let overdue: Bool
    }

    struct Option: Encodable, Equatable {
        let value, label: String
        let selected: Bool
    }

    let chrome: PageChrome
    let engagementLink: String
    let action: String
    let cadence: String
    let reviews: [ReviewRow]
    let risks: [RiskRow]
    let actions: [ActionRow]
    let canKeep: Bool
    let categories: [Option]
    let people: [Option]
    let ratings: [Int]
    /// What was typed in a refused form, and what to fix, by field.
    let form: [String: String]
    let errors: [String: String]

    init(
        chrome: PageChrome, engagementID: Engagement.ID, cadence: String, reviews: [GovernanceReview], risks: [Risk],
        actions: [ReviewAction],
        people: [String], canKeep: Bool, today: CalendarDate, form: [String: String] = [:], errors: [String: String] = [:]
    ) {
        self.chrome = chrome
        engagementLink = "/engagements/\(engagementID)"
        action = "/engagements/\(engagementID)"
        self.cadence = cadence
        self.reviews = reviews.map {
            ReviewRow(
                number: $0.number, link: "/reviews/\($0.id)", scheduledOn: $0.scheduledOn.description,
                period: MeasurementPeriod.label(from: $0.periodFrom, to: $0.periodTo),
                status: $0.status.rawValue, agendaItems: $0.agenda.count)
        }
        self.risks = risks.sorted {
            ($0.status == .open ? 0 : 1, -$0.score, $0.number) < ($1.status == .open ? 0 : 1, -$1.score, $1.number)
        }.map {
            RiskRow(
                reference: $0.reference, link: "/risks/\($0.id)", title: $0.title, category: $0.category.rawValue, owner: $0.ownerEmail,
                mitigation: $0.mitigation, reviewOn: $0.reviewOn.description, status: $0.status.rawValue, level: $0.level.rawValue,
                likelihood: $0.likelihood, impact: $0.impact, score: $0.score)
        }
        let reviewLinks = Dictionary(reviews.map { ($0.id, "/reviews/\($0.id)") }, uniquingKeysWith: { first, _ in first })
        self.actions = actions.map {
            ActionRow(
                reference: $0.reference, link: "/actions/\($0.id)", title: $0.title, owner: $0.ownerEmail, dueOn: $0.dueOn.description,
                linksTo: $0.linksTo, status: $0.status.rawValue, reviewLink: reviewLinks[$0.reviewID] ?? "",
                overdue: $0.isOverdue(on: today))
        }
        self.canKeep = canKeep
        categories = Risk.Category.allCases.map {
            Option(value: $0.rawValue, label: $0.rawValue.capitalized, selected: form["category"] == $0.rawValue)
        }
        self.people = people.map { Option(value: $0, label: $0, selected: form["owner"] == $0) }
        ratings = Array(1...5)
        self.form = form
        self.errors = errors
    }
}

/// `/reviews/{id}`: one review's agenda, minutes and actions.
struct ReviewPageModel: Encodable, Equatable {
    struct Item: Encodable, Equatable {
        let source, text: String
        let link: String?
    }

    let chrome: PageChrome
    let governanceLink: String
    let action: String
    let title: String
    let period: String
    let held: Bool
    let agenda: [Item]
    let attendees: [String]
    let decisions: [String]
    let notes: String
    let actions: [GovernancePageModel.ActionRow]
    let canKeep: Bool
    let people: [GovernancePageModel.Option]
    let form: [String: String]
    let errors: [String: String]

    init(
        chrome: PageChrome, review: GovernanceReview, actions: [ReviewAction], people: [String], canKeep: Bool, today: CalendarDate,
        form: [String: String] = [:], errors: [String: String] = [:]
    ) {
        self.chrome = chrome
        governanceLink = "/engagements/\(review.engagementID)/governance"
        action = "/reviews/\(review.id)"
        title = "Governance review \(review.number), \(review.scheduledOn)"
        period = MeasurementPeriod.label(from: review.periodFrom, to: review.periodTo)
        held = review.status == .held
        agenda = review.agenda.map { Item(source: $0.source.label, text: $0.text, link: $0.link) }
        attendees = review.attendees
        decisions = review.decisions
        notes = review.notes
        self.actions = actions.filter { $0.reviewID == review.id }.map {
            GovernancePageModel.ActionRow(
                reference: $0.reference, link: "/actions/\($0.id)", title: $0.title, owner: $0.ownerEmail, dueOn: $0.dueOn.description,
                linksTo: $0.linksTo, status: $0.status.rawValue, reviewLink: "", overdue: $0.isOverdue(on: today))
        }
        self.canKeep = canKeep
        self.people = people.map { GovernancePageModel.Option(value: $0, label: $0, selected: form["owner"] == $0) }
        self.form = form
        self.errors = errors
    }
}
