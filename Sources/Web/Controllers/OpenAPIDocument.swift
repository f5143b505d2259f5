import Domain
import Foundation

/// The OpenAPI 3.1 description of `/api/v1`. Kept beside the routes; a test checks that every
/// documented path answers and that the document is valid JSON.
enum OpenAPIDocument {
    /// The whole document: the core paths with each feature's paths merged in.
    static let json: String = {
        guard var document = parse(core), var paths = document["paths"] as? [String: Any] else { return core }
        for fragment in [engagementPaths, ticketPaths, accessPaths, accessReviewPaths, pilotPaths, governancePaths, auditPaths, transitionPaths] {
            for (path, operations) in parse(fragment) ?? [:] { paths[path] = operations }
        }
        document["paths"] = paths
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]) else { return core }
        return String(decoding: data, as: UTF8.self)
    }()

    private static func parse(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    static let core = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Sightline API",
        "version": "\#(SightlineVersion.current)",
        "description": "The workspace a medical practice shares with its billing vendor. Every route except /healthz and this document needs 'Authorization: Bearer TOKEN' (sightline token create --email EMAIL [--scopes read,write,import]) and sees only the caller's organisation. A token may do only what its scopes say: read for GET, write for the other methods, import for POST /imports; anything else is 403 naming the scope missing. A token in a URL is refused (422). Responses are never cached (Cache-Control: no-store)."
      },
      "servers": [{ "url": "/" }],
      "components": {
        "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
        "schemas": {
          "Error": {
            "type": "object",
            "required": ["error", "reason"],
            "properties": {
              "error": { "type": "string", "description": "stable code, e.g. unauthorized, not_found, invalid_input" },
              "reason": { "type": "string", "description": "what is wrong, for people" }
            }
          },
          "Health": {
            "type": "object",
            "required": ["status", "version", "database"],
            "properties": {
              "status": { "type": "string", "enum": ["ok", "unavailable"] },
              "version": { "type": "string" },
              "database": { "type": "string", "enum": ["sqlite", "postgres"] }
            }
          },
          "ImportResult": {
            "type": "object",
            "required": ["fileName", "kind", "outcome", "claims", "totalCharge", "totalPaid", "diagnosticsCount", "warnings", "message"],
            "properties": {
              "fileName": { "type": "string" },
              "kind": { "type": "string", "description": "835, 837P, 837I, 277CA, patient-payments-csv, practice-export-csv or unknown" },
              "outcome": { "type": "string", "enum": ["imported", "duplicate", "rejected"] },
              "claims": { "type": "integer" },
              "totalCharge": { "type": "number", "description": "dollars" },
              "totalPaid": { "type": "number", "description": "dollars" },
              "diagnosticsCount": { "type": "integer" },
              "warnings": { "type": "integer" },
              "message": { "type": "string", "description": "why a file was rejected or skipped, naming segment, element and line" },
              "fileID": { "type": "string", "format": "uuid" },
              "practiceID": { "type": "string", "format": "uuid" }
            }
          },
          "Me": {
            "type": "object",
            "required": ["user", "organization", "role"],
            "properties": {
              "user": {
                "type": "object", "required": ["id", "email"],
                "properties": { "id": { "type": "string", "format": "uuid" }, "email": { "type": "string", "format": "email" } }
              },
              "organization": {
                "type": "object", "required": ["id", "name", "kind"],
                "properties": {
                  "id": { "type": "string", "format": "uuid" },
                  "name": { "type": "string" },
                  "kind": { "type": "string", "enum": ["practice", "vendor"] }
                }
              },
              "role": {
                "type": "string",
                "enum": ["practice_admin", "practice_manager", "practice_staff", "vendor_lead", "vendor_agent", "compliance_auditor"]
              }
            }
          }
        }
      },
      "paths": {
        "/healthz": {
          "get": {
            "summary": "Whether this instance and its database can serve",
            "responses": {
              "200": { "description": "healthy", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Health" } } } },
              "503": { "description": "the database does not answer", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Health" } } } }
            }
          }
        },
        "/api/v1/openapi.json": {
          "get": { "summary": "This document", "responses": { "200": { "description": "OpenAPI 3.1 document" } } }
        },
        "/api/v1/imports": {
          "post": {
            "summary": "Import billing files (X12 835, 837P, 837I, 277CA or CSV), each whole or not at all",
            "security": [{ "bearer": [] }],
            "requestBody": {
              "required": true,
              "content": { "multipart/form-data": { "schema": { "type": "object", "properties": {
                "files": { "type": "array", "items": { "type": "string", "format": "binary" } } } } } }
            },
            "responses": {
              "200": { "description": "every file imported or already there", "content": { "application/json": { "schema": {
                "type": "object", "properties": { "results": { "type": "array", "items": { "$ref": "#/components/schemas/ImportResult" } } } } } } },
              "422": { "description": "at least one file was rejected; the others were imported", "content": { "application/json": { "schema": {
                "type": "object", "properties": { "results": { "type": "array", "items": { "$ref": "#/components/schemas/ImportResult" } } } } } } },
              "403": { "description": "the caller's role may not import", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "413": { "description": "the upload is larger than SIGHTLINE_IMPORT_MAX_MB" }
            }
          },
          "get": {
            "summary": "Past imports of the caller's practice, newest first: who, when, what, result",
            "security": [{ "bearer": [] }],
            "responses": { "200": { "description": "the import history" } }
          }
        },
        "/api/v1/kpis": {
          "get": {
            "summary": "The revenue-cycle figures of KPIS.md for the caller's practice (the JSON of sightline kpi --json)",
            "security": [{ "bearer": [] }],
            "parameters": [
              { "name": "from", "in": "query", "required": true, "schema": { "type": "string", "format": "date" } },
              { "name": "to", "in": "query", "required": true, "schema": { "type": "string", "format": "date" } },
              { "name": "asOf", "in": "query", "description": "date of balances and aging; default: to", "schema": { "type": "string", "format": "date" } },
              { "name": "by", "in": "query", "schema": { "type": "string", "enum": ["month", "payer", "location", "provider", "procedure"] } },
              { "name": "payer", "in": "query", "description": "repeatable or comma-separated", "schema": { "type": "array", "items": { "type": "string" } }, "explode": true },
              { "name": "location", "in": "query", "schema": { "type": "array", "items": { "type": "string" } }, "explode": true },
              { "name": "provider", "in": "query", "schema": { "type": "array", "items": { "type": "string" } }, "explode": true },
              { "name": "procedure", "in": "query", "schema": { "type": "array", "items": { "type": "string" } }, "explode": true }
            ],
            "responses": {
              "200": { "description": "from, to, asOf, definitionsVersion, totals (exactly the keys of KPIS.md section 4; null where a figure cannot be computed), unmatchedAdjudications, reasons (why each null is null), and with by: groups [{by, key, label, ...the same keys, reasons}]" },
              "422": { "description": "a parameter is missing or malformed; the error names it", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "403": { "description": "the caller's role may not read the practice's figures", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/api/v1/claims": {
          "get": {
            "summary": "The claims behind a figure, by the rules that count them, paginated (e.g. figure=initialDenials&reason=CO-50&from=2026-03-01&to=2026-03-31)",
            "security": [{ "bearer": [] }],
            "parameters": [
              { "name": "figure", "in": "query", "required": true, "schema": { "type": "string", "enum": ["claimsSubmitted", "adjudicatedClaims", "initialDenials", "openBalances"] } },
              { "name": "from", "in": "query", "required": true, "schema": { "type": "string", "format": "date" } },
              { "name": "to", "in": "query", "required": true, "schema": { "type": "string", "format": "date" } },
              { "name": "asOf", "in": "query", "schema": { "type": "string", "format": "date" } },
              { "name": "reason", "in": "query", "description": "initialDenials: the primary reason, GROUP-CARC or none", "schema": { "type": "string" } },
              { "name": "bucket", "in": "query", "description": "openBalances: the aging bucket", "schema": { "type": "string", "enum": ["0-30", "31-60", "61-90", "91-120", "121+"] } },
              { "name": "payer", "in": "query", "schema": { "type": "array", "items": { "type": "string" } }, "explode": true },
              { "name": "location", "in": "query", "schema": { "type": "array", "items": { "type": "string" } }, "explode": true },
              { "name": "provider", "in": "query", "schema": { "type": "array", "items": { "type": "string" } }, "explode": true },
              { "name": "procedure", "in": "query", "schema": { "type": "array", "items": { "type": "string" } }, "explode": true },
              { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1 } },
              { "name": "perPage", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 500 } }
            ],
            "responses": {
              "200": { "description": "figure, from, to, asOf, total, page, perPage, claims [{claim, originalSubmissionDate, charge, firstAdjudication, firstAdjudicationClass, primaryReason, balance, payer, location, provider, procedure}]" },
              "422": { "description": "a parameter is missing or malformed; the error names it", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/api/v1/claims/{claim}": {
          "get": {
            "summary": "One claim's timeline: submissions, acknowledgments, adjudications with every adjustment, patient payments, each with its file, segment and raw segments (source; patients' and subscribers' names, ids, addresses and birth dates masked), the balance after each day, and for practice administrators, managers and staff (or under break-glass) the patients the files name",
            "security": [{ "bearer": [] }],
            "parameters": [{ "name": "claim", "in": "path", "required": true, "description": "the patient control number (CLM01 / CLP01)", "schema": { "type": "string" } }],
            "responses": {
              "200": { "description": "claim, matched, originalSubmissionDate, firstAdjudication, firstAdjudicationClass, primaryReason, events [{kind, date, file, segment, details, source}], balances [{date, balance}], patients [{lastName, firstName, memberId, birthDate, address}] (only when the caller may see them)" },
              "404": { "description": "no such claim in the caller's practice", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/api/v1/me": {
          "get": {
            "summary": "The caller's user, organisation and role",
            "security": [{ "bearer": [] }],
            "responses": {
              "200": { "description": "the caller", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Me" } } } },
              "401": { "description": "no, unknown, expired or revoked token", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        }
      }
    }
    """#
}
