extension OpenAPIDocument {
    /// Quality audits of sampled claims.
    static let auditPaths = #"""
    {
      "/api/v1/engagements/{engagement}/audits": {
        "get": {
          "summary": "The engagement's quality audits, newest first, each with its results: {audit, results: {sampled, reviewed, accuracy, errorRates, findings, corrected, meanHoursToCorrect}}",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "audits" }, "404": { "description": "no such engagement the caller sees" } }
        },
        "post": {
          "summary": "Draw a sample of the claims submitted on the days given (of the payers and first-denial categories given) and open the audit; the same population, size, strata and seed draw the same claims (practice administrator or manager)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["name", "from", "to", "size", "reviewer"], "properties": {
            "name": { "type": "string", "maxLength": 200 }, "from": { "type": "string", "format": "date" }, "to": { "type": "string", "format": "date" },
            "payers": { "type": "array", "items": { "type": "string" } }, "denialCategories": { "type": "array", "items": { "type": "string" } },
            "strata": { "type": "string", "enum": ["none", "payer", "denial_category"] }, "size": { "type": "integer", "minimum": 1, "maximum": 500 },
            "seed": { "type": "integer", "description": "left out: drawn at random, and kept on the audit" }, "reviewer": { "type": "string" } } } } } },
          "responses": { "201": { "description": "the audit and its (empty) results" }, "403": { "description": "only the practice's administrator or manager audits" },
                         "422": { "description": "a field to fix, named, or no claim matches", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } }
        }
      },
      "/api/v1/audits/{audit}": {
        "get": {
          "summary": "One audit: its sample, each claim's review, and its results",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "audit", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "{audit, results}" }, "404": { "description": "no such audit the caller sees" } }
        }
      },
      "/api/v1/audits/{audit}/claims/{sampledClaim}": {
        "post": {
          "summary": "Record the review of a sampled claim: its findings from the error taxonomy (none: the claim was right)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "audit", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "sampledClaim", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["findings"], "properties": { "findings": { "type": "array", "items": { "type": "object", "required": ["type", "severity"], "properties": {
            "type": { "type": "string", "enum": ["coding", "documentation", "demographic", "charge_entry", "payer_rule", "posting", "follow_up"] },
            "severity": { "type": "string", "enum": ["low", "medium", "high"] }, "note": { "type": "string", "maxLength": 1000 } } } } } } } } },
          "responses": { "200": { "description": "{audit, results}" }, "403": { "description": "only the practice's administrator or manager reviews" }, "404": { "description": "no such audit" },
                         "422": { "description": "not a claim of the sample, or an unknown type or severity" } }
        }
      },
      "/api/v1/audits/{audit}/claims/{sampledClaim}/corrected": {
        "post": {
          "summary": "Record that a claim's findings were corrected (the time to correct counts from each finding)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "audit", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "sampledClaim", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "{audit, results}" }, "403": { "description": "only the practice's administrator or manager records corrections" }, "404": { "description": "no such audit" },
                         "422": { "description": "not a claim of the sample" } }
        }
      },
      "/api/v1/audits/{audit}/claims/{sampledClaim}/findings/{finding}/ticket": {
        "post": {
          "summary": "Open a ticket for the vendor to correct a finding (the finding-th of the claim, from 1): claim error, priority from the severity (high → high, medium → normal, low → low), linked to the claim; the finding keeps the ticket's reference",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "audit", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "sampledClaim", "in": "path", "required": true, "schema": { "type": "string" } },
                         { "name": "finding", "in": "path", "required": true, "schema": { "type": "integer", "minimum": 1 } }],
          "responses": { "201": { "description": "{ticket, reference}" }, "403": { "description": "only the practice's administrator or manager" }, "404": { "description": "no such audit" },
                         "409": { "description": "the finding opened a ticket already" }, "422": { "description": "not a claim of the sample, or no such finding" } }
        }
      },
      "/api/v1/audits/{audit}/claims/{sampledClaim}/findings/{finding}/action": {
        "post": {
          "summary": "Make a finding an action of one of the engagement's governance reviews, owned and due, linked back to the audit, the claim and the finding's ticket",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "audit", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "sampledClaim", "in": "path", "required": true, "schema": { "type": "string" } },
                         { "name": "finding", "in": "path", "required": true, "schema": { "type": "integer", "minimum": 1 } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["review", "owner", "dueOn"], "properties": {
            "review": { "type": "string", "description": "the review's id" }, "title": { "type": "string", "maxLength": 200, "description": "left out: correct the error" },
            "owner": { "type": "string", "description": "e-mail of someone of either party" }, "dueOn": { "type": "string", "format": "date" } } } } } },
          "responses": { "201": { "description": "the action" }, "403": { "description": "only the practice's administrator or manager" }, "404": { "description": "no such audit or review" },
                         "409": { "description": "the finding is an action already" }, "422": { "description": "a field to fix, named" } }
        }
      }
    }
    """#
}
