import Crypto
import Domain
import FluentKit
import Foundation

/// Table `ticket_watchers`.
final class TicketWatcherModel: Model, @unchecked Sendable {
    static let schema = "ticket_watchers"

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "added_at") var addedAt: Date

    init() {}
}

/// Table `ticket_attachments`.
final class TicketAttachmentModel: Model, @unchecked Sendable {
    static let schema = "ticket_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    @Field(key: "content") var content: Data
    @OptionalField(key: "uploaded_by") var uploadedBy: UUID?
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}

    var summary: TicketAttachment {
        TicketAttachment(
            id: id ?? UUID(), name: name, contentType: contentType, size: Int(size), sha256: sha256,
            uploadedBy: uploadedBy.map { .init($0) }, uploadedAt: uploadedAt)
    }
}

/// A file attached to a ticket, without its content.
public struct TicketAttachment: Sendable, Equatable, Encodable {
    public var id: UUID
    public var name: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: User.ID?
    public var uploadedAt: Date
}

/// A person on a ticket, as both parties see them.
public struct TicketPerson: Sendable, Equatable, Encodable {
    public var id: User.ID
    public var email: String
    public var organizationID: Organization.ID
}

/// Why a person cannot be put on a ticket.
public enum TicketPeopleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not an active person of the organisation the role needs.
    case notInParty(String)
    case attachment(AttachmentPolicy.Refusal)
    /// Only the party a ticket is assigned to names who works it.
    case otherPartyAssigns(Party)
    /// The caller may act only for themselves here (take a ticket, stop watching); why.
    case onlyYourself(String)

    public var description: String {
        switch self {
        case .notInParty(let why): why
        case .otherPartyAssigns(let party): "the ticket is assigned to the \(party.rawValue); only its people name who works it"
        case .onlyYourself(let why): why
        case .attachment(let refusal): refusal.description
        }
    }
}

extension TicketStore {
    /// Names the person of the assigned party who works the ticket (`nil` clears it).
    public func assign(_ id: Ticket.ID, to user: User.ID?, by caller: Caller, now: Date) async throws -> Ticket {
        try await database.atomically { transaction in
            let store = TicketStore(transaction)
            var (ticket, engagement) = try await store.findForChange(id, visibleTo: caller)
            guard caller.user.role.party == ticket.assignedParty else { throw TicketPeopleError.otherPartyAssigns(ticket.assignedParty) }
            if !Policy.allows(caller.user.role, .leadTickets), (user ?? ticket.assignee) != caller.user.id {
                throw TicketPeopleError.onlyYourself(
                    "your role (\(caller.user.role.rawValue)) may take a ticket or give it up, not name someone else to work it")
            }
            var data = ["user": "", "email": ""]
            if let user {
                let organization = ticket.assignedParty == .practice ? engagement.practiceID : engagement.vendorID
                let person = try await store.person(
                    user, in: [organization], on: engagement,
                    why:
                        "the assignee must be an active person of the \(ticket.assignedParty.rawValue), the party the ticket is assigned to"
                )
                data = ["user": person.id.description, "email": person.email]
            }
            try await TicketModel.query(on: transaction).filter(\.$id == id.rawValue).set(\.$assigneeUserID, to: user?.rawValue).update()
            _ = try await store.append(
                .assignee, to: ticket, practiceID: engagement.practiceID, at: now, actor: caller.user.id,
                party: caller.user.role.party, organization: caller.organization.id, data: data)
            ticket.assignee = user
            return ticket
        }
    }

    /// Adds (or, with `watching: false`, removes) a watcher: a person of either party, told of escalations.
    public func watch(_ id: Ticket.ID, user: User.ID, watching: Bool, by caller: Caller, now: Date) async throws -> [TicketPerson] {
        try await database.atomically { transaction in
            let store = TicketStore(transaction)
            let (ticket, engagement) = try await store.findForChange(id, visibleTo: caller)
            let person = try await store.person(
                user, in: [engagement.practiceID, engagement.vendorID], on: engagement,
                why: "a watcher must be an active person of the practice or the vendor")
            // Anyone may add a watcher; taking someone off is for themselves or a lead of their own organisation.
            if !watching, user != caller.user.id,
                !(Policy.allows(caller.user.role, .leadTickets) && person.organizationID == caller.organization.id)
            {
                throw TicketPeopleError.onlyYourself(
                    "you may take yourself off a ticket's watchers; others only a lead of their own organisation takes off")
            }
            let existing = try await TicketWatcherModel.query(on: transaction).filter(\.$ticketID == id.rawValue).filter(
                \.$userID == user.rawValue
            ).first()
            if watching, existing == nil {
                let row = TicketWatcherModel()
                row.id = UUID()
                row.ticketID = id.rawValue
                row.userID = user.rawValue
                row.addedAt = now
                try await row.create(on: transaction)
            } else if !watching, let existing {
                try await existing.delete(on: transaction)
            }
            if (existing == nil) == watching {
                _ = try await store.append(
                    .watcher, to: ticket, practiceID: engagement.practiceID, at: now, actor: caller.user.id,
                    party: caller.user.role.party, organization: caller.organization.id,
                    data: ["user": person.id.description, "email": person.email, "watching": watching ? "true" : "false"])
            }
            return try await store.watchers(of: id)
        }
    }

    /// The people watching a ticket.
    public func watchers(of id: Ticket.ID) async throws -> [TicketPerson] {
        let ids = try await TicketWatcherModel.query(on: database).filter(\.$ticketID == id.rawValue).all(\.$userID)
        guard !ids.isEmpty else { return [] }
        return try await UserModel.query(on: database).filter(\.$id ~~ ids).all()
            .map { TicketPerson(id: .init($0.id ?? UUID()), email: $0.email, organizationID: .init($0.$organization.id)) }.sorted {
                $0.email < $1.email
            }
    }

    /// Attaches a file checked against `AttachmentPolicy`; recorded in the history.
    public func attach(_ id: Ticket.ID, name: String, bytes: [UInt8], by caller: Caller, now: Date) async throws -> TicketAttachment {
        let kind: AttachmentPolicy.Kind
        do { kind = try AttachmentPolicy.check(name: name, bytes: bytes) } catch { throw TicketPeopleError.attachment(error) }
        return try await database.atomically { transaction in
            let store = TicketStore(transaction)
            let (ticket, engagement) = try await store.findForChange(id, visibleTo: caller)
            let row = TicketAttachmentModel()
            row.id = UUID()
            row.practiceID = engagement.practiceID.rawValue
            row.ticketID = id.rawValue
            row.name = name
            row.contentType = kind.contentType
            row.size = Int64(bytes.count)
            row.sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            row.content = Data(bytes)
            row.uploadedBy = caller.user.id.rawValue
            row.uploadedAt = now
            try await row.create(on: transaction)
            _ = try await store.append(
                .attachment, to: ticket, practiceID: engagement.practiceID, at: now, actor: caller.user.id,
                party: caller.user.role.party, organization: caller.organization.id,
                data: ["attachment": row.id?.uuidString ?? "", "name": name, "size": String(bytes.count)])
            return row.summary
        }
    }

    /// The files attached to a ticket, oldest first, without their content.
    public func attachments(of id: Ticket.ID) async throws -> [TicketAttachment] {
        try await TicketAttachmentModel.query(on: database).filter(\.$ticketID == id.rawValue).sort(\.$uploadedAt)
            .field(\.$id).field(\.$practiceID).field(\.$ticketID).field(\.$name).field(\.$contentType).field(\.$size).field(\.$sha256)
            .field(\.$uploadedBy).field(\.$uploadedAt).all().map(\.summary)
    }

    /// One attachment with its content, when `organization` is a party to the ticket.
    public func attachment(_ attachment: UUID, of id: Ticket.ID, visibleTo caller: Caller) async throws -> (TicketAttachment, Data) {
        _ = try await find(id, visibleTo: caller)
        guard
            let row = try await TicketAttachmentModel.query(on: database).filter(\.$id == attachment).filter(\.$ticketID == id.rawValue)
                .first()
        else {
            throw StoreError.notFound(kind: "attachment", id: attachment.uuidString)
        }
        // An attachment may hold patient data: its content is handed out only once the read is on record.
        try await AuditTrail(database).record(
            AuditEntry("phi.read", practice: row.practiceID, object: "attachment:\(attachment)", detail: "ticket \(id)"), at: Date())
        return (row.summary, row.content)
    }

    /// An active person of one of `organizations` who works on the engagement (the vendor's people only while members).
    private func person(
        _ user: User.ID, in organizations: [Organization.ID], on engagement: Engagement, why: String
    ) async throws -> TicketPerson {
        guard let row = try await UserModel.find(user.rawValue, on: database), row.deactivatedAt == nil,
            organizations.map(\.rawValue).contains(row.$organization.id)
        else { throw TicketPeopleError.notInParty(why) }
        if row.$organization.id == engagement.vendorID.rawValue, !(try await MembershipStore(database).isMember(user, of: engagement.id)) {
            throw TicketPeopleError.notInParty(why + ", on this engagement")
        }
        return TicketPerson(id: user, email: row.email, organizationID: .init(row.$organization.id))
    }
}

extension TicketPeopleError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .attachment(.tooLarge): .tooLarge
        case .otherPartyAssigns, .onlyYourself: .forbidden
        case .notInParty, .attachment: .invalid
        }
    }
}
