import ArgumentParser
import Web

/// `sightline serve`: the web app and API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Sightline server (embedded SQLite unless DATABASE_URL is set).")

    @Option(help: "Address to listen on (env SIGHTLINE_HOSTNAME; default 127.0.0.1).")
    var hostname: String?

    @Option(help: "Port to listen on (env SIGHTLINE_PORT; default 8080).")
    var port: Int?

    @Flag(help: "Fill an empty database with a demo practice, vendor and one user per role.")
    var demo = false

    func run() async throws {
        try await runReportingErrors {
            let configuration = try loadConfiguration(hostname: hostname, port: port, quiet: false)
            try await SightlineServer.run(configuration, demo: demo, report: say)
        }
    }
}

/// `sightline migrate`: bring the database schema up to date without serving.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema, then exit.")

    func run() async throws {
        try await runReportingErrors {
            let configuration = try loadConfiguration(quiet: true)
            try await SightlineRuntime.withDatabase(configuration) { _ in }
            say("database is up to date (\(configuration.database.engineName): \(configuration.database.redactedLocation))")
        }
    }
}
