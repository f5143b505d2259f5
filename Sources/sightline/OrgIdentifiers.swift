import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

extension Org {
    struct Identifiers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, add or remove the NPIs and TINs a practice bills under.",
            discussion: """
                An 837 whose billing provider, or an 835 whose payee, carries none of these is refused whole \
                (sightline import exits with 2). While a practice has none, the first file imported that names \
                its billing provider or payee teaches them; they are listed here with that file so you can confirm \
                them. Add the identifier of a file that was refused, if it is yours, and import the file again.
                """)

        @Option(help: "The practice's organisation id (see: sightline org list); optional when there is only one.")
        var practice: String?
        @Option(name: .customLong("add-npi"), help: "An NPI to add (ten digits with its check digit).") var addNPI: [String] = []
        @Option(name: .customLong("add-tin"), help: "A TIN (EIN) to add (nine digits, e.g. 12-3456789).") var addTIN: [String] = []
        @Option(name: .customLong("remove-npi"), help: "An NPI to remove.") var removeNPI: [String] = []
        @Option(name: .customLong("remove-tin"), help: "A TIN to remove.") var removeTIN: [String] = []

        func run() async throws {
            try await runReportingErrors {
                let requested = try practice.map { raw in
                    guard let id = Organization.ID(string: raw) else {
                        throw CommandInputError(description: "--practice '\(raw)' is not an organisation id (see: sightline org list)")
                    }
                    return id
                }
                // Every number is checked before anything changes.
                func checked(_ kind: PracticeIdentifier.Kind, _ values: [String], _ option: String) throws -> [PracticeIdentifier] {
                    try values.map { value in
                        do throws(PracticeIdentifierError) { return try PracticeIdentifier.validated(kind: kind, value) } catch {
                            throw CommandInputError(description: "--\(option): \(error.description)")
                        }
                    }
                }
                let adding = try checked(.npi, addNPI, "add-npi") + checked(.tin, addTIN, "add-tin")
                let removing =
                    removeNPI.map { PracticeIdentifier(kind: .npi, value: $0) }
                    + removeTIN.map { PracticeIdentifier(kind: .tin, value: $0) }
                let configuration = try loadConfiguration(quiet: true)
                let (organization, entries) = try await SightlineRuntime.withDatabase(configuration) { db in
                    guard let organization = try await OrganizationStore(db).resolvePractice(requested) else {
                        throw CommandInputError(
                            description: "there is no practice yet; create one with sightline org create --kind practice")
                    }
                    let store = PracticeIdentifierStore(db)
                    do {
                        for identifier in removing { try await store.remove(identifier, practice: organization.id, now: Date()) }
                        for identifier in adding { try await store.add(identifier, practice: organization.id, by: nil, now: Date()) }
                    } catch let error as PracticeIdentifierStoreError {
                        throw CommandInputError(description: error.description)
                    }
                    return (organization, try await store.list(practice: organization.id))
                }
                for identifier in removing { say("Removed \(identifier).") }
                for identifier in adding { say("Added \(identifier).") }
                guard !entries.isEmpty else {
                    say(
                        "\(organization.name) has no NPI or TIN yet: the next billing file imported that names its billing provider or payee teaches them."
                    )
                    return
                }
                let zone = TimeZone(identifier: organization.timeZone) ?? .current
                say(
                    TextTable.render(
                        header: ["KIND", "NUMBER", "WHERE IT CAME FROM"],
                        rows: entries.map { entry in
                            let day = Self.day(entry.addedAt, in: zone)
                            let origin =
                                switch entry.origin {
                                case .learned: "learned from file \(entry.fileName ?? "(removed)") on \(day)"
                                case .added: "added on \(day)"
                                }
                            return [entry.identifier.kind.label, entry.identifier.shown, origin]
                        }))
            }
        }

        static func day(_ date: Date, in zone: TimeZone) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }
    }
}
