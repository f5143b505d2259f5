import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence
import Web

/// Exit codes from sysexits(3), so scripts can tell failures apart: the names commands use when
/// they exit on their own, each the code the failure catalogue gives its kind.
enum SysExit {
    static let usage = FailureKind.badRequest.exitCode
    static let dataError = FailureKind.invalid.exitCode
    static let noInput = FailureKind.notFound.exitCode
    static let unavailable = FailureKind.unavailable.exitCode
    static let software = FailureKind.internal.exitCode
    static let config = FailureKind.configuration.exitCode
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

/// The message and exit code for an error reaching the top of a command: the one catalogue
/// (``Failure/of(_:adapters:)``) decides both, as it decides the web's statuses.
func describe(_ error: any Error) -> (String, Int32) {
    let failure = Failure.of(error, adapters: Failure.persistenceAdapters)
    if failure.kind == .internal {
        return ("unexpected failure (\(String(reflecting: type(of: error))))", failure.kind.exitCode)
    }
    return (failure.message, failure.kind.exitCode)
}

/// A file the user named that cannot be read.
struct MissingFileError: CataloguedError {
    let path: String
    var description: String { "\(path): no such file or it cannot be read" }
    var failureKind: FailureKind { .notFound }
}

/// Problems with what a command was given that no library type reports.
struct CommandInputError: CataloguedError {
    let description: String
    var failureKind: FailureKind { .invalid }
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
