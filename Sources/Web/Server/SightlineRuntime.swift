import FluentKit
import Foundation
import Logging
import Persistence
import Vapor

/// Starts what the command-line tools need: a Vapor application with its database opened and
/// migrated, and the one-line failures they report.
public enum SightlineRuntime {
    /// Opens the configured database, runs `body` with it, and closes everything again.
    @discardableResult
    public static func withDatabase<T: Sendable>(
        _ configuration: SightlineConfiguration, _ body: @Sendable (any Database) async throws -> T
    ) async throws -> T {
        if let keys = configuration.dataKeys { DataProtection.use(try keys.ring()) }
        let app = try await makeApplication(configuration)
        do {
            try app.useSightlineDatabase(configuration.database)
            try await app.prepareSightlineDatabase(configuration.database)
            // What a command writes to the audit trail is on record as the command line's.
            let result = try await AuditActor.$current.withValue(AuditActor.current ?? .commandLine) { try await body(app.db) }
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// A bare application for `configuration`, logging at its level.
    static func makeApplication(_ configuration: SightlineConfiguration) async throws -> Application {
        let environment = Environment(name: configuration.environment, arguments: ["sightline"])
        let app = try await Application.make(environment)
        app.logger.logLevel = configuration.logLevel
        return app
    }
}
