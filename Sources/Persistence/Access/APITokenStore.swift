import Crypto
import Domain
import FluentKit
import Foundation

/// A newly issued API token. The secret exists only here: the database keeps its digest.
public struct IssuedToken: Sendable {
    /// The bearer secret to hand to the user once.
    public let secret: String
    /// When the token stops working.
    public let expiresAt: Date
    /// What it may be used for.
    public let scopes: Set<TokenScope>
}

/// A token as its owner and administrators see it: never its secret.
public struct TokenSummary: Sendable, Equatable {
    public let id: UUID
    public let label: String
    public let scopes: Set<TokenScope>
    public let createdAt: Date?
    public let expiresAt: Date
    public let revokedAt: Date?
}

/// An authenticated bearer: who, and what the token allows.
public struct TokenBearer: Sendable, Equatable {
    public let caller: Caller
    public let scopes: Set<TokenScope>
    public let tokenID: UUID
}

/// Issues and checks bearer tokens for `/api/v1`.
public struct APITokenStore: Sendable {
    let database: any Database

    /// Prefix that makes a Sightline token recognisable in a secret scanner.
    public static let secretPrefix = "sl_"

    /// A store over `database` (a connection or an open transaction).
    public init(_ database: any Database) { self.database = database }

    /// Issues a token for the user signing in with `email`, valid for `lifetime` from `now`.
    public func issue(
        for email: EmailAddress, lifetime: TokenLifetime, scopes: Set<TokenScope> = TokenScope.standard, label: String = "cli", now: Date
    ) async throws -> IssuedToken {
        guard let user = try await UserModel.query(on: database).filter(\.$email == email.value).first(),
            let userID = user.id
        else { throw StoreError.userNotFound(email: email.value) }
        guard user.deactivatedAt == nil else { throw StoreError.userDeactivated(email: email.value) }
        var generator = SystemRandomNumberGenerator()  // getrandom(2) on Linux: cryptographically secure
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = Self.secretPrefix + Data(bytes).base64URLEncoded()
        let expiresAt = now.addingTimeInterval(TimeInterval(lifetime.seconds))
        try await database.atomically { transaction in
            try await APITokenModel(
                organizationID: user.$organization.id, userID: userID,
                tokenHash: Self.digest(secret), label: label, expiresAt: expiresAt, scopes: TokenScope.text(scopes)
            ).create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "permission.change", object: "user:\(userID)", severity: scopes.contains(.admin) ? .high : .info,
                    detail: "API token '\(label.prefix(60))' issued for \(TokenScope.text(scopes))"), at: now)
        }
        return IssuedToken(secret: secret, expiresAt: expiresAt, scopes: scopes)
    }

    /// The caller a bearer secret stands for, or `nil` when it is unknown, expired, revoked or
    /// belongs to a deactivated user. Every failure looks the same to the client.
    public func authenticate(secret: String, now: Date) async throws -> TokenBearer? {
        guard secret.hasPrefix(Self.secretPrefix), secret.count < 200 else { return nil }
        guard
            let token = try await APITokenModel.query(on: database)
                .filter(\.$tokenHash == Self.digest(secret)).with(\.$user).with(\.$organization).first(),
            token.revokedAt == nil, token.expiresAt > now, token.user.deactivatedAt == nil, let id = token.id
        else { return nil }
        let scopes = (try? TokenScope.parse(token.scopes ?? "")) ?? []
        return TokenBearer(
            caller: Caller(user: try token.user.domain(), organization: try token.organization.domain()), scopes: scopes, tokenID: id)
    }

    /// The tokens of the user signing in with `email`, newest first.
    public func list(for email: EmailAddress) async throws -> [TokenSummary] {
        guard let user = try await UserModel.query(on: database).filter(\.$email == email.value).first(), let userID = user.id else {
            throw StoreError.userNotFound(email: email.value)
        }
        return try await APITokenModel.query(on: database).filter(\.$user.$id == userID).sort(\.$expiresAt, .descending).all().compactMap {
            row in
            guard let id = row.id else { return nil }
            return TokenSummary(
                id: id, label: row.label, scopes: (try? TokenScope.parse(row.scopes ?? "")) ?? [], createdAt: row.createdAt,
                expiresAt: row.expiresAt, revokedAt: row.revokedAt)
        }
    }

    /// Revokes one token at once; revoking it again changes nothing.
    public func revoke(_ id: UUID, now: Date) async throws {
        try await database.atomically { transaction in
            guard let row = try await APITokenModel.find(id, on: transaction) else {
                throw StoreError.notFound(kind: "API token", id: id.uuidString)
            }
            guard row.revokedAt == nil else { return }
            row.revokedAt = now
            try await row.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "permission.change", object: "user:\(row.$user.id)", detail: "API token '\(row.label.prefix(60))' revoked"), at: now)
        }
    }

    /// Hex SHA-256 of the secret: tokens are long random values, so a fast digest is enough.
    static func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
    func base64URLEncoded() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
