import AsyncKit
import Domain
import FluentPostgresDriver
import FluentSQLiteDriver
import PostgresNIO
import SQLiteNIO

/// Whether an error means another writer held the database longer than this one would wait: the
/// work was not done, nothing of it was kept, and trying again shortly will do. The web answers
/// 503 with `Retry-After`, the command line exits 69 (unavailable) — never 500 or 70.
public enum DatabaseBusy {
    /// Seconds a client should wait before trying again.
    public static let retryAfterSeconds = 5

    public static func matches(_ error: any Error) -> Bool {
        switch error {
        case let error as SQLiteError:
            switch error.reason {
            case .busy, .locked, .busyTimeout, .busyInSnapshot, .busyInRecovery, .lockedBySharedCache: return true
            default: return false
            }
        case let error as PSQLError:
            // serialization_failure, deadlock_detected, lock_not_available, too_many_connections
            let state = error.serverInfo?[.sqlState]
            return ["40001", "40P01", "55P03", "53300"].contains(state ?? "")
        case is ConnectionPoolTimeoutError, is TurnTimedOut, is WriteLock.NotYetLocked:
            return true
        default:
            return false
        }
    }
}

extension Failure {
    /// What the storage layer knows of errors that do not say their kind themselves: a database
    /// held by another writer is busy (503, exit 69), whichever driver said so.
    public static let persistenceAdapters: [@Sendable (any Error) -> Failure?] = [
        { error in DatabaseBusy.matches(error) ? Failure(kind: .busy, message: FailureKind.busyMessage) : nil }
    ]
}
