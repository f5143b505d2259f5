import Domain
import Foundation
import NIOCore
import NIOPosix
import Persistence
import SightlineTestSupport
import Testing

/// A mail server on the loopback that takes every message and keeps what it was sent.
final class FakeMailServer: @unchecked Sendable {
    private let lock = NSLock()
    private var transcripts: [String] = []
    let channel: any Channel
    let refuseRecipients: Bool

    var port: Int { channel.localAddress?.port ?? 0 }
    var received: [String] { lock.withLock { transcripts } }

    init(refuseRecipients: Bool = false) async throws {
        self.refuseRecipients = refuseRecipients
        let box = Box()
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.pipeline.addHandler(Session(server: box))
            }
            .bind(host: "127.0.0.1", port: 0).get()
        box.server = self
    }

    func stop() async throws { try await channel.close() }

    fileprivate func record(_ text: String) { lock.withLock { transcripts.append(text) } }

    final class Box: @unchecked Sendable { weak var server: FakeMailServer? }

    /// Answers SMTP line by line; everything between DATA and the lone dot is the message.
    final class Session: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let server: Box
        var pending = ""
        var inData = false
        var message = ""

        init(server: Box) { self.server = server }

        func channelActive(context: ChannelHandlerContext) { reply(context, "220 fake ESMTP") }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
            while let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                handle(context, line)
            }
        }

        func handle(_ context: ChannelHandlerContext, _ line: String) {
            if inData {
                if line == "." {
                    inData = false
                    server.server?.record(message)
                    reply(context, "250 queued")
                } else {
                    message += line + "\n"
                }
                return
            }
            let verb = line.prefix(4).uppercased()
            switch verb {
            case "EHLO": reply(context, "250-fake\r\n250 AUTH PLAIN")
            case "AUTH": reply(context, "235 ok")
            case "MAIL": reply(context, "250 ok")
            case "RCPT": reply(context, server.server?.refuseRecipients == true ? "550 no such mailbox" : "250 ok")
            case "DATA":
                inData = true
                message = ""
                reply(context, "354 go on")
            case "QUIT": reply(context, "221 bye")
            default: reply(context, "502 not here")
            }
        }

        func reply(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }
    }
}

@Suite("E-mail of escalations", .database)
struct MailTests {
    @Test(
        "settings come from SIGHTLINE_SMTP_URL and SIGHTLINE_SMTP_FROM; bad ones are named",
        arguments: [
            (
                [
                    "SIGHTLINE_SMTP_URL": "smtp://ops%40clinic.example:s3cret@mail.example:587",
                    "SIGHTLINE_SMTP_FROM": "sightline@clinic.example",
                ], "mail.example 587 ops@clinic.example startTLSWhenOffered"
            ),
            (["SIGHTLINE_SMTP_URL": "smtps://mail.example", "SIGHTLINE_SMTP_FROM": "sightline@clinic.example"], "mail.example 465 - tls"),
            (
                ["SIGHTLINE_SMTP_URL": "smtp://localhost:25?tls=none", "SIGHTLINE_SMTP_FROM": "sightline@clinic.example"],
                "localhost 25 - none"
            ),
            ([:], "not configured"),
            (
                ["SIGHTLINE_SMTP_URL": "http://mail.example", "SIGHTLINE_SMTP_FROM": "a@b.example"],
                "SIGHTLINE_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465"
            ),
            (["SIGHTLINE_SMTP_URL": "smtp://mail.example"], "SIGHTLINE_SMTP_FROM must be the sender's e-mail address"),
        ])
    func settings(environment: [String: String], expected: String) {
        do {
            guard let settings = try SMTPSettings.from(environment: environment) else { return #expect(expected == "not configured") }
            #expect("\(settings.host) \(settings.port) \(settings.username ?? "-") \(settings.security.rawValue)" == expected)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("an escalation queues one e-mail per person told, without the ticket's title; the outbox sends it and a refusal is retried later")
    func escalationMail() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await EscalationSweeperTests.setUp()
        let ticket = try await EscalationSweeperTests.open(parties, engagement, at: "2026-04-13 09:00")
        let fired = try await EscalationSweeper(db, mail: true).sweep(at: chicago("2026-04-13 12:30"))
        #expect(fired.count == 1)
        let queued = try await MailOutbox(db).pending()
        #expect(!queued.isEmpty)
        #expect(
            queued.allSatisfy {
                $0.subject == "[Sightline] RFM-1: first response escalated to warning" && !$0.body.contains("Denials")
                    && $0.body.contains("/tickets/\(ticket.id)")
            })

        let refusing = try await FakeMailServer(refuseRecipients: true)
        let settings = SMTPSettings(
            host: "127.0.0.1", port: refusing.port, username: "ops", password: "pw", security: .none, from: "sightline@clinic.example")
        let first = try await MailOutbox(db).sendDue(at: chicago("2026-04-13 12:31")) { try await SMTPMailer(settings).send($0) }
        #expect(first.sent == 0 && first.failed == queued.count)
        try await refusing.stop()
        let server = try await FakeMailServer()
        let accepting = SMTPSettings(
            host: "127.0.0.1", port: server.port, username: "ops", password: "pw", security: .none, from: "sightline@clinic.example")
        let early = try await MailOutbox(db).sendDue(at: chicago("2026-04-13 12:31")) { try await SMTPMailer(accepting).send($0) }
        #expect(early.sent == 0, "a refused message waits before its next try")
        let retried = try await MailOutbox(db).sendDue(at: chicago("2026-04-13 12:35")) { try await SMTPMailer(accepting).send($0) }
        #expect(retried.sent == queued.count)
        #expect(try await MailOutbox(db).pending().isEmpty)
        let message = try #require(server.received.first)
        #expect(message.contains("Subject: [Sightline] RFM-1: first response escalated to warning"))
        #expect(message.contains("From: sightline@clinic.example"))
        try await server.stop()
    }

    @Test("a body line starting with a dot is doubled, so it cannot end the message early")
    func dotStuffing() {
        let text = SMTPMailer.content(
            MailMessage(to: "a@b.example", subject: "S", body: "one\n.\ntwo"), from: "s@b.example", date: Date(timeIntervalSince1970: 0))
        #expect(text.hasSuffix("\r\n\r\none\r\n..\r\ntwo"))
        #expect(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
    }
}
