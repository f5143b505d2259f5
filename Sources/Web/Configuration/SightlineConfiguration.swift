import Domain
import Foundation
import Logging
import Persistence

/// Every setting Sightline reads, decoded once from the environment and command-line flags.
/// Defaults make `sightline serve` work on a fresh machine; a bad value stops start-up with a
/// message naming each bad variable.
public struct SightlineConfiguration: Sendable, Equatable {
    /// Address to listen on (`--hostname`, `SIGHTLINE_HOSTNAME`).
    public var hostname: String
    /// Port to listen on (`--port`, `SIGHTLINE_PORT`).
    public var port: Int
    /// Where the data lives (`DATABASE_URL`, `SIGHTLINE_DATABASE_PATH`).
    public var database: DatabaseTarget
    /// `development` or `production` (`SIGHTLINE_ENV`).
    public var environment: String
    /// Least severe log level written to standard error (`SIGHTLINE_LOG_LEVEL`).
    public var logLevel: Logger.Level
    /// Largest upload `POST /api/v1/imports` accepts, in megabytes (`SIGHTLINE_IMPORT_MAX_MB`).
    public var importMaxMegabytes: Int
    /// Where escalations and other events are posted, signed (`SIGHTLINE_WEBHOOK_URL`, `SIGHTLINE_WEBHOOK_SECRET`); `nil` keeps them in the outbox.
    public var webhook: WebhookTarget?
    /// The mail server escalations are e-mailed through (`SIGHTLINE_SMTP_URL`, `SIGHTLINE_SMTP_FROM`); `nil` sends none.
    public var smtp: SMTPSettings?
    /// Where the keys that seal patient identifiers at rest come from (`SIGHTLINE_DATA_KEY`,
    /// `SIGHTLINE_DATA_KEY_FILE`, else a key file beside the SQLite database); `nil` leaves the
    /// process's keys as they are (tests set their own).
    public var dataKeys: DataKeySource?
    /// The reverse proxies whose `X-Forwarded-For` names the client (`SIGHTLINE_TRUSTED_PROXIES`);
    /// none by default, so the client is the connection's peer.
    public var trustedProxies: TrustedProxies = .none

    /// Default listening address: loopback only, so nothing is exposed until asked.
    public static let defaultHostname = "127.0.0.1"
    /// Default listening port.
    public static let defaultPort = 8080

    /// The variables Sightline reads, with what each means (README and `.env.example` list them).
    public static let variables: [(name: String, meaning: String)] = [
        ("SIGHTLINE_HOSTNAME", "address to listen on (default 127.0.0.1)"),
        ("SIGHTLINE_PORT", "port to listen on (default 8080)"),
        ("DATABASE_URL", "postgres://user:password@host:5432/database; unset = embedded SQLite"),
        ("SIGHTLINE_DATABASE_PATH", "SQLite file when DATABASE_URL is unset (default sightline.sqlite)"),
        ("SIGHTLINE_ENV", "development or production (default development)"),
        ("SIGHTLINE_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical (default info)"),
        ("SIGHTLINE_IMPORT_MAX_MB", "largest upload to POST /api/v1/imports, in megabytes (default 200)"),
        ("SIGHTLINE_WEBHOOK_URL", "http(s) URL events such as escalations are posted to; unset keeps them in the outbox"),
        ("SIGHTLINE_WEBHOOK_SECRET", "the key of their HMAC-SHA256 signature (at least 16 characters; required with the URL)"),
        (
            "SIGHTLINE_SMTP_URL",
            "smtp://user:password@host:587 (STARTTLS when offered; ?tls=none for a local relay) or smtps://host:465; escalations are e-mailed through it; unset sends no e-mail"
        ),
        ("SIGHTLINE_SMTP_FROM", "the sender address of those e-mails (required with the URL)"),
        (
            "SIGHTLINE_DATA_KEY_FILE",
            "file of the AES-256 keys patient identifiers are sealed with, the current one first (required with DATABASE_URL; default: sightline.key beside the SQLite file, made on first start)"
        ),
        ("SIGHTLINE_DATA_KEY", "the same keys given directly, base64, comma-separated (instead of the file)"),
        (
            "SIGHTLINE_TRUSTED_PROXIES",
            "addresses or CIDR ranges of the reverse proxies in front of Sightline, comma-separated; only through them is X-Forwarded-For believed, for sign-in throttling and the audit trail (default: none)"
        ),
    ]

    /// A configuration from explicit values.
    public init(
        hostname: String = defaultHostname, port: Int = defaultPort, database: DatabaseTarget,
        environment: String = "development", logLevel: Logger.Level = .info, importMaxMegabytes: Int = 200,
        webhook: WebhookTarget? = nil
    ) {
        self.hostname = hostname
        self.port = port
        self.database = database
        self.environment = environment
        self.logLevel = logLevel
        self.importMaxMegabytes = importMaxMegabytes
        self.webhook = webhook
    }

    /// Decodes the configuration; flags override their environment variables.
    public static func load(
        environment env: [String: String], hostname flagHostname: String? = nil, port flagPort: Int? = nil
    ) throws(ConfigurationError) -> SightlineConfiguration {
        var problems: [String] = []
        let hostname = flagHostname ?? env["SIGHTLINE_HOSTNAME"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultHostname
        if hostname.contains(where: { $0.isWhitespace || $0 == "/" }) {
            problems.append("hostname '\(hostname)' is not a host name or IP address")
        }
        var port = defaultPort
        if let flagPort {
            port = flagPort
        } else if let raw = env["SIGHTLINE_PORT"], !raw.isEmpty {
            if let value = Int(raw) { port = value } else { problems.append("SIGHTLINE_PORT '\(raw)' is not a number") }
        }
        if !(0...65_535).contains(port) { problems.append("port \(port) is not between 0 and 65535") }

        var database = DatabaseTarget.sqliteFile(path: DatabaseTarget.defaultSQLitePath)
        do {
            database = try DatabaseTarget.resolve(databaseURL: env["DATABASE_URL"], sqlitePath: env["SIGHTLINE_DATABASE_PATH"])
        } catch {
            problems.append(error.description)
        }
        let environment = env["SIGHTLINE_ENV"].flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "development"
        if !["development", "production"].contains(environment) {
            problems.append("SIGHTLINE_ENV '\(environment)' must be development or production")
        }
        var logLevel = Logger.Level.info
        if let raw = env["SIGHTLINE_LOG_LEVEL"], !raw.isEmpty {
            if let level = Logger.Level(rawValue: raw.lowercased()) {
                logLevel = level
            } else {
                problems.append(
                    "SIGHTLINE_LOG_LEVEL '\(raw)' must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        var importMax = 200
        if let raw = env["SIGHTLINE_IMPORT_MAX_MB"], !raw.isEmpty {
            if let value = Int(raw), (1...4_096).contains(value) {
                importMax = value
            } else {
                problems.append("SIGHTLINE_IMPORT_MAX_MB '\(raw)' must be a whole number of megabytes from 1 to 4096")
            }
        }
        var webhook: WebhookTarget?
        let webhookURL = env["SIGHTLINE_WEBHOOK_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let webhookSecret = env["SIGHTLINE_WEBHOOK_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        if let webhookURL {
            let parsed = URL(string: webhookURL)
            if parsed?.host == nil || !["http", "https"].contains(parsed?.scheme?.lowercased() ?? "") {
                problems.append("SIGHTLINE_WEBHOOK_URL '\(webhookURL)' is not an http(s) URL")
            }
            if (webhookSecret?.count ?? 0) < 16 {
                problems.append("SIGHTLINE_WEBHOOK_SECRET must be set, at least 16 characters, with SIGHTLINE_WEBHOOK_URL")
            }
            webhook = WebhookTarget(url: webhookURL, secret: webhookSecret ?? "")
        } else if webhookSecret != nil {
            problems.append("SIGHTLINE_WEBHOOK_SECRET is set without SIGHTLINE_WEBHOOK_URL")
        }
        var smtp: SMTPSettings?
        do { smtp = try SMTPSettings.from(environment: env) } catch { problems.append(error.description) }
        var dataKeys: DataKeySource?
        do { dataKeys = try DataKeySource.resolve(environment: env, database: database) } catch { problems.append(error.description) }
        var trustedProxies = TrustedProxies.none
        do { trustedProxies = try TrustedProxies(parsing: env["SIGHTLINE_TRUSTED_PROXIES"] ?? "") } catch {
            problems.append(contentsOf: error.problems)
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        var configuration = SightlineConfiguration(
            hostname: hostname, port: port, database: database,
            environment: environment, logLevel: logLevel, importMaxMegabytes: importMax, webhook: webhook)
        configuration.smtp = smtp
        configuration.dataKeys = dataKeys
        configuration.trustedProxies = trustedProxies
        return configuration
    }
}

/// Where signed webhooks go.
public struct WebhookTarget: Sendable, Equatable {
    public var url: String
    public var secret: String

    public init(url: String, secret: String) {
        self.url = url
        self.secret = secret
    }
}

/// Every setting that could not be used, reported together so one restart fixes them all.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One sentence per bad setting.
    public let problems: [String]

    public var description: String {
        problems.count == 1
            ? "configuration: \(problems[0])"
            : "configuration has \(problems.count) problems: " + problems.joined(separator: "; ")
    }
}

extension ConfigurationError: CataloguedError {
    public var failureKind: FailureKind {
        .configuration
    }
}
