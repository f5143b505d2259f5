import Domain
import Vapor

extension Request {
    private struct CallerKey: StorageKey {
        typealias Value = Caller
    }

    /// The authenticated caller; set by ``BearerAuthMiddleware`` on every `/api/v1` route that needs it.
    public var caller: Caller {
        get throws {
            guard let caller = storage[CallerKey.self] else { throw Abort(.unauthorized) }
            return caller
        }
    }

    func setCaller(_ caller: Caller) { storage[CallerKey.self] = caller }
}
