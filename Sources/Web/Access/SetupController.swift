import Domain
import Foundation
import Persistence
import Vapor

/// The first-run path: `GET /setup` shows the form while the database is empty, `POST /setup`
/// creates the first practice and its administrator, then shows an API token once.
struct SetupController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("setup", use: form)
        routes.post("setup", use: submit)
    }

    func form(_ request: Request) async throws -> Response {
        guard try await OrganizationStore(request.tenantDB).isEmpty() else { return request.redirect(to: "/") }
        let model = SetupPageModel.blank(defaultTimeZone: "America/New_York")
        return try await request.view.render("setup", model).encodeResponse(for: request)
    }

    func submit(_ request: Request) async throws -> Response {
        guard try await OrganizationStore(request.tenantDB).isEmpty() else { return request.redirect(to: "/", redirectType: .normal) }
        let form = try request.content.decode(SetupPageModel.Form.self)
        let errors = SetupPageModel.validate(form)
        guard errors.count == 0 else {
            let response = try await request.view.render("setup", SetupPageModel(form: form, errors: errors))
                .encodeResponse(status: .unprocessableEntity, for: request)
            return response
        }
        let (practice, admin) = try await FirstRunSetup.perform(
            on: request.tenantDB, practiceName: form.practiceName, timeZone: form.timeZone, adminEmail: form.email,
            password: form.password ?? "", hasher: request.sightline.hasher)
        let token = try await APITokenStore(request.tenantDB).issue(
            for: admin.email, lifetime: .standard, scopes: [.read, .write, .import], label: "first-run", now: request.now)
        request.logger.notice("first-run setup created practice \(practice.id) and its administrator \(admin.id)")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: practice.timeZone)
        formatter.dateFormat = "MMMM d, yyyy 'at' HH:mm zzz"
        let expires = formatter.string(from: token.expiresAt)
        let model = SetupDonePageModel(
            practiceName: practice.name, adminEmail: admin.email.value, timeZone: practice.timeZone,
            token: token.secret, tokenExpires: expires,
            host: request.headers.first(name: .host) ?? "127.0.0.1:8080")
        let response = try await request.view.render("setup-done", model).encodeResponse(status: .created, for: request)
        response.headers.cacheControl = .init(noStore: true)
        return response
    }
}
