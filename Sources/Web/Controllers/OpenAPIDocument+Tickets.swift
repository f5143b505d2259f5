extension OpenAPIDocument {
    /// The paths of the issue log.
    static let ticketPaths = #"""
    {
      "/api/v1/engagements/{engagement}/tickets": {
        "get": { "summary": "The engagement's tickets, newest first, each with its clocks now. Filters: status, category, priority, party (assigned), breached (true|false), text; page, perPage (≤ 500)",
                 "security": [{ "bearer": [] }], "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "{total, page, perPage, tickets: [{ticket, reference, contractVersion, asOf, clocks, breached}]}" }, "422": { "description": "a filter names no status, category, priority or party" } } },
        "post": { "summary": "File a ticket: {title, description, category, priority?, assigneeParty?, gridTask?}; the policy in force is frozen with it",
                  "security": [{ "bearer": [] }], "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "the ticket with its clocks" }, "422": { "description": "a field is missing or unknown" } } }
      },
      "/api/v1/engagements/{engagement}/sla-report": {
        "get": { "summary": "SLA compliance of the tickets opened from..to (the practice's dates), by month, category, priority, party or assignee (user id, or unassigned): per clock, clocks, met, breached, open, share met, median and 90th-percentile business seconds, paused time per party; format=csv for CSV",
                 "security": [{ "bearer": [] }], "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } },
                   { "name": "from", "in": "query", "required": true, "schema": { "type": "string", "format": "date" } }, { "name": "to", "in": "query", "required": true, "schema": { "type": "string", "format": "date" } },
                   { "name": "by", "in": "query", "schema": { "type": "string" } }, { "name": "format", "in": "query", "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "{by, rows: [...]}, or CSV" }, "422": { "description": "a missing date or an unknown grouping" } } }
      },
      "/api/v1/tickets/{ticket}": {
        "get": { "summary": "One ticket with its clocks (firstResponse, update, resolution: {state running|paused|met|breached, dueAt, breachedAt, businessSecondsUsed, businessSecondsPaused, pausedBy}) read at asOf (ISO 8601, default now)",
                 "security": [{ "bearer": [] }], "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } },
                   { "name": "asOf", "in": "query", "schema": { "type": "string", "format": "date-time" } }],
                 "responses": { "200": { "description": "{ticket, reference, contractVersion, asOf, clocks, breached}" }, "404": { "description": "no such ticket for the caller" } } }
      },
      "/api/v1/tickets/{ticket}/events": {
        "get": { "summary": "The ticket's history, oldest first; internal notes only for the organisation that wrote them", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "{events: [{sequence, at, kind, actor, party, visibility, data}]}" } } }
      },
      "/api/v1/tickets/{ticket}/messages": {
        "post": { "summary": "A public message or an internal note: {body, visibility: public|internal}", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "the event" } } }
      },
      "/api/v1/tickets/{ticket}/status": {
        "post": { "summary": "Move the ticket: {status: open|in_progress|waiting_on_requester|resolved|closed, reason?}; reopening is allowed and recorded", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "200": { "description": "the ticket with its clocks" }, "409": { "description": "the workflow does not allow that move" } } }
      },
      "/api/v1/tickets/{ticket}/links": {
        "post": { "summary": "Link the ticket to another ticket of the engagement ({ticket}) or to a claim ({claim}); a ticket linked to a request for action of the other party waits on it: its resolution clock pauses until that request is resolved, the time attributed to that party",
                  "security": [{ "bearer": [] }], "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "the link event" }, "404": { "description": "no such ticket for the caller" }, "422": { "description": "neither a ticket of the engagement nor a claim" } } }
      },
      "/api/v1/engagements/{engagement}/scorecard": {
        "get": { "summary": "The vendor's scorecard for the days from..to (practice's time zone): service levels of the months closed, the vendor's ticket clocks, the practice's clocks on what it owes, time the vendor waited on the practice, escalations fired and still open, SLA compliance, the accuracy of quality audits of claims from the range, and each month on its own (months: targets met, vendor clocks met in time, escalations, waiting, audit accuracy); format=csv for CSV", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } },
                                { "name": "from", "in": "query", "required": true, "schema": { "type": "string", "format": "date" } },
                                { "name": "to", "in": "query", "required": true, "schema": { "type": "string", "format": "date" } },
                                { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["json", "csv"] } }],
                 "responses": { "200": { "description": "the scorecard" }, "422": { "description": "a missing or malformed date" } } }
      },
      "/api/v1/tickets/{ticket}/assignee": {
        "post": { "summary": "Name the person of the assigned party who works the ticket: {userId} (null clears it); recorded in the history", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "200": { "description": "the ticket with its clocks" }, "422": { "description": "not an active person of the assigned party" } } }
      },
      "/api/v1/tickets/{ticket}/watchers": {
        "get": { "summary": "The people watching the ticket", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "[{id, email, organizationID}]" } } },
        "post": { "summary": "Add a watcher: {userId}, a person of either party; watchers are told of the ticket's escalations", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "200": { "description": "the watchers" }, "422": { "description": "not an active person of either party" } } }
      },
      "/api/v1/tickets/{ticket}/watchers/{user}": {
        "delete": { "summary": "Stop a person watching the ticket", "security": [{ "bearer": [] }],
                    "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } },
                                   { "name": "user", "in": "path", "required": true, "schema": { "type": "string" } }],
                    "responses": { "200": { "description": "the watchers" } } }
      },
      "/api/v1/tickets/{ticket}/attachments": {
        "get": { "summary": "The files attached to the ticket (without their content)", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "[{id, name, contentType, size, sha256, uploadedBy, uploadedAt}]" } } },
        "post": { "summary": "Attach a file, sent as the body with ?name=FILE: at most 10 MiB of pdf, png, jpg, xlsx, docx, csv or text (txt, x12, edi, 835, 837, 277), its first bytes agreeing with its name", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } },
                                 { "name": "name", "in": "query", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "the attachment" }, "413": { "description": "larger than 10 MiB" }, "422": { "description": "a type not taken, or content that does not match the name" } } }
      },
      "/api/v1/tickets/{ticket}/attachments/{attachment}": {
        "get": { "summary": "Download an attached file", "security": [{ "bearer": [] }],
                 "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } },
                                { "name": "attachment", "in": "path", "required": true, "schema": { "type": "string" } }],
                 "responses": { "200": { "description": "the file, as an attachment" }, "404": { "description": "no such attachment for the caller" } } }
      },
      "/api/v1/tickets/{ticket}/escalate": {
        "post": { "summary": "Escalate at once to a level of the contract's ladder: {level, reason}", "security": [{ "bearer": [] }],
                  "parameters": [{ "name": "ticket", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": { "201": { "description": "the escalation event" }, "422": { "description": "no such level, or no reason" } } }
      }
    }
    """#
}
