import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

/// `sightline token …`: API access.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user and print it once (only its hash is stored).")

        @Option(help: "The user's e-mail address.") var email: String
        @Option(name: .customLong("expires-in"), help: "Lifetime: 30m, 12h, 30d or 2w (default 90d, at most 366d).")
        var expiresIn: String?
        @Option(help: "A note saying what the token is for.") var label = "cli"

        func run() async throws {
            try await runReportingErrors {
                let address = try EmailAddress(email)
                let lifetime = try expiresIn.map { try TokenLifetime(parsing: $0) } ?? .standard
                let configuration = try loadConfiguration(quiet: true)
                let label = self.label
                let token = try await SightlineRuntime.withDatabase(configuration) { db in
                    try await APITokenStore(db).issue(for: address, lifetime: lifetime, label: label, now: Date())
                }
                say(token.secret)
                FileHandle.standardError.write(Data("expires \(token.expiresAt.ISO8601Format())\n".utf8))
            }
        }
    }
}
