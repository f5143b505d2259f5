extension ClaimPlan {
    /// One to four service lines: an office visit with what often comes with it (labs, an ECG,
    /// an X-ray, a joint injection, a flu shot, a rapid test), or a physical therapy session.
    static func drawLines(
        _ random: inout SynthRandom, specialty: Practice.Specialty, walkIn: Bool, payer: Int, date: Day
    ) -> [Line] {
        func line(_ code: String, _ modifiers: [String] = [], units: Int = 1) -> Line {
            Line(procedure: Procedure.named(code), modifiers: modifiers, units: units, date: date, pointers: ["1"])
        }
        if specialty == .physicalTherapy {
            var lines = [line("97110", ["GP"], units: random.between(1, 4))]
            if random.chance(6_000) {
                lines.append(line("97140", random.chance(2_500) ? ["GP", "59"] : ["GP"], units: random.between(1, 2)))
            }
            if random.chance(3_500) { lines.append(line("97530", ["GP"], units: random.between(1, 2))) }
            return lines
        }

        let medicareAge = payer == Payer.medicare || Payer.all[payer].filingIndicator == "16"
        let visits =
            walkIn
            ? [("99212", 20), ("99213", 45), ("99214", 25), ("99203", 7), ("99204", 3)]
            : [
                ("99212", 8), ("99213", 38), ("99214", 32), ("99215", 6), ("99203", 6), ("99204", 4),
                ("G0439", medicareAge ? 6 : 0),
            ]
        let visitCode = visits[random.weighted(visits.map(\.1))].0
        var extras: [Line] = []
        if random.chance(walkIn ? 800 : 2_200) {
            extras.append(line("36415"))
            let panels = ["85025", "80053", "80061", "83036"]
            let first = random.below(panels.count)
            extras.append(line(panels[first]))
            if random.chance(4_000) { extras.append(line(panels[(first + 1 + random.below(panels.count - 1)) % panels.count])) }
        }
        if random.chance(500) { extras.append(line("93000")) }
        if random.chance(walkIn ? 1_200 : 400) { extras.append(line("71046")) }
        let injection = !walkIn && random.chance(400)
        if injection { extras.append(line("20610", [random.chance(5_000) ? "RT" : "LT"])) }
        let fluSeason = [1, 2, 9, 10, 11, 12].contains(date.civil.month)
        if random.chance(fluSeason ? 1_500 : 150) {
            extras.append(line("90471"))
            extras.append(line("90686"))
        }
        if random.chance(walkIn ? 1_500 : 300) { extras.append(line("87880", ["QW"])) }
        if random.chance(400) { extras.append(line("81002")) }

        let visit = line(visitCode, injection ? ["25"] : [])
        return Array(([visit] + extras).prefix(4))
    }

    /// Between none and `limit` ancillary lines — labs and supplies a busier practice bills with a
    /// visit — drawn evenly.
    static func drawAncillaries(_ random: inout SynthRandom, upTo limit: Int, date: Day) -> [Line] {
        let codes = ["36415", "85025", "80053", "80061", "83036", "81002", "87880", "93000"]
        return (0..<random.between(0, max(0, limit))).map { _ in
            Line(procedure: Procedure.named(codes[random.below(codes.count)]), modifiers: [], units: 1, date: date, pointers: ["1"])
        }
    }

    /// One or two diagnoses (HI): the visit's main reason and, when a later line has its own
    /// reason, that one; each line points at the diagnosis that justifies it.
    static func drawDiagnoses(_ random: inout SynthRandom, lines: inout [Line]) -> [String] {
        guard let first = lines.first else { return [] }
        let principal = random.pick(first.procedure.diagnoses, else: "Z0000")
        var diagnoses = [principal]
        let secondary = lines.dropFirst().flatMap(\.procedure.diagnoses).filter { $0 != principal }
        if !secondary.isEmpty {
            diagnoses.append(random.pick(secondary, else: principal))
        } else if random.chance(4_000) {
            let chronic = ["I10", "E119", "E785", "K219"].filter { $0 != principal }
            diagnoses.append(random.pick(chronic, else: "I10"))
        }
        for index in lines.indices {
            let own = diagnoses.count > 1 && lines[index].procedure.diagnoses.contains(diagnoses[1])
            lines[index].pointers = index == 0 ? (diagnoses.count > 1 ? ["1", "2"] : ["1"]) : (own ? ["2", "1"] : ["1"])
        }
        return diagnoses
    }
}
