import Domain
import FluentKit
import Foundation

/// The record of import attempts: who imported what, when, and with which result.
public struct ImportHistory: Sendable {
    /// One attempt.
    public struct Entry: Sendable, Equatable {
        /// Log row id.
        public let id: UUID
        /// File name as given.
        public let fileName: String
        /// Kind detected.
        public let kind: String
        /// `imported`, `duplicate` or `rejected`.
        public let result: String
        /// Why, for duplicates and rejections.
        public let message: String
        /// Claims read.
        public let claims: Int
        /// When.
        public let at: Date
        /// The importing user's e-mail; `nil` for the command line.
        public let importedBy: String?
    }

    let database: any Database

    /// A history over `database`.
    public init(_ database: any Database) { self.database = database }

    /// The newest attempts for a practice, newest first.
    public func recent(practiceID: Organization.ID, limit: Int) async throws -> [Entry] {
        let rows = try await ImportLogModel.query(on: database).filter(\.$practiceID == practiceID.rawValue)
            .sort(\.$at, .descending).limit(limit).all()
        let userIDs = Set(rows.compactMap(\.userID))
        var emails: [UUID: String] = [:]
        if !userIDs.isEmpty {
            for user in try await UserModel.query(on: database).filter(\.$id ~~ userIDs).all() {
                if let id = user.id { emails[id] = user.email }
            }
        }
        return rows.compactMap { row in
            guard let id = row.id else { return nil }
            return Entry(
                id: id, fileName: row.fileName, kind: row.kind, result: row.result, message: row.message,
                claims: row.claims, at: row.at, importedBy: row.userID.flatMap { emails[$0] })
        }
    }
}
