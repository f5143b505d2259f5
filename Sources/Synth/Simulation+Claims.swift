import Domain

extension Simulation {
    /// The practice's 837 of `day`: first what is due again (resubmissions after a rejection,
    /// replacements, voids), then `claimsPerDay` new claims on a business day. Each claim is
    /// scheduled at once for what comes next: a resubmission if the 277CA will reject it, else
    /// its payer's adjudication after the payer's lag.
    mutating func submitClaims(on day: Day, _ sink: (SynthFile, [UInt8]) throws -> Void) rethrows {
        let due = schedule.takeSubmissions(on: day)
        let originals = day.isBusinessDay ? max(0, min(configuration.claimsPerDay, SynthConfiguration.maximumClaimsPerDay)) : 0
        guard originals > 0 || !due.isEmpty else { return }
        let file = open("837P-\(day.iso).x12", .claims837P, day)
        let control = takeControlNumber()
        let writer837 = ClaimFileWriter(practice: practice)
        var writer = SegmentWriter()
        writer837.header(&writer, day: day, time: time(day, .claims837P, hour: 17), control: control)
        var items: [AcknowledgmentFileWriter.Item] = []
        items.reserveCapacity(due.count + originals)
        var submissions = due.map { (plan: plan($0.sequence, $0.firstSubmitted), kind: $0.kind) }
        for _ in 0..<originals {
            let claim = plan(Int32(nextSequence), Int32(day.number))
            nextSequence += 1
            submissions.append((claim, .original))
        }
        for (offset, submission) in submissions.enumerated() {
            let (claim, kind) = submission
            writer837.claim(claim, kind, level: offset + 2, &writer)
            let accepted = kind != .original || !claim.rejected
            let lines = kind == .replacement ? claim.replacementLines : claim.lines
            let charge = lines.reduce(Money.zero) { $0 + $1.charge }
            items.append(AcknowledgmentFileWriter.Item(plan: claim, kind: kind, accepted: accepted, charge: charge))
            switch kind {
            case .original:
                summary.originalClaims += 1
                if claim.rejected {
                    schedule.submit(.resubmission, claim, on: claim.resubmitted)
                } else {
                    schedule.adjudicate(.first, claim, due: day + claim.lagDays, received: day + 1)
                }
            case .resubmission:
                summary.resubmissions += 1
                schedule.adjudicate(.first, claim, due: day + claim.lagDays, received: day + 1)
            case .replacement:
                summary.replacements += 1
                schedule.adjudicate(.replacement, claim, due: day + claim.aftermathLag, received: day + 1)
            case .void:
                summary.voids += 1
                schedule.adjudicate(.void, claim, due: day + claim.aftermathLag, received: day + 1)
            }
            try flush(&writer, file, sink)
        }
        writer837.trailer(&writer, control: control)
        try emit(file, writer.take(), sink)
        unacknowledged = (day, items)
    }

    /// The clearinghouse's 277CA, the day after an 837, for every claim of it.
    mutating func acknowledge(on day: Day, _ sink: (SynthFile, [UInt8]) throws -> Void) rethrows {
        guard let pending = unacknowledged, pending.day + 1 == day else { return }
        unacknowledged = nil
        let file = open("277CA-\(day.iso).x12", .acknowledgment277CA, day)
        var writer = SegmentWriter()
        AcknowledgmentFileWriter(practice: practice).file(
            pending.items, submitted: pending.day, day: day, time: time(day, .acknowledgment277CA, hour: 6),
            control: takeControlNumber(), &writer)
        summary.acknowledgments += pending.items.count
        summary.rejections += pending.items.filter { !$0.accepted }.count
        try emit(file, writer.take(), sink)
    }
}
