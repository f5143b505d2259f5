import Foundation

/// Which database Sightline runs on, decided from `DATABASE_URL` and `SIGHTLINE_DATABASE_PATH`.
public enum DatabaseTarget: Sendable, Equatable {
    /// The embedded default: one SQLite file.
    case sqliteFile(path: String)
    /// A throwaway SQLite database (tests).
    case sqliteMemory(identifier: String)
    /// A PostgreSQL server, from a validated `postgres://` URL.
    case postgres(url: String)

    /// The file used when nothing is configured: `sightline.sqlite` in the working directory.
    public static let defaultSQLitePath = "sightline.sqlite"

    /// `sqlite` or `postgres`, as `/healthz` reports it.
    public var engineName: String {
        switch self {
        case .sqliteFile, .sqliteMemory: "sqlite"
        case .postgres: "postgres"
        }
    }

    /// Where the data lives, safe to print: a PostgreSQL password is never shown.
    public var redactedLocation: String {
        switch self {
        case .sqliteFile(let path): path
        case .sqliteMemory: "in-memory SQLite"
        case .postgres(let url): Self.redact(url)
        }
    }

    /// Decides the target: `DATABASE_URL` wins when set and non-empty, else the SQLite file.
    public static func resolve(databaseURL: String?, sqlitePath: String?) throws(DatabaseConfigurationError) -> DatabaseTarget {
        if let raw = databaseURL?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            try validatePostgresURL(raw)
            return .postgres(url: raw)
        }
        let path = sqlitePath?.trimmingCharacters(in: .whitespaces) ?? ""
        return .sqliteFile(path: path.isEmpty ? defaultSQLitePath : path)
    }

    /// Checks the parts of a PostgreSQL URL that can be checked without connecting.
    static func validatePostgresURL(_ raw: String) throws(DatabaseConfigurationError) {
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased() else {
            throw .malformedURL(
                "DATABASE_URL is not a valid URL (check the port and any special characters in the password, which must be percent-encoded); expected postgres://user:password@host:5432/database"
            )
        }
        guard ["postgres", "postgresql"].contains(scheme) else {
            throw .malformedURL(
                "DATABASE_URL scheme '\(scheme)' is not supported; use postgres://user:password@host:5432/database (leave DATABASE_URL unset for the embedded SQLite file)"
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw .malformedURL("DATABASE_URL has no host; expected postgres://user:password@host:5432/database")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw .malformedURL("DATABASE_URL port is not a number from 1 to 65535")
        }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !database.isEmpty else {
            throw .malformedURL(
                "DATABASE_URL names no database; add it after the host: postgres://user@\(host):\(components.port ?? 5432)/sightline")
        }
        guard components.user?.isEmpty == false else {
            throw .malformedURL("DATABASE_URL names no user; expected postgres://user:password@\(host)/\(database)")
        }
    }

    /// The URL with its password replaced by `***`.
    static func redact(_ raw: String) -> String {
        guard var components = URLComponents(string: raw) else { return "(unparseable URL)" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "(unparseable URL)"
    }
}

/// Why the database settings cannot be used; the message never contains a password.
public enum DatabaseConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `DATABASE_URL` cannot be a PostgreSQL address.
    case malformedURL(String)

    public var description: String {
        switch self {
        case .malformedURL(let message): message
        }
    }
}
