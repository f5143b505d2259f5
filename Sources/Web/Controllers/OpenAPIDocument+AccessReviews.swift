extension OpenAPIDocument {
    /// Access grants in the practice's other systems and access-review campaigns. Every change
    /// needs a token with the `admin` scope.
    static let accessReviewPaths = #"""
    {
      "/api/v1/engagements/{engagement}/access-grants": {
        "get": {
          "summary": "Accounts the vendor's people hold in the practice's billing system, clearinghouse portal or EHR, current ones first (practice administrator, manager, compliance auditor; the vendor's lead)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "grants [{id, engagementID, userID, email, system, systemName, account, accessLevel, recordedAt, revokedAt, revokeNote}]" },
                         "403": { "description": "the caller's role does not see grants" }, "404": { "description": "no such engagement the caller sees" } }
        },
        "post": {
          "summary": "Record a grant held by an active person of the engagement's vendor (practice administrator or manager; token scope admin)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["email", "system", "systemName", "account"], "properties": {
            "email": { "type": "string" }, "system": { "type": "string", "enum": ["billing_system", "clearinghouse", "ehr", "other"] },
            "systemName": { "type": "string", "maxLength": 100 }, "account": { "type": "string", "maxLength": 100 }, "accessLevel": { "type": "string", "maxLength": 200 } } } } } },
          "responses": { "201": { "description": "the grant" }, "403": { "description": "the caller's role may not record grants" },
                         "422": { "description": "not an active person of the vendor, an unknown system, or a missing field", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } }
        }
      },
      "/api/v1/engagements/{engagement}/access-grants/{accessGrant}/revoke": {
        "post": {
          "summary": "Record that the account was closed in its system, and how (practice administrator or manager; token scope admin)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "accessGrant", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["note"], "properties": { "note": { "type": "string", "minLength": 10, "maxLength": 1000 } } } } } },
          "responses": { "200": { "description": "the grant, revoked" }, "403": { "description": "the caller's role may not revoke grants" }, "404": { "description": "no such grant on the engagement" },
                         "409": { "description": "revoked already" }, "422": { "description": "no note" } }
        }
      },
      "/api/v1/engagements/{engagement}/access-reviews": {
        "get": {
          "summary": "The engagement's access-review campaigns, newest first, with their items (practice administrator, manager, compliance auditor; a reviewer sees the campaigns they review)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "reviews [AccessReview]" }, "403": { "description": "the caller's role does not see access reviews" }, "404": { "description": "no such engagement the caller sees" } }
        },
        "post": {
          "summary": "Open a campaign over every vendor person on the engagement and every current grant; the reviewer (practice administrator, manager or compliance auditor) is e-mailed. Still open after the due day ends in the practice's time zone, it opens a high-priority ticket for the reviewer that escalates like any other (practice administrator; token scope admin)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["reviewer", "dueOn"], "properties": {
            "reviewer": { "type": "string", "description": "the reviewer's e-mail" }, "dueOn": { "type": "string", "format": "date", "description": "the last day to decide: today to a year ahead, in the practice's time zone" },
            "title": { "type": "string", "maxLength": 200 } } } } } },
          "responses": { "201": { "description": "the campaign: {id, engagementID, title, reviewerID, reviewerEmail, dueOn, dueAt, status, createdAt, completedAt, ticketID, items [{id, kind (sightline | grant), userID, email, role, access, decision, evidence, decidedByEmail, decidedAt}]}" },
                         "403": { "description": "only the practice's administrator opens campaigns" }, "409": { "description": "a campaign of the engagement is open already" },
                         "422": { "description": "the reviewer, the due date, or nothing to review", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } }
        }
      },
      "/api/v1/access-reviews/{review}": {
        "get": {
          "summary": "One campaign with every item and decision",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "review", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "the campaign" }, "403": { "description": "the caller's role does not see access reviews" }, "404": { "description": "no such campaign in the caller's practice" } }
        }
      },
      "/api/v1/access-reviews/{review}/items/{item}": {
        "post": {
          "summary": "Keep or revoke one access, with evidence; final. A revoke takes the person off the engagement, or records the grant revoked and e-mails the practice's administrators to close the account, at once. The last decision completes the campaign and resolves its overdue ticket (the reviewer or the practice's administrator; token scope admin)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "review", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "item", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["decision", "evidence"], "properties": {
            "decision": { "type": "string", "enum": ["keep", "revoke"] }, "evidence": { "type": "string", "minLength": 10, "maxLength": 1000 } } } } } },
          "responses": { "200": { "description": "the campaign" }, "403": { "description": "neither the reviewer nor the practice's administrator" },
                         "404": { "description": "no such campaign or item" }, "409": { "description": "decided already, or the campaign is completed" },
                         "422": { "description": "no decision or evidence" } }
        }
      }
    }
    """#
}
