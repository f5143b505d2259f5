/// Writes the practice's daily 837P (005010X222A1): one interchange, one transaction, the billing
/// provider once (2000A) and each claim under its own subscriber (2000B, the patient is the subscriber).
struct ClaimFileWriter {
    let practice: Practice

    /// ISA through the billing provider loop.
    func header(_ writer: inout SegmentWriter, day: Day, time: String, control: Int) {
        writer.interchangeHeader(
            sender: practice.submitterID, receiver: practice.clearinghouseID, day: day, time: time, control: control)
        writer.segment(
            "GS", "HC", practice.submitterID, practice.clearinghouseID, day.ccyymmdd, time, control, "X", "005010X222A1")
        writer.resetCount()
        writer.segment("ST", "837", "0001", "005010X222A1")
        writer.segment("BHT", "0019", "00", Self.batchID(day), day.ccyymmdd, time, "CH")
        writer.segment("NM1", "41", "2", practice.name, "", "", "", "", "46", practice.submitterID)
        writer.segment("PER", "IC", "BILLING OFFICE", "TE", practice.phone)
        writer.segment("NM1", "40", "2", practice.clearinghouseName, "", "", "", "", "46", practice.clearinghouseID)
        writer.segment("HL", "1", "", "20", "1")
        writer.segment("PRV", "BI", "PXC", practice.taxonomy)
        let office = practice.billingLocation
        writer.segment("NM1", "85", "2", practice.name, "", "", "", "", "XX", practice.npi)
        writer.segment("N3", office.street)
        writer.segment("N4", office.city, office.state, office.zip)
        writer.segment("REF", "EI", practice.taxID)
    }

    /// One claim (2000B, 2010BA, 2010BB, 2300 and its 2400 lines) as hierarchical level `level`.
    func claim(_ plan: ClaimPlan, _ kind: Schedule.Submission.Kind, level: Int, _ writer: inout SegmentWriter) {
        let patient = plan.patient, payer = plan.payer
        writer.segment("HL", level, "1", "22", "0")
        writer.segment("SBR", "P", "18", "", "", "", "", "", "", payer.filingIndicator)
        writer.segment("NM1", "IL", "1", patient.lastName, patient.firstName, "", "", "", "MI", patient.memberID)
        writer.segment("N3", patient.street)
        writer.segment("N4", patient.city, patient.state, patient.zip)
        writer.segment("DMG", "D8", patient.birthDate.ccyymmdd, patient.sex)
        writer.segment("NM1", "PR", "2", payer.name, "", "", "", "", "PI", payer.id)

        let lines = kind == .replacement ? plan.replacementLines : plan.lines
        let charge = lines.reduce(.zero) { $0 + $1.charge }
        let frequency = kind == .replacement ? "7" : kind == .void ? "8" : "1"
        let facility = Composite(plan.placeOfService, "B", frequency)
        writer.segment("CLM", plan.patientControlNumber, charge, "", "", facility, "Y", "A", "Y", "Y")
        if kind == .replacement || kind == .void {
            writer.segment("REF", "F8", plan.claimNumber(plan.paidVariant))
        }
        let codes = plan.diagnoses.enumerated().map { Composite($0.offset == 0 ? "ABK" : "ABF", $0.element) }
        writer.segment("HI", elements: codes)
        if plan.namesRenderingProvider {
            let clinician = practice.providers[plan.provider]
            writer.segment("NM1", "82", "1", clinician.lastName, clinician.firstName, "", "", "", "XX", clinician.npi)
            writer.segment("PRV", "PE", "PXC", clinician.taxonomy)
        }
        let place = practice.locations[plan.location]
        if place.isServiceFacility {
            writer.segment("NM1", "77", "2", place.name, "", "", "", "", "XX", place.npi)
            writer.segment("N3", place.street)
            writer.segment("N4", place.city, place.state, place.zip)
        }
        for (index, line) in lines.enumerated() {
            writer.segment("LX", index + 1)
            writer.segment(
                "SV1", Composite(["HC", line.procedure.code] + line.modifiers), line.charge, "UN", line.units, "", "",
                Composite(line.pointers))
            writer.segment("DTP", "472", "D8", line.date.ccyymmdd)
        }
    }

    /// SE, GE and IEA with their counts.
    func trailer(_ writer: inout SegmentWriter, control: Int) {
        writer.segment("SE", writer.count + 1, "0001")
        writer.segment("GE", "1", control)
        writer.segment("IEA", "1", Day.pad(control, 9))
    }

    /// BHT03 of the day's batch, which the 277CA traces back to.
    static func batchID(_ day: Day) -> String { "BW" + day.ccyymmdd }
}
