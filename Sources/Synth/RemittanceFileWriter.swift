import Domain

/// Writes one payer's weekly 835 (005010X221A1): the payment (BPR, TRN), payer and payee, the
/// claims, and the provider-level adjustments (PLB) that make BPR02 = Σ CLP04 − Σ PLB.
struct RemittanceFileWriter {
    /// One PLB adjustment: reason, reference and amount (negative is paid to the provider).
    struct ProviderAdjustment {
        var reason: String
        var reference: String
        var amount: Money
    }

    let practice: Practice

    /// ISA through the payee loop and LX; `payment` is BPR02.
    func header(_ writer: inout SegmentWriter, payer: Payer, day: Day, time: String, control: Int, payment: Money) {
        writer.interchangeHeader(sender: payer.id, receiver: practice.submitterID, day: day, time: time, control: control)
        writer.segment("GS", "HP", payer.id, practice.submitterID, day.ccyymmdd, time, control, "X", "005010X221A1")
        writer.resetCount()
        writer.segment("ST", "835", "0001")
        let date = day.ccyymmdd, originator = "1" + payer.taxID
        if payment <= .zero {
            writer.segment("BPR", "H", Money.zero, "C", "NON", "", "", "", "", "", "", "", "", "", "", "", date)
        } else if payer.paysByCheck {
            writer.segment("BPR", "I", payment, "C", "CHK", "", "", "", "", "", "", "", "", "", "", "", date)
        } else {
            // Made-up routing and account numbers: the payer's bank, then the practice's.
            let payerBank = "0" + String(payer.taxID.suffix(8)), payerAccount = String(payer.taxID.prefix(6)) + "01"
            let practiceAccount = "7700" + String(practice.taxID.suffix(5))
            writer.segment(
                "BPR", "I", payment, "C", "ACH", "CCP", "01", payerBank, "DA", payerAccount, originator, "",
                "01", "123000220", "DA", practiceAccount, date)
        }
        writer.segment("TRN", "1", Self.trace(payer, day), originator)
        writer.segment("REF", "EV", practice.submitterID)
        writer.segment("DTM", "405", date)
        writer.segment("N1", "PR", payer.name)
        writer.segment("N3", payer.street)
        writer.segment("N4", payer.city, payer.state, payer.zip)
        writer.segment("REF", "2U", payer.id)
        writer.segment("PER", "BL", "PROVIDER SERVICES", "TE", "800555" + String(payer.taxID.suffix(4)))
        let office = practice.billingLocation
        writer.segment("N1", "PE", practice.name, "XX", practice.npi)
        writer.segment("N3", office.street)
        writer.segment("N4", office.city, office.state, office.zip)
        writer.segment("REF", "TJ", practice.taxID)
        writer.segment("LX", "1")
    }

    /// One claim: CLP, claim-level CAS, NM1*QC, DTM*050, then each SVC with DTM*472, CAS, AMT*B6, LQ*HE.
    func claim(_ claim: RemittanceClaim, _ writer: inout SegmentWriter) {
        writer.segment(
            "CLP", claim.patientControlNumber, claim.status, claim.charge, claim.paid, claim.patientResponsibility,
            claim.filingIndicator, claim.claimNumber, claim.facilityCode, claim.frequency)
        adjustments(claim.adjustments, &writer)
        let patient = claim.patient
        writer.segment("NM1", "QC", "1", patient.lastName, patient.firstName, "", "", "", "MI", patient.memberID)
        writer.segment("DTM", "050", claim.received.ccyymmdd)
        for line in claim.lines {
            writer.segment("SVC", Composite(["HC", line.procedure] + line.modifiers), line.charge, line.paid, "", line.units)
            writer.segment("DTM", "472", line.date.ccyymmdd)
            adjustments(line.adjustments, &writer)
            if let allowed = line.allowed { writer.segment("AMT", "B6", allowed) }
            if !line.remark.isEmpty { writer.segment("LQ", "HE", line.remark) }
        }
    }

    /// PLB segments, six adjustments to a segment, then SE, GE and IEA.
    func trailer(_ writer: inout SegmentWriter, adjustments: [ProviderAdjustment], day: Day, control: Int) {
        let fiscalYearEnd = Day.pad(day.civil.year, 4) + "1231"
        var start = 0
        while start < adjustments.count {
            let group = adjustments[start..<min(start + 6, adjustments.count)]
            var elements: [any X12Element] = [practice.npi, fiscalYearEnd]
            for adjustment in group { elements += [Composite(adjustment.reason, adjustment.reference), adjustment.amount] }
            writer.segment("PLB", elements: elements)
            start += 6
        }
        writer.segment("SE", writer.count + 1, "0001")
        writer.segment("GE", "1", control)
        writer.segment("IEA", "1", Day.pad(control, 9))
    }

    /// TRN02: the check or EFT trace number, one per payer and day.
    static func trace(_ payer: Payer, _ day: Day) -> String { payer.claimNumberPrefix + day.ccyymmdd }

    /// One CAS segment per group, in order of first appearance, up to six triplets each.
    private func adjustments(_ adjustments: [RemittanceClaim.Adjustment], _ writer: inout SegmentWriter) {
        var groups: [String] = []
        for adjustment in adjustments where !groups.contains(adjustment.group) { groups.append(adjustment.group) }
        for group in groups {
            let triplets = adjustments.filter { $0.group == group }
            var start = 0
            while start < triplets.count {
                var elements: [any X12Element] = [group]
                for (offset, triplet) in triplets[start..<min(start + 6, triplets.count)].enumerated() {
                    if offset > 0 { elements.append("") }  // CAS04/07/…: quantity, unused
                    elements += [triplet.reason, triplet.amount]
                }
                writer.segment("CAS", elements: elements)
                start += 6
            }
        }
    }
}
