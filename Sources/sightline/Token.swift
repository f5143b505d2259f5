import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

/// `sightline token …`: API access.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user and print it once (only its hash is stored).")

        @Option(help: "The user's e-mail address.") var email: String
        @Option(name: .customLong("expires-in"), help: "Lifetime: 30m, 12h, 30d or 2w (default 90d, at most 366d).")
        var expiresIn: String?
        @Option(help: "A note saying what the token is for.") var label = "cli"
        @Option(help: "What it may do, comma-separated: read, write, import, admin (default read).") var scopes = "read"

        func run() async throws {
            try await runReportingErrors {
                let address = try EmailAddress(email)
                let lifetime = try expiresIn.map { try TokenLifetime(parsing: $0) } ?? .standard
                let scopes: Set<TokenScope>
                do { scopes = try TokenScope.parse(self.scopes) } catch { throw CommandInputError(description: "--scopes: \(error)") }
                let configuration = try loadConfiguration(quiet: true)
                let label = self.label
                let token = try await SightlineRuntime.withDatabase(configuration) { db in
                    try await APITokenStore(db).issue(for: address, lifetime: lifetime, scopes: scopes, label: label, now: Date())
                }
                say(token.secret)
                FileHandle.standardError.write(
                    Data("expires \(token.expiresAt.ISO8601Format()); may \(TokenScope.text(token.scopes))\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's API tokens (never their secrets).")

        @Option(help: "The user's e-mail address.") var email: String

        func run() async throws {
            try await runReportingErrors {
                let address = try EmailAddress(email)
                let configuration = try loadConfiguration(quiet: true)
                let tokens = try await SightlineRuntime.withDatabase(configuration) { db in try await APITokenStore(db).list(for: address) }
                let now = Date()
                say(
                    TextTable.render(
                        header: ["id", "label", "scopes", "expires", "state"],
                        rows: tokens.map { token in
                            [
                                token.id.uuidString.lowercased(), token.label, TokenScope.text(token.scopes),
                                token.expiresAt.ISO8601Format(),
                                token.revokedAt != nil ? "revoked" : token.expiresAt <= now ? "expired" : "active",
                            ]
                        }))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token at once (its id from `token list`).")

        @Argument(help: "The token's id.") var id: String

        func run() async throws {
            try await runReportingErrors {
                guard let token = UUID(uuidString: id) else { throw CommandInputError(description: "'\(id)' is not a token id") }
                let configuration = try loadConfiguration(quiet: true)
                try await SightlineRuntime.withDatabase(configuration) { db in try await APITokenStore(db).revoke(token, now: Date()) }
                say("token \(id) revoked")
            }
        }
    }
}
