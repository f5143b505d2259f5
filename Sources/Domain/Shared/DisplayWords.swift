/// A value people see has words of its own. Pages, CSV headers meant for people, agendas and
/// e-mails print ``label``, never a raw enum value (`waiting_on_requester`).
public protocol Labelled {
    /// The value in words, capitalised as it starts a cell or an option ("Claim error").
    var label: String { get }
}

// The one catalogue of display words for the enums Sightline shows to people. Figures have theirs
// in ``FigureCatalogue``; roles, identifier kinds, contact purposes and invitation states keep
// theirs beside their cases and conform here.

extension Role: Labelled {}
extension PracticeIdentifier.Kind: Labelled {}
extension PointOfContact.Purpose: Labelled {}
extension EngagementInvitation.Status: Labelled {}

extension AccessReviewItem.Decision: Labelled {
    public var label: String {
        switch self {
        case .keep: "Kept"
        case .revoke: "Revoked"
        }
    }
}

extension Ticket.Status: Labelled {
    public var label: String {
        switch self {
        case .open: "Open"
        case .inProgress: "In progress"
        case .waitingOnRequester: "Waiting on the requester"
        case .resolved: "Resolved"
        case .closed: "Closed"
        }
    }
}

extension Ticket.Category: Labelled {
    public var label: String {
        switch self {
        case .claimError: "Claim error"
        case .patientConcern: "Patient concern"
        case .accessIssue: "Access issue"
        case .payerDeadline: "Payer deadline"
        case .reportingError: "Reporting error"
        case .processGap: "Process gap"
        case .systemDowntime: "System downtime"
        case .requestForAction: "Request for action"
        case .documentationNeeded: "Documentation needed"
        case .serviceLevelMiss: "Service level missed"
        case .other: "Other"
        }
    }
}

extension TicketPriority: Labelled {
    public var label: String {
        switch self {
        case .urgent: "Urgent"
        case .high: "High"
        case .normal: "Normal"
        case .low: "Low"
        }
    }
}

extension Party: Labelled {
    public var label: String {
        switch self {
        case .practice: "Practice"
        case .vendor: "Vendor"
        }
    }
}

extension ChangeRequest.Kind: Labelled {
    public var label: String {
        switch self {
        case .scope: "Scope"
        case .serviceLevel: "Service levels"
        case .price: "Price"
        case .access: "Access"
        case .other: "Other"
        }
    }
}

extension AuditFinding.ErrorType: Labelled {
    public var label: String {
        switch self {
        case .coding: "Coding"
        case .documentation: "Documentation"
        case .demographic: "Patient demographics"
        case .chargeEntry: "Charge entry"
        case .payerRule: "Payer rule"
        case .posting: "Payment posting"
        case .followUp: "Follow-up"
        }
    }
}

extension AuditFinding.Severity: Labelled {
    public var label: String {
        switch self {
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        }
    }
}

extension DenialCategory: Labelled {
    public var label: String {
        switch self {
        case .eligibility: "Eligibility"
        case .authorization: "Authorization"
        case .coding: "Coding"
        case .medicalNecessity: "Medical necessity"
        case .timelyFiling: "Timely filing"
        case .duplicate: "Duplicate claim"
        case .nonCovered: "Not covered"
        case .bundling: "Bundling"
        case .missingInformation: "Missing information"
        case .coordinationOfBenefits: "Coordination of benefits"
        case .other: "Other"
        }
    }
}

extension AgendaItem.Source: Labelled {
    public var label: String {
        switch self {
        case .kpiTrend: "Figures"
        case .serviceLevelMiss: "Service level missed"
        case .slaBreaches: "Response times breached"
        case .escalation: "Escalation"
        case .auditFinding: "Audit finding"
        case .risk: "Risk"
        case .training: "Training"
        case .action: "Action"
        case .free: "Other"
        }
    }
}

extension Pricing.Model: Labelled {
    public var label: String {
        switch self {
        case .percentOfCollections: "Percent of collections"
        case .perClaim: "Per claim"
        case .perFTE: "Per FTE"
        case .blended: "Blended"
        }
    }
}

extension ClockReading.State: Labelled {
    public var label: String {
        switch self {
        case .notDue: "Not due yet"
        case .running: "Running"
        case .paused: "Paused"
        case .met: "Met"
        case .breached: "Breached"
        }
    }
}

extension SLAReport.Grouping: Labelled {
    public var label: String {
        switch self {
        case .month: "Month"
        case .category: "Category"
        case .priority: "Priority"
        case .party: "Party"
        case .assignee: "Assignee"
        }
    }
}

extension EscalationLevel.Recipient: Labelled {
    public var label: String {
        switch self {
        case .assignee: "Assignee"
        case .vendorLead: "Vendor team lead"
        case .practiceManager: "Practice manager"
        case .practiceAdmin: "Practice administrator"
        case .practicePrimaryContact: "Practice's primary contact"
        case .vendorPrimaryContact: "Vendor's primary contact"
        case .practiceExecutiveContact: "Practice's executive contact"
        case .vendorExecutiveContact: "Vendor's executive contact"
        }
    }
}
