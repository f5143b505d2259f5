import Crypto
import Domain
import FluentKit
import Foundation

/// Table `web_sessions`: one browser sign-in.
final class WebSessionModel: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "csrf_token") var csrfToken: String
    @Parent(key: "user_id") var user: UserModel
    @Parent(key: "organization_id") var organization: OrganizationModel
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    /// Set while the session has passed its password but not its second step: good only for that step, until then.
    @OptionalField(key: "second_step_until") var secondStepUntil: Date?

    init() {}
}

/// A signed-in browser: who, and the token its forms must carry.
public struct WebSession: Sendable, Equatable {
    public let id: UUID
    public let caller: Caller
    /// The anti-forgery token every form of this session carries.
    public let csrfToken: String
}

/// A new sign-in: the cookie secret exists only here (the database keeps its digest).
public struct StartedSession: Sendable {
    public let secret: String
    public let session: WebSession
}

/// Browser sessions: sign-in with e-mail and password, idle and absolute timeouts, sign-out.
public struct WebSessionStore: Sendable {
    /// A session ends after this long without a request.
    public static let idleTimeout: TimeInterval = 30 * 60
    /// And this long after sign-in, whatever happens.
    public static let absoluteTimeout: TimeInterval = 12 * 3_600
    /// The time a person has between their password and their second step.
    public static let secondStepTimeout: TimeInterval = 10 * 60

    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Checks the password and starts a new session (a new id on every sign-in) that is good only
    /// for the second step (``completeSecondStep(_:now:)``) for ten minutes. Returns `nil` for an
    /// unknown address, a wrong password or a deactivated account alike.
    public func signIn(email: String, password: String, hasher: BcryptHasher, now: Date) async throws -> StartedSession? {
        let address = (try? EmailAddress(email))?.value ?? ""
        let user = try await UserModel.query(on: database).filter(\.$email == address).with(\.$organization).first()
        guard let user else {
            // An unknown address still pays for one bcrypt round, so timing does not tell which addresses exist.
            _ = try? hasher.hash(password)
            return nil
        }
        guard hasher.verify(password, against: user.passwordHash), user.deactivatedAt == nil, let userID = user.id else { return nil }
        let secret = Self.randomToken(), csrf = Self.randomToken()
        let row = WebSessionModel()
        row.id = UUID()
        row.tokenHash = Self.digest(secret)
        row.csrfToken = csrf
        row.$user.id = userID
        row.$organization.id = user.$organization.id
        row.createdAt = now
        row.lastSeenAt = now
        row.expiresAt = now.addingTimeInterval(Self.secondStepTimeout)
        row.secondStepUntil = now.addingTimeInterval(Self.secondStepTimeout)
        try await row.create(on: database)
        let caller = Caller(user: try user.domain(), organization: try user.organization.domain())
        return StartedSession(secret: secret, session: WebSession(id: row.id ?? UUID(), caller: caller, csrfToken: csrf))
    }

    /// The session a cookie secret stands for while it waits for its second step, or `nil`.
    public func pending(secret: String, now: Date) async throws -> WebSession? {
        guard secret.count >= 20, secret.count < 200 else { return nil }
        guard
            let row = try await WebSessionModel.query(on: database).filter(\.$tokenHash == Self.digest(secret))
                .with(\.$user).with(\.$organization).first(),
            row.endedAt == nil, let until = row.secondStepUntil, until > now, row.user.deactivatedAt == nil, let id = row.id
        else { return nil }
        return WebSession(
            id: id, caller: Caller(user: try row.user.domain(), organization: try row.organization.domain()), csrfToken: row.csrfToken)
    }

    /// Ends the half-way session and starts the signed-in one, with a new id and secret.
    public func completeSecondStep(_ pending: WebSession, now: Date) async throws -> StartedSession {
        try await database.atomically { transaction in
            let ended = try await WebSessionModel.query(on: transaction).filter(\.$id == pending.id).filter(\.$endedAt == nil)
                .filter(\.$secondStepUntil > now).first()
            guard let ended else { throw StoreError.notFound(kind: "sign-in", id: pending.id.uuidString) }
            ended.endedAt = now
            try await ended.update(on: transaction)
            let secret = Self.randomToken(), csrf = Self.randomToken()
            let row = WebSessionModel()
            row.id = UUID()
            row.tokenHash = Self.digest(secret)
            row.csrfToken = csrf
            row.$user.id = pending.caller.user.id.rawValue
            row.$organization.id = pending.caller.organization.id.rawValue
            row.createdAt = now
            row.lastSeenAt = now
            row.expiresAt = now.addingTimeInterval(Self.absoluteTimeout)
            try await row.create(on: transaction)
            return StartedSession(secret: secret, session: WebSession(id: row.id ?? UUID(), caller: pending.caller, csrfToken: csrf))
        }
    }

    /// The session a cookie secret stands for, or `nil` when it is unknown, ended, idle for 30
    /// minutes, older than 12 hours, or its user is deactivated. Marks it as seen.
    public func authenticate(secret: String, now: Date) async throws -> WebSession? {
        guard secret.count >= 20, secret.count < 200 else { return nil }
        guard
            let row = try await WebSessionModel.query(on: database).filter(\.$tokenHash == Self.digest(secret))
                .with(\.$user).with(\.$organization).first(),
            row.endedAt == nil, row.secondStepUntil == nil, row.expiresAt > now, now.timeIntervalSince(row.lastSeenAt) < Self.idleTimeout,
            row.user.deactivatedAt == nil, let id = row.id
        else { return nil }
        // One write a minute at most: enough for a 30-minute idle timeout.
        if now.timeIntervalSince(row.lastSeenAt) > 60 {
            row.lastSeenAt = now
            try await row.update(on: database)
        }
        return WebSession(
            id: id, caller: Caller(user: try row.user.domain(), organization: try row.organization.domain()), csrfToken: row.csrfToken)
    }

    /// Ends the session on the server: its cookie no longer signs anyone in.
    public func signOut(_ id: UUID, now: Date) async throws {
        try await WebSessionModel.query(on: database).filter(\.$id == id).set(\.$endedAt, to: now).update()
    }

    /// 32 random bytes, URL-safe.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncoded()
    }

    static func digest(_ secret: String) -> String { APITokenStore.digest(secret) }

}
