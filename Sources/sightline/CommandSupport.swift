import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence
import Web

/// Exit codes from sysexits(3), so scripts can tell failures apart.
enum SysExit {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let config: Int32 = 78
}

/// Runs a command body and turns any error into one line on standard error and a fitting exit code.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let (message, code) = describe(error)
        FileHandle.standardError.write(Data("sightline: error: \(message)\n".utf8))
        throw ExitCode(code)
    }
}

/// The message and exit code for an error reaching the top of a command.
func describe(_ error: any Error) -> (String, Int32) {
    switch error {
    case let error as ConfigurationError: (error.description, SysExit.config)
    case let error as DatabaseStartupError: (error.description, SysExit.unavailable)
    case let error as ServerStartError: (error.description, SysExit.unavailable)
    case let error as StoreError:
        switch error {
        case .organizationNotFound, .userNotFound, .notFound: (error.description, SysExit.noInput)
        case .practiceRequired: (error.description, SysExit.usage)
        case .corruptRow: (error.description, SysExit.software)
        case .emailTaken, .userDeactivated, .alreadySetUp: (error.description, SysExit.dataError)
        }
    case let error as OrganizationError: (error.description, SysExit.dataError)
    case let error as EmailAddressError: (error.description, SysExit.dataError)
    case let error as PasswordPolicyError: (error.description, SysExit.dataError)
    case let error as RoleError: (error.description, SysExit.dataError)
    case let error as TokenLifetimeError: (error.description, SysExit.dataError)
    case let error as CommandInputError: (error.description, SysExit.dataError)
    case let error as MissingFileError: (error.description, SysExit.noInput)
    case let error as EngagementError: (error.description, SysExit.dataError)
    case let error as PeriodCloseError: (error.description, SysExit.dataError)
    case let error as ContractVersionError:
        if case .noneInForce = error { (error.description, SysExit.noInput) } else { (error.description, SysExit.dataError) }
    case let error as AuditTextError: (error.description, SysExit.dataError)
    case let error where DatabaseBusy.matches(error):
        ("the database is busy with other work (a server or another command is writing); nothing was changed, try again", SysExit.unavailable)
    default: ("unexpected failure (\(String(reflecting: type(of: error))))", SysExit.software)
    }
}

/// A file the user named that cannot be read.
struct MissingFileError: Error, CustomStringConvertible {
    let path: String
    var description: String { "\(path): no such file or it cannot be read" }
}

/// Problems with what a command was given that no library type reports.
struct CommandInputError: Error, CustomStringConvertible {
    let description: String
}

/// Reads the configuration from the environment (and serve's flags); logging goes to standard error.
func loadConfiguration(hostname: String? = nil, port: Int? = nil, quiet: Bool) throws -> SightlineConfiguration {
    let configuration = try SightlineConfiguration.load(
        environment: ProcessInfo.processInfo.environment, hostname: hostname, port: port)
    let level: Logger.Level = quiet ? max(configuration.logLevel, .warning) : configuration.logLevel
    LoggingSystem.bootstrap { label in
        var handler = RedactingLogHandler(StreamLogHandler.standardError(label: label))
        handler.logLevel = level
        return handler
    }
    return configuration.withLogLevel(level)
}

extension SightlineConfiguration {
    func withLogLevel(_ level: Logger.Level) -> SightlineConfiguration {
        var copy = self
        copy.logLevel = level
        return copy
    }
}

/// Writes a line to standard output, unbuffered so pipes see it at once.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

extension Role: ExpressibleByArgument {
    public init?(argument: String) { self.init(wireValue: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension Organization.Kind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
