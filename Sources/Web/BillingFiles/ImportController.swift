import Domain
import Fluent
import Foundation
import Persistence
import Vapor

/// `POST /api/v1/imports` (multipart, field `files`, one or more) and `GET /api/v1/imports`.
/// Each file is imported whole or not at all, exactly as `sightline import` does.
struct ImportController: RouteCollection {
    let maxBytes: Int

    struct ResultsDTO: Content {
        let results: [ImportResult]
    }

    struct LogEntryDTO: Content {
        let id: UUID
        let fileName: String
        let kind: String
        let result: String
        let message: String
        let claims: Int
        let at: Date
        let importedBy: String?
    }

    struct LogDTO: Content {
        let imports: [LogEntryDTO]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "imports", body: .collect(maxSize: ByteCount(value: maxBytes)), use: upload)
        routes.get("imports", use: list)
    }

    func upload(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try Policy.require(caller, .importFiles, to: "import billing files")
        let files = try UploadedFiles.files(
            of: request, field: "body", notMultipart: "send the files as multipart/form-data in a field named 'files'")
        guard !files.isEmpty else { throw APIError.invalidInput(field: "files", reason: "no file was uploaded") }
        let (results, busy) = try await Self.importEach(files, request: request, caller: caller)
        let status: HTTPResponseStatus =
            busy ? .serviceUnavailable : results.contains { $0.outcome == .rejected } ? .unprocessableEntity : .ok
        let response = try await ResultsDTO(results: results).encodeResponse(status: status, for: request)
        if busy { response.headers.replaceOrAdd(name: "Retry-After", value: String(DatabaseBusy.retryAfterSeconds)) }
        return response
    }

    /// Imports each file in its own transaction. A file the database stayed too busy for (another
    /// process importing, say) gets its own result saying so, and the files around it go on.
    static func importEach(
        _ files: [UploadedFiles.File], request: Request, caller: Caller
    ) async throws -> (results: [ImportResult], busy: Bool) {
        try await BillingImporter(request.tenantDB, newPracticeTimeZone: caller.organization.timeZone).importEach(
            files.map { BillingImporter.Incoming(name: $0.name, source: .bytes($0.bytes)) }, practice: caller.organization.id,
            user: caller.user.id, now: { request.now })
    }

    func list(_ request: Request) async throws -> LogDTO {
        let caller = try request.caller
        try Policy.require(caller, .readImports, to: "read the import history")
        let history = try await ImportHistory(request.tenantDB).recent(practiceID: caller.organization.id, limit: 200)
        return LogDTO(
            imports: history.map {
                LogEntryDTO(
                    id: $0.id, fileName: $0.fileName, kind: $0.kind, result: $0.result, message: $0.message,
                    claims: $0.claims, at: $0.at, importedBy: $0.importedBy)
            })
    }
}
