import Billing
import Domain

/// KPIS.md worked out the plain way, straight from the facts of the files: no claim histories, no
/// contributions, no rollups. Its only job is to check the real implementation, so it shares no
/// code with it beyond Money and CalendarDate.
struct NaiveFigures {
    struct Sub { var pcn: String, date: CalendarDate?, frequency: String, cents: Int64, dims: [String], order: (Int, Int) }
    struct Adj {
        var pcn: String, date: CalendarDate?, status: String, charge: Int64, paid: Int64, patient: Int64, cas: [(String, String, Int64)],
            payer: String, order: (Int, Int)
    }
    struct Ack { var pcn: String, category: String, date: CalendarDate?, order: (Int, Int) }
    struct Pay { var pcn: String, date: CalendarDate, cents: Int64 }

    var subs: [Sub] = [], adjs: [Adj] = [], acks: [Ack] = [], pays: [Pay] = []

    /// Facts of the files in import order.
    init(files: [[UInt8]]) {
        for (fileIndex, bytes) in files.enumerated() {
            var reader = BillingFileReader()
            var facts: [BillingFact] = []
            reader.feed(bytes) { facts.append($0) }
            reader.finish { facts.append($0) }
            var payer = "", paymentDate: CalendarDate?
            for (index, fact) in facts.enumerated() {
                let order = (fileIndex, index)
                switch fact {
                case .claim(let c, _):
                    subs.append(
                        Sub(
                            pcn: c.patientControlNumber, date: c.submissionDate, frequency: c.frequency, cents: c.charge.cents,
                            dims: [
                                c.payerID, c.serviceFacilityID ?? c.billingProviderID, c.renderingProviderID ?? c.billingProviderID,
                                c.lines.first?.procedure ?? "",
                            ], order: order))
                case .remittance(let r):
                    payer = r.payerID
                    paymentDate = r.paymentDate
                case .adjudication(let a, _):
                    adjs.append(
                        Adj(
                            pcn: a.patientControlNumber, date: paymentDate, status: a.status, charge: a.charge.cents, paid: a.paid.cents,
                            patient: a.patientResponsibility.cents, cas: a.adjustments.map { ($0.group, $0.reason, $0.amount.cents) },
                            payer: payer, order: order))
                case .acknowledgment(let a, _):
                    acks.append(Ack(pcn: a.patientControlNumber, category: a.category, date: a.date, order: order))
                case .patientPayment(let p, _):
                    pays.append(Pay(pcn: p.patientControlNumber, date: p.date, cents: p.amount.cents))
                default:
                    break
                }
            }
        }
    }

    static func before(_ a: (CalendarDate?, (Int, Int)), _ b: (CalendarDate?, (Int, Int))) -> Bool {
        if let x = a.0, let y = b.0, x != y { return x < y }
        if a.0 != nil, b.0 == nil { return true }
        if a.0 == nil, b.0 != nil { return false }
        return a.1 < b.1
    }

    func original(_ pcn: String) -> Sub? {
        subs.filter { $0.pcn == pcn && $0.frequency == "1" && $0.date != nil }.min { Self.before(($0.date, $0.order), ($1.date, $1.order)) }
    }

    func claimDims(_ pcn: String) -> [String] {
        (original(pcn) ?? subs.filter { $0.pcn == pcn }.min { Self.before(($0.date, $0.order), ($1.date, $1.order)) })?.dims
            ?? ["unknown", "unknown", "unknown", "unknown"]
    }

    func adjDims(_ adj: Adj) -> [String] { [adj.payer] + claimDims(adj.pcn).dropFirst() }

    static let contractual: Set<String> = ["42", "45", "59", "94", "131", "144", "253"]
    static func isDenial(_ a: Adj) -> Bool {
        a.status == "4" || (["1", "2", "3", "19", "20", "21"].contains(a.status) && a.paid == 0 && a.patient == 0)
    }
    static func canBeFirst(_ a: Adj) -> Bool { a.status == "4" || ["1", "2", "3", "19", "20", "21"].contains(a.status) }
    static func contractualCents(_ a: Adj) -> Int64 { a.cas.filter { $0.0 == "CO" && contractual.contains($0.1) }.reduce(0) { $0 + $1.2 } }

    func first(_ pcn: String) -> Adj? {
        adjs.filter { $0.pcn == pcn && Self.canBeFirst($0) }.min { Self.before(($0.date, $0.order), ($1.date, $1.order)) }
    }

    /// The figures for `[from, to]` as of `asOf` over claims and adjudications whose dimensions
    /// (payer, location, provider, procedure) pass `keep`.
    func figures(from: CalendarDate, to: CalendarDate, asOf: CalendarDate, keep: ([String]) -> Bool = { _ in true }) -> [String: Double?] {
        let inRange = { (date: CalendarDate?) in date.map { from <= $0 && $0 <= to } ?? false }
        let pcns = Set(subs.map(\.pcn) + adjs.map(\.pcn) + acks.map(\.pcn) + pays.map(\.pcn))
        var r: [String: Double?] = [:]
        var submitted = 0, gross: Int64 = 0, acked = 0, clean = 0
        var adjudicated = 0, denials = 0, deniedCharge: Int64 = 0, firstCharge: Int64 = 0, lags: [Int] = []
        var causes: [String: Int] = [:]
        var ar: Int64 = 0, over90: Int64 = 0, recent: Int64 = 0
        for pcn in pcns {
            let original = original(pcn)
            if let original, keep(claimDims(pcn)) {
                if inRange(original.date) {
                    submitted += 1
                    gross += original.cents
                    let firstAck = acks.filter { $0.pcn == pcn && ["A1", "A2", "A3", "A4", "A6", "A7", "A8"].contains($0.category) }
                        .min { Self.before(($0.date, $0.order), ($1.date, $1.order)) }
                    if let firstAck { acked += 1; if ["A1", "A2"].contains(firstAck.category) { clean += 1 } }
                }
                let start = original.date!
                if start <= asOf, start.dayNumber > asOf.dayNumber - 90 { recent += original.cents }
                if start <= asOf {
                    var charge = original.cents
                    for change in subs.filter({
                        $0.pcn == pcn && ["7", "8"].contains($0.frequency) && $0.date != nil
                            && !Self.before(($0.date, $0.order), (start, original.order))
                    })
                    .sorted(by: { Self.before(($0.date, $0.order), ($1.date, $1.order)) }) where change.date! <= asOf {
                        charge = change.frequency == "8" ? 0 : change.cents
                    }
                    var balance = charge
                    for a in adjs where a.pcn == pcn && a.status != "25" && a.date != nil && a.date! <= asOf {
                        balance -= a.paid + Self.contractualCents(a)
                    }
                    for p in pays where p.pcn == pcn && p.date <= asOf { balance -= p.cents }
                    ar += balance
                    if asOf.dayNumber - start.dayNumber > 90 { over90 += balance }
                }
            }
            if let first = first(pcn), inRange(first.date), keep(adjDims(first)) {
                adjudicated += 1
                firstCharge += first.charge
                if Self.isDenial(first) {
                    denials += 1
                    deniedCharge += first.charge
                    var totals: [String: Int64] = [:]
                    for (group, reason, cents) in first.cas where group != "PR" && !(group == "CO" && Self.contractual.contains(reason)) {
                        totals[group + "-" + reason, default: 0] += cents
                    }
                    let reason = totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key ?? "none"
                    causes[reason, default: 0] += 1
                }
                if !subs.filter({ $0.pcn == pcn }).isEmpty, let start = original?.date {
                    lags.append(first.date!.dayNumber - start.dayNumber)
                }
            }
        }
        var payer: Int64 = 0, contractualTotal: Int64 = 0, patientResp: Int64 = 0, unmatched = 0
        for a in adjs where a.status != "25" && inRange(a.date) && keep(adjDims(a)) {
            payer += a.paid
            contractualTotal += Self.contractualCents(a)
            patientResp += a.patient
            if subs.allSatisfy({ $0.pcn != a.pcn }) { unmatched += 1 }
        }
        let patientPaid = pays.filter { from <= $0.date && $0.date <= to && keep(claimDims($0.pcn)) }.reduce(Int64(0)) { $0 + $1.cents }
        func ratio(_ n: Double, _ d: Double) -> Double? { d > 0 ? n / d : nil }
        r["claimsSubmitted"] = Double(submitted)
        r["grossCharges"] = Double(gross)
        r["payerPayments"] = Double(payer)
        r["contractualAdjustments"] = Double(contractualTotal)
        r["patientResponsibility"] = Double(patientResp)
        r["patientPayments"] = Double(patientPaid)
        r["adjudicatedClaims"] = Double(adjudicated)
        r["initialDenials"] = Double(denials)
        r["initialDenialRate"] = ratio(Double(denials), Double(adjudicated))
        r["initialDenialRateDollars"] = ratio(Double(deniedCharge), Double(firstCharge))
        r["cleanClaimRate"] = ratio(Double(clean), Double(acked))
        r["netCollectionRate"] = ratio(Double(payer + patientPaid), Double(gross - contractualTotal))
        let sortedLags = lags.sorted()
        r["paymentLagDays"] =
            sortedLags.isEmpty ? nil : Double(sortedLags[(sortedLags.count - 1) / 2] + sortedLags[sortedLags.count / 2]) / 2
        r["arTotal"] = Double(ar)
        r["arOver90Pct"] = ar == 0 ? nil : Double(over90) / Double(ar)
        r["daysInAR"] = ratio(Double(ar) * 90, Double(recent))
        r["unmatchedAdjudications"] = Double(unmatched)
        r["denialCauseClaims"] = Double(causes.values.reduce(0, +))
        return r
    }
}

extension KPIFigures {
    /// The same figures, by key, for comparing with `NaiveFigures` (money in cents).
    var comparable: [String: Double?] {
        [
            "claimsSubmitted": Double(claimsSubmitted), "grossCharges": Double(grossCharges.cents),
            "payerPayments": Double(payerPayments.cents),
            "contractualAdjustments": Double(contractualAdjustments.cents), "patientResponsibility": Double(patientResponsibility.cents),
            "patientPayments": Double(patientPayments.cents), "adjudicatedClaims": Double(adjudicatedClaims),
            "initialDenials": Double(initialDenials),
            "initialDenialRate": initialDenialRate, "initialDenialRateDollars": initialDenialRateDollars, "cleanClaimRate": cleanClaimRate,
            "netCollectionRate": netCollectionRate, "paymentLagDays": paymentLagDays, "arTotal": Double(arTotal.cents),
            "arOver90Pct": arOver90Pct, "daysInAR": daysInAR, "unmatchedAdjudications": Double(unmatchedAdjudications),
            "denialCauseClaims": Double(denialCauses.reduce(0) { $0 + $1.claims }),
        ]
    }
}
