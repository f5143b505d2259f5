import Domain
import FluentKit
import Foundation

/// Reads and writes the NPIs and TINs a practice bills under, each change recorded in the audit trail.
public struct PracticeIdentifierStore: Sendable {
    /// Where an identifier came from.
    public enum Origin: String, Sendable, Equatable, Codable {
        /// Added by a person (`sightline org identifiers`, the settings page, the API).
        case added
        /// Learned from the first file imported while the practice had none.
        case learned
    }

    /// One stored identifier with its provenance.
    public struct Entry: Sendable, Equatable, Identifiable {
        public let id: UUID
        public let identifier: PracticeIdentifier
        public let origin: Origin
        /// The file it was learned from, by the name it was imported under.
        public let fileName: String?
        /// The stored file it was learned from (nil once that file is gone).
        public let fileID: UUID?
        /// Who added it, when a person did.
        public let addedBy: UUID?
        /// When it was added or learned.
        public let addedAt: Date

        /// Creates an entry.
        public init(
            id: UUID, identifier: PracticeIdentifier, origin: Origin, fileName: String?, fileID: UUID?, addedBy: UUID?, addedAt: Date
        ) {
            self.id = id
            self.identifier = identifier
            self.origin = origin
            self.fileName = fileName
            self.fileID = fileID
            self.addedBy = addedBy
            self.addedAt = addedAt
        }
    }

    let database: any Database

    /// A store over `database` (a connection or an open transaction).
    public init(_ database: any Database) { self.database = database }

    /// The practice's identifiers, NPIs first, each kind in number order.
    public func list(practice: Organization.ID) async throws -> [Entry] {
        try await PracticeIdentifierModel.query(on: database).filter(\.$practiceID == practice.rawValue).all()
            .map { try $0.domain() }
            .sorted { $0.identifier < $1.identifier }
    }

    /// The identifiers alone, for judging a file.
    public func known(practice: Organization.ID) async throws -> Set<PracticeIdentifier> {
        Set(try await list(practice: practice).map(\.identifier))
    }

    /// Adds a checked identifier; adding one the practice already has changes nothing and says so.
    @discardableResult
    public func add(_ identifier: PracticeIdentifier, practice: Organization.ID, by user: User.ID?, now: Date) async throws -> Entry {
        if try await list(practice: practice).contains(where: { $0.identifier == identifier }) {
            throw PracticeIdentifierStoreError.alreadyPresent(identifier)
        }
        let row = PracticeIdentifierModel()
        row.id = UUID()
        row.practiceID = practice.rawValue
        row.kind = identifier.kind.rawValue
        row.value = identifier.value
        row.origin = Origin.added.rawValue
        row.addedBy = user?.rawValue
        row.addedAt = now
        try await database.atomically { transaction in
            try await row.create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "practice.identifier.added", practice: practice.rawValue, object: "identifier:\(identifier.kind.rawValue)",
                    detail: "\(identifier) added to the practice's identifiers"), at: now)
        }
        return try row.domain()
    }

    /// Removes an identifier; once a practice has none, the next file imported teaches them again.
    public func remove(_ identifier: PracticeIdentifier, practice: Organization.ID, now: Date) async throws {
        guard
            let row = try await PracticeIdentifierModel.query(on: database).filter(\.$practiceID == practice.rawValue)
                .filter(\.$kind == identifier.kind.rawValue).filter(\.$value == identifier.value).first()
        else { throw PracticeIdentifierStoreError.notPresent(identifier) }
        try await database.atomically { transaction in
            try await row.delete(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "practice.identifier.removed", practice: practice.rawValue, object: "identifier:\(identifier.kind.rawValue)",
                    detail: "\(identifier) removed from the practice's identifiers"), at: now)
        }
    }

    /// Records identifiers learned from an imported file (inside the import's transaction).
    func learn(_ identifiers: [PracticeIdentifier], practice: UUID, fileID: UUID, fileName: String, now: Date) async throws {
        for identifier in identifiers {
            let row = PracticeIdentifierModel()
            row.id = UUID()
            row.practiceID = practice
            row.kind = identifier.kind.rawValue
            row.value = identifier.value
            row.origin = Origin.learned.rawValue
            row.fileID = fileID
            row.fileName = String(fileName.prefix(255))
            row.addedAt = now
            try await row.create(on: database)
        }
        try await AuditTrail(database).record(
            AuditEntry(
                "practice.identifier.learned", practice: practice, object: "file:\(fileID)",
                detail:
                    "learned \(identifiers.map(\.description).joined(separator: ", ")) from \(fileName.prefix(200)), the first file naming them while the practice had none"
            ), at: now)
    }
}

/// Why an identifier change was refused.
public enum PracticeIdentifierStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The practice already has it.
    case alreadyPresent(PracticeIdentifier)
    /// The practice does not have it.
    case notPresent(PracticeIdentifier)

    public var description: String {
        switch self {
        case .alreadyPresent(let identifier): "the practice already has \(identifier)"
        case .notPresent(let identifier): "the practice has no \(identifier) to remove"
        }
    }
}
