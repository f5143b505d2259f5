import Foundation

/// Checks an audit trail read in sequence order. The digest (SHA-256 in hex, given by the caller:
/// `Domain` does no cryptography) seals each record over the previous hash and its canonical form.
public enum AuditChain {
    /// A head kept off the server: the sequence and hash of the last record when it was taken.
    public struct Checkpoint: Sendable, Equatable, Codable {
        public var sequence: Int
        public var hash: String
        public var at: Date

        public init(sequence: Int, hash: String, at: Date) {
            self.sequence = sequence
            self.hash = hash
            self.at = at
        }

        /// What a signature covers.
        public var signedForm: String {
            "sightline-audit-checkpoint\nsequence=\(sequence)\nhash=\(hash)\nat=\(Int64((at.timeIntervalSince1970 * 1_000).rounded()))"
        }
    }

    /// The first record that does not hold, and why.
    public struct Break: Sendable, Equatable, Error, CustomStringConvertible {
        public enum Reason: String, Sendable, Equatable {
            /// Its fields do not give its hash: edited.
            case altered
            /// It does not follow the record before it: one was removed, inserted or moved.
            case brokenLink
            /// Its sequence number is not the next one: one was removed or inserted.
            case outOfSequence
            /// The trail ends before the checkpoint's record: its tail was cut.
            case truncated
            /// The checkpoint's record is not the one checkpointed.
            case checkpointMismatch
        }

        public var sequence: Int
        public var reason: Reason

        public init(sequence: Int, reason: Reason) {
            self.sequence = sequence
            self.reason = reason
        }

        public var description: String {
            switch reason {
            case .altered: "record \(sequence) was altered: its fields no longer give its hash"
            case .brokenLink: "record \(sequence) does not follow the record before it (one was removed, inserted or moved)"
            case .outOfSequence: "record \(sequence) is missing or out of place: the sequence jumps there"
            case .truncated: "records from \(sequence) on are missing: the trail ends before its checkpoint"
            case .checkpointMismatch: "record \(sequence) is not the record the checkpoint names"
            }
        }
    }

    /// The first break in `records` (read in storage order by sequence), or `nil` when the chain
    /// holds — and, with a checkpoint, still reaches the checkpointed record unchanged.
    public static func firstBreak(
        in records: [AuditRecord], checkpoint: Checkpoint? = nil, digest: @escaping @Sendable (String) -> String
    ) -> Break? {
        breaks(in: records, checkpoint: checkpoint, digest: digest).first
    }

    /// Every break in `records`, in sequence order: the walk goes on past each one, so later
    /// tampering is never hidden behind an earlier break.
    public static func breaks(
        in records: [AuditRecord], checkpoint: Checkpoint? = nil, digest: @escaping @Sendable (String) -> String
    ) -> [Break] {
        var walk = Walk(digest: digest, checkpoint: checkpoint)
        var found = records.compactMap { walk.feed($0) }
        if let end = walk.finish(checkpoint: checkpoint) { found.append(end) }
        return found
    }

    /// Checks a trail record by record, so a long one is read in batches. After a break the walk
    /// takes the record as stored and goes on from it: one altered record is one break, and each
    /// later removal, insertion or edit is reported too.
    public struct Walk: Sendable {
        let digest: @Sendable (String) -> String
        /// Records that held so far.
        public private(set) var count = 0
        /// Records read so far.
        public private(set) var read = 0
        /// The sequence of the last record read.
        public private(set) var lastSequence = 0
        /// The stored hash of the last record read.
        public private(set) var lastHash = AuditRecord.genesisHash
        /// The hash of the checkpoint's record, when the walk passed it.
        var hashes: [Int: String] = [:]
        let watching: Int?

        public init(digest: @escaping @Sendable (String) -> String, checkpoint: Checkpoint? = nil) {
            self.digest = digest
            watching = checkpoint?.sequence
        }

        /// The break `record` makes, or `nil` when it follows the records before it.
        public mutating func feed(_ record: AuditRecord) -> Break? {
            let expected = lastSequence + 1
            var found: Break?
            if record.sequence != expected {
                found = Break(sequence: min(expected, record.sequence), reason: .outOfSequence)
            } else if record.previousHash != lastHash {
                found = Break(sequence: record.sequence, reason: .brokenLink)
            } else if digest(record.canonicalForm) != record.hash {
                found = Break(sequence: record.sequence, reason: .altered)
            }
            if record.sequence == watching { hashes[record.sequence] = record.hash }
            read += 1
            if found == nil { count += 1 }
            lastSequence = max(lastSequence, record.sequence)
            lastHash = record.hash
            return found
        }

        /// After the last record: whether the trail still reaches the checkpoint's record unchanged.
        public func finish(checkpoint: Checkpoint?) -> Break? {
            guard let checkpoint else { return nil }
            guard checkpoint.sequence <= lastSequence else { return Break(sequence: lastSequence + 1, reason: .truncated) }
            if checkpoint.sequence >= 1, hashes[checkpoint.sequence] != checkpoint.hash {
                return Break(sequence: checkpoint.sequence, reason: .checkpointMismatch)
            }
            return nil
        }
    }
}
