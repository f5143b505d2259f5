extension OpenAPIDocument {
    /// The risk register, governance reviews and their actions.
    static let governancePaths = #"""
    {
      "/api/v1/engagements/{engagement}/risks": {
        "get": {
          "summary": "The engagement's risk register in number order: {id, engagementID, number, title, category, likelihood, impact, ownerEmail, mitigation, reviewOn, status, createdAt, updatedAt}",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "risks [Risk]; level = likelihood × impact: 15 and over high, 6 to 14 medium, below low" }, "404": { "description": "no such engagement the caller sees" } }
        },
        "post": {
          "summary": "Add a risk (practice administrator or manager; the vendor's lead)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["title", "category", "likelihood", "impact", "owner", "reviewOn"], "properties": {
            "title": { "type": "string", "maxLength": 200 }, "category": { "type": "string", "enum": ["financial", "legal", "commercial", "operational", "privacy"] },
            "likelihood": { "type": "integer", "minimum": 1, "maximum": 5 }, "impact": { "type": "integer", "minimum": 1, "maximum": 5 },
            "owner": { "type": "string", "description": "e-mail of someone of the practice or the vendor" }, "mitigation": { "type": "string", "maxLength": 2000 },
            "reviewOn": { "type": "string", "format": "date" } } } } } },
          "responses": { "201": { "description": "the risk, numbered R-n" }, "403": { "description": "the caller's role does not keep the register" },
                         "422": { "description": "a field to fix, named", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } }
        }
      },
      "/api/v1/risks/{risk}": {
        "post": {
          "summary": "Re-rate, re-plan, re-own or close a risk: any of the fields of a new one, and status (open | closed)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "risk", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object" } } } },
          "responses": { "200": { "description": "the risk" }, "403": { "description": "the caller's role does not keep the register" }, "404": { "description": "no such risk" },
                         "422": { "description": "a field to fix, named" } }
        }
      },
      "/api/v1/engagements/{engagement}/reviews": {
        "get": {
          "summary": "The engagement's governance reviews, newest first: {id, number, periodFrom, periodTo, scheduledOn, status, agenda [{source, text, link}], attendees, decisions, notes}",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "reviews [GovernanceReview]" }, "404": { "description": "no such engagement the caller sees" } }
        },
        "post": {
          "summary": "Schedule a review on a day; it looks back on the last whole month or quarter (the contract's cadence) and its agenda is generated from that period: figures against targets, service-level misses, breaches, open escalations, high or due risks, training needs, open actions carried forward, then the items given",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["scheduledOn"], "properties": {
            "scheduledOn": { "type": "string", "format": "date" }, "items": { "type": "array", "items": { "type": "string", "maxLength": 500 } } } } } } },
          "responses": { "201": { "description": "the review" }, "403": { "description": "the caller's role does not schedule reviews" }, "422": { "description": "a field to fix, named" } }
        }
      },
      "/api/v1/engagements/{engagement}/actions": {
        "get": {
          "summary": "Every action the engagement's reviews ended in, open ones first by due day: {id, reviewID, number, title, ownerEmail, dueOn, linksTo, status, doneAt, doneNote}",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "actions [ReviewAction]" }, "404": { "description": "no such engagement the caller sees" } }
        }
      },
      "/api/v1/reviews/{governanceReview}": {
        "get": {
          "summary": "One review with the actions it ended in",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "governanceReview", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "{review, actions}" }, "404": { "description": "no such review the caller sees" } }
        }
      },
      "/api/v1/reviews/{governanceReview}/minutes": {
        "post": {
          "summary": "Record the minutes; the review is then held",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "governanceReview", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["attendees"], "properties": {
            "attendees": { "type": "array", "minItems": 1, "items": { "type": "string" } }, "decisions": { "type": "array", "items": { "type": "string" } }, "notes": { "type": "string" } } } } } },
          "responses": { "200": { "description": "the review" }, "403": { "description": "the caller's role does not minute reviews" }, "404": { "description": "no such review" },
                         "422": { "description": "nobody attended, or a field too long" } }
        }
      },
      "/api/v1/reviews/{governanceReview}/actions": {
        "post": {
          "summary": "Add an action the review ends in: past its due day (the practice's) it opens a high-priority ticket for its owner that escalates on the contract's ladder",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "governanceReview", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["title", "owner", "dueOn"], "properties": {
            "title": { "type": "string", "maxLength": 300 }, "owner": { "type": "string", "description": "e-mail of someone of either party" },
            "dueOn": { "type": "string", "format": "date" }, "linksTo": { "type": "string", "description": "a ticket (T-12), a figure, a risk (R-2) or a finding" } } } } } },
          "responses": { "201": { "description": "the action, numbered A-n" }, "403": { "description": "the caller's role does not assign actions" }, "422": { "description": "a field to fix, named" } }
        }
      },
      "/api/v1/actions/{action}/done": {
        "post": {
          "summary": "Close an action with what was done (its overdue ticket, if any, is resolved with it)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "action", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["note"], "properties": { "note": { "type": "string", "maxLength": 1000 } } } } } },
          "responses": { "200": { "description": "the action" }, "403": { "description": "the caller's role does not close actions" }, "404": { "description": "no such action" },
                         "409": { "description": "done already" }, "422": { "description": "no note" } }
        }
      }
    }
    """#
}
