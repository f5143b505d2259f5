import FluentKit

/// Every migration, in the order it must run. Append only: a released migration never changes.
public enum SightlineMigrations {
    /// The ordered list registered with Fluent.
    public static var all: [any Migration] {
        [
            // 001: organisations, people, API access
            CreateOrganization(),
            CreateUser(),
            CreateAPIToken(),
            // 002: billing files and the facts read from them
            CreateBillingTables(),
            IndexBillingTables(),
            // 003: figures: claim states and rollups
            CreateKPITables(),
            // 004: code descriptions the user supplies
            CreateCodeDescriptions(),
            // 005: engagements, contracts, change control, tickets, service-level results
            CreateEngagementTables(),
            IndexEngagementTables(),
            // 006: browser sessions
            CreateWebSessions(),
            // 007: figures the vendor reports
            CreateReportedFigures(),
            // 008: ticket history
            CreateTicketEvents(),
            // 009: escalation firings, notifications, webhook outbox
            CreateEscalations(),
            // 010: the raw segments each fact was read from
            AddFactSources(),
            // 011: when each ticket breaches and escalates next
            AddTicketSchedule(),
            // 012: ticket watchers and attachments
            CreateTicketPeople(),
            // 013: e-mail waiting to be sent
            CreateMailOutbox(),
            // 014: the queue's newest-first order, with its filters
            AddTicketOrderIndex(),
            // 015: the audit trail
            CreateAuditTrail(),
            // 016: multi-factor sign-in, recovery codes, throttling
            CreateSignInSecurity(),
            // 017: API token scopes
            AddTokenScopes(),
            // 018: patient identifiers and authenticator secrets sealed at rest
            SealProtectedData(),
            // 019: break-glass grants
            CreateBreakGlassGrants(),
            // 020: which of a vendor's people work on which engagement
            CreateEngagementMembers(),
            // 021: role changes approved by a second person
            CreateRoleChanges(),
            // 022: access grants in the practice's other systems, access-review campaigns
            CreateAccessReviews(),
            // 023: PostgreSQL row-level security on every table of a practice's data
            EnableRowLevelSecurity(),
            // 024: rollout phases (the pilot and each expansion) with their go/no-go gates
            CreatePilots(),
            // 025: the risk register, governance reviews and their actions
            CreateGovernance(),
            // 026: quality audits of sampled claims
            CreateQualityAudits(),
            // 027: transition plans (steps, workflow map, rollouts, staff notices)
            CreateTransitionPlans(),
            // 028: invitations to vendors, accepted or refused by the vendor's lead
            CreateEngagementInvitations(),
            // 029: the NPIs and TINs a practice bills under
            CreatePracticeIdentifiers(),
            // 030: ticket keys with the practice's own prefix (RFM-12)
            AddTicketKeyPrefixes(),
        ]
    }
}
