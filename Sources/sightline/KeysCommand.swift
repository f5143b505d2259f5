import ArgumentParser
import Foundation
import Persistence
import Web

/// `sightline keys new | status | rotate`: the keys patient identifiers are sealed with at rest.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make, inspect and rotate the data keys patient identifiers are sealed with.",
        subcommands: [New.self, Status.self, Rotate.self])

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new random AES-256 data key (base64), for SIGHTLINE_DATA_KEY or a key file.")

        func run() async throws { say(DataKeyRing.newKey()) }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say which key seals and how many protected values are still sealed under another key (or none).")

        func run() async throws {
            try await runReportingErrors {
                let configuration = try loadConfiguration(quiet: true)
                let ring = try configuration.dataKeys?.ring() ?? DataProtection.ring
                let count = try await SightlineRuntime.withDatabase(configuration) { db in try await DataResealer(keys: ring).count(on: db)
                }
                say("current key \(ring.currentID); \(ring.keys.count - 1) older key\(ring.keys.count == 2 ? "" : "s") in the ring")
                say("\(count.total) protected value\(count.total == 1 ? "" : "s"), \(count.stale) not yet under the current key")
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal every protected value again under the current key.",
            discussion: """
                With a key file (the default beside the SQLite database, or SIGHTLINE_DATA_KEY_FILE), --generate makes a new key, \
                puts it first in the file, seals everything under it in one transaction, then removes the old keys from the file. \
                With SIGHTLINE_DATA_KEY, put the new key first (NEW,OLD), run this, then set SIGHTLINE_DATA_KEY=NEW. \
                Stop every running `sightline serve` that shares the database first, and start them again with the new keys after.
                """)

        @Flag(help: "Make a new key in the key file first, and retire the old ones once everything is sealed under it.")
        var generate = false

        func run() async throws {
            try await runReportingErrors {
                var configuration = try loadConfiguration(quiet: true)
                guard let source = configuration.dataKeys else { throw CommandInputError(description: "no data key is configured") }
                var retiring: [String] = []
                if generate {
                    guard case .file(let path, _) = source else {
                        throw CommandInputError(
                            description:
                                "--generate works on a key file; with SIGHTLINE_DATA_KEY put a new key (sightline keys new) first yourself")
                    }
                    let old = try source.ring()
                    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                    retiring = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                        !$0.isEmpty && !$0.hasPrefix("#")
                    }
                    try DataKeySource.write([DataKeyRing.newKey()] + retiring, to: path)
                    configuration.dataKeys = .file(path: path, createIfMissing: false)
                    say(
                        "new key made in \(path); the old (\(old.keys.map(\.id).joined(separator: ", "))) stay until everything is sealed again"
                    )
                }
                let ring = try configuration.dataKeys?.ring() ?? DataProtection.ring
                let bar = ProgressBar(label: "sealing", minimumTotal: 1)
                let (sealed, left) = try await SightlineRuntime.withDatabase(configuration) { db in
                    let sealed = try await DataResealer(keys: ring).reseal(on: db) { done, total in
                        bar.draw(done: Int64(done), total: Int64(total), phase: "\(done)/\(total) rows")
                    }
                    try await AuditTrail(db).record(
                        AuditEntry(
                            "keys.rotated", object: "data-key:\(ring.currentID)", severity: .high,
                            detail: "\(sealed) values sealed again under key \(ring.currentID)"), at: Date())
                    // A process still running with the old keys may have sealed something meanwhile.
                    return (sealed, try await DataResealer(keys: ring).count(on: db).stale)
                }
                bar.finish()
                say("\(sealed) value\(sealed == 1 ? "" : "s") sealed again under key \(ring.currentID)")
                if left > 0 {
                    say(
                        "\(left) value\(left == 1 ? " was" : "s were") sealed under an old key meanwhile (a server still running?): the old keys stay; stop the servers and run this again"
                    )
                } else if generate, case .file(let path, _) = configuration.dataKeys,
                    let current = try? String(contentsOfFile: path, encoding: .utf8)
                {
                    let keys = current.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                        !$0.isEmpty && !$0.hasPrefix("#")
                    }
                    // Backups taken before today need the old keys: they go to an archive file beside it, not away.
                    let archive = path + ".retired"
                    let archived = ((try? String(contentsOfFile: archive, encoding: .utf8)) ?? "").split(whereSeparator: \.isNewline).map(
                        String.init
                    )
                    .filter { !$0.isEmpty && !$0.hasPrefix("#") }
                    try DataKeySource.write(archived + keys.dropFirst(), to: archive)
                    try DataKeySource.write(Array(keys.prefix(1)), to: path)
                    say(
                        "old keys moved from \(path) to \(archive) (for restoring older backups); keep copies of both files off this machine"
                    )
                } else if ring.keys.count > 1 {
                    say("every value is under key \(ring.currentID) now: the other keys may be removed from the ring")
                }
            }
        }
    }
}
