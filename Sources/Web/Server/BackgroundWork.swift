import Domain
import Fluent
import Foundation
import Persistence
import Vapor

/// The background work of `serve`: every minute, tickets for overdue access reviews, the escalation sweep, then the webhooks and
/// e-mails due; every ten minutes, closing every practice's months that are over and whose files
/// are in (``PeriodCloser/dueMonths(practice:now:)``), in order. Closing is idempotent, so a month
/// two instances close at once still opens one ticket per missed target.
enum BackgroundWork {
    /// How often the sweep looks for months to close.
    static let interval: Duration = .seconds(600)

    /// Sweeps until the task is cancelled: escalations every minute, month closes every ten.
    static func run(_ app: Application) async {
        var minute = 0
        while !Task.isCancelled {
            do {
                let overdue = try await AccessReviewStore(app.db).escalateOverdue(at: app.sightline.clock.now())
                if !overdue.isEmpty { app.logger.notice("\(overdue.count) overdue access reviews opened tickets") }
                let actions = try await GovernanceStore(app.db).escalateOverdue(at: app.sightline.clock.now())
                if !actions.isEmpty { app.logger.notice("\(actions.count) overdue review actions opened tickets") }
            } catch {
                app.logger.warning(
                    "overdue access review or action sweep failed (\(String(reflecting: type(of: error)))); retrying in a minute")
            }
            do {
                let fired = try await EscalationSweeper(app.db, mail: app.sightline.configuration.smtp != nil).sweep(
                    at: app.sightline.clock.now())
                if !fired.isEmpty { app.logger.notice("\(fired.count) escalation levels fired") }
            } catch {
                app.logger.warning("escalation sweep failed (\(String(reflecting: type(of: error)))); retrying in a minute")
            }
            await deliverWebhooks(app)
            await sendMail(app)
            if minute % 10 == 0 { await sweep(app.db, logger: app.logger, now: app.sightline.clock.now()) }
            minute += 1
            try? await Task.sleep(for: .seconds(60))
        }
    }

    /// Posts the outbox's due webhooks, signed, when a receiver is configured.
    static func deliverWebhooks(_ app: Application) async {
        guard let webhook = app.sightline.configuration.webhook else { return }
        let client = app.client
        do {
            let outcome = try await WebhookOutbox(app.db).deliverDue(at: app.sightline.clock.now(), secret: webhook.secret) {
                headers, body in
                var request = ClientRequest(
                    method: .POST, url: URI(string: webhook.url), headers: HTTPHeaders(headers), body: ByteBuffer(string: body))
                request.timeout = .seconds(10)
                return try await client.send(request).status.code
            }
            if outcome.failed > 0 { app.logger.warning("\(outcome.failed) webhooks not accepted; they will be retried") }
        } catch {
            app.logger.warning("webhook delivery failed (\(String(reflecting: type(of: error)))); retrying in a minute")
        }
    }

    /// Sends the mail outbox's due messages, when a mail server is configured.
    static func sendMail(_ app: Application) async {
        guard let smtp = app.sightline.configuration.smtp else { return }
        do {
            let outcome = try await MailOutbox(app.db).sendDue(at: app.sightline.clock.now()) { try await SMTPMailer(smtp).send($0) }
            if outcome.failed > 0 { app.logger.warning("\(outcome.failed) e-mails not accepted by the mail server; they will be retried") }
        } catch {
            app.logger.warning("e-mail delivery failed (\(String(reflecting: type(of: error)))); retrying in a minute")
        }
    }

    /// One sweep over every practice; a failure is logged and retried on the next sweep.
    static func sweep(_ database: any Database, logger: Logger, now: Date) async {
        do {
            for practice in try await OrganizationStore(database).practices() {
                for month in try await PeriodCloser(database).dueMonths(practice: practice, now: now) {
                    let report = try await PeriodCloser(database).close(
                        practice: practice.id, month: month, trigger: .automatic, by: nil, now: now)
                    logger.notice("closed \(month) for practice \(practice.id): \(report.misses) service-level misses")
                }
            }
        } catch {
            logger.warning("month close sweep failed (\(String(reflecting: type(of: error)))); retrying in \(interval)")
        }
    }
}
