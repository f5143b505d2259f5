extension OpenAPIDocument {
    /// The paths of engagements, contracts, change control, tickets, scope and month close.
    static let engagementPaths = #"""
    {
      "/api/v1/engagements": {
        "get": { "summary": "The engagements the caller's organisation is a party to", "security": [{ "bearer": [] }],
                 "responses": { "200": { "description": "{engagements: [{id, practice, vendor, status, template, createdAt, contractInForce, draft}]}" } } },
        "post": { "summary": "Engage a vendor for the caller's practice (practice_admin); version 1 of the contract is a draft, or in force from signedOn",
                  "security": [{ "bearer": [] }],
                  "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["vendorId"],
                    "properties": { "vendorId": { "type": "string" }, "template": { "type": "string", "enum": ["medical-billing"] }, "signedOn": { "type": "string", "format": "date" } } } } } },
                  "responses": { "201": { "description": "the engagement" }, "403": { "description": "not the practice administrator" },
                                 "409": { "description": "an engagement with this vendor is already open" }, "422": { "description": "not a vendor, unknown template or bad date" } } }
      },
      "/api/v1/engagements/{engagement}": {
        "get": { "summary": "One engagement with its grid gaps, fragmentation warnings across the practice's vendors, and contact problems",
                 "security": [{ "bearer": [] }], "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "the engagement" }, "404": { "description": "no such engagement for the caller (another tenant's answers the same)" } } }
      },
      "/api/v1/engagements/{engagement}/contract": {
        "get": { "summary": "The contract version in force on a date (on=YYYY-MM-DD, default today in the practice's time zone; the draft when none is in force yet), or version=N",
                 "security": [{ "bearer": [] }], "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } },
                   { "name": "on", "in": "query", "schema": { "type": "string", "format": "date" } }, { "name": "version", "in": "query", "schema": { "type": "integer" } }],
                 "responses": { "200": { "description": "{version, contract: {grid, serviceLevels, governance}, gridGaps}" }, "404": { "description": "no version in force on that date" } } }
      },
      "/api/v1/engagements/{engagement}/contract/versions": {
        "get": { "summary": "Every version: number, status, effectiveFrom, acceptedBy, changeRequest", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "{versions: [...]}" } } }
      },
      "/api/v1/engagements/{engagement}/contract/diff": {
        "get": { "summary": "The values that differ between two versions (from, to), each with its path, before and after", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } },
                   { "name": "from", "in": "query", "required": true, "schema": { "type": "integer" } }, { "name": "to", "in": "query", "required": true, "schema": { "type": "integer" } }],
                 "responses": { "200": { "description": "{from, to, changes: [{path, before, after}]}" } } }
      },
      "/api/v1/engagements/{engagement}/contract/draft": {
        "put": { "summary": "Replace the draft contract (practice_admin, practice_manager); withdraws acceptances given so far", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "the draft" }, "409": { "description": "the contract is in force: propose a change request" }, "422": { "description": "the contract is not valid" } } }
      },
      "/api/v1/engagements/{engagement}/contract/draft/acceptance": {
        "post": { "summary": "Accept the draft for the caller's party (practice_admin, vendor_lead); with both, it is in force from effectiveFrom", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "200": { "description": "the version" }, "403": { "description": "not an authorised signer" }, "409": { "description": "already accepted, or not a draft" } } }
      },
      "/api/v1/engagements/{engagement}/contacts": {
        "get": { "summary": "Points of contact of both parties, and parties without exactly one primary contact", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "{contacts, problems}" } } },
        "post": { "summary": "Name a contact of the caller's party (practice_admin, practice_manager, vendor_lead): purpose routine|urgent|downtime|patient_concerns|executive, userId or name, channel, address, hours, isPrimary",
                  "security": [{ "bearer": [] }], "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "the contact; a new primary replaces the party's previous one" }, "422": { "description": "a field is missing" } } }
      },
      "/api/v1/engagements/{engagement}/contacts/{contact}": {
        "put": { "summary": "Replace one of the caller's party's contacts", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "contact", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "the contact" }, "403": { "description": "the other party's contact" } } },
        "delete": { "summary": "Remove one of the caller's party's contacts (not the primary one)", "security": [{ "bearer": [] }],
                    "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "contact", "in": "path", "required": true, "schema": { "type": "string" } }],
                    "responses": { "204": { "description": "removed" }, "409": { "description": "the party's primary contact" } } }
      },
      "/api/v1/engagements/{engagement}/change-requests": {
        "get": { "summary": "Change requests, newest first (status=proposed|approved|rejected|withdrawn)", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "status", "in": "query", "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "{changeRequests}" } } },
        "post": { "summary": "Propose a change against the newest accepted version: kind scope|service_level|price|access|other, title, reason, changes [{op: set|remove, path, value}], budgetImpactMonthly, timelineImpact, effectiveFrom",
                  "security": [{ "bearer": [] }], "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "{changeRequest, reference, awaiting, comments, diff}" }, "409": { "description": "no contract in force yet" }, "422": { "description": "the changes do not apply; the reason names the path" } } }
      },
      "/api/v1/engagements/{engagement}/change-requests/{request}": {
        "get": { "summary": "One change request with its discussion and the diff it makes", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "request", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "{changeRequest, reference, awaiting, comments, diff}" } } }
      },
      "/api/v1/engagements/{engagement}/change-requests/{request}/comments": {
        "post": { "summary": "Add to the discussion ({body})", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "request", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "the comment" }, "409": { "description": "the request is closed" } } }
      },
      "/api/v1/engagements/{engagement}/change-requests/{request}/approve": {
        "post": { "summary": "Approve for the caller's party ({party?, note?}; practice_admin, vendor_lead). The second party's approval creates the next contract version",
                  "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "request", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "200": { "description": "{changeRequest, newVersion}" }, "403": { "description": "not an approver, or approving for the other party" }, "409": { "description": "already approved, closed, or in conflict with a newer version" } } }
      },
      "/api/v1/engagements/{engagement}/change-requests/{request}/reject": {
        "post": { "summary": "Reject for the caller's party ({party?, note}); the request stays on record", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "request", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "200": { "description": "{changeRequest}" }, "403": { "description": "not an approver" }, "422": { "description": "no reason given" } } }
      },
      "/api/v1/engagements/{engagement}/change-requests/{request}/withdraw": {
        "post": { "summary": "Withdraw one's own proposal ({note?}); it stays on record", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "request", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "200": { "description": "{changeRequest}" }, "403": { "description": "not the proposer" } } }
      },
      "/api/v1/engagements/{engagement}/work-records": {
        "post": { "summary": "Log vendor work ({gridTask?, date, quantity?, minutes?, description}); vendor roles", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "the record" }, "403": { "description": "not the vendor" } } }
      },
      "/api/v1/engagements/{engagement}/reported-figures": {
        "get": { "summary": "The vendor's figures for a month (month=YYYY-MM) beside Sightline's own, each difference beyond the contract's tolerance flagged",
                 "security": [{ "bearer": [] }], "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } },
                   { "name": "month", "in": "query", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "{month, tolerance, lines: [{figure, reported, computed, relativeDifference, flagged, note}]}" } } },
        "post": { "summary": "Report the vendor's figures for a month (vendor roles): JSON {month, figures: {figure: value}} or text/csv lines figure,value with ?month=YYYY-MM; rates as fractions or percentages",
                  "security": [{ "bearer": [] }], "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "the comparison" }, "403": { "description": "not the vendor" }, "422": { "description": "an unknown figure or a value that is not a number, with its line" } } }
      },
      "/api/v1/scope-report": {
        "get": { "summary": "A month's vendor work per engagement, in and out of scope (month=YYYY-MM), each out-of-scope group with the change request that would cover it",
                 "security": [{ "bearer": [] }], "parameters": [{ "name": "month", "in": "query", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "{month, engagements: [{line, groups}]}" }, "422": { "description": "month missing or malformed" } } }
      },
      "/api/v1/periods/{month}/close": {
        "post": { "summary": "Close a month (practice_admin, practice_manager): evaluate every KPI target; a miss opens one service_level_miss ticket per target and month",
                  "security": [{ "bearer": [] }], "parameters": [{ "name": "month", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "200": { "description": "{practiceID, month, runs, engagements: [{engagementID, vendorName, contractVersion, results}]}" }, "422": { "description": "the month is not over" } } }
      }
    }
    """#
}
