import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where and how Sightline sends e-mail: `SIGHTLINE_SMTP_URL` (`smtp://[user:password@]host[:port]`,
/// upgraded with STARTTLS when the server offers it unless `?tls=none`; `smtps://` for TLS from
/// the first byte) and `SIGHTLINE_SMTP_FROM`, the sender address.
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable, Equatable {
        /// Plain, upgraded with STARTTLS when the server offers it.
        case startTLSWhenOffered
        /// Plain only (a relay on the same host).
        case none
        /// TLS from the first byte (port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var security: Security
    public var from: String

    public init(host: String, port: Int, username: String? = nil, password: String? = nil, security: Security, from: String) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.from = from
    }

    /// Reads the settings from their two variables; `nil` when e-mail is not configured.
    public static func from(environment: [String: String]) throws(SMTPError) -> SMTPSettings? {
        guard let text = environment["SIGHTLINE_SMTP_URL"], !text.isEmpty else { return nil }
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["smtp", "smtps"].contains(scheme), let host = url.host,
            !host.isEmpty
        else {
            throw .configuration("SIGHTLINE_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465")
        }
        guard let from = environment["SIGHTLINE_SMTP_FROM"], from.contains("@"), !from.contains(where: \.isNewline) else {
            throw .configuration("SIGHTLINE_SMTP_FROM must be the sender's e-mail address")
        }
        let plain = url.queryItems?.first { $0.name == "tls" }?.value == "none"
        let security: Security = scheme == "smtps" ? .tls : plain ? .none : .startTLSWhenOffered
        return SMTPSettings(
            host: host, port: url.port ?? (scheme == "smtps" ? 465 : 587), username: url.user?.removingPercentEncoding,
            password: url.password?.removingPercentEncoding, security: security, from: from)
    }
}

/// Why a message could not be sent; says what the server answered, never the message.
public enum SMTPError: Error, Equatable, Sendable, CustomStringConvertible {
    case configuration(String)
    case rejected(command: String, reply: String)
    case connectionClosed

    public var description: String {
        switch self {
        case .configuration(let why): why
        case .rejected(let command, let reply): "the mail server refused \(command): \(reply)"
        case .connectionClosed: "the mail server closed the connection"
        }
    }
}

/// One plain-text message.
public struct MailMessage: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// A small SMTP client (RFC 5321) over SwiftNIO: EHLO, STARTTLS when offered, AUTH PLAIN when a
/// user is set, one message per connection.
public struct SMTPMailer: Sendable {
    public let settings: SMTPSettings

    public init(_ settings: SMTPSettings) { self.settings = settings }

    public func send(_ message: MailMessage) async throws {
        let settings = self.settings
        let tls = try NIOSSLContext(configuration: .makeClientConfiguration())
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(15))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.security == .tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: settings.host))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ReplyLineDecoder()))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            /// The reply's code and lines (a multi-line reply has `-` after the code on all but the last).
            func reply(to command: String, expecting codes: Set<Int>) async throws -> [String] {
                var text: [String] = []
                while true {
                    guard let line = try await lines.next() else { throw SMTPError.connectionClosed }
                    text.append(line)
                    if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
                }
                guard let code = Int(text.last?.prefix(3) ?? ""), codes.contains(code) else {
                    throw SMTPError.rejected(command: command, reply: text.last ?? "")
                }
                return text
            }
            func command(_ line: String, _ name: String, expecting codes: Set<Int>) async throws -> [String] {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                return try await reply(to: name, expecting: codes)
            }
            _ = try await reply(to: "the greeting", expecting: [220])
            var capabilities = try await command("EHLO sightline", "EHLO", expecting: [250])
            if settings.security == .startTLSWhenOffered,
                capabilities.contains(where: { $0.dropFirst(4).uppercased().hasPrefix("STARTTLS") })
            {
                _ = try await command("STARTTLS", "STARTTLS", expecting: [220])
                // The handler is made and added on the channel's event loop, where it lives.
                let connection = channel.channel
                try await connection.eventLoop.submit {
                    try connection.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: tls, serverHostname: settings.host), position: .first)
                }.get()
                capabilities = try await command("EHLO sightline", "EHLO", expecting: [250])
            }
            if let user = settings.username {
                let token = Data(("\0" + user + "\0" + (settings.password ?? "")).utf8).base64EncodedString()
                _ = try await command("AUTH PLAIN " + token, "AUTH", expecting: [235])
            }
            _ = try await command("MAIL FROM:<\(settings.from)>", "MAIL FROM", expecting: [250])
            _ = try await command("RCPT TO:<\(message.to)>", "RCPT TO", expecting: [250, 251])
            _ = try await command("DATA", "DATA", expecting: [354])
            _ = try await command(Self.content(message, from: settings.from, date: Date()) + "\r\n.", "the message", expecting: [250])
            _ = try? await command("QUIT", "QUIT", expecting: [221])
        }
    }

    /// Headers and body, lines ending CRLF, a leading dot doubled (RFC 5321 4.5.2).
    public static func content(_ message: MailMessage, from: String, date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let headers = [
            "From: \(from)", "To: \(message.to)", "Subject: \(message.subject.filter { !$0.isNewline })",
            "Date: \(formatter.string(from: date))",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        let body = message.body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.hasPrefix(".") ? "." + line : String(line) }
        return (headers + [""] + body).joined(separator: "\r\n")
    }
}

/// Splits the server's replies into lines without their CRLF.
struct ReplyLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        let length = end - buffer.readerIndex + 1
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        while line.last?.isNewline == true { line.removeLast() }
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }
}
