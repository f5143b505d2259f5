import Foundation
import Logging
import NIOConcurrencyHelpers
import Persistence

/// What the test process logs, watched for given words while a test asks: installed as the
/// process's log handler before the first application starts. Otherwise lines at or above the
/// logger's level go to standard error as usual.
public enum LogCapture {
    struct State {
        var watched: [String] = []
        var lines = 0
        var matches: [String] = []
    }

    static let state = NIOLockedValueBox(State())

    private static let installed: Bool = {
        LoggingSystem.bootstrap { label in CaptureHandler(label: label) }
        return true
    }()

    /// Makes the capturing handler the process's (once).
    public static func install() { _ = installed }

    /// Runs `body` with every logger of the process writing at debug level (where queries are
    /// logged with their values), as the server's handler would write them; returns how many lines
    /// were written meanwhile (by this and any test running alongside) and those holding any of
    /// `words`, compared without case.
    public static func watching<T>(for words: [String], _ body: () async throws -> T) async throws -> (T, lines: Int, matches: [String]) {
        install()
        let lowered = words.map { $0.lowercased() }
        let start = state.withLockedValue { state in
            state.watched += lowered
            return (state.lines, state.matches.count)
        }
        defer {
            state.withLockedValue { state in
                for word in lowered { if let index = state.watched.firstIndex(of: word) { state.watched.remove(at: index) } }
                if state.watched.isEmpty { state.matches.removeAll() }
            }
        }
        let result = try await body()
        let (lines, matches) = state.withLockedValue { ($0.lines - start.0, Array($0.matches[min(start.1, $0.matches.count)...])) }
        return (result, lines, matches)
    }
}

struct CaptureHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    var configuredLevel: Logger.Level = .info

    init(label: String) { self.label = label }

    var logLevel: Logger.Level {
        get { LogCapture.state.withLockedValue { $0.watched.isEmpty } ? configuredLevel : min(configuredLevel, .debug) }
        set { configuredLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let watched = LogCapture.state.withLockedValue { $0.watched }
        if !watched.isEmpty {
            // As the server writes them: query values withheld.
            let all = RedactingLogHandler.redact(metadata.merging(event.metadata ?? [:]) { _, new in new }) ?? [:]
            let text =
                "\(event.level) \(label): \(event.message)" + (all.isEmpty ? "" : " \(all)") + (event.error.map { " error: \($0)" } ?? "")
            let lowered = text.lowercased()
            let hit = watched.contains { lowered.contains($0) }
            LogCapture.state.withLockedValue { state in
                state.lines += 1
                if hit { state.matches.append(text) }
            }
        }
        if event.level >= configuredLevel { FileHandle.standardError.write(Data("\(event.level) \(label): \(event.message)\n".utf8)) }
    }
}
