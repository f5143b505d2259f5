import Domain
import Foundation
import Persistence
import Vapor

/// `GET /imports` and `POST /imports` (multipart, field `files`, with the form's `csrf`): the
/// import page. Each file is imported whole or not at all, as `sightline import` and the API do.
struct ImportPagesController: RouteCollection {
    let maxBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        routes.get("imports", use: page)
        routes.on(.POST, "imports", body: .collect(maxSize: ByteCount(value: maxBytes)), use: upload)
    }

    func page(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try Policy.require(caller, .readImports, to: "read the import history")
        return try await render(request, caller: caller, results: [])
    }

    func upload(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try Policy.require(caller, .importFiles, to: "import billing files")
        let files = try UploadedFiles.files(of: request, field: "files", notMultipart: "send the files from the form on the import page")
            .filter { !($0.bytes.isEmpty && $0.name == "upload") }
        guard !files.isEmpty else { throw APIError.invalidInput(field: "files", reason: "choose one or more files to import") }
        let (results, busy) = try await ImportController.importEach(files, request: request, caller: caller)
        return try await render(
            request, caller: caller, results: results,
            status: busy ? .serviceUnavailable : results.contains { $0.outcome == .rejected } ? .unprocessableEntity : .ok)
    }

    private func render(
        _ request: Request, caller: Caller, results: [ImportResult], status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let history = try await ImportHistory(request.tenantDB).recent(practiceID: caller.organization.id, limit: 100)
        let model = ImportsPageModel(
            chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken),
            canImport: Policy.allows(caller.user.role, .importFiles),
            maxMegabytes: maxBytes >> 20, results: results, history: history, timeZone: caller.organization.timeZone)
        return try await request.view.render("imports", model).encodeResponse(status: status, for: request)
    }
}
