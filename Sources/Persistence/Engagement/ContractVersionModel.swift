import Domain
import FluentKit
import Foundation

/// Table `contract_versions`: each version of an engagement's contract, the contract as one document.
final class ContractVersionModel: Model, @unchecked Sendable {
    static let schema = "contract_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "effective_from") var effectiveFrom: String?
    @Field(key: "document") var document: String
    @Field(key: "acceptances") var acceptances: String
    @OptionalField(key: "change_request_id") var changeRequestID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ version: ContractVersion, practiceID: UUID) throws {
        id = UUID()
        self.practiceID = practiceID
        try update(from: version)
    }

    func update(from version: ContractVersion) throws {
        engagementID = version.engagementID.rawValue
        number = version.number
        status = version.status.rawValue
        effectiveFrom = version.effectiveFrom?.description
        document = try StoredDocument.encode(version.contract)
        acceptances = try StoredDocument.encode(version.acceptances)
        changeRequestID = version.changeRequest?.rawValue
        createdAt = version.createdAt
    }

    func domain() throws(StoreError) -> ContractVersion {
        guard let status = ContractVersion.Status(rawValue: status) else {
            throw .corruptRow(table: Self.schema, detail: "status '\(status)'")
        }
        let effective = try effectiveFrom.map { text throws(StoreError) in
            guard let date = CalendarDate(text) else { throw .corruptRow(table: Self.schema, detail: "effective_from") }
            return date
        }
        return ContractVersion(
            engagementID: .init(engagementID), number: number, status: status,
            contract: try StoredDocument.decode(Contract.self, from: document, table: Self.schema), effectiveFrom: effective,
            acceptances: try StoredDocument.decode([ContractVersion.Acceptance].self, from: acceptances, table: Self.schema),
            changeRequest: changeRequestID.map { .init($0) }, createdAt: createdAt)
    }
}

/// Table `change_requests`: each proposed change, the request as one document beside the columns reads filter on.
final class ChangeRequestModel: Model, @unchecked Sendable {
    static let schema = "change_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "status") var status: String
    @Field(key: "kind") var kind: String
    @Field(key: "document") var document: String
    @Field(key: "proposed_at") var proposedAt: Date

    init() {}

    init(_ request: ChangeRequest, practiceID: UUID) throws {
        id = request.id.rawValue
        self.practiceID = practiceID
        try update(from: request)
    }

    func update(from request: ChangeRequest) throws {
        engagementID = request.engagementID.rawValue
        number = request.number
        status = request.status.rawValue
        kind = request.kind.rawValue
        document = try StoredDocument.encode(request)
        proposedAt = request.proposedAt
    }

    func domain() throws(StoreError) -> ChangeRequest {
        try StoredDocument.decode(ChangeRequest.self, from: document, table: Self.schema)
    }
}

/// Table `change_request_comments`: the discussion of a change request, on the record.
final class ChangeRequestCommentModel: Model, @unchecked Sendable {
    static let schema = "change_request_comments"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "change_request_id") var changeRequestID: UUID
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "party") var party: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
