import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

/// `sightline user …`: accounts.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Create, list and deactivate user accounts.", subcommands: [Create.self, List.self, Deactivate.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user and print its id.",
            discussion: """
                The password is read from standard input (first line) when it is not a terminal, or asked \
                for on a terminal. When none is given, or with --generate-password, a strong one is \
                generated and printed once after the id.
                """)

        @Option(help: "Organisation id (see: sightline org list).") var org: String
        @Option(help: "One of: \(Role.allValueStrings.joined(separator: ", ")).") var role: Role
        @Option(help: "Sign-in e-mail address.") var email: String
        @Flag(name: .customLong("generate-password"), help: "Do not read a password; generate one.")
        var generatePassword = false

        func run() async throws {
            try await runReportingErrors {
                guard let organizationID = Organization.ID(string: org) else {
                    throw CommandInputError(description: "--org '\(org)' is not an organisation id (see: sightline org list)")
                }
                let address = try EmailAddress(email)
                var password = generatePassword ? nil : try PasswordInput.read()
                let generated = password == nil
                if password == nil {
                    password = PasswordPolicy.generate(randomIndex: { bound in
                        var generator = SystemRandomNumberGenerator()
                        return Int.random(in: 0..<bound, using: &generator)
                    })
                }
                let chosen = password ?? ""
                try PasswordPolicy.validate(chosen)
                let configuration = try loadConfiguration(quiet: true)
                let user = try await SightlineRuntime.withDatabase(configuration) { db in
                    try await UserStore(db).create(
                        organizationID: organizationID, email: address, role: role, password: chosen, hasher: .production)
                }
                say(user.id.description)
                if generated { say("password: \(chosen)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users of an organisation.")

        @Option(help: "Organisation id.") var org: String

        func run() async throws {
            try await runReportingErrors {
                guard let organizationID = Organization.ID(string: org) else {
                    throw CommandInputError(description: "--org '\(org)' is not an organisation id (see: sightline org list)")
                }
                let configuration = try loadConfiguration(quiet: true)
                let users = try await SightlineRuntime.withDatabase(configuration) { db in
                    guard try await OrganizationStore(db).find(organizationID) != nil else {
                        throw StoreError.organizationNotFound(organizationID.description)
                    }
                    return try await UserStore(db).list(organizationID: organizationID)
                }
                say(
                    TextTable.render(
                        header: ["ID", "ROLE", "E-MAIL"],
                        rows: users.map { [$0.id.description, $0.role.rawValue, $0.email.value] }))
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate an account: its sessions end and its tokens are revoked at once; it can no longer sign in.")

        @Option(help: "The user's e-mail address.") var email: String

        func run() async throws {
            try await runReportingErrors {
                let address = try EmailAddress(email)
                let configuration = try loadConfiguration(quiet: true)
                try await SightlineRuntime.withDatabase(configuration) { db in
                    try await UserStore(db).deactivate(email: address, now: Date())
                }
                say("\(address.value) deactivated: its sessions ended and its API tokens revoked")
            }
        }
    }
}
