import Domain
import FluentKit
import Foundation

/// A piece of vendor work: a record the vendor logged, or a ticket assigned to the vendor.
public struct WorkRecord: Sendable, Equatable, Codable {
    public var id: UUID
    public var engagementID: Engagement.ID
    public var gridTask: String?
    public var date: CalendarDate
    public var quantity: Int
    public var minutes: Int
    public var description: String
    public var recordedBy: User.ID

    /// The most a single work record may count: a month of a large team's claims.
    public static let largestQuantity = 1_000_000
    /// The most minutes a single work record may hold: about a month of a ten-person team.
    public static let largestMinutes = 100_000
}

/// One month's vendor work per engagement, split into in scope and out of scope (scope creep),
/// each piece judged against the contract version in force on its day.
public struct ScopeReport: Sendable, Equatable, Codable {
    /// One out-of-scope group: the same task (or none) and reason.
    public struct Group: Sendable, Equatable, Codable {
        public var status: ScopeStatus
        public var task: String?
        public var tickets: Int
        public var workRecords: Int
        public var quantity: Int
        public var minutes: Int

        public init(status: ScopeStatus, task: String?, tickets: Int, workRecords: Int, quantity: Int, minutes: Int) {
            self.status = status
            self.task = task
            self.tickets = tickets
            self.workRecords = workRecords
            self.quantity = quantity
            self.minutes = minutes
        }
    }

    /// One engagement's month.
    public struct Line: Sendable, Equatable, Codable {
        public var engagementID: Engagement.ID
        public var vendorID: Organization.ID
        public var vendorName: String
        public var inScopeTickets: Int
        public var inScopeWorkRecords: Int
        public var outOfScopeTickets: Int
        public var outOfScopeWorkRecords: Int
        public var outOfScopeMinutes: Int
        public var groups: [Group]
        /// Work records left out because their quantities or minutes could not be added up (stored
        /// before entry was bounded): reported, never trapped on.
        public var uncounted: Int = 0

        public init(
            engagementID: Engagement.ID, vendorID: Organization.ID, vendorName: String, inScopeTickets: Int, inScopeWorkRecords: Int,
            outOfScopeTickets: Int, outOfScopeWorkRecords: Int, outOfScopeMinutes: Int, groups: [Group]
        ) {
            self.engagementID = engagementID
            self.vendorID = vendorID
            self.vendorName = vendorName
            self.inScopeTickets = inScopeTickets
            self.inScopeWorkRecords = inScopeWorkRecords
            self.outOfScopeTickets = outOfScopeTickets
            self.outOfScopeWorkRecords = outOfScopeWorkRecords
            self.outOfScopeMinutes = outOfScopeMinutes
            self.groups = groups
        }
    }

    public var month: CalendarMonth
    public var lines: [Line]

    public init(month: CalendarMonth, lines: [Line]) {
        self.month = month
        self.lines = lines
    }
}

/// Records vendor work and reports scope creep.
public struct ScopeStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Logs vendor work; the task may be left out, and is then flagged as out of scope.
    public func record(
        in engagement: Engagement, by caller: Caller, task: String?, date: CalendarDate, quantity: Int, minutes: Int, description: String,
        now: Date
    ) async throws -> WorkRecord {
        guard caller.user.role.party == .vendor else { throw ScopeError.vendorOnly }
        guard (0...WorkRecord.largestQuantity).contains(quantity), (0...WorkRecord.largestMinutes).contains(minutes) else {
            throw ScopeError.outOfBounds
        }
        guard quantity + minutes > 0 else { throw ScopeError.nothingDone }
        let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 2_000 else { throw ScopeError.badDescription }
        let row = WorkRecordModel()
        row.id = UUID()
        row.practiceID = engagement.practiceID.rawValue
        row.engagementID = engagement.id.rawValue
        row.gridTask = task.flatMap { $0.isEmpty ? nil : $0 }
        row.workDate = date.description
        row.quantity = quantity
        row.minutes = minutes
        row.description = text
        row.recordedBy = caller.user.id.rawValue
        row.recordedAt = now
        try await row.create(on: database)
        return try Self.domain(row)
    }

    static func domain(_ row: WorkRecordModel) throws(StoreError) -> WorkRecord {
        guard let id = row.id, let date = CalendarDate(row.workDate) else {
            throw .corruptRow(table: WorkRecordModel.schema, detail: "work_date")
        }
        return WorkRecord(
            id: id, engagementID: .init(row.engagementID), gridTask: row.gridTask, date: date, quantity: row.quantity,
            minutes: row.minutes, description: row.description, recordedBy: .init(row.recordedBy))
    }

    /// The vendor work of `month` for every engagement `organization` is a party to (a vendor sees its own).
    public func report(month: CalendarMonth, visibleTo caller: Caller) async throws -> ScopeReport {
        let engagements = try await EngagementStore(database).list(visibleTo: caller)
        var lines: [ScopeReport.Line] = []
        for engagement in engagements {
            lines.append(try await line(for: engagement, month: month))
        }
        return ScopeReport(month: month, lines: lines)
    }

    func line(for engagement: Engagement, month: CalendarMonth) async throws -> ScopeReport.Line {
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        let practice = try await OrganizationStore(database).find(engagement.practiceID)
        let vendor = try await OrganizationStore(database).find(engagement.vendorID)
        let zone = practice?.timeZone ?? "UTC"
        // A day before any version took effect is judged against the draft being worked from.
        func contract(on day: CalendarDate) -> Contract? {
            (ContractVersion.inForce(on: day, among: versions) ?? versions.first)?.contract
        }
        var groups: [String: ScopeReport.Group] = [:]
        var line = ScopeReport.Line(
            engagementID: engagement.id, vendorID: engagement.vendorID, vendorName: vendor?.name ?? "",
            inScopeTickets: 0, inScopeWorkRecords: 0, outOfScopeTickets: 0, outOfScopeWorkRecords: 0,
            outOfScopeMinutes: 0, groups: [])
        func count(task: String?, day: CalendarDate, ticket: Bool, quantity: Int, minutes: Int) {
            let status = ScopeStatus.of(task: task, under: contract(on: day))
            guard status.isOutOfScope else {
                if ticket { line.inScopeTickets += 1 } else { line.inScopeWorkRecords += 1 }
                return
            }
            let key = "\(status.rawValue)|\(task ?? "")"
            var group = groups[key] ?? ScopeReport.Group(status: status, task: task, tickets: 0, workRecords: 0, quantity: 0, minutes: 0)
            // Checked sums: a stored value too large to add is left out and counted as such.
            let (total, o1) = line.outOfScopeMinutes.addingReportingOverflow(minutes)
            let (groupQuantity, o2) = group.quantity.addingReportingOverflow(quantity)
            let (groupMinutes, o3) = group.minutes.addingReportingOverflow(minutes)
            guard !(o1 || o2 || o3), quantity >= 0, minutes >= 0 else {
                line.uncounted += 1
                return
            }
            if ticket { line.outOfScopeTickets += 1 } else { line.outOfScopeWorkRecords += 1 }
            line.outOfScopeMinutes = total
            if ticket { group.tickets += 1 } else { group.workRecords += 1 }
            group.quantity = groupQuantity
            group.minutes = groupMinutes
            groups[key] = group
        }
        let records = try await WorkRecordModel.query(on: database).filter(\.$engagementID == engagement.id.rawValue)
            .filter(\.$workDate >= month.firstDay.description).filter(\.$workDate <= month.lastDay.description).all()
        for row in records {
            let record = try Self.domain(row)
            count(task: record.gridTask, day: record.date, ticket: false, quantity: record.quantity, minutes: record.minutes)
        }
        // Tickets opened in the month, in the practice's time zone; the month is at most 31 days
        // and a zone at most 14 hours from UTC, so a widened window read in UTC is filtered by day.
        let from = Date(timeIntervalSince1970: Double(month.firstDay.dayNumber - 1) * 86_400)
        let to = Date(timeIntervalSince1970: Double(month.lastDay.dayNumber + 2) * 86_400)
        for ticket in try await TicketStore(database).list(in: engagement.id, openedFrom: from, before: to)
        where ticket.assignedParty == .vendor && ticket.category != .serviceLevelMiss {
            guard let day = CalendarDate.on(ticket.openedAt, in: zone), CalendarMonth(day) == month else { continue }
            count(task: ticket.gridTask, day: day, ticket: true, quantity: 1, minutes: 0)
        }
        line.groups = groups.values.sorted { ($0.tickets &+ $0.workRecords, $0.minutes) > ($1.tickets &+ $1.workRecords, $1.minutes) }
        return line
    }
}

/// Why vendor work could not be recorded.
public enum ScopeError: Error, Equatable, Sendable, CustomStringConvertible {
    case vendorOnly
    case nothingDone
    case outOfBounds
    case badDescription

    public var description: String {
        switch self {
        case .vendorOnly: "work records are kept by the vendor's team"
        case .nothingDone: "a work record needs a quantity or minutes above zero"
        case .outOfBounds: "a work record's quantity is a whole number from 0 to 1,000,000, and its minutes from 0 to 100,000"
        case .badDescription: "a work record needs a description of at most 2,000 characters"
        }
    }
}

extension ScopeError: CataloguedError {
    public var failureKind: FailureKind {
        if case .vendorOnly = self { return .forbidden }
        return .invalid
    }
}
