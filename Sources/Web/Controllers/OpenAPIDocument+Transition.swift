extension OpenAPIDocument {
    /// The transition plan: steps, workflow map, rollouts and staff notices.
    static let transitionPaths = #"""
    {
      "/api/v1/engagements/{engagement}/transition": {
        "get": {
          "summary": "The transition plan: {engagementID, steps, workflow, rollouts, notices, createdAt}; each step {id, key, title, purpose, ownerEmail, dueOn, status, evidence, checklist: [{text, done, doneBy, doneAt}]}; notices not yet published are shown to the plan's keepers only",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "the plan" }, "404": { "description": "no such engagement the caller sees, or no plan started yet" } }
        },
        "post": {
          "summary": "Start the plan from the template of a billing transition (map the current workflow, clean up data and access, define ownership in writing, run a controlled pilot, train both teams together, monitor the agreed metrics, hold governance reviews), due days spread from the start (practice administrator or manager, vendor lead)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["start", "owner"], "properties": {
            "start": { "type": "string", "format": "date" }, "owner": { "type": "string", "description": "e-mail of someone of either party: every step's owner until reassigned" } } } } } },
          "responses": { "201": { "description": "the plan" }, "403": { "description": "not a keeper of the plan" }, "409": { "description": "the engagement has a plan already" },
                         "422": { "description": "a field to fix, named", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } }
        }
      },
      "/api/v1/engagements/{engagement}/transition/steps/{step}": {
        "post": {
          "summary": "Change a step of the transition or of a rollout: owner, due day, status, evidence (fields left out stay); done needs evidence",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "step", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "properties": {
            "owner": { "type": "string" }, "dueOn": { "type": "string", "format": "date" }, "status": { "type": "string", "enum": ["not_started", "in_progress", "blocked", "done"] },
            "evidence": { "type": "string", "maxLength": 2000 } } } } } },
          "responses": { "200": { "description": "the plan" }, "403": { "description": "not a keeper of the plan" }, "404": { "description": "no such step in the engagement's plan" },
                         "422": { "description": "a field to fix, named" } }
        }
      },
      "/api/v1/engagements/{engagement}/transition/steps/{step}/checklist/{checkItem}": {
        "post": {
          "summary": "Tick (or untick) an item of a step's checklist (from 1); ticking starts a step not started",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "step", "in": "path", "required": true, "schema": { "type": "string" } },
                         { "name": "checkItem", "in": "path", "required": true, "schema": { "type": "integer", "minimum": 1 } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["done"], "properties": { "done": { "type": "boolean" } } } } } },
          "responses": { "200": { "description": "the plan" }, "403": { "description": "not a keeper of the plan" }, "404": { "description": "no such step" }, "422": { "description": "no such item" } }
        }
      },
      "/api/v1/engagements/{engagement}/transition/workflow": {
        "post": {
          "summary": "Add a task to the map of the current workflow: who does it, its handoff, its common delay, the report it uses",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["task", "owner"], "properties": {
            "task": { "type": "string", "maxLength": 200 }, "owner": { "type": "string", "maxLength": 200 }, "handoff": { "type": "string", "maxLength": 500 },
            "commonDelay": { "type": "string", "maxLength": 500 }, "report": { "type": "string", "maxLength": 200 } } } } } },
          "responses": { "201": { "description": "the plan" }, "403": { "description": "not a keeper of the plan" }, "404": { "description": "no plan started" }, "422": { "description": "a field to fix, named" } }
        }
      },
      "/api/v1/engagements/{engagement}/transition/workflow/{workflowTask}": {
        "delete": {
          "summary": "Take a task (from 1) off the workflow map",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "workflowTask", "in": "path", "required": true, "schema": { "type": "integer", "minimum": 1 } }],
          "responses": { "200": { "description": "the plan" }, "403": { "description": "not a keeper of the plan" }, "422": { "description": "no such task" } }
        }
      },
      "/api/v1/engagements/{engagement}/transition/rollouts": {
        "post": {
          "summary": "Plan the rollout of another back-office function in four steps: identify the pressure points, define the task boundaries, run a pilot, evaluate and expand",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["function", "start", "owner"], "properties": {
            "function": { "type": "string", "maxLength": 200 }, "start": { "type": "string", "format": "date" }, "owner": { "type": "string" } } } } } },
          "responses": { "201": { "description": "the plan" }, "403": { "description": "not a keeper of the plan" }, "422": { "description": "a field to fix, or the function has a rollout already" } }
        }
      },
      "/api/v1/engagements/{engagement}/transition/notices": {
        "post": {
          "summary": "Write what changes for staff when a task moves, and what it frees them for; published at once, or kept as a draft",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["task", "changes", "freesFor"], "properties": {
            "task": { "type": "string", "maxLength": 200 }, "changes": { "type": "string", "maxLength": 2000 }, "freesFor": { "type": "string", "maxLength": 2000 },
            "publish": { "type": "boolean", "default": false } } } } } },
          "responses": { "201": { "description": "the notice" }, "403": { "description": "not a keeper of the plan" }, "422": { "description": "a field to fix, named" } }
        }
      },
      "/api/v1/engagements/{engagement}/transition/notices/{notice}/publish": {
        "post": {
          "summary": "Publish a draft notice to staff",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "notice", "in": "path", "required": true, "schema": { "type": "string" } }],
          "responses": { "200": { "description": "the notice" }, "403": { "description": "not a keeper of the plan" }, "404": { "description": "no such notice" }, "409": { "description": "published already" } }
        }
      },
      "/api/v1/engagements/{engagement}/transition/notices/{notice}/responses": {
        "post": {
          "summary": "A question or feedback on a published notice, from anyone of the engagement",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "notice", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["text"], "properties": {
            "kind": { "type": "string", "enum": ["question", "feedback"], "default": "question" }, "text": { "type": "string", "maxLength": 2000 } } } } } },
          "responses": { "201": { "description": "the question or feedback" }, "404": { "description": "no such published notice" }, "422": { "description": "a field to fix, named" } }
        }
      },
      "/api/v1/engagements/{engagement}/transition/notices/{notice}/responses/{response}/answer": {
        "post": {
          "summary": "Answer a question or feedback (a second answer replaces the first)",
          "security": [{ "bearer": [] }],
          "parameters": [{ "name": "engagement", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "notice", "in": "path", "required": true, "schema": { "type": "string" } },
                         { "name": "response", "in": "path", "required": true, "schema": { "type": "string" } }],
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["answer"], "properties": { "answer": { "type": "string", "maxLength": 2000 } } } } } },
          "responses": { "200": { "description": "the answered question" }, "403": { "description": "not a keeper of the plan" }, "404": { "description": "no such notice or question" },
                         "422": { "description": "a field to fix, named" } }
        }
      }
    }
    """#
}
