import Foundation
import Leaf
import LeafKit
import Persistence
import Vapor

/// Wires a Vapor application into a Sightline server: database, middleware, views and routes.
public enum SightlineApp {
    /// Configures `app`. Nothing connects to the database yet: call
    /// `prepareSightlineDatabase(_:)` before serving.
    /// - Parameters:
    ///   - searchPath: PostgreSQL schemas to use instead of `public` (tests).
    ///   - hasher: password hashing cost (tests use the cheapest).
    ///   - connectionsPerEventLoop: PostgreSQL's pool size per event loop.
    ///   - clock: what time it is for every route and page.
    public static func configure(
        _ app: Application, configuration: SightlineConfiguration, searchPath: [String]? = nil,
        hasher: BcryptHasher = .production, connectionsPerEventLoop: Int = 4, clock: SightlineClock = .system
    ) throws {
        if let keys = configuration.dataKeys { DataProtection.use(try keys.ring()) }
        try app.useSightlineDatabase(configuration.database, searchPath: searchPath, connectionsPerEventLoop: connectionsPerEventLoop)
        app.sightline = SightlineContext(
            configuration: configuration, hasher: hasher, openAPIDocument: try OpenAPIDocument.load(), clock: clock)

        app.middleware = Middlewares()
        app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
        app.middleware.use(AuditContextMiddleware())
        app.middleware.use(SecurityHeadersMiddleware())
        app.middleware.use(SightlineErrorMiddleware())
        app.middleware.use(InputGateMiddleware())
        GatedContentDecoder.install(in: &ContentConfiguration.global)

        let views = try viewsDirectory()
        app.leaf.configuration.rootDirectory = views
        // Not `.toVisibleFiles`: the templates may live under a hidden build folder (`.build/`);
        // the sandbox still confines every read to the views folder.
        app.leaf.sources = .singleSource(
            NIOLeafFiles(
                fileio: app.fileio, limits: [.toSandbox, .requireExtensions], sandboxDirectory: views, viewDirectory: views))
        app.leaf.cache.isEnabled = app.environment.isRelease
        app.views.use(.leaf)

        try app.register(collection: HealthController())
        try app.register(collection: HomeController())
        try app.register(collection: try AssetsController.load())
        try app.register(collection: SetupController())
        try app.register(collection: SignInController())
        try app.register(collection: SecondStepController())
        let pages = app.grouped(
            SessionAuthMiddleware(), CSRFMiddleware(maxBytes: configuration.importMaxMegabytes << 20), ReadOnlyRoleMiddleware(),
            RowSecurityMiddleware())
        try pages.register(collection: RoleHomeController())
        try pages.register(collection: ReportPagesController())
        try pages.register(collection: PeoplePagesController())
        try pages.register(collection: PilotPagesController())
        try pages.register(collection: GovernancePagesController())
        try pages.register(collection: QualityAuditPagesController())
        try pages.register(collection: TransitionPagesController())
        try pages.register(collection: ImportPagesController(maxBytes: configuration.importMaxMegabytes << 20))
        try pages.register(collection: EngagementPagesController())
        try pages.register(collection: ScopePagesController())
        try pages.register(collection: DashboardController())
        try pages.register(collection: TicketPagesController())
        try pages.register(collection: TicketFilesPagesController())
        try pages.register(collection: AuditPagesController())
        try pages.register(collection: BreakGlassController.Pages())
        try pages.register(collection: MembershipPagesController())
        try pages.register(collection: AccessReviewPagesController())
        try pages.register(collection: PracticeSettingsController.Pages())
        let api = app.grouped("api", "v1")
        try api.register(collection: OpenAPIController())
        let authenticated = api.grouped(BearerAuthMiddleware(), ReadOnlyRoleMiddleware(), RowSecurityMiddleware())
        try authenticated.register(collection: MeController())
        try authenticated.register(collection: ImportController(maxBytes: configuration.importMaxMegabytes << 20))
        try authenticated.register(collection: KPIController())
        try authenticated.register(collection: ClaimsController())
        try authenticated.register(collection: EngagementController())
        try authenticated.register(collection: ChangeRequestController())
        try authenticated.register(collection: ServiceLevelController())
        try authenticated.register(collection: TicketController())
        try authenticated.register(collection: TicketPeopleController())
        try authenticated.register(collection: ScorecardController())
        try authenticated.register(collection: BreakGlassController.API())
        try authenticated.register(collection: MembershipController())
        try authenticated.register(collection: AccessReviewController())
        try authenticated.register(collection: RoleChangeController())
        try authenticated.register(collection: PilotController())
        try authenticated.register(collection: GovernanceController())
        try authenticated.register(collection: QualityAuditController())
        try authenticated.register(collection: TransitionController())
        try authenticated.register(collection: PracticeSettingsController.API())
    }

    /// The folder holding the Leaf templates shipped with the `Web` module.
    static func viewsDirectory() throws -> String {
        guard let views = Bundle.module.url(forResource: "Views", withExtension: nil) else {
            throw Abort(.internalServerError, reason: "the Web module's templates (Views) are missing")
        }
        return views.path + "/"
    }
}
