extension OpenAPIDocument {
    /// Break-glass access to patient data.
    static let accessPaths = #"""
    {
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
