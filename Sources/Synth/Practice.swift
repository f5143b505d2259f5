import Domain

/// The synthetic practice whose billing the generator writes: one billing provider (a group
/// NPI), three service locations and five rendering providers. Every NPI is made up but carries
/// a valid check digit, so it passes the same validation a real one would.
struct Practice {
    /// A place where care is given.
    struct Location {
        /// Name as in NM1*77 NM103.
        var name: String
        /// Facility NPI; written as NM1*77 only when the place differs from the billing address.
        var npi: String
        /// Street (N301).
        var street: String
        /// City, state and ZIP (N401–N403).
        var city: String, state: String, zip: String
        /// Place of service code for CLM05-1.
        var placeOfService: String
        /// Whether claims carry this location as a 2310C service facility.
        var isServiceFacility: Bool
    }

    /// Whether a clinician sees office visits or runs physical therapy.
    enum Specialty { case primaryCare, physicalTherapy }

    /// A clinician billed as 2310B rendering provider.
    struct Provider {
        /// NM103 / NM104.
        var lastName: String, firstName: String
        /// Individual NPI.
        var npi: String
        /// PRV03 taxonomy.
        var taxonomy: String
        /// Index into ``Practice/locations`` of where they mostly work.
        var homeLocation: Int
        /// What their claims look like.
        var specialty: Specialty
    }

    let name = "BRIGHTWATER FAMILY MEDICINE"
    let npi = Practice.npi("199000001")
    let taxID = "930000123"
    let taxonomy = "207Q00000X"
    /// ISA06 / GS02 of the practice's 837s and NM1*41 submitter id.
    let submitterID = "BWFM0001"
    /// ISA08 / GS03 of the clearinghouse the practice sends to.
    let clearinghouseID = "SYNCH01"
    let clearinghouseName = "SYNTHETIC CLEARINGHOUSE"
    let phone = "5415550100"

    let locations: [Location] = [
        Location(
            name: "BRIGHTWATER FAMILY MEDICINE", npi: Practice.npi("199000001"), street: "1200 HARBOR VIEW RD",
            city: "MAPLETON", state: "OR", zip: "974539401", placeOfService: "11", isServiceFacility: false),
        Location(
            name: "BRIGHTWATER NORTH CLINIC", npi: Practice.npi("199000002"), street: "88 RIVERSIDE DR STE 4",
            city: "FLORENCE", state: "OR", zip: "974399512", placeOfService: "11", isServiceFacility: true),
        Location(
            name: "BRIGHTWATER WALK-IN CARE", npi: Practice.npi("199000003"), street: "415 COAST HWY",
            city: "YACHATS", state: "OR", zip: "974989027", placeOfService: "20", isServiceFacility: true),
    ]

    let providers: [Provider] = [
        Provider(
            lastName: "MARLOWE", firstName: "JUNE", npi: Practice.npi("129000011"), taxonomy: "207Q00000X",
            homeLocation: 0, specialty: .primaryCare),
        Provider(
            lastName: "ABERNATHY", firstName: "SILAS", npi: Practice.npi("129000012"), taxonomy: "207R00000X",
            homeLocation: 0, specialty: .primaryCare),
        Provider(
            lastName: "QUINTERO", firstName: "ROSA", npi: Practice.npi("129000013"), taxonomy: "207Q00000X",
            homeLocation: 1, specialty: .primaryCare),
        Provider(
            lastName: "HALVORSEN", firstName: "ERIK", npi: Practice.npi("129000014"), taxonomy: "363LF0000X",
            homeLocation: 2, specialty: .primaryCare),
        Provider(
            lastName: "NAKASHIMA", firstName: "REI", npi: Practice.npi("129000015"), taxonomy: "225100000X",
            homeLocation: 1, specialty: .physicalTherapy),
    ]

    /// How often each provider's visits come up: the physicians see most patients.
    let providerWeights = [28, 24, 22, 16, 10]

    /// Main location, where the billing address is.
    var billingLocation: Location { locations[0] }

    /// A ten-digit NPI: the nine digits given and the Luhn check digit computed over the
    /// `80840` health-industry prefix, as CMS specifies.
    static func npi(_ nineDigits: String) -> String {
        nineDigits + (NPICheckDigit.digit(for: nineDigits).map(String.init) ?? "")
    }
}
