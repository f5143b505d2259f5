/// A claim as the practice submitted it (837P or 837I loop 2300), without patient identifiers.
public struct ClaimSubmission: Sendable, Equatable {
    /// Professional (837P) or institutional (837I).
    public enum Form: String, Sendable, Codable {
        /// CMS-1500 style, SV1 lines.
        case professional
        /// UB-04 style, SV2 lines.
        case institutional
    }

    /// One service line (loop 2400).
    public struct Line: Sendable, Equatable {
        /// SV101-2 / SV202-2: procedure code (CPT/HCPCS).
        public var procedure: String
        /// SV101-3…: procedure modifiers.
        public var modifiers: [String]
        /// SV201: revenue code (institutional only).
        public var revenueCode: String
        /// SV102 / SV203: line charge.
        public var charge: Money
        /// SV104 / SV205: units, as written.
        public var units: String
        /// DTP*472: the line's service date (first date of a range).
        public var serviceDate: CalendarDate?

        /// Creates a line.
        public init(
            procedure: String, modifiers: [String] = [], revenueCode: String = "", charge: Money, units: String,
            serviceDate: CalendarDate? = nil
        ) {
            self.procedure = procedure
            self.modifiers = modifiers
            self.revenueCode = revenueCode
            self.charge = charge
            self.units = units
            self.serviceDate = serviceDate
        }
    }

    /// 837P or 837I.
    public var form: Form
    /// CLM01: patient control number, the claim's id within the practice.
    public var patientControlNumber: String
    /// CLM02: total claim charge.
    public var charge: Money
    /// CLM05-1: place of service (837P) or facility type of the bill type (837I).
    public var facilityCode: String
    /// CLM05-3: claim frequency (`1` original, `7` replacement, `8` void).
    public var frequency: String
    /// BHT04: the date the transaction was created, taken as the submission date.
    public var submissionDate: CalendarDate?
    /// Earliest DTP*472 of the lines (837P) or the first date of DTP*434 (837I).
    public var serviceDate: CalendarDate?
    /// 2010BB NM109: payer id.
    public var payerID: String
    /// 2010BB NM103: payer name.
    public var payerName: String
    /// 2010AA NM109: billing provider id (NPI).
    public var billingProviderID: String
    /// 2010AA NM103: billing provider name.
    public var billingProviderName: String
    /// 2310B NM1*82 NM109: rendering provider, when given.
    public var renderingProviderID: String?
    /// 2310C NM1*77 NM109: service facility, when given.
    public var serviceFacilityID: String?
    /// REF*F8: the payer's claim number of the claim this one replaces or voids.
    public var originalReference: String?
    /// The service lines, in order.
    public var lines: [Line]

    /// KPIS.md: the service facility if present, else the billing provider.
    public var location: String { serviceFacilityID ?? billingProviderID }
    /// KPIS.md: the rendering provider if present, else the billing provider.
    public var provider: String { renderingProviderID ?? billingProviderID }
    /// KPIS.md: a claim's procedure is that of its first service line.
    public var procedure: String { lines.first?.procedure ?? "" }

    /// Creates a claim.
    public init(
        form: Form, patientControlNumber: String, charge: Money, facilityCode: String = "", frequency: String = "1",
        submissionDate: CalendarDate? = nil, serviceDate: CalendarDate? = nil, payerID: String = "", payerName: String = "",
        billingProviderID: String = "", billingProviderName: String = "", renderingProviderID: String? = nil,
        serviceFacilityID: String? = nil, originalReference: String? = nil, lines: [Line] = []
    ) {
        self.form = form
        self.patientControlNumber = patientControlNumber
        self.charge = charge
        self.facilityCode = facilityCode
        self.frequency = frequency
        self.submissionDate = submissionDate
        self.serviceDate = serviceDate
        self.payerID = payerID
        self.payerName = payerName
        self.billingProviderID = billingProviderID
        self.billingProviderName = billingProviderName
        self.renderingProviderID = renderingProviderID
        self.serviceFacilityID = serviceFacilityID
        self.originalReference = originalReference
        self.lines = lines
    }
}
