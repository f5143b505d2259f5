import Persistence
import Vapor

/// What time it is, for every route and page: passed in when the app is configured (tests can
/// give a fixed or moving clock), never read from the system by a handler itself.
public struct SightlineClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system's clock.
    public static let system = SightlineClock { Date() }
}

/// What the routes need to know about how this instance was started.
struct SightlineContext: Sendable {
    let configuration: SightlineConfiguration
    let hasher: BcryptHasher
    let openAPIDocument: ByteBuffer
    let clock: SightlineClock
}

extension Application {
    private struct ContextKey: StorageKey {
        typealias Value = SightlineContext
    }

    var sightline: SightlineContext {
        get {
            guard let context = storage[ContextKey.self] else {
                preconditionFailure("SightlineApp.configure(_:configuration:) was not called")
            }
            return context
        }
        set { storage[ContextKey.self] = newValue }
    }
}

extension Request {
    /// The instance's settings.
    var sightline: SightlineContext { application.sightline }

    /// Now, by the instance's clock.
    var now: Date { application.sightline.clock.now() }
}
