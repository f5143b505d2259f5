import Domain

/// Writes the clearinghouse's 277CA (005010X214) for one day's 837: the batch totals, then one
/// status per claim (2200D: TRN*2 = CLM01, STC01 category A1/A2 accepted, A3/A7 rejected).
struct AcknowledgmentFileWriter {
    /// One claim of the acknowledged 837 and whether it got through.
    struct Item {
        var plan: ClaimPlan
        var kind: Schedule.Submission.Kind
        var accepted: Bool
        var charge: Money
    }

    let practice: Practice

    /// The whole file for `items`, the 837 of `submitted`, acknowledged on `day`.
    func file(_ items: [Item], submitted: Day, day: Day, time: String, control: Int, _ writer: inout SegmentWriter) {
        writer.interchangeHeader(
            sender: practice.clearinghouseID, receiver: practice.submitterID, day: day, time: time, control: control)
        writer.segment("GS", "HN", practice.clearinghouseID, practice.submitterID, day.ccyymmdd, time, control, "X", "005010X214")
        writer.resetCount()
        writer.segment("ST", "277", "0001", "005010X214")
        let reference = "CA" + Day.pad(control, 9)
        writer.segment("BHT", "0085", "08", reference, day.ccyymmdd, time, "TH")
        writer.segment("HL", "1", "", "20", "1")
        writer.segment("NM1", "AY", "2", practice.clearinghouseName, "", "", "", "", "46", practice.clearinghouseID)
        writer.segment("TRN", "1", reference)
        writer.segment("DTP", "050", "D8", submitted.ccyymmdd)
        writer.segment("DTP", "009", "D8", day.ccyymmdd)
        // 2200B is written without its TRN*2/STC: Sightline's reader takes every TRN*2 followed by
        // an STC for a claim status, and the batch totals follow in 2200C anyway.
        writer.segment("HL", "2", "1", "21", "1")
        writer.segment("NM1", "41", "2", practice.name, "", "", "", "", "46", practice.submitterID)
        writer.segment("HL", "3", "2", "19", "1")
        writer.segment("NM1", "85", "2", practice.name, "", "", "", "", "XX", practice.npi)
        writer.segment("TRN", "1", ClaimFileWriter.batchID(submitted))
        let accepted = items.filter(\.accepted), rejected = items.filter { !$0.accepted }
        writer.segment("STC", Composite("A1", "19", "PR"), day.ccyymmdd, "WQ", items.reduce(Money.zero) { $0 + $1.charge })
        writer.segment("QTY", "90", accepted.count)
        if !rejected.isEmpty { writer.segment("QTY", "AA", rejected.count) }
        writer.segment("AMT", "YU", accepted.reduce(Money.zero) { $0 + $1.charge })
        if !rejected.isEmpty { writer.segment("AMT", "YY", rejected.reduce(Money.zero) { $0 + $1.charge }) }

        for (offset, item) in items.enumerated() {
            let plan = item.plan, patient = plan.patient
            writer.segment("HL", offset + 4, "3", "PT")
            writer.segment("NM1", "QC", "1", patient.lastName, patient.firstName, "", "", "", "MI", patient.memberID)
            writer.segment("TRN", "2", plan.patientControlNumber)
            if item.accepted {
                let category = plan.acknowledgedByPayer ? "A2" : "A1"
                writer.segment("STC", Composite(category, "20", "PR"), day.ccyymmdd, "WQ", item.charge)
                if plan.acknowledgedByPayer {
                    writer.segment("REF", "1K", item.kind == .replacement ? plan.claimNumber(4) : plan.claimNumber(1))
                }
            } else {
                writer.segment("STC", Composite(plan.rejection), day.ccyymmdd, "U", item.charge)
            }
            writer.segment("DTP", "472", "D8", plan.serviceDate.ccyymmdd)
        }
        writer.segment("SE", writer.count + 1, "0001")
        writer.segment("GE", "1", control)
        writer.segment("IEA", "1", Day.pad(control, 9))
    }
}
