import Demo
import Domain
import Foundation
import NIOCore
import Persistence
import Vapor

/// Runs the HTTP server until SIGINT or SIGTERM, then shuts down cleanly.
public enum SightlineServer {
    /// How long a clean shutdown may take before the process ends anyway.
    public static let shutdownDeadline: Duration = .seconds(9)

    /// Opens and migrates the database, optionally seeds the demo workspace, serves, and returns
    /// once a stop signal has been handled.
    /// - Parameter report: receives lines meant for the person who started the server (demo passwords).
    public static func run(
        _ configuration: SightlineConfiguration, demo: Bool, report: @Sendable (String) -> Void
    ) async throws {
        let app = try await SightlineRuntime.makeApplication(configuration)
        let stop = StopSignal(signals: [SIGINT, SIGTERM])
        do {
            try SightlineApp.configure(app, configuration: configuration)
            try await app.prepareSightlineDatabase(configuration.database)
            if demo { try await seedDemo(app, report: report) }
            try await app.asyncBoot()
            do {
                try await app.server.start(address: .hostname(configuration.hostname, port: configuration.port))
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                throw ServerStartError.portInUse(host: configuration.hostname, port: configuration.port)
            } catch let error as IOError where error.errnoCode == EACCES {
                throw ServerStartError.permissionDenied(host: configuration.hostname, port: configuration.port)
            } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL {
                throw ServerStartError.addressNotAvailable(host: configuration.hostname)
            }
            app.logger.notice(
                "Sightline \(SightlineVersion.current) serving on http://\(configuration.hostname):\(configuration.port) (database: \(configuration.database.engineName), \(configuration.database.redactedLocation))"
            )
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        let sweeper = Task { await BackgroundWork.run(app) }
        let received = await stop.wait()
        sweeper.cancel()
        app.logger.notice("received signal \(received); shutting down")
        let logger = app.logger
        Task.detached {
            try? await Task.sleep(for: shutdownDeadline)
            logger.warning("shutdown took longer than \(shutdownDeadline); exiting")
            exit(0)
        }
        await app.server.shutdown()
        // The sweep's step under way finishes first: a database closed under an open transaction
        // answers busy, and the stop would look like a failure.
        await sweeper.value
        try await app.asyncShutdown()
    }

    /// Seeds the demo workspace into `app`'s empty database (the link walk test seeds it the same way).
    static func seedDemo(_ app: Application, report: @Sendable (String) -> Void) async throws {
        let randomIndex: @Sendable (Int) -> Int = { bound in
            var generator = SystemRandomNumberGenerator()
            return Int.random(in: 0..<bound, using: &generator)
        }
        let result = try await DemoWorkspace.seed(on: app.db, hasher: app.sightline.hasher, randomIndex: randomIndex)
        guard let result else {
            report("The database already has data: the demo workspace was not added.")
            return
        }
        report("Demo workspace: \(result.practice.name) (practice) and \(result.vendor.name) (vendor).")
        report("Sign-in accounts — these passwords are shown once and stored only as bcrypt hashes; the first")
        report("sign-in of each sets up an authenticator app (a code from it is asked at every sign-in):")
        let width = result.accounts.map { $0.email.value.count }.max() ?? 0
        for account in result.accounts {
            let email = account.email.value.padding(toLength: width, withPad: " ", startingAt: 0)
            let role = account.role.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            report("  \(email)  \(role)  \(account.password)")
        }
        do {
            // One present for the whole history: everything before it happened when it would have.
            let now = app.sightline.clock.now()
            let engagement = try await DemoWorkspace.seedEngagement(on: app.db, practice: result.practice, vendor: result.vendor, now: now)
            let history = engagement.billing
            report(
                "Billing history: \(history.files) files imported on their days since \(history.from), \(history.claims) claims submitted, \(history.adjudications) payer decisions."
            )
            let requests = engagement.changeRequests
            let queue = try await DemoWorkspace.seedTickets(
                on: app.db, engagement: engagement.engagement, practice: result.practice, vendor: result.vendor, now: now)
            let rollout = try await DemoWorkspace.seedPilots(
                on: app.db, engagement: engagement.engagement, practice: result.practice, now: now)
            report(
                "Rollout: phase 1 (Medicare Part B) \(rollout.firstPassed ? "passed its gate and went ahead" : "did not pass its gate")"
                    + "; phase 2 (the commercial plans) is running, \(rollout.phases) phases in all.")
            let oversight = try await DemoWorkspace.seedOversight(
                on: app.db, engagement: engagement.engagement, practice: result.practice, vendor: result.vendor, now: now)
            report(
                "Oversight: the vendor reported its figures for \(oversight.reportedMonths) months (\(oversight.flagged) difference beyond the tolerance); \(oversight.completedAccessReview) completed, \(oversight.openAccessReview) open."
            )
            let governance = try await DemoWorkspace.seedGovernance(
                on: app.db, engagement: engagement.engagement, practice: result.practice, now: now)
            report(
                "Governance: \(governance.reviews) monthly reviews held with \(governance.actions) actions (the first review's done, \(governance.overdue) overdue), \(governance.risks) risks registered; a quality audit with \(governance.auditFindings) findings."
            )
            let transition = try await DemoWorkspace.seedTransition(
                on: app.db, engagement: engagement.engagement, practice: result.practice, now: now)
            report(
                "Transition plan: \(transition.done) of \(transition.steps) steps done (a rollout of prior authorizations under way), \(transition.notices) notices to staff."
            )
            report(
                "Issue log: \(queue.tickets) tickets in every state; \(engagement.escalations + queue.escalations) escalation levels fired, each when it fell due."
            )
            let neighbour = try await DemoWorkspace.seedNeighbour(
                on: app.db, vendor: result.vendor, hasher: app.sightline.hasher, randomIndex: randomIndex, now: now)
            report(
                "The vendor also serves \(neighbour.practice.name) (\(neighbour.practice.timeZone)): its administrator signs in as \(neighbour.account.email) with \(neighbour.account.password); its engagement is \(neighbour.engagement.id)."
            )
            report(
                "Engagement \(engagement.engagement.id): contract v\((requests[.approved] ?? 0) + 1) in force after \(requests[.approved] ?? 0) approved change requests (\(requests[.rejected] ?? 0) rejected); \(engagement.monthsClosed) months closed, \(engagement.misses) service-level misses ticketed."
            )
        }
        report("Create an API token for one of them with: sightline token create --email \(result.accounts[0].email)")
    }
}

/// Why the server could not start listening.
public enum ServerStartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another process listens on the port.
    case portInUse(host: String, port: Int)
    /// Ports below 1024 need privileges.
    case permissionDenied(host: String, port: Int)
    /// The host address is not one of this machine's.
    case addressNotAvailable(host: String)

    public var description: String {
        switch self {
        case .portInUse(let host, let port):
            "port \(port) on \(host) is already in use; stop the other process or choose another with --port or SIGHTLINE_PORT"
        case .permissionDenied(let host, let port):
            "not permitted to listen on \(host):\(port); choose a port above 1023"
        case .addressNotAvailable(let host):
            "\(host) is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its own addresses"
        }
    }
}

extension ServerStartError: CataloguedError {
    public var failureKind: FailureKind {
        .unavailable
    }
}
