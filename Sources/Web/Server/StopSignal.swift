@preconcurrency import Dispatch
import Foundation
import NIOConcurrencyHelpers

/// Waits for the first of a set of POSIX signals (Ctrl-C, SIGTERM from a supervisor).
final class StopSignal: Sendable {
    private let state = NIOLockedValueBox<(received: Int32?, waiter: CheckedContinuation<Int32, Never>?)>((nil, nil))
    /// Kept so the sources live as long as the waiter; only touched in `init`.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    init(signals: [Int32]) {
        var made: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)  // let the dispatch source, not the default action, see it
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [state] in
                let waiter = state.withLockedValue { value -> CheckedContinuation<Int32, Never>? in
                    // A second signal while shutting down means "now": leave without waiting.
                    guard value.received == nil else { exit(128 + number) }
                    value.received = number
                    defer { value.waiter = nil }
                    return value.waiter
                }
                waiter?.resume(returning: number)
            }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    /// Suspends until a signal arrives and returns its number.
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let already = state.withLockedValue { value -> Int32? in
                if let received = value.received { return received }
                value.waiter = continuation
                return nil
            }
            if let already { continuation.resume(returning: already) }
        }
    }
}
