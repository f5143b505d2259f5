import Domain
import Foundation
import Persistence
import Vapor

/// Sets who acts for the audit records a request writes: its client address and request id now,
/// the signed-in person once ``SessionAuthMiddleware`` or ``BearerAuthMiddleware`` knows them.
struct AuditContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let actor = AuditActor(address: request.clientAddress, requestID: request.id)
        return try await AuditActor.$current.withValue(actor) { try await next.respond(to: request) }
    }
}

extension Request {
    /// The client's address: the connection's peer, or through a trusted proxy the address it
    /// forwarded for (``TrustedProxies``).
    var clientAddress: String? {
        sightline.configuration.trustedProxies.client(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor])
    }

    /// Serves the rest of the request with `caller` as the actor of its audit records.
    func serving(as caller: Caller, _ body: () async throws -> Response) async throws -> Response {
        setCaller(caller)
        let actor = (AuditActor.current ?? AuditActor(address: clientAddress, requestID: id)).acting(as: caller)
        return try await AuditActor.$current.withValue(actor) { try await body() }
    }

    /// Writes an audit record for this request before it answers. When the record cannot be
    /// written the request fails, so patient data is never shown without its record.
    func audit(_ entry: AuditEntry) async throws {
        try await AuditTrail(tenantDB).record(entry, at: now)
    }
}
