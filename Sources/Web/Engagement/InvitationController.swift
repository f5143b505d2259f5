import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/invitations`: a practice engages a vendor by inviting its lead by e-mail; the lead
/// accepts (the engagement is made then) or refuses. Making an invitation answers the same
/// whether or not anyone has the address; an invitation that is not the caller's answers 404
/// exactly like one that does not exist.
struct InvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let invitations = routes.grouped("invitations")
        invitations.get(use: list)
        invitations.post(use: invite)
        invitations.post(":invitation", "accept", use: accept)
        invitations.post(":invitation", "refuse", use: refuse)
        invitations.post(":invitation", "withdraw", use: withdraw)
    }

    /// An invitation as JSON: the vendor is named only to the vendor, or once it accepted.
    struct InvitationDTO: Content {
        let id: String
        let email: String
        let status: String
        let practice: String
        let vendor: String?
        let invitedBy: String
        let invitedAt: Date
        let expiresAt: Date
        let signedOn: String?
        let template: String
        let decidedAt: Date?
        let reason: String?
        let engagement: String?

        init(_ listing: InvitationListing) {
            let invitation = listing.invitation
            id = invitation.id.description
            email = invitation.email
            status = listing.status.rawValue
            practice = listing.practiceName
            vendor = listing.vendorName
            invitedBy = listing.invitedByEmail
            invitedAt = invitation.invitedAt
            expiresAt = invitation.invitedAt.addingTimeInterval(EngagementInvitation.lifetime)
            signedOn = invitation.signedOn?.description
            template = invitation.template
            decidedAt = invitation.decidedAt
            reason = listing.status == .refused ? invitation.reason : nil
            engagement = listing.status == .accepted ? invitation.engagementID?.description : nil
        }
    }

    struct InviteBody: Content {
        var email: String?
        var template: String?
        var signedOn: String?
    }

    struct AcceptBody: Content {
        var confirmSignedOn: Bool?
    }

    struct RefuseBody: Content {
        var reason: String?
    }

    static func invitation(_ request: Request) throws -> EngagementInvitation.ID {
        let text = request.parameters.get("invitation") ?? ""
        guard let id = EngagementInvitation.ID(string: text) else { throw StoreError.notFound(kind: "invitation", id: text) }
        return id
    }

    /// The e-mail address a form or body names, as a 422 by the field when it is not one.
    static func address(_ text: String?) throws -> EmailAddress {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw APIError.invalidInput(field: "email", reason: "write the e-mail address of the vendor's lead") }
        do { return try EmailAddress(trimmed) } catch {
            throw APIError.invalidInput(field: "email", reason: "'\(trimmed.prefix(100))' is not an e-mail address")
        }
    }

    func list(_ request: Request) async throws -> Response {
        let listings = try await InvitationStore(request.tenantDB).list(visibleTo: try request.caller, now: request.now)
        return try JSONBody.response(["invitations": listings.map(InvitationDTO.init)])
    }

    /// 202 with the invitation, the same for an address nobody has: only the vendor's lead learns of it.
    func invite(_ request: Request) async throws -> Response {
        let caller = try request.caller
        guard Policy.allows(caller.user.role, .inviteVendor), caller.organization.kind == .practice else {
            throw InvitationError.notAllowed(caller.user.role, "invite vendors")
        }
        let body = try JSONBody.decode(InviteBody.self, from: request)
        let email = try Self.address(body.email)
        let templateName = body.template ?? ContractTemplate.medicalBilling.rawValue
        guard let template = ContractTemplate(rawValue: templateName) else { throw EngagementError.unknownTemplate(templateName) }
        let signedOn = try APIError.date(body.signedOn, field: "signedOn")
        let invitation = try await InvitationStore(request.tenantDB).invite(
            email, signedOn: signedOn, template: template, by: caller, now: request.now)
        let listing = try await InvitationStore(request.tenantDB).find(invitation.id, visibleTo: caller, now: request.now)
        return try JSONBody.response(InvitationDTO(listing), status: .accepted)
    }

    func accept(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try Self.invitation(request)
        let body = request.body.data == nil ? AcceptBody() : try JSONBody.decode(AcceptBody.self, from: request)
        let engagement = try await InvitationStore(request.tenantDB).accept(
            id, confirmsSignedOn: body.confirmSignedOn ?? false, by: caller, now: request.now)
        return try JSONBody.response(try await EngagementDTO.make(engagement, now: request.now, on: request.tenantDB), status: .created)
    }

    func refuse(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try Self.invitation(request)
        let body = request.body.data == nil ? RefuseBody() : try JSONBody.decode(RefuseBody.self, from: request)
        return try JSONBody.response(
            InvitationDTO(try await InvitationStore(request.tenantDB).refuse(id, reason: body.reason, by: caller, now: request.now)))
    }

    func withdraw(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try Self.invitation(request)
        return try JSONBody.response(InvitationDTO(try await InvitationStore(request.tenantDB).withdraw(id, by: caller, now: request.now)))
    }
}

/// The one error middleware maps errors it knows by type; an invitation's refusals carry their own status.
extension InvitationError: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .notAllowed: .forbidden
        case .notOpen, .alreadyInvited: .conflict
        case .signatureNotConfirmed: .unprocessableEntity
        }
    }

    public var reason: String { description }
}
