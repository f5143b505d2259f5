import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Walks every registered route as each role with a request the route accepts, so that what a
/// role gets is decided by who they are, never by a malformed body. Used by the role matrix and
/// the tenant-wall tests.
struct RouteWalk {
    static let roles: [Role] = [.practiceAdmin, .practiceManager, .practiceStaff, .vendorLead, .vendorAgent, .complianceAuditor]

    /// Every registered route, as `METHOD /path/:param`.
    static func routes() throws -> [String] {
        Set(try TestDatabase.app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") }).sorted()
    }

    /// What a request to a route carries: a JSON or form body (`{name}` placeholders filled from
    /// the fixture), a raw body, and whether it works on an engagement whose contract is a draft.
    struct Probe {
        var json: String?
        var form: String?
        var raw: [UInt8]?
        var multipart: Bool = false
        var query: String = ""
        var draft: Bool = false
        /// Makes a new engagement with the fixture's vendor (the fixture's open ones end first, when its own parties ask).
        var engages: Bool = false
        /// Path parameters filled with another of the fixture's values (`:notice` → `:draftNotice`).
        var aliases: [String: String] = [:]
        /// The same, for the vendor's roles only: where the practice's object would answer 404 to
        /// them as another organisation's, they get their own organisation's (a role change of
        /// the vendor's people), so that their cell says what their role may do.
        var vendorAliases: [String: String] = [:]
        /// The caller opens a break-glass grant of their own just before the request (vendor roles,
        /// when the fixture's own parties ask): a grant's holder may end it. Made on demand, since an
        /// open grant would open claims to them in every other cell.
        var ownGrant: Bool = false
    }

    static let contact =
        #"{"purpose":"routine","name":"Front desk","channel":"email","address":"desk@riverbend.example","hours":"Mon–Fri 8–5"}"#

    static let pilot =
        #"{"name":"One payer","scope":{"payers":["87726"]},"baselineFrom":"2026-01-01","baselineTo":"2026-01-31","from":"2026-02-01","to":"2026-02-28","criteria":[{"key":"denials","kind":"figure","label":"Denial rate not above the baseline","measure":"initialDenialRate","comparator":"at_most","relativeToBaseline":true,"offset":0}]}"#
    static let accessGrant =
        #"{"email":"{agentEmail}","system":"clearinghouse","systemName":"Availity","account":"agent7","accessLevel":"claim status"}"#

    /// A request each route accepts from a role allowed to make it.
    static let probes: [String: Probe] = [
        "GET /api/v1/claims": Probe(query: "?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31"),
        "GET /claims": Probe(query: "?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31"),
        "GET /claims.csv": Probe(query: "?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31"),
        "GET /api/v1/kpis": Probe(query: "?from=2026-01-01&to=2026-03-31"),
        "GET /api/v1/engagements/:engagement/contract/diff": Probe(query: "?from=1&to=1"),
        "GET /engagements/:engagement/diff": Probe(query: "?from=1&to=1"),
        "GET /api/v1/engagements/:engagement/reported-figures": Probe(query: "?month=2026-01"),
        "GET /api/v1/engagements/:engagement/scorecard": Probe(query: "?from=2026-01-01&to=2026-03-31"),
        "GET /api/v1/engagements/:engagement/sla-report": Probe(query: "?from=2026-01-01&to=2026-03-31"),
        "GET /api/v1/scope-report": Probe(query: "?month=2026-01"),
        // An address nobody has: the invitation answers as for a lead's, and leaves the fixture's own pending one alone.
        "POST /api/v1/invitations": Probe(json: #"{"email":"new-vendor@elsewhere.example","signedOn":"2026-01-01"}"#),
        "POST /api/v1/invitations/:invitation/accept": Probe(json: "{}", engages: true),
        "POST /api/v1/invitations/:invitation/refuse": Probe(json: #"{"reason":"Not taking new clients this year"}"#),
        "POST /api/v1/invitations/:invitation/withdraw": Probe(),
        "POST /invitations/:invitation/accept": Probe(form: "", engages: true),
        "POST /invitations/:invitation/refuse": Probe(form: "reason=Not+taking+new+clients+this+year"),
        "POST /invitations/:invitation/withdraw": Probe(form: ""),
        "POST /api/v1/engagements/:engagement/change-requests": Probe(
            json:
                #"{"kind":"service_level","title":"Days in A/R at most 35","reason":"backlog cleared","changes":[{"op":"set","path":"serviceLevels.kpiTargets[days-in-ar].target","value":35}]}"#
        ),
        "POST /api/v1/engagements/:engagement/change-requests/:request/approve": Probe(json: "{}"),
        "POST /api/v1/engagements/:engagement/change-requests/:request/reject": Probe(json: #"{"note":"not now"}"#),
        "POST /api/v1/engagements/:engagement/change-requests/:request/withdraw": Probe(json: "{}"),
        "POST /api/v1/engagements/:engagement/change-requests/:request/comments": Probe(json: #"{"body":"What does it cost?"}"#),
        "POST /api/v1/engagements/:engagement/contacts": Probe(json: contact),
        "PUT /api/v1/engagements/:engagement/contacts/:contact": Probe(json: contact),
        "PUT /api/v1/engagements/:engagement/contract/draft": Probe(json: "{contract}", draft: true),
        "POST /api/v1/engagements/:engagement/contract/draft/acceptance": Probe(json: "{}", draft: true),
        "POST /api/v1/engagements/:engagement/reported-figures": Probe(json: #"{"month":"2026-01","figures":{"daysInAR":38.5}}"#),
        "POST /api/v1/engagements/:engagement/tickets": Probe(json: #"{"title":"Twelve CO-16 denials","category":"claim_error"}"#),
        "POST /api/v1/engagements/:engagement/work-records": Probe(
            json: #"{"date":"2026-01-05","minutes":30,"description":"Custom report"}"#),
        "POST /api/v1/imports": Probe(multipart: true),
        "POST /api/v1/periods/:month/close": Probe(),
        "POST /api/v1/tickets/:ticket/assignee": Probe(json: #"{"userId":"{agent}"}"#),
        "POST /api/v1/tickets/:ticket/attachments": Probe(raw: Array("the operative note".utf8), query: "?name=note.txt"),
        "POST /api/v1/tickets/:ticket/escalate": Probe(json: #"{"level":"leadership","reason":"filing limit Friday"}"#),
        "POST /api/v1/tickets/:ticket/links": Probe(json: #"{"claim":"{claim}"}"#),
        "POST /api/v1/tickets/:ticket/messages": Probe(json: #"{"body":"On it."}"#),
        "POST /api/v1/tickets/:ticket/status": Probe(json: #"{"status":"in_progress"}"#),
        "POST /api/v1/tickets/:ticket/watchers": Probe(json: #"{"userId":"{manager}"}"#),
        "DELETE /api/v1/tickets/:ticket/watchers/:user": Probe(),
        "DELETE /api/v1/engagements/:engagement/contacts/:contact": Probe(),
        "POST /engagements": Probe(form: "email=new-vendor%40elsewhere.example&signedOn=2026-01-01"),
        "POST /engagements/:engagement/acceptance": Probe(form: "", draft: true),
        "POST /engagements/:engagement/draft": Probe(form: "changes=serviceLevels.kpiTargets%5Bdays-in-ar%5D.target+%3D+35", draft: true),
        "POST /engagements/:engagement/contacts": Probe(
            form: "purpose=routine&name=Front+desk&channel=email&address=desk%40riverbend.example&hours=Mon-Fri"),
        "POST /engagements/:engagement/reported-figures": Probe(form: "month=2026-01&figures=daysInAR%2C38.5"),
        "POST /engagements/:engagement/work-records": Probe(
            form: "gridTask=&date=2026-01-05&quantity=1&minutes=45&description=Custom+report"),
        "POST /engagements/:engagement/change-requests": Probe(
            form: "kind=service_level&title=Tighter+A%2FR&reason=backlog&changes=serviceLevels.kpiTargets%5Bdays-in-ar%5D.target+%3D+35"),
        "POST /engagements/:engagement/change-requests/:request/approve": Probe(form: "note=agreed"),
        "POST /engagements/:engagement/change-requests/:request/reject": Probe(form: "note=not+now"),
        "POST /engagements/:engagement/change-requests/:request/withdraw": Probe(form: ""),
        "POST /engagements/:engagement/change-requests/:request/comments": Probe(form: "body=What+does+it+cost%3F"),
        "POST /engagements/:engagement/tickets": Probe(
            form: "category=claim_error&priority=high&title=Twelve+CO-16+denials&description=See+January"),
        "POST /tickets/:ticket/messages": Probe(form: "body=On+it&visibility=public"),
        "POST /tickets/:ticket/status": Probe(form: "status=in_progress"),
        "POST /tickets/:ticket/escalate": Probe(form: "level=leadership&reason=Filing+limit+Friday"),
        "POST /tickets/:ticket/assignee": Probe(form: "user={agent}"),
        "POST /tickets/:ticket/watch": Probe(form: "watching=true"),
        "POST /tickets/:ticket/attachments": Probe(multipart: true),
        "POST /periods/close": Probe(form: "month={month}"),
        "POST /sign-out": Probe(form: ""),
        "POST /api/v1/engagements/:engagement/members": Probe(
            json: #"{"email":"{joiner2}","reason":"Covers denials while Pat is on leave"}"#),
        "POST /api/v1/engagements/:engagement/members/:member/approve": Probe(json: #"{"note":"welcome"}"#),
        "POST /api/v1/engagements/:engagement/members/:member/reject": Probe(json: #"{"note":"not needed"}"#),
        "POST /api/v1/engagements/:engagement/members/:member/remove": Probe(),
        "POST /engagements/:engagement/members": Probe(form: "email={joiner2}&reason=Covers+denials+while+Pat+is+on+leave"),
        "POST /engagements/:engagement/members/:member/approve": Probe(form: ""),
        "POST /engagements/:engagement/members/:member/reject": Probe(form: ""),
        "POST /engagements/:engagement/members/:member/remove": Probe(form: ""),
        // Someone of the caller's own organisation to a role of its side: a role change is about one's own people.
        "POST /api/v1/role-changes": Probe(
            json: #"{"email":"{peerEmail}","role":"{peerRole}","reason":"Leads the night shift from Monday"}"#),
        "POST /api/v1/role-changes/:change/approve": Probe(json: #"{"code":"{code}"}"#, vendorAliases: [":change": ":vendorChange"]),
        "POST /api/v1/role-changes/:change/reject": Probe(json: "{}", vendorAliases: [":change": ":vendorChange"]),
        "POST /api/v1/break-glass": Probe(json: #"{"reason":"Payer deadline today: need the claim history","hours":1}"#),
        "POST /break-glass": Probe(form: "reason=Payer+deadline+today%3A+need+the+claim+history&hours=1"),
        "POST /break-glass/:grant/end": Probe(form: "", ownGrant: true),
        // Routes run in order of their names: each identifier is added before it is removed.
        "POST /api/v1/practice/identifiers": Probe(json: #"{"kind":"tin","value":"12-3456789"}"#),
        "POST /api/v1/practice/identifiers/remove": Probe(json: #"{"kind":"tin","value":"123456789"}"#),
        "POST /settings/practice/identifiers": Probe(form: "kind=tin&value=98-7654321"),
        "POST /settings/practice/identifiers/remove": Probe(form: "kind=tin&value=987654321"),
        "POST /settings/practice/ticket-prefix": Probe(form: "prefix=RQ9"),
        "POST /api/v1/break-glass/:grant/end": Probe(ownGrant: true),
        "POST /api/v1/engagements/:engagement/access-grants": Probe(json: accessGrant),
        "POST /engagements/:engagement/access-grants": Probe(
            form: "email={agentEmailForm}&system=clearinghouse&systemName=Availity&account=agent7&accessLevel=claim+status"),
        "POST /api/v1/engagements/:engagement/access-grants/:accessGrant/revoke": Probe(
            json: #"{"note":"Closed in Availity this morning"}"#),
        "POST /engagements/:engagement/access-grants/:accessGrant/revoke": Probe(form: "note=Closed+in+Availity+this+morning"),
        // The engagement has a review open already: a new one is opened on the draft.
        "POST /api/v1/engagements/:engagement/access-reviews": Probe(json: #"{"reviewer":"{auditorEmail}","dueOn":"{due}"}"#, draft: true),
        "POST /engagements/:engagement/access-reviews": Probe(form: "reviewer={auditorEmailForm}&dueOn={due}", draft: true),
        "POST /api/v1/access-reviews/:review/items/:item": Probe(json: #"{"decision":"keep","evidence":"Still works our denials daily"}"#),
        "POST /access-reviews/:review/items/:item": Probe(form: "decision=keep&evidence=Still+works+our+denials+daily"),
        "POST /imports": Probe(multipart: true),
        "POST /api/v1/engagements/:engagement/audits": Probe(
            json: #"{"name":"January","from":"2026-01-01","to":"2026-01-31","strata":"payer","size":5,"seed":11,"reviewer":"{agentEmail}"}"#
        ),
        "POST /api/v1/audits/:audit/claims/:sampledClaim": Probe(
            json: #"{"findings":[{"type":"coding","severity":"high","note":"modifier 25 missing"}]}"#),
        "POST /api/v1/engagements/:engagement/risks": Probe(
            json:
                #"{"title":"PHI in spreadsheets","category":"privacy","likelihood":3,"impact":5,"owner":"{agentEmail}","mitigation":"Monthly attestation","reviewOn":"2026-12-31"}"#
        ),
        "POST /engagements/:engagement/risks": Probe(
            form: "title=PHI+in+spreadsheets&category=privacy&likelihood=3&impact=5&owner={agentEmailForm}&reviewOn=2026-12-31&mitigation="),
        "POST /api/v1/engagements/:engagement/reviews": Probe(json: #"{"scheduledOn":"2026-02-10","items":["Renewal terms"]}"#),
        "POST /engagements/:engagement/reviews": Probe(form: "scheduledOn=2026-02-10&items=Renewal+terms"),
        "POST /api/v1/risks/:risk": Probe(json: #"{"likelihood":2}"#),
        "POST /risks/:risk": Probe(form: "likelihood=2&impact=3&status=open"),
        "POST /api/v1/reviews/:governanceReview/minutes": Probe(json: #"{"attendees":["Dr. Lin"],"decisions":["Keep going"]}"#),
        "POST /reviews/:governanceReview/minutes": Probe(form: "attendees=Dr.+Lin&decisions=Keep+going&notes="),
        "POST /api/v1/reviews/:governanceReview/actions": Probe(
            json: #"{"title":"Send the report","owner":"{agentEmail}","dueOn":"2026-12-31"}"#),
        "POST /reviews/:governanceReview/actions": Probe(form: "title=Send+the+report&owner={agentEmailForm}&dueOn=2026-12-31&linksTo="),
        "POST /api/v1/actions/:action/done": Probe(json: #"{"note":"Sent on Monday"}"#),
        "POST /actions/:action/done": Probe(form: "note=Sent+on+Monday"),
        "POST /api/v1/engagements/:engagement/pilots": Probe(json: pilot),
        "POST /engagements/:engagement/pilots": Probe(
            form:
                "name=One+payer&payers=87726&baselineFrom=2026-01-01&baselineTo=2026-01-31&from=2026-02-01&to=2026-02-28&useDenials=on&denialPoints=0&checklist=Reports+are+clear"
        ),
        "POST /api/v1/pilots/:pilot/checklist/:criterion": Probe(json: #"{"met":true,"note":"October report read"}"#),
        "POST /pilots/:pilot/checklist/:criterion": Probe(form: "met=yes&note=October+report+read"),
        "POST /api/v1/pilots/:pilot/decision": Probe(json: #"{"verdict":"go","note":"Every criterion holds"}"#),
        "POST /pilots/:pilot/decision": Probe(form: "verdict=go&note=Every+criterion+holds"),
        "POST /audits/:audit/claims/:sampledClaim/findings": Probe(form: "type=coding&severity=high&note=modifier+25+missing"),
        "POST /audits/:audit/claims/:sampledClaim/right": Probe(form: "", aliases: [":sampledClaim": ":cleanClaim"]),
        "POST /audits/:audit/claims/:sampledClaim/corrected": Probe(form: ""),
        "POST /audits/:audit/claims/:sampledClaim/findings/:finding/ticket": Probe(form: ""),
        "POST /api/v1/audits/:audit/claims/:sampledClaim/findings/:finding/action": Probe(
            json: #"{"review":"{governanceReview}","owner":"{agentEmail}","dueOn":"2026-12-31"}"#),
        "POST /audits/:audit/claims/:sampledClaim/findings/:finding/action": Probe(
            form: "review={governanceReview}&owner={agentEmailForm}&dueOn=2026-12-31&title="),
        "POST /engagements/:engagement/audits": Probe(
            form: "name=January&from=2026-01-01&to=2026-01-31&strata=payer&size=5&seed=11&reviewer={agentEmailForm}"),
        "POST /api/v1/engagements/:engagement/transition": Probe(json: #"{"start":"2026-02-02","owner":"{agentEmail}"}"#, draft: true),
        "POST /engagements/:engagement/transition": Probe(form: "start=2026-02-02&owner={agentEmailForm}", draft: true),
        "POST /api/v1/engagements/:engagement/transition/steps/:step": Probe(
            json: #"{"status":"in_progress","evidence":"Walked through with the front desk"}"#),
        "POST /engagements/:engagement/transition/steps/:step": Probe(
            form: "status=in_progress&owner={agentEmailForm}&dueOn=2026-03-01&evidence=Walked+through"),
        "POST /api/v1/engagements/:engagement/transition/steps/:step/checklist/:checkItem": Probe(json: #"{"done":true}"#),
        "POST /engagements/:engagement/transition/steps/:step/checklist/:checkItem": Probe(form: "done=1"),
        "POST /api/v1/engagements/:engagement/transition/workflow": Probe(
            json: #"{"task":"Payment posting","owner":"Biller","commonDelay":"Paper checks"}"#),
        "POST /engagements/:engagement/transition/workflow": Probe(
            form: "task=Payment+posting&taskOwner=Biller&handoff=&commonDelay=&report="),
        "POST /engagements/:engagement/transition/workflow/:workflowTask/remove": Probe(form: ""),
        "POST /api/v1/engagements/:engagement/transition/rollouts": Probe(
            json: #"{"function":"Credentialing","start":"2026-06-01","owner":"{agentEmail}"}"#),
        "POST /engagements/:engagement/transition/rollouts": Probe(form: "function=Credentialing&start=2026-06-01&owner={agentEmailForm}"),
        "POST /api/v1/engagements/:engagement/transition/notices": Probe(
            json: #"{"task":"Payment posting","changes":"Northgate posts ERAs","freesFor":"Evenings","publish":true}"#),
        "POST /engagements/:engagement/transition/notices": Probe(
            form: "task=Payment+posting&changes=Northgate+posts+ERAs&freesFor=Evenings&publish=1"),
        "POST /api/v1/engagements/:engagement/transition/notices/:notice/publish": Probe(aliases: [":notice": ":draftNotice"]),
        "POST /engagements/:engagement/transition/notices/:notice/publish": Probe(form: "", aliases: [":notice": ":draftNotice"]),
        "POST /api/v1/engagements/:engagement/transition/notices/:notice/responses": Probe(
            json: #"{"kind":"question","text":"Who answers the phone?"}"#),
        "POST /engagements/:engagement/transition/notices/:notice/responses": Probe(form: "kind=feedback&text=Helpful"),
        "POST /api/v1/engagements/:engagement/transition/notices/:notice/responses/:response/answer": Probe(
            json: #"{"answer":"The vendor's lead"}"#),
        "POST /engagements/:engagement/transition/notices/:notice/responses/:response/answer": Probe(form: "answer=The+vendor%27s+lead"),
        "POST /role-changes": Probe(form: "email={peerEmailForm}&role={peerRole}&reason=Leads+the+night+shift+from+Monday"),
        "POST /role-changes/:change/approve": Probe(form: "code={code}", vendorAliases: [":change": ":vendorChange"]),
        "POST /role-changes/:change/reject": Probe(form: "", vendorAliases: [":change": ":vendorChange"]),
        "POST /sign-in": Probe(form: "email={managerEmail}&password=a+long+enough+password"),
    ]

    /// A practice and its vendor, each role signed in both ways, and a billing history to read.
    struct World {
        var parties: APIParties
        var sessions: [Role: (cookie: HTTPHeaders, csrf: String)] = [:]
        var claim = ""
        var importFile: (name: String, bytes: [UInt8])
        var months = 0
    }

    /// Fresh objects for one request, so that one cell's change never decides the next one's answer.
    struct Fixture {
        var values: [String: String]
        var contract: String
    }

    /// `imports`: whether the practice has a billing history (another tenant's walk needs none).
    static func world(
        practiceName: String = "Riverbend Family Medicine", vendorName: String = "Acme Billing", imports: Bool = true
    ) async throws -> World {
        let app = try TestDatabase.app
        let parties = try await APIParties.make(practiceName: practiceName, vendorName: vendorName)
        let files = try synthFilesForWeb()
        for file in files where imports {
            _ = try await BillingImporter(app.db, newPracticeTimeZone: "UTC").importFile(
                named: file.name, from: .bytes(file.bytes), practice: parties.practice.id, user: nil, now: Date())
        }
        var world = World(parties: parties, importFile: try #require(files.first))
        // A practice person whose role the walk changes back and forth.
        _ = try await UserStore(app.db).create(
            organizationID: parties.practice.id, email: try EmailAddress("mover@\(practiceName.lowercased().filter(\.isLetter)).example"),
            role: .practiceStaff, password: "a long enough password", hasher: .fastForTests)
        // The vendor's own role changes: a second lead asks, so the first may decide; the vendor's mover is the subject.
        let vendorDomain = vendorName.lowercased().filter(\.isLetter)
        _ = try await UserStore(app.db).create(
            organizationID: parties.vendor.id, email: try EmailAddress("second-lead@\(vendorDomain).example"),
            role: .vendorLead, password: "a long enough password", hasher: .fastForTests)
        _ = try await UserStore(app.db).create(
            organizationID: parties.vendor.id, email: try EmailAddress("mover@\(vendorDomain).example"),
            role: .vendorAgent, password: "a long enough password", hasher: .fastForTests)
        // Two of the vendor's people who joined after the engagements were made: on none of them yet.
        for name in ["joiner", "joiner2"] {
            _ = try await UserStore(app.db).create(
                organizationID: parties.vendor.id, email: try EmailAddress("\(name)@\(vendorName.lowercased().filter(\.isLetter)).example"),
                role: .vendorAgent, password: "a long enough password", hasher: .fastForTests)
        }
        try await app.testing().test(
            .GET, "/api/v1/claims?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31", headers: parties[.practiceManager]
        ) { response in
            world.claim = ((json(response)["claims"] as? [[String: Any]])?.first?["claim"] as? String) ?? ""
        }
        #expect(!world.claim.isEmpty || !imports)
        for role in roles { world.sessions[role] = try await session(for: role, parties: parties) }
        return world
    }

    static func session(for role: Role, parties: APIParties) async throws -> (cookie: HTTPHeaders, csrf: String) {
        let email = try #require(parties.callers[role]).user.email.value
        let signedIn = try await signInBrowser(email)
        var csrf = ""
        try await TestDatabase.app.testing().test(.GET, "/engagements", headers: signedIn.cookie) { response in
            csrf = csrfToken(in: response.body.string)
        }
        return (signedIn.cookie, csrf)
    }

    /// An engagement in force and one still in draft, with a ticket, its file, a watcher, a
    /// proposed change request and a point of contact.
    static func fixture(_ world: inout World) async throws -> Fixture {
        let app = try TestDatabase.app
        let parties = world.parties
        let store = EngagementStore(app.db)
        // A practice has one open engagement per vendor: earlier cells' ones are ended first, and
        // the one in force steps aside while its draft sibling is made.
        try await endEngagements()
        let engagement = try await store.create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling,
            signedOn: CalendarDate("2026-01-01"), now: Date())
        try await endEngagements()
        let draft = try await store.create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling, signedOn: nil, now: Date())
        try await app.db.sqlSet("engagements", "status", to: "active", id: engagement.id.rawValue)
        let manager = try #require(parties.callers[.practiceManager]), agent = try #require(parties.callers[.vendorAgent])
        let staff = try #require(parties.callers[.practiceStaff])
        let tickets = TicketStore(app.db)
        let ticket = try await tickets.open(
            TicketDraft(category: .claimError, priority: .high, title: "Denials", detail: "", assignedParty: .vendor, gridTask: nil),
            in: engagement, by: manager, now: Date())
        let attachment = try await tickets.attach(ticket.id, name: "notes.txt", bytes: Array("notes".utf8), by: agent, now: Date())
        _ = try await tickets.watch(ticket.id, user: staff.user.id, watching: true, by: manager, now: Date())
        let request = try await ChangeRequestStore(app.db).propose(
            ChangeProposal(
                kind: .serviceLevel, title: "Days in A/R at most 35", reason: "backlog cleared",
                edits: [try .set(try #require(ContractPath("serviceLevels.kpiTargets[days-in-ar].target")), to: 35.0)]),
            in: engagement, by: manager, now: Date())
        var contact: PointOfContact?
        for name in ["Billing office", "Front desk"] {
            contact = try await ContactStore(app.db).save(
                PointOfContact(
                    engagementID: engagement.id, party: .practice, purpose: .routine, name: name, channel: .email,
                    address: "office@riverbend.example", hours: "Mon–Fri", isPrimary: false), in: engagement, as: .practice)
        }
        let contract = try String(decoding: JSONEncoder().encode(try await store.version(1, of: draft.id).contract), as: UTF8.self)
        let vendorDomain = parties.vendor.name.lowercased().filter(\.isLetter)
        // The joiners came after the contract was signed: not on the new engagements' teams.
        _ = try await app.db.sqlRows("DELETE FROM engagement_members WHERE user_id IN (SELECT id FROM users WHERE email LIKE 'joiner%')")
        let member = try await MembershipStore(app.db).request(
            try EmailAddress("joiner@\(vendorDomain).example"), on: engagement,
            reason: "Covers denials while Pat is on leave", by: try #require(parties.callers[.vendorLead]), now: Date())
        // The administrator asks for the mover's role to change; another approver decides.
        let mover = try #require(
            try await UserStore(app.db).find(
                email: try EmailAddress("mover@\(parties.practice.name.lowercased().filter(\.isLetter)).example")))
        let change = try await RoleChangeStore(app.db).request(
            mover.email, to: mover.role == .practiceStaff ? .practiceManager : .practiceStaff,
            reason: "Runs the front desk from Monday", by: try #require(parties.callers[.practiceAdmin]), now: Date())
        // A pending invitation to the vendor's lead (the one before it withdrawn: an address is invited once at a time).
        _ = try await app.db.sqlRows("UPDATE engagement_invitations SET status = 'withdrawn' WHERE status = 'pending'")
        let invitation = try await InvitationStore(app.db).invite(
            try #require(parties.callers[.vendorLead]).user.email, signedOn: nil, template: .medicalBilling,
            by: try #require(parties.callers[.practiceAdmin]), now: Date())
        // The same on the vendor's side: its second lead asks for its mover's role to change.
        let vendorDomainName = parties.vendor.name.lowercased().filter(\.isLetter)
        let vendorMover = try #require(try await UserStore(app.db).find(email: try EmailAddress("mover@\(vendorDomainName).example")))
        let secondLead = try #require(try await UserStore(app.db).find(email: try EmailAddress("second-lead@\(vendorDomainName).example")))
        let vendorChange = try await RoleChangeStore(app.db).request(
            vendorMover.email, to: vendorMover.role == .vendorAgent ? .vendorLead : .vendorAgent,
            reason: "Leads the night shift from Monday", by: Caller(user: secondLead, organization: parties.vendor), now: Date())
        // The auditor's emergency access (the vendor's people have none, so their cells show their roles alone).
        let grant = try await BreakGlassStore(app.db).open(
            for: try #require(parties.callers[.complianceAuditor]), practice: nil,
            reason: "Privacy complaint: checking who read a claim", hours: 1, now: Date())
        // The agent's clearinghouse account, and a review of the engagement's access by the auditor.
        let admin = try #require(parties.callers[.practiceAdmin]), auditor = try #require(parties.callers[.complianceAuditor])
        let accessGrant = try await AccessGrantStore(app.db).record(
            AccessGrantDraft(
                email: agent.user.email.value, system: "clearinghouse", systemName: "Availity", account: "agent7", accessLevel: nil),
            on: engagement, by: admin, now: Date())
        let today = try #require(CalendarDate.on(Date(), in: "UTC"))
        let due = try #require(today.adding(days: 30)).description
        let review = try await AccessReviewStore(app.db).open(
            AccessReviewDraft(reviewer: auditor.user.email.value, dueOn: due, title: nil),
            on: engagement, by: admin, now: Date())
        // A pilot with one checklist criterion, for the gate's routes.
        let pilot = try await PilotStore(app.db).create(
            Pilot(
                engagementID: engagement.id, phase: 0, name: "Denials of one payer", scope: PilotScope(payers: ["87726"]),
                baselineFrom: try #require(CalendarDate("2026-01-01")), baselineTo: try #require(CalendarDate("2026-01-31")),
                from: try #require(CalendarDate("2026-02-01")), to: try #require(CalendarDate("2026-02-28")),
                criteria: [GateCriterion(key: "reports-clear", kind: .checklist, label: "Reports are clear")], createdAt: Date()),
            in: engagement, by: manager, now: Date())
        // A risk, a review and one of its actions, for governance's routes.
        let governance = GovernanceStore(app.db)
        let risk = try await governance.addRisk(
            Risk(
                engagementID: engagement.id, number: 0, title: "PHI kept in spreadsheets", category: .privacy, likelihood: 3, impact: 5,
                ownerEmail: agent.user.email.value, mitigation: "", reviewOn: try #require(CalendarDate("2026-12-31")), createdAt: Date(),
                updatedAt: Date()),
            in: engagement, by: manager, now: Date())
        let governanceReview = try await governance.schedule(
            on: try #require(CalendarDate("2026-02-10")), in: engagement, free: [], by: manager, now: Date())
        let reviewAction = try await governance.addAction(
            to: governanceReview.id, title: "Send the denial report", owner: agent.user.email.value,
            dueOn: try #require(CalendarDate("2026-12-31")), linksTo: "", by: manager, now: Date())
        // A quality audit of January's claims.
        let qualityAudit = try await QualityAuditStore(app.db).create(
            QualityAudit(
                engagementID: engagement.id, number: 0, name: "January", from: try #require(CalendarDate("2026-01-01")),
                to: try #require(CalendarDate("2026-01-31")),
                size: 3, seed: 7, reviewerEmail: manager.user.email.value, createdAt: Date()),
            in: engagement, by: manager, now: Date())
        _ = try await QualityAuditStore(app.db).addFinding(
            qualityAudit.id, claim: try #require(qualityAudit.claims.first).claim, type: .coding, severity: .high,
            note: "", by: manager, now: Date())
        // A transition plan with a mapped task, a published notice with a question, and a draft notice.
        let transition = TransitionStore(app.db)
        let plan = try await transition.start(
            in: engagement, from: try #require(CalendarDate("2026-02-02")), owner: manager.user.email.value, by: manager, now: Date())
        _ = try await transition.addWorkflowTask(
            WorkflowTask(task: "Charge entry", owner: "Front desk", handoff: "", commonDelay: "", report: ""),
            in: engagement, by: manager, now: Date())
        let notice = try await transition.addNotice(
            task: "Denial follow-up", changes: "The vendor works denials", freesFor: "Fridays", publish: true,
            in: engagement, by: manager, now: Date())
        let draftNotice = try await transition.addNotice(
            task: "Statements", changes: "The vendor sends statements", freesFor: "Month ends", publish: false,
            in: engagement, by: manager, now: Date())
        let question = try await transition.respond(
            to: notice.id, kind: .question, text: "Who calls patients?", in: engagement, by: staff, now: Date())
        // Each close names a month no earlier cell closed.
        world.months += 1
        let month = try #require(CalendarMonth("1900-01")?.adding(months: world.months))
        return Fixture(
            values: [
                ":engagement": engagement.id.description, ":draft": draft.id.description, ":ticket": ticket.id.description,
                ":attachment": attachment.id.uuidString, ":request": request.id.description, ":claim": world.claim,
                ":month": month.description, ":user": staff.user.id.description, ":contact": try #require(contact).id.description,
                ":grant": grant.id.description, ":member": member.id.description, ":change": change.id.description,
                ":vendorChange": vendorChange.id.description, ":invitation": invitation.id.description,
                ":accessGrant": accessGrant.id.description, ":name": "sightline.css", ":pilot": pilot.id.description,
                ":criterion": "reports-clear",
                ":risk": risk.id.description, ":governanceReview": governanceReview.id.description, ":action": reviewAction.id.description,
                ":audit": qualityAudit.id.description, ":sampledClaim": try #require(qualityAudit.claims.first).claim,
                ":cleanClaim": try #require(qualityAudit.claims.last).claim,
                ":finding": "1", ":step": try #require(plan.steps.first).id.description, ":checkItem": "1", ":workflowTask": "1",
                ":notice": notice.id.description, ":draftNotice": draftNotice.id.description, ":response": question.id.description,
                "{governanceReview}": governanceReview.id.description, ":review": review.id.description,
                ":item": try #require(review.items.first).id.description,
                "{auditorEmail}": auditor.user.email.value, "{due}": due,
                "{auditorEmailForm}": auditor.user.email.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                "{agentEmailForm}": agent.user.email.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                "{agentEmail}": agent.user.email.value,
                "{joiner2}": "joiner2@\(vendorDomain).example",
                "{vendor}": parties.vendor.id.description, "{agent}": agent.user.id.description, "{manager}": manager.user.id.description,
                "{managerEmail}": manager.user.email.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                "{claim}": world.claim, "{month}": month.description,
            ], contract: contract)
    }

    /// Ends every engagement, so that a new one may be made with the same vendor.
    static func endEngagements() async throws {
        _ = try await TestDatabase.app.db.sqlRows("UPDATE engagements SET status = 'ended'")
    }

    /// The request `role` makes to `route`, with the route's placeholders named by `values`.
    static func request(
        _ route: String, role: Role?, world: World, fixture: Fixture
    ) async throws -> (HTTPMethod, String, HTTPHeaders, ByteBuffer) {
        let parts = route.split(separator: " ", maxSplits: 1)
        let method = HTTPMethod(rawValue: String(parts[0]))
        let probe = probes[route] ?? Probe()
        // Only for the fixture's own parties: another organisation's request is refused and must find everything as it was.
        if probe.engages, fixture.values["{vendor}"] == world.parties.vendor.id.description { try await endEngagements() }
        var path = String(parts[1])
        var values = fixture.values
        if probe.draft { values[":engagement"] = values[":draft"] }
        for (name, other) in probe.aliases { values[name] = values[other] }
        if role?.organizationKind == .vendor { for (name, other) in probe.vendorAliases { values[name] = values[other] } }
        if probe.ownGrant, let role, role.organizationKind == .vendor, fixture.values["{vendor}"] == world.parties.vendor.id.description {
            let grant = try await BreakGlassStore(TestDatabase.app.db).open(
                for: try #require(world.parties.callers[role]), practice: nil,
                reason: "Payer deadline today: need the claim history", hours: 1, now: Date())
            values[":grant"] = grant.id.description
        }
        for (name, value) in values where name.hasPrefix(":") {
            path = path.replacingOccurrences(of: name + "/", with: value + "/")
            if path.hasSuffix(name) { path = String(path.dropLast(name.count)) + value }
        }
        func fill(_ text: String) -> String {
            var text = text.replacingOccurrences(of: "{contract}", with: fixture.contract)
            for (name, value) in values where name.hasPrefix("{") { text = text.replacingOccurrences(of: name, with: value) }
            return text
        }
        var headers = HTTPHeaders()
        var body = ByteBuffer()
        let api = path.hasPrefix("/api/")
        var csrf = ""
        if let role {
            // Someone of the role's own organisation, and a role of that side, for the forms that name a colleague.
            let peer: Role = role.organizationKind == .practice ? .practiceStaff : .vendorAgent
            values["{peerEmail}"] = try #require(world.parties.callers[peer]).user.email.value
            values["{peerEmailForm}"] = try #require(world.parties.callers[peer]).user.email.value.addingPercentEncoding(
                withAllowedCharacters: .alphanumerics)
            values["{peerRole}"] = role.organizationKind == .practice ? Role.practiceManager.rawValue : Role.vendorLead.rawValue
        }
        if let role, (probe.json ?? probe.form ?? "").contains("{code}") {
            // A fresh code from the role's authenticator (codes are good once; the walk signs in often).
            _ = try await TestDatabase.app.db.sqlRows("UPDATE user_mfa SET last_counter = 0")
            let secret = try await testAuthenticator(for: try #require(world.parties.callers[role]).user.email.value)
            values["{code}"] = TOTP.code(secret: secret, counter: TOTP.counter(at: Date()))
        }
        if let role {
            if api {
                headers = world.parties[role]
            } else {
                var session = try #require(world.sessions[role])
                // Signing out ends the session: that cell gets a session of its own.
                if path == "/sign-out" { session = try await Self.session(for: role, parties: world.parties) }
                headers = session.cookie
                csrf = session.csrf
            }
        }
        if probe.multipart {
            let boundary = "sightline-walk"
            let imports = api || path == "/imports"
            let (field, name, bytes) =
                imports ? ("files", world.importFile.name, world.importFile.bytes) : ("file", "note.txt", Array("the operative note".utf8))
            var text = "--\(boundary)\r\n"
            if !api { text += "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n--\(boundary)\r\n" }
            text +=
                "Content-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            body = ByteBuffer(string: text)
            body.writeBytes(bytes)
            body.writeString("\r\n--\(boundary)--\r\n")
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        } else if let raw = probe.raw {
            body = ByteBuffer(bytes: raw)
            headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
        } else if let json = probe.json {
            body = ByteBuffer(string: fill(json))
            headers.contentType = .json
        } else if let form = probe.form {
            body = ByteBuffer(string: "csrf=\(csrf)" + (form.isEmpty ? "" : "&" + fill(form)))
            headers.contentType = .urlEncodedForm
        } else if !api, method != .GET {
            body = ByteBuffer(string: "csrf=\(csrf)")
            headers.contentType = .urlEncodedForm
        }
        return (method, path + probe.query, headers, body)
    }
}
