extension OpenAPIDocument {
    /// Break-glass access to patient data.
    static let accessPaths = #"""
    {
      "/api/v1/role-changes": {
        "get": {
          "summary": "The caller's organisation's role changes, newest first",
          "security": [{ "bearer": [] }],
          "responses": { "200": { "description": "roleChanges [{id, userID, email, from, to, reason, requestedBy, requestedAt, status, decidedBy, decidedAt}]" } }
        },
        "post": {
          "summary": "A mover: the practice's administrator (the vendor's lead) asks for a person of their organisation to get another role; another approver decides",
          "security": [{ "bearer": [] }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["email", "role", "reason"], "properties": {
            "email": { "type": "string" }, "role": { "type": "string" }, "reason": { "type": "string", "minLength": 10, "maxLength": 500 } } } } } },
          "responses": {
            "201": { "description": "the request, status requested" },
            "403": { "description": "the caller's role may not ask", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "404": { "description": "nobody of the caller's organisation has that address", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "422": { "description": "a role of the other side, the same role, or no reason", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
          }
        }
      },
      "/api/v1/role-changes/{change}/approve": {
        "post": {
          "summary": "Approve with a current code from the approver's authenticator (practice: administrator or compliance auditor; vendor: lead), never one's own request; the role holds at once and the person's browser sessions end",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "change", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["code"], "properties": { "code": { "type": "string" } } } } } },
          "responses": { "200": { "description": "the change, approved" }, "403": { "description": "not an approver, or one's own request" },
                         "404": { "description": "no such request in the caller's organisation" }, "409": { "description": "decided already" }, "422": { "description": "no current authenticator code" } }
        }
      },
      "/api/v1/role-changes/{change}/reject": {
        "post": {
          "summary": "Refuse a role change",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "change", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "the change, rejected" }, "403": { "description": "not an approver, or one's own request" },
                         "404": { "description": "no such request in the caller's organisation" }, "409": { "description": "decided already" } }
        }
      },
      "/api/v1/engagements/{engagement}/members": {
        "get": {
          "summary": "Which of the vendor's people work on the engagement: active, requested, refused and removed, newest request first. A vendor person sees an engagement only while active on it",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "members [{id, engagementID, userID, email, role, status, reason, requestedAt, decidedAt, note}]" },
                         "404": { "description": "no such engagement the caller sees", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } }
        },
        "post": {
          "summary": "The vendor's lead asks for one of the vendor's people to join; the practice's administrators are e-mailed",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["email", "reason"], "properties": {
            "email": { "type": "string" }, "reason": { "type": "string", "minLength": 10, "maxLength": 500 } } } } } },
          "responses": {
            "201": { "description": "the request, status requested" },
            "403": { "description": "only the vendor's lead asks", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "409": { "description": "the person is on the engagement or waiting already", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "422": { "description": "not an active person of the vendor, or no reason", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
          }
        }
      },
      "/api/v1/engagements/{engagement}/members/{member}/approve": {
        "post": {
          "summary": "The practice's administrator lets the person in",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "member", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { "note": { "type": "string" } } } } } },
          "responses": { "200": { "description": "the membership, active" }, "403": { "description": "only the practice's administrator decides" }, "409": { "description": "decided already" } }
        }
      },
      "/api/v1/engagements/{engagement}/members/{member}/reject": {
        "post": {
          "summary": "The practice's administrator refuses the request",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "member", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { "note": { "type": "string" } } } } } },
          "responses": { "200": { "description": "the membership, rejected" }, "403": { "description": "only the practice's administrator decides" }, "409": { "description": "decided already" } }
        }
      },
      "/api/v1/engagements/{engagement}/members/{member}/remove": {
        "post": {
          "summary": "A leaver: the practice's administrator or the vendor's lead takes the person off the engagement at once (or withdraws a request)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "member", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { "note": { "type": "string" } } } } } },
          "responses": { "200": { "description": "the membership, removed" }, "403": { "description": "the role may not" }, "409": { "description": "removed or refused already" } }
        }
      },
      "/api/v1/break-glass": {
        "get": {
          "summary": "Break-glass grants the caller may see: their own, and for a practice's people every grant to their practice, newest first",
          "security": [{ "bearer": [] }],
          "responses": { "200": { "description": "grants [{id, user, practice, reason, openedAt, expiresAt, endedAt, active}]" } }
        },
        "post": {
          "summary": "Break the glass: emergency access to a practice's claims and patients for the caller (vendor lead or agent, or the practice's compliance auditor), until it ends; every read under it is audited at high severity and the practice's administrators are e-mailed. A grant already open for the practice is replaced",
          "security": [{ "bearer": [] }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["reason"], "properties": {
            "reason": { "type": "string", "minLength": 10, "maxLength": 500 },
            "hours": { "type": "number", "minimum": 0.25, "maximum": 4, "default": 1 },
            "practiceId": { "type": "string", "description": "for a vendor engaged by several practices" } } } } } },
          "responses": {
            "201": { "description": "the grant: {id, user, practice, reason, openedAt, expiresAt, endedAt, active}" },
            "403": { "description": "the caller's role sees patient data already, or never does", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "404": { "description": "no engagement in force with that practice", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "422": { "description": "no reason, too long, or a practice to choose", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
          }
        }
      },
      "/api/v1/break-glass/{grant}/end": {
        "post": {
          "summary": "End a grant now: its holder, or the practice's administrator or compliance auditor",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "grant", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": {
            "200": { "description": "the grant, ended" },
            "403": { "description": "the caller's role may not end another person's grant", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "404": { "description": "no such grant the caller may see", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
          }
        }
      }
    }
    """#
}
