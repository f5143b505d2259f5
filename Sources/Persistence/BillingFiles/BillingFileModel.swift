import FluentKit
import Foundation

/// Table `billing_files`: one row per imported file, identified by its interchange and content.
final class BillingFileModel: Model, @unchecked Sendable {
    static let schema = "billing_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "file_name") var fileName: String
    @Field(key: "kind") var kind: String
    @Field(key: "version") var version: String
    @Field(key: "sender_id") var senderID: String
    @Field(key: "interchange_control_number") var interchangeControlNumber: String
    @Field(key: "content_sha256") var contentSHA256: String
    @Field(key: "bytes") var bytes: Int64
    @Field(key: "claims") var claims: Int
    @Field(key: "warnings") var warnings: Int
    @OptionalField(key: "imported_by") var importedBy: UUID?
    @Field(key: "imported_at") var importedAt: Date
    /// Import order across the database: orders facts of a claim dated the same day.
    @OptionalField(key: "sequence") var sequence: Int64?

    init() {}
}

/// Table `import_log`: every import attempt — imported, duplicate or rejected — with who and when.
final class ImportLogModel: Model, @unchecked Sendable {
    static let schema = "import_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "file_name") var fileName: String
    @Field(key: "kind") var kind: String
    @Field(key: "result") var result: String
    @Field(key: "message") var message: String
    @Field(key: "claims") var claims: Int
    @OptionalField(key: "file_id") var fileID: UUID?
    @Field(key: "at") var at: Date

    init() {}
}
