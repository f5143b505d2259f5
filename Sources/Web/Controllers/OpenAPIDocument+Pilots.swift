extension OpenAPIDocument {
    /// The controlled rollout: phases with their scope and go/no-go gate.
    static let pilotPaths = #"""
    {
      "/api/v1/engagements/{engagement}/pilots": {
        "get": {
          "summary": "The engagement's rollout phases in order: the pilot (phase 1) and each expansion, with their gates and any decision",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "pilots [Pilot: {id, engagementID, phase, name, scope, baselineFrom, baselineTo, from, to, criteria, checklist, status, decision, createdAt}]" },
                         "404": { "description": "no such engagement the caller sees" } }
        },
        "post": {
          "summary": "Set up the next phase: its scope, a baseline window before it, its own window, and the gate's criteria (practice administrator or manager)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["name", "baselineFrom", "baselineTo", "from", "to", "criteria"], "properties": {
            "name": { "type": "string", "maxLength": 200 },
            "scope": { "type": "object", "description": "the figures are restricted to these; an empty list means all", "properties": {
              "payers": { "type": "array", "items": { "type": "string" } }, "locations": { "type": "array", "items": { "type": "string" } },
              "providers": { "type": "array", "items": { "type": "string" } }, "procedures": { "type": "array", "items": { "type": "string" } },
              "gridTasks": { "type": "array", "items": { "type": "string" }, "description": "the service levels count the vendor's tickets on these tasks" } } },
            "baselineFrom": { "type": "string", "format": "date" }, "baselineTo": { "type": "string", "format": "date", "description": "before from" },
            "from": { "type": "string", "format": "date" }, "to": { "type": "string", "format": "date" },
            "criteria": { "type": "array", "minItems": 1, "items": { "type": "object", "required": ["key", "kind", "label"], "properties": {
              "key": { "type": "string", "maxLength": 60 }, "kind": { "type": "string", "enum": ["figure", "service_level", "checklist"] }, "label": { "type": "string", "maxLength": 300 },
              "measure": { "type": "string", "description": "a figure (initialDenialRate, daysInAR, cleanClaimRate, …) or a clock (firstResponse, update, resolution)" },
              "comparator": { "type": "string", "enum": ["at_most", "at_least"] },
              "relativeToBaseline": { "type": "boolean", "description": "held to the baseline's value plus offset (figures only)" },
              "offset": { "type": "number" }, "threshold": { "type": "number", "description": "rates as fractions: 0.9 for 90%" } } } } } } } } },
          "responses": { "201": { "description": "the phase, numbered after the last" }, "403": { "description": "only the practice's administrator or manager sets up phases" },
                         "422": { "description": "a field to fix, named", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } }
        }
      },
      "/api/v1/pilots/{pilot}": {
        "get": {
          "summary": "One phase with its gate judged now on the scope's figures and the vendor's tickets (while open); once decided, the decision holds the evidence as it stood",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "pilot", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "{pilot, evaluation: {evaluatedAt, baselineFrom, baselineTo, from, to, scope, results [{key, label, kind, baseline, value, bound, comparator, outcome (pass | fail | unmeasured), detail}], passed}}" },
                         "404": { "description": "no such phase the caller sees" } }
        }
      },
      "/api/v1/pilots/{pilot}/checklist/{criterion}": {
        "post": {
          "summary": "Answer a checklist criterion of an open phase (practice administrator or manager; the vendor's lead)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "pilot", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "criterion", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["met"], "properties": { "met": { "type": "boolean" }, "note": { "type": "string", "maxLength": 1000 } } } } } },
          "responses": { "200": { "description": "the phase" }, "403": { "description": "the caller's role does not answer checklists" }, "404": { "description": "no such phase" },
                         "409": { "description": "decided already" }, "422": { "description": "not a checklist criterion of the gate" } }
        }
      },
      "/api/v1/pilots/{pilot}/decision": {
        "post": {
          "summary": "Record the practice's go or no-go; the gate is judged at that moment and the evaluation is stored with the decision, unchanged by later data (practice administrator or manager)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "pilot", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["verdict", "note"], "properties": {
            "verdict": { "type": "string", "enum": ["go", "no_go"] }, "note": { "type": "string", "maxLength": 2000 } } } } } },
          "responses": { "200": { "description": "the phase, decided" }, "403": { "description": "only the practice decides" }, "404": { "description": "no such phase" },
                         "409": { "description": "decided already" }, "422": { "description": "no verdict or no reason" } }
        }
      }
    }
    """#
}
