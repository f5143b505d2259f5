import Domain
import Foundation

/// A claim's history as the text of its `claim_states` row: one line per fact, fields split by
/// `|`. Written for every claim an import touches, so it is plain and fast rather than JSON.
///
///     S|2026-03-01|1|20000|payer|location|provider|procedure|file|position
///     R|2026-03-20|1|20000|12000|3000|payer|file|position|CO:45:5000,PR:2:3000
///     A|A1|2026-03-03|file|position
///     P|2026-03-25|3000
enum ClaimStateCodec {
    static func encode(_ history: ClaimHistory) -> String {
        var lines: [String] = []
        lines.reserveCapacity(history.submissions.count + history.adjudications.count + history.acknowledgments.count + history.payments.count)
        for s in history.submissions {
            lines.append(["S", date(s.date), clean(s.frequency), String(s.charge.cents), clean(s.dimensions.payer), clean(s.dimensions.location),
                          clean(s.dimensions.provider), clean(s.dimensions.procedure), String(s.order.file), String(s.order.position)].joined(separator: "|"))
        }
        for r in history.adjudications {
            let adjustments = r.adjustments.map { "\(clean($0.group)):\(clean($0.reason)):\($0.amount.cents)" }.joined(separator: ",")
            lines.append(["R", date(r.paymentDate), clean(r.status), String(r.charge.cents), String(r.paid.cents), String(r.patientResponsibility.cents),
                          clean(r.payer), String(r.order.file), String(r.order.position), adjustments].joined(separator: "|"))
        }
        for a in history.acknowledgments {
            lines.append(["A", clean(a.category), date(a.date), String(a.order.file), String(a.order.position)].joined(separator: "|"))
        }
        for p in history.payments {
            lines.append(["P", p.date.description, String(p.amount.cents)].joined(separator: "|"))
        }
        return lines.joined(separator: "\n")
    }

    /// Reads a stored history; a line that does not read is a storage fault, reported with the claim.
    static func decode(_ text: String) throws(StoreError) -> ClaimHistory {
        var history = ClaimHistory()
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            func int(_ index: Int) throws(StoreError) -> Int64 {
                guard index < f.count, let value = Int64(f[index]) else { throw .corruptRow(table: "claim_states", detail: "claim state line '\(f.first ?? "")'") }
                return value
            }
            switch f.first {
            case "S" where f.count == 10:
                history.submissions.append(.init(
                    date: CalendarDate(f[1]), frequency: f[2], charge: Money(cents: try int(3)),
                    dimensions: KPIDimensions(payer: f[4], location: f[5], provider: f[6], procedure: f[7]),
                    order: FactOrder(file: try int(8), position: try int(9))))
            case "R" where f.count == 10:
                let adjustments = try f[9].split(separator: ",").map { item throws(StoreError) -> Adjustment in
                    let parts = item.split(separator: ":", omittingEmptySubsequences: false)
                    guard parts.count == 3, let cents = Int64(parts[2]) else { throw .corruptRow(table: "claim_states", detail: "an adjustment") }
                    return Adjustment(group: String(parts[0]), reason: String(parts[1]), amount: Money(cents: cents), level: .claim)
                }
                history.adjudications.append(.init(
                    paymentDate: CalendarDate(f[1]), status: f[2], charge: Money(cents: try int(3)), paid: Money(cents: try int(4)),
                    patientResponsibility: Money(cents: try int(5)), adjustments: adjustments, payer: f[6],
                    order: FactOrder(file: try int(7), position: try int(8))))
            case "A" where f.count == 5:
                history.acknowledgments.append(.init(category: f[1], date: CalendarDate(f[2]), order: FactOrder(file: try int(3), position: try int(4))))
            case "P" where f.count == 3:
                guard let date = CalendarDate(f[1]) else { throw .corruptRow(table: "claim_states", detail: "a payment date") }
                history.payments.append(.init(date: date, amount: Money(cents: try int(2))))
            default:
                throw .corruptRow(table: "claim_states", detail: "claim state line '\(f.first ?? "")' of \(f.count) fields")
            }
        }
        return history
    }

    private static func date(_ date: CalendarDate?) -> String { date?.description ?? "" }

    /// Drops the codec's separators from a value (ids and codes never legitimately hold them).
    private static func clean(_ text: String) -> String {
        let reserved: (UInt8) -> Bool = { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ":") }
        guard text.utf8.contains(where: reserved) else { return text }
        return String(decoding: text.utf8.filter { !reserved($0) }, as: UTF8.self)
    }
}
