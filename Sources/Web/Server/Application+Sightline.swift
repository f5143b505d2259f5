import Persistence
import Vapor

/// What the routes need to know about how this instance was started.
struct SightlineContext: Sendable {
    let configuration: SightlineConfiguration
    let hasher: BcryptHasher
    let openAPIDocument: ByteBuffer
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
}
