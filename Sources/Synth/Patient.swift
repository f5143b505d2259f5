/// A made-up patient of the practice, who is also the subscriber of their plan. Everything about
/// them is drawn from their number, so the same patient comes back on every visit, and every
/// marker of identity is plainly synthetic: last names start with `ZZSYN`, member ids with `SYN`.
struct Patient {
    /// Position in the practice's panel.
    var number: Int
    /// NM103, always `ZZSYN…`.
    var lastName: String
    /// NM104.
    var firstName: String
    /// NM109, `SYN` and nine digits, unique within the panel.
    var memberID: String
    /// DMG02.
    var birthDate: Day
    /// DMG03: `F` or `M`.
    var sex: String
    /// Index into ``Payer/all``.
    var payer: Int
    /// N301.
    var street: String
    /// N401–N403.
    var city: String, state: String, zip: String

    /// Patient `number` of the run seeded `seed`.
    init(number: Int, seed: UInt64) {
        var random = SynthRandom(seed: seed, stream: .patient, index: UInt64(number))
        self.number = number
        payer = random.weighted(Payer.all.map(\.patientWeight))
        lastName = "ZZSYN" + random.pick(Self.lastNames, else: "ALDER")
        firstName = random.pick(Self.firstNames, else: "ROWAN")
        sex = random.chance(5_400) ? "F" : "M"
        // Multiplying by a number prime to 10 is a bijection modulo 10^9: ids never collide.
        let scrambled = (UInt64(number) &* 387_420_489 &+ (seed % 1_000_000_000)) % 1_000_000_000
        memberID = "SYN" + Day.pad(Int(scrambled), 9)
        let years = Payer.all[payer].birthYears
        let birthYear = random.between(years.lowerBound, years.upperBound)
        birthDate = Day(year: birthYear, month: 1 + random.below(12), day: 1 + random.below(28))
        street =
            String(random.between(10, 9_899)) + " " + random.pick(Self.streets, else: "MAIN") + " "
            + random.pick(["ST", "AVE", "LN", "RD", "DR"], else: "ST")
        let town = random.pick(Self.towns, else: Self.towns[0])
        city = town.city
        state = "OR"
        zip = town.zip
    }

    /// How many patients the practice sees, for a given daily volume: each comes back a few times a year.
    static func panelSize(claimsPerDay: Int) -> Int { max(300, claimsPerDay * 60) }

    private static let lastNames = [
        "ALDER", "BROOK", "CANYON", "DELTA", "EMBER", "FJORD", "GROVE", "HARBOR", "ISLE", "JASPER", "KESTREL", "LAGOON",
        "MEADOW", "NECTAR", "ORCHARD", "PRAIRIE", "QUARRY", "RIDGE", "SUMMIT", "TUNDRA", "UPLAND", "VALLEY", "WILLOW",
        "YARROW", "ZEPHYR",
    ]
    private static let firstNames = [
        "ASPEN", "BIRCH", "CEDAR", "DAHLIA", "ELM", "FERN", "GINGER", "HAZEL", "IRIS", "JUNIPER", "KALE", "LINDEN",
        "MAPLE", "NUTMEG", "OLIVE", "POPPY", "QUINCE", "ROWAN", "SAGE", "TANSY", "UMBER", "VIOLET", "WREN", "YEW",
    ]
    private static let streets = ["OCEAN", "PINE", "SPRUCE", "HEMLOCK", "TIDEWATER", "SALAL", "CRANBERRY", "HERON", "SEAGULL"]
    private static let towns: [(city: String, zip: String)] = [
        ("MAPLETON", "97453"), ("FLORENCE", "97439"), ("YACHATS", "97498"), ("SWISSHOME", "97480"), ("DEADWOOD", "97430"),
    ]
}
