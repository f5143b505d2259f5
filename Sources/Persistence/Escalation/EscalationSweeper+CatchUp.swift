import Domain
import FluentKit
import Foundation

extension EscalationSweeper {
    /// Runs the real escalation sweep at each instant a level falls due, up to `instant`: what a
    /// sweeper running every minute would have fired, when it would have fired it. Returns how many
    /// levels fired.
    @discardableResult
    public func catchUp(through instant: Date) async throws -> Int {
        var fired = 0
        let sweeper = self
        // A schedule read back from the database may fall a hair before the level's instant; then
        // the sweep is run that hair later, never past `instant`.
        var nudge: TimeInterval = 0
        for _ in 0..<10_000 {
            let due = try await TicketModel.query(on: database)
                .filter(\.$status !~ [Ticket.Status.resolved.rawValue, Ticket.Status.closed.rawValue])
                .filter(\.$nextEscalationAt <= instant).sort(\.$nextEscalationAt).first()
            guard let at = due?.nextEscalationAt else { break }
            let when = min(at.addingTimeInterval(nudge), instant)
            let firings = try await sweeper.sweep(at: when)
            fired += firings.count
            if firings.isEmpty, let again = try await TicketModel.find(due?.id, on: database), again.nextEscalationAt == at {
                if when >= instant { break }
                nudge = nudge == 0 ? 0.001 : nudge * 10
            } else {
                nudge = 0
            }
        }
        return fired
    }
}
