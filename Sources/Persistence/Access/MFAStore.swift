import Crypto
import Domain
import FluentKit
import Foundation
import SQLKit

/// Table `user_mfa`: an account's authenticator secret, confirmed once a code from it was typed.
final class UserMFAModel: Model, @unchecked Sendable {
    static let schema = "user_mfa"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "secret") var secret: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    /// The last step whose code was accepted: a code is good once.
    @Field(key: "last_counter") var lastCounter: Int64

    init() {}
}

/// A new authenticator for an account: what its person adds to their app.
public struct MFAEnrollment: Sendable, Equatable {
    public let secret: String
    public let link: String
}

/// Multi-factor sign-in: enrolling an authenticator, checking its codes (each good once) and the
/// recovery codes given at enrolment (each good once, stored as SHA-256 hashes).
public struct MFAStore: Sendable {
    let database: any Database
    public static let recoveryCodeCount = 10

    public init(_ database: any Database) { self.database = database }

    /// Whether the account has a confirmed authenticator.
    public func isEnrolled(_ user: User.ID) async throws -> Bool {
        try await UserMFAModel.query(on: database).filter(\.$userID == user.rawValue).first()?.confirmedAt != nil
    }

    /// What an authenticator secret is sealed for.
    static let secretContext = "user_mfa.secret"

    /// The authenticator secret of a row, opened with the process's data keys.
    private static func secret(of row: UserMFAModel) throws -> [UInt8]? {
        TOTP.bytes(base32: try DataProtection.ring.open(row.secret, context: secretContext))
    }

    /// Starts (or restarts, while unconfirmed) enrolment with a new secret.
    public func begin(_ user: User, now: Date) async throws -> MFAEnrollment {
        if let existing = try await UserMFAModel.query(on: database).filter(\.$userID == user.id.rawValue).first() {
            guard existing.confirmedAt == nil else { throw MFAError.alreadyEnrolled }
            try await existing.delete(on: database)
        }
        let secret = TOTP.newSecret()
        let row = UserMFAModel()
        row.id = UUID()
        row.userID = user.id.rawValue
        row.secret = try DataProtection.ring.seal(TOTP.base32(secret), context: Self.secretContext)
        row.createdAt = now
        row.lastCounter = 0
        try await row.create(on: database)
        return MFAEnrollment(secret: TOTP.base32(secret), link: TOTP.link(secret: secret, account: user.email.value))
    }

    /// The enrolment waiting for its first code, if any.
    public func pending(_ user: User) async throws -> MFAEnrollment? {
        guard let row = try await UserMFAModel.query(on: database).filter(\.$userID == user.id.rawValue).first(), row.confirmedAt == nil,
            let secret = try Self.secret(of: row)
        else { return nil }
        return MFAEnrollment(secret: TOTP.base32(secret), link: TOTP.link(secret: secret, account: user.email.value))
    }

    /// Confirms enrolment with a code from the new authenticator; returns the recovery codes, shown once.
    public func confirm(_ user: User.ID, code: String, now: Date) async throws -> [String] {
        try await database.atomically { transaction in
            guard let row = try await UserMFAModel.query(on: transaction).filter(\.$userID == user.rawValue).first(),
                row.confirmedAt == nil,
                let secret = try Self.secret(of: row)
            else { throw MFAError.notEnrolling }
            guard let counter = TOTP.match(code, secret: secret, at: now) else { throw MFAError.wrongCode }
            row.confirmedAt = now
            row.lastCounter = counter
            try await row.update(on: transaction)
            let codes = try await MFAStore(transaction).replaceRecoveryCodes(of: user, now: now)
            try await AuditTrail(transaction).record(AuditEntry("mfa.enrolled", object: "user:\(user)", severity: .high), at: now)
            return codes
        }
    }

    /// Checks a six-digit code from the authenticator, or a recovery code; either is good once.
    public func verify(_ user: User.ID, code typed: String, now: Date) async throws -> Bool {
        try await verify(user, code: typed, now: now, recoveryCodes: true)
    }

    /// Checks a six-digit code from the authenticator only, good once: fresh proof for a sensitive
    /// step (a recovery code, printed once and kept on paper, is no proof of the authenticator now).
    public func verifyAuthenticator(_ user: User.ID, code typed: String, now: Date) async throws -> Bool {
        try await verify(user, code: typed, now: now, recoveryCodes: false)
    }

    private func verify(_ user: User.ID, code typed: String, now: Date, recoveryCodes: Bool) async throws -> Bool {
        try await database.atomically { transaction in
            guard let row = try await UserMFAModel.query(on: transaction).filter(\.$userID == user.rawValue).first(),
                row.confirmedAt != nil,
                let secret = try Self.secret(of: row)
            else { return false }
            if let counter = TOTP.match(typed, secret: secret, at: now) {
                guard counter > row.lastCounter else { return false }
                // Claimed with one conditional write, so two requests with the same code cannot both pass.
                let sql = try AuditTrail(transaction).sql
                let claimed = try await sql.update(UserMFAModel.schema).set("last_counter", to: SQLBind(counter))
                    .where("user_id", .equal, SQLBind(user.rawValue)).where("last_counter", .lessThan, SQLBind(counter))
                    .returning("last_counter").all()
                return !claimed.isEmpty
            }
            let normalized = Self.normalize(typed)
            guard recoveryCodes, normalized.count == 10 else { return false }
            let sql = try AuditTrail(transaction).sql
            let used = try await sql.update("recovery_codes").set("used_at", to: SQLBind(now))
                .where("user_id", .equal, SQLBind(user.rawValue)).where("code_hash", .equal, SQLBind(AuditTrail.digest(normalized)))
                .where("used_at", .is, SQLLiteral.null).returning("code_hash").all()
            guard !used.isEmpty else { return false }
            try await AuditTrail(transaction).record(AuditEntry("mfa.recovery_code_used", object: "user:\(user)", severity: .high), at: now)
            return true
        }
    }

    /// Ten new recovery codes (`xxxxx-xxxxx`), the old ones void.
    func replaceRecoveryCodes(of user: User.ID, now: Date) async throws -> [String] {
        let sql = try AuditTrail(database).sql
        try await sql.delete(from: "recovery_codes").where("user_id", .equal, SQLBind(user.rawValue)).run()
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        var codes: [String] = []
        for _ in 0..<Self.recoveryCodeCount {
            let raw = String((0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
            codes.append(String(raw.prefix(5)) + "-" + String(raw.suffix(5)))
            try await sql.insert(into: "recovery_codes").columns("id", "user_id", "code_hash", "created_at")
                .values(SQLBind(UUID()), SQLBind(user.rawValue), SQLBind(AuditTrail.digest(raw)), SQLBind(now)).run()
        }
        return codes
    }

    /// A recovery code as typed: lower case, without dashes or spaces.
    static func normalize(_ typed: String) -> String {
        typed.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}

/// Why a step of multi-factor sign-in was refused.
public enum MFAError: Error, Equatable, Sendable, CustomStringConvertible {
    case alreadyEnrolled, notEnrolling, wrongCode

    public var description: String {
        switch self {
        case .alreadyEnrolled: "this account already has an authenticator"
        case .notEnrolling: "start setting up an authenticator first"
        case .wrongCode: "that code is not right: type the six digits your authenticator shows now"
        }
    }
}
