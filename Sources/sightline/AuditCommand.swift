import ArgumentParser
import Crypto
import Domain
import Foundation
import Persistence
import Web

/// `sightline audit verify | checkpoint | list`: the tamper-evident audit trail.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check, checkpoint and read the audit trail.",
        subcommands: [Verify.self, Checkpoint.self, List.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every link of the audit trail and name every record that does not hold.",
            discussion: """
                With --checkpoint (a file written by `sightline audit checkpoint`) and the key that signed it, \
                also checks that the trail still reaches the checkpointed record unchanged, so a cut tail is caught. \
                Exit status: 0 the trail holds, 65 it does not (every bad record is named with why, the first and last apart), 66 a file is missing, 78 a checkpoint cannot be trusted.
                """)

        @Option(help: "A checkpoint file to verify against.") var checkpoint: String?
        @Option(help: "The signing key file the checkpoint was signed with (its public half is checked).") var key: String?

        func run() async throws {
            try await runReportingErrors {
                var trusted: AuditChain.Checkpoint?
                if let checkpoint {
                    guard let key else {
                        throw CommandInputError(description: "--checkpoint needs --key, the file of the key that signed it")
                    }
                    let signed = try JSONDecoder.audit.decode(SignedCheckpoint.self, from: try readFile(checkpoint))
                    do {
                        trusted = try signed.verified(by: try AuditKeyFile.load(key).publicKey)
                    } catch {
                        FileHandle.standardError.write(Data("sightline: error: \(checkpoint): \(error)\n".utf8))
                        throw ExitCode(SysExit.config)
                    }
                }
                let configuration = try loadConfiguration(quiet: true)
                let against = trusted
                let found = try await SightlineRuntime.withDatabase(configuration) { db in
                    try await AuditTrail(db).verify(checkpoint: against)
                }
                if let first = found.firstBreak, let last = found.lastBreak {
                    say(
                        "audit trail broken: \(found.breakCount) break\(found.breakCount == 1 ? "" : "s") in \(found.read) records (\(found.holding) hold)"
                    )
                    say("first: \(first)")
                    if found.breakCount > 1 { say("last: \(last)") }
                    for broken in found.breaks { say("- \(broken)") }
                    if found.breakCount > found.breaks.count { say("- … and \(found.breakCount - found.breaks.count) more") }
                    throw ExitCode(SysExit.dataError)
                }
                say(
                    "audit trail holds: \(found.holding) record\(found.holding == 1 ? "" : "s")"
                        + (against.map { ", reaching checkpoint \($0.sequence)" } ?? ""))
            }
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the audit trail's head (sequence, hash, time) to keep off the server.",
            discussion:
                "Creates the Ed25519 key file (readable by its owner only) when it does not exist yet. Keep both files away from the database."
        )

        @Option(help: "The signing key file.") var key: String
        @Option(help: "Where to write the checkpoint (default: standard output).") var out: String?

        func run() async throws {
            try await runReportingErrors {
                let signingKey = try AuditKeyFile.loadOrCreate(key)
                let configuration = try loadConfiguration(quiet: true)
                let head = try await SightlineRuntime.withDatabase(configuration) { db in
                    let head = try await AuditTrail(db).checkpoint(at: Date())
                    try await AuditTrail(db).record(
                        AuditEntry("audit.checkpoint", detail: "sequence \(head.sequence)"), actor: .commandLine, at: Date())
                    return head
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                let data = try encoder.encode(try SignedCheckpoint.sign(head, with: signingKey)) + Data("\n".utf8)
                if let out {
                    try data.write(to: URL(fileURLWithPath: out), options: .atomic)
                    say("checkpoint of record \(head.sequence) written to \(out)")
                } else {
                    FileHandle.standardOutput.write(data)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print audit records, newest first, as CSV.")

        @Option(help: "Only this user's records (id).") var user: String?
        @Option(help: "Only records about this claim (the practice's claim id).") var claim: String?
        @Option(help: "Only records about this patient (reference).") var patient: String?
        @Option(help: "At most this many records.") var limit = 100

        func run() async throws {
            try await runReportingErrors {
                var filter = AuditFilter()
                if let user {
                    guard let id = UUID(uuidString: user) else {
                        throw CommandInputError(description: "--user: '\(user)' is not a user id")
                    }
                    filter.user = id
                }
                filter.claim = claim
                filter.patient = patient
                let configuration = try loadConfiguration(quiet: true)
                let chosen = filter, count = max(1, min(limit, 100_000))
                let records = try await SightlineRuntime.withDatabase(configuration) { db in
                    try await AuditTrail(db).records(chosen, limit: count)
                }
                FileHandle.standardOutput.write(Data(AuditCSV.text(records).utf8))
            }
        }
    }
}

/// The Ed25519 key that signs checkpoints, kept in a file as base64 of its 32 raw bytes.
enum AuditKeyFile {
    static func load(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        let text = String(decoding: try readFile(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw CommandInputError(description: "\(path): not a Sightline audit key (base64 of 32 bytes)")
        }
        return key
    }

    static func loadOrCreate(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        if FileManager.default.fileExists(atPath: path) { return try load(path) }
        let key = Curve25519.Signing.PrivateKey()
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data((key.rawRepresentation.base64EncodedString() + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        else {
            throw CommandInputError(description: "\(path): cannot create the key file")
        }
        FileHandle.standardError.write(Data("sightline: created audit signing key \(path) (keep it away from the server)\n".utf8))
        return key
    }
}

/// The contents of a file the user named, or a one-line error naming it.
func readFile(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else { throw MissingFileError(path: path) }
    return data
}

extension JSONDecoder {
    static var audit: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
