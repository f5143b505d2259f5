import Billing
import Domain
import FluentKit
import Foundation

/// One ticket of a practice's old issue log.
public struct ImportedTicket: Sendable, Equatable {
    public var line: Int
    public var number: Int
    public var openedAt: Date
    public var title: String
    public var category: Ticket.Category
    public var priority: TicketPriority
    public var status: Ticket.Status
    public var requester: Party
    public var assignee: Party
    /// What happened after opening, in order: replies, status and priority changes.
    public var history: [(at: Date, kind: TicketEvent.Kind, data: [String: String], party: Party?)]

    public static func == (lhs: ImportedTicket, rhs: ImportedTicket) -> Bool {
        lhs.line == rhs.line && lhs.number == rhs.number && lhs.openedAt == rhs.openedAt && lhs.title == rhs.title
            && lhs.status == rhs.status
            && lhs.history.count == rhs.history.count
    }
}

/// Why an old issue log was refused; the line and column are named.
public struct TicketLogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: String?
    public var reason: String

    public var description: String { "line \(line)\(column.map { ", \($0)" } ?? ""): \(reason)" }
}

/// Brings a practice's old issue log in (`sightline tickets import FILE.csv --engagement ID`), all
/// tickets or none. Columns: `number, opened_at, title, category, priority, status,
/// requester_party, assignee_party` and optionally `history`: events separated by `;`, each
/// `INSTANT reply PARTY`, `INSTANT status STATUS` or `INSTANT priority PRIORITY`. Instants are
/// ISO 8601 with their offset (`2026-03-02T09:15:00-05:00`), so clocks use the real times.
public enum TicketLogImport {
    /// The largest ticket number a log may bring.
    public static let largestNumber = 10_000_000

    public static let columns = ["number", "opened_at", "title", "category", "priority", "status", "requester_party", "assignee_party"]

    public static func parse(_ bytes: [UInt8]) throws(TicketLogError) -> [ImportedTicket] {
        var reader = CSVRowReader()
        var rows: [([String], Int)] = []
        reader.feed(bytes) { rows.append(($0, $1)) }
        reader.finish { rows.append(($0, $1)) }
        guard !reader.tooLong else { throw TicketLogError(line: reader.line, column: nil, reason: "the line is too long") }
        guard let header = rows.first else { throw TicketLogError(line: 1, column: nil, reason: "the file is empty") }
        let names = header.0.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for column in columns where !names.contains(column) {
            throw TicketLogError(
                line: header.1, column: column,
                reason: "the header has no column \(column); it needs \(columns.joined(separator: ","))[,history]")
        }
        let iso = ISO8601DateFormatter()
        var tickets: [ImportedTicket] = []
        var numbers: Set<Int> = []
        for (fields, line) in rows.dropFirst() where !fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            func field(_ name: String) -> String {
                guard let index = names.firstIndex(of: name), index < fields.count else { return "" }
                return fields[index].trimmingCharacters(in: .whitespaces)
            }
            func parse<T>(_ name: String, _ make: (String) -> T?, _ what: String) throws(TicketLogError) -> T {
                guard let value = make(field(name)) else {
                    throw TicketLogError(line: line, column: name, reason: "'\(field(name))' is not \(what)")
                }
                return value
            }
            for (index, text) in fields.enumerated() where index < names.count {
                if let refusal = PlainText.lineRefusal(in: text) {
                    throw TicketLogError(line: line, column: names[index], reason: refusal.description)
                }
            }
            let number = try parse(
                "number", { Int($0).flatMap { (1...Self.largestNumber).contains($0) ? $0 : nil } }, "a ticket number from 1 to 10,000,000")
            guard numbers.insert(number).inserted else {
                throw TicketLogError(line: line, column: "number", reason: "ticket \(number) appears twice")
            }
            let opened = try parse("opened_at", { iso.date(from: $0) }, "an ISO 8601 instant with its offset")
            let title = field("title")
            guard !title.isEmpty, title.count <= 200 else {
                throw TicketLogError(line: line, column: "title", reason: "a title of 1 to 200 characters is needed")
            }
            var ticket = ImportedTicket(
                line: line, number: number, openedAt: opened, title: title,
                category: try parse(
                    "category", Ticket.Category.init(rawValue:),
                    "a category (\(Ticket.Category.allCases.map(\.rawValue).joined(separator: ", ")))"),
                priority: try parse("priority", TicketPriority.init(rawValue:), "a priority (urgent, high, normal, low)"),
                status: try parse(
                    "status", Ticket.Status.init(rawValue:), "a status (\(Ticket.Status.allCases.map(\.rawValue).joined(separator: ", ")))"),
                requester: try parse("requester_party", Party.init(rawValue:), "practice or vendor"),
                assignee: try parse("assignee_party", Party.init(rawValue:), "practice or vendor"), history: [])
            var last = opened
            for entry in field("history").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
                let parts = entry.split(separator: " ").map(String.init)
                guard parts.count == 3, let at = iso.date(from: parts[0]) else {
                    throw TicketLogError(line: line, column: "history", reason: "'\(entry)' is not 'INSTANT reply|status|priority VALUE'")
                }
                guard at >= last else {
                    throw TicketLogError(line: line, column: "history", reason: "'\(entry)' is earlier than what comes before it")
                }
                last = at
                switch parts[1] {
                case "reply":
                    guard let party = Party(rawValue: parts[2]) else {
                        throw TicketLogError(line: line, column: "history", reason: "'\(parts[2])' is not practice or vendor")
                    }
                    ticket.history.append((at, .message, ["body": "(imported reply)"], party))
                case "status":
                    guard let status = Ticket.Status(rawValue: parts[2]) else {
                        throw TicketLogError(line: line, column: "history", reason: "'\(parts[2])' is not a status")
                    }
                    ticket.history.append((at, .status, ["status": status.rawValue], nil))
                case "priority":
                    guard let priority = TicketPriority(rawValue: parts[2]) else {
                        throw TicketLogError(line: line, column: "history", reason: "'\(parts[2])' is not a priority")
                    }
                    ticket.history.append((at, .priority, ["priority": priority.rawValue], nil))
                default:
                    throw TicketLogError(line: line, column: "history", reason: "'\(parts[1])' is not reply, status or priority")
                }
            }
            let lastStatus =
                ticket.history.last { $0.kind == .status }.flatMap { $0.data["status"].flatMap(Ticket.Status.init(rawValue:)) } ?? .open
            guard lastStatus == ticket.status else {
                throw TicketLogError(
                    line: line, column: "status",
                    reason:
                        "is \(ticket.status.rawValue) but the history leaves the ticket \(lastStatus.rawValue); add 'INSTANT status \(ticket.status.rawValue)' to the history so its clocks stop at the right time"
                )
            }
            tickets.append(ticket)
        }
        guard !tickets.isEmpty else { throw TicketLogError(line: header.1, column: nil, reason: "the file has no tickets") }
        return tickets
    }

    /// Stores the tickets in one transaction, rows written many at a time; a number the
    /// engagement already uses is refused with its line.
    public static func store(_ tickets: [ImportedTicket], in engagement: Engagement, on database: any Database) async throws -> Int {
        try await database.atomically { transaction in
            let versions = try await EngagementStore(transaction).versions(of: engagement.id)
            let zone = try await OrganizationStore(transaction).find(engagement.practiceID)?.timeZone ?? "UTC"
            let taken = Set(try await TicketModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).all(\.$number))
            let keyPrefix = try await OrganizationStore(transaction).ticketPrefix(of: engagement.practiceID)
            var stored: [Ticket] = []
            var ticketRows: [TicketModel] = []
            var eventRows: [TicketEventModel] = []
            func flush() async throws {
                try await ticketRows.create(on: transaction)
                try await eventRows.create(on: transaction)
                ticketRows.removeAll(keepingCapacity: true)
                eventRows.removeAll(keepingCapacity: true)
            }
            for imported in tickets {
                guard !taken.contains(imported.number) else {
                    throw TicketLogError(
                        line: imported.line, column: "number", reason: "the engagement already has ticket \(imported.number)")
                }
                var ticket = Ticket(
                    engagementID: engagement.id, number: imported.number, category: imported.category, priority: imported.priority,
                    title: imported.title, detail: "", requester: imported.requester, assignedParty: imported.assignee,
                    gridTask: nil, openedBy: nil, openedAt: imported.openedAt)
                ticket.status = imported.status
                ticket.keyPrefix = keyPrefix
                let day = CalendarDate.on(imported.openedAt, in: zone)
                ticket.contractVersion = (day.flatMap { ContractVersion.inForce(on: $0, among: versions) } ?? versions.last)?.number
                let row = try TicketModel(ticket, practiceID: engagement.practiceID.rawValue, dedupeKey: nil)
                ticketRows.append(row)
                let opened = TicketEvent(
                    sequence: 1, at: imported.openedAt, kind: .opened, actor: nil, party: imported.requester, visibility: .public,
                    data: [
                        "category": imported.category.rawValue, "priority": imported.priority.rawValue,
                        "assignedParty": imported.assignee.rawValue, "imported": "true",
                    ])
                eventRows.append(try TicketEventModel(opened, of: ticket.id, practiceID: engagement.practiceID, organization: nil))
                for (offset, event) in imported.history.enumerated() {
                    let later = TicketEvent(
                        sequence: offset + 2, at: event.at, kind: event.kind, actor: nil, party: event.party, visibility: .public,
                        data: event.data)
                    eventRows.append(try TicketEventModel(later, of: ticket.id, practiceID: engagement.practiceID, organization: nil))
                }
                stored.append(ticket)
                // Under SQLite's 32,766 bound values a statement.
                if eventRows.count >= 2_000 || ticketRows.count >= 1_000 { try await flush() }
            }
            try await flush()
            try await TicketStore(transaction).reschedule(stored, at: Date())
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "import", practice: engagement.practiceID.rawValue, object: "engagement:\(engagement.id)",
                    detail: "issue log: \(tickets.count) tickets"), at: Date())
            return tickets.count
        }
    }
}
