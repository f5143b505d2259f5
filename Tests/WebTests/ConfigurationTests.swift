import Persistence
import Testing
import Web

@Suite("Configuration from the environment and flags")
struct ConfigurationTests {
    @Test("a fresh machine needs no settings")
    func defaults() throws {
        let configuration = try SightlineConfiguration.load(environment: [:])
        #expect(configuration.hostname == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.database == .sqliteFile(path: "sightline.sqlite"))
        #expect(configuration.environment == "development")
        #expect(configuration.logLevel == .info)
    }

    @Test("environment variables are read, and flags win over them")
    func overrides() throws {
        let environment = [
            "SIGHTLINE_HOSTNAME": "0.0.0.0", "SIGHTLINE_PORT": "9090", "SIGHTLINE_ENV": "production",
            "SIGHTLINE_LOG_LEVEL": "WARNING", "DATABASE_URL": "postgres://u:p@db:5432/sightline",
            "SIGHTLINE_DATA_KEY_FILE": "/etc/sightline/data.key",
        ]
        let fromEnvironment = try SightlineConfiguration.load(environment: environment)
        #expect(fromEnvironment.hostname == "0.0.0.0")
        #expect(fromEnvironment.port == 9090)
        #expect(fromEnvironment.environment == "production")
        #expect(fromEnvironment.logLevel == .warning)
        #expect(fromEnvironment.database.engineName == "postgres")
        #expect(fromEnvironment.dataKeys == .file(path: "/etc/sightline/data.key", createIfMissing: false))
        let flagged = try SightlineConfiguration.load(environment: environment, hostname: "127.0.0.2", port: 7070)
        #expect(flagged.hostname == "127.0.0.2")
        #expect(flagged.port == 7070)
    }

    @Test("every bad variable is named in one error")
    func everyProblem() {
        let environment = [
            "SIGHTLINE_PORT": "eighty", "SIGHTLINE_ENV": "staging", "SIGHTLINE_LOG_LEVEL": "loud", "DATABASE_URL": "mysql://x/y",
        ]
        #expect {
            try SightlineConfiguration.load(environment: environment)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.problems.count == 4 && error.description.contains("SIGHTLINE_PORT")
                && error.description.contains("SIGHTLINE_ENV") && error.description.contains("SIGHTLINE_LOG_LEVEL")
                && error.description.contains("mysql")
        }
    }

    @Test("ports outside 0…65535 are refused", arguments: [-1, 65_536, 100_000])
    func badPort(port: Int) {
        #expect(throws: ConfigurationError.self) { try SightlineConfiguration.load(environment: [:], port: port) }
    }

    @Test("every variable read is documented in the variables list")
    func documented() {
        let names = Set(SightlineConfiguration.variables.map(\.name))
        #expect(
            names == [
                "SIGHTLINE_HOSTNAME", "SIGHTLINE_PORT", "DATABASE_URL", "SIGHTLINE_DATABASE_PATH", "SIGHTLINE_ENV", "SIGHTLINE_LOG_LEVEL",
                "SIGHTLINE_IMPORT_MAX_MB",
                "SIGHTLINE_WEBHOOK_URL", "SIGHTLINE_WEBHOOK_SECRET", "SIGHTLINE_SMTP_URL", "SIGHTLINE_SMTP_FROM",
                "SIGHTLINE_DATA_KEY_FILE", "SIGHTLINE_DATA_KEY", "SIGHTLINE_TRUSTED_PROXIES",
            ])
    }

    @Test("trusted proxies are read from the environment; a bad entry is named at start-up")
    func trustedProxies() throws {
        let configuration = try SightlineConfiguration.load(environment: ["SIGHTLINE_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"])
        #expect(configuration.trustedProxies.trusts("10.20.30.40") && !configuration.trustedProxies.trusts("192.0.2.1"))
        #expect(try SightlineConfiguration.load(environment: [:]).trustedProxies == .none)
        #expect(throws: ConfigurationError.self) {
            try SightlineConfiguration.load(environment: ["SIGHTLINE_TRUSTED_PROXIES": "10.0.0.0/99"])
        }
    }

    @Test(
        "a webhook needs an http(s) URL and a secret of at least 16 characters",
        arguments: [
            (["SIGHTLINE_WEBHOOK_URL": "https://hooks.example/sightline", "SIGHTLINE_WEBHOOK_SECRET": "0123456789abcdef"], nil),
            (["SIGHTLINE_WEBHOOK_URL": "ftp://hooks.example", "SIGHTLINE_WEBHOOK_SECRET": "0123456789abcdef"], "is not an http(s) URL"),
            (["SIGHTLINE_WEBHOOK_URL": "https://hooks.example"], "SIGHTLINE_WEBHOOK_SECRET must be set"),
            (["SIGHTLINE_WEBHOOK_SECRET": "0123456789abcdef"], "without SIGHTLINE_WEBHOOK_URL"),
        ] as [([String: String], String?)])
    func webhook(environment: [String: String], problem: String?) {
        do {
            let configuration = try SightlineConfiguration.load(environment: environment)
            #expect(problem == nil)
            #expect(configuration.webhook?.url == "https://hooks.example/sightline")
        } catch {
            #expect(problem.map { error.description.contains($0) } == true, "\(error.description)")
        }
    }
}
