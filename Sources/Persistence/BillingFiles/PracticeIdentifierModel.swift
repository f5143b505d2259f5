import Domain
import FluentKit
import Foundation

/// Table `practice_identifiers`: one NPI or TIN of a practice.
final class PracticeIdentifierModel: Model, @unchecked Sendable {
    static let schema = "practice_identifiers"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "value") var value: String
    /// `added` (by a person) or `learned` (from a file).
    @Field(key: "origin") var origin: String
    @OptionalField(key: "file_id") var fileID: UUID?
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "added_by") var addedBy: UUID?
    @Field(key: "added_at") var addedAt: Date

    init() {}

    /// Maps the row to its value; a row that no longer decodes is a storage fault.
    func domain() throws(StoreError) -> PracticeIdentifierStore.Entry {
        guard let id, let kind = PracticeIdentifier.Kind(rawValue: kind), let origin = PracticeIdentifierStore.Origin(rawValue: origin)
        else {
            throw .corruptRow(table: Self.schema, detail: "identifier kind '\(kind)' or origin '\(origin)'")
        }
        return PracticeIdentifierStore.Entry(
            id: id, identifier: PracticeIdentifier(kind: kind, value: value), origin: origin, fileName: fileName, fileID: fileID,
            addedBy: addedBy, addedAt: addedAt)
    }
}
