"""Writes the schemathesis configuration of one role's run for .ci/api-fuzz.sh.

Path parameters mostly draw the ids of the demo's objects (read through the API with the practice
administrator's and the vendor lead's tokens) so that requests reach real engagements, tickets and
reviews instead of answering 404. Body fields that must name someone or something that exists (an
owner's e-mail, a grid task, a level of the escalation ladder) always draw real values: no schema can
say who exists. And the few operations whose valid requests the server may still refuse with 422 for
a reason no JSON Schema can state are listed below, each with that reason.

Usage: base=http://127.0.0.1:PORT python api_fuzz_config.py SERVE_LOG ROLE TOKEN_FILE > schemathesis.toml
(TOKEN_FILE: lines "role token").
"""
import json
import os
import re
import sys
import urllib.request

BASE = os.environ["base"]
LOG, ROLE, TOKEN_FILE = sys.argv[1:4]
TOKENS = dict(line.split() for line in open(TOKEN_FILE) if line.strip())
PRACTICE_ROLES = {"practice_admin", "practice_manager", "practice_staff", "compliance_auditor"}

# Operations whose schema-valid requests may answer 422, and why no schema can rule it out.
MAY_REFUSE = [
    ("GET", "/api/v1/kpis", "to must not be before from nor more than ten years after it, asOf within ten years of to: rules between parameters"),
    ("GET", "/api/v1/claims", "to must not be before from nor more than ten years after it: a rule between two parameters"),
    ("GET", "/api/v1/engagements/{engagement}/scorecard", "to must not be before from nor more than ten years after it: a rule between two parameters"),
    ("GET", "/api/v1/engagements/{engagement}/sla-report", "to must not be before from nor more than ten years after it: a rule between two parameters"),
    ("POST", "/api/v1/imports", "a file is refused for what it holds (not X12 or CSV), which the schema cannot see"),
    ("POST", "/api/v1/tickets/{ticket}/attachments", "the first bytes must agree with the file's name"),
    ("PUT", "/api/v1/engagements/{engagement}/contract/draft", "a contract has rules of its own (every task accountable, known KPI keys, …)"),
    ("POST", "/api/v1/engagements/{engagement}/change-requests", "edits must name paths of the contract in force and leave it valid"),
    ("POST", "/api/v1/engagements/{engagement}/pilots", "the baseline ends before the pilot starts, measures are KPI keys or clocks"),
    ("POST", "/api/v1/engagements/{engagement}/audits", "to must not be before from, and claims must have been submitted in the range"),
    ("POST", "/api/v1/engagements/{engagement}/access-reviews", "the due day is today to a year ahead: it depends on the day"),
    ("POST", "/api/v1/engagements/{engagement}/reviews", "a review looks back over a period of the contract's cadence from its day"),
    ("POST", "/api/v1/role-changes", "the person must be of the caller's organisation, and the role a different one"),
    ("POST", "/api/v1/tickets/{ticket}/assignee", "the person must be of the party the ticket is assigned to"),
    ("POST", "/api/v1/tickets/{ticket}/links", "the claim or ticket linked must be the engagement's"),
    ("DELETE", "/api/v1/tickets/{ticket}/watchers/{user}", "the person must be an active person of the engagement's parties"),
    ("POST", "/api/v1/pilots/{pilot}/checklist/{criterion}", "the criterion must be a checklist criterion of that phase"),
    ("POST", "/api/v1/audits/{audit}/claims/{sampledClaim}/findings/{finding}/ticket", "the claim must have that many findings"),
    ("POST", "/api/v1/audits/{audit}/claims/{sampledClaim}/findings/{finding}/action", "the claim must have that many findings; the review must be the engagement's"),
    ("POST", "/api/v1/audits/{audit}/claims/{sampledClaim}", "the claim must be in the audit's sample"),
    ("POST", "/api/v1/audits/{audit}/claims/{sampledClaim}/corrected", "the claim must be in the sample and have findings"),
    ("POST", "/api/v1/engagements/{engagement}/transition/steps/{step}/checklist/{checkItem}", "the step's checklist must have that many items"),
    ("DELETE", "/api/v1/engagements/{engagement}/transition/workflow/{workflowTask}", "the map must have that many tasks"),
    ("POST", "/api/v1/engagements/{engagement}/transition/steps/{step}", "a step marked done needs evidence, given now or before"),
    ("POST", "/api/v1/engagements/{engagement}/reported-figures", "figures must be KPI keys Sightline computes"),
    ("POST", "/api/v1/invitations/{invitation}/accept", "an invitation naming a signing day must be accepted with confirmSignedOn"),
]


def get(path, token):
    request = urllib.request.Request(BASE + "/api/v1" + path, headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
    except Exception as error:  # a role that may not read something contributes nothing
        print("# %s: %s" % (path, error))
        return None


values = {}


def add(name, *found):
    for value in found:
        if value is not None and str(value) not in values.setdefault(name, []):
            values[name].append(str(value))


accounts = {}
main_engagement = None
for line in open(LOG):
    match = re.match(r"\s+(\S+@\S+)\s+(\w+)\s+(\S+)\s*$", line)
    if match:
        accounts[match.group(2)] = match.group(1)
    found = re.search(r"^Engagement ([0-9a-f-]{36})", line.strip())
    if found:
        main_engagement = found.group(1)
people = [accounts[role] for role in sorted(accounts)]
add("people", *people)
add("vendorPeople", *[accounts[r] for r in accounts if r.startswith("vendor_")])
own = PRACTICE_ROLES if ROLE in PRACTICE_ROLES else set(accounts) - PRACTICE_ROLES
add("ownPeople", *[accounts[r] for r in accounts if r in own])

# The demo's main engagement: its people are the ones owners and reviewers may be.
add("engagement", main_engagement)
e = main_engagement
for token in (TOKENS["practice_admin"], TOKENS["vendor_lead"]):
    contract = (get("/engagements/%s/contract" % e, token) or {}).get("contract", {})
    for task in contract.get("grid", {}).get("tasks", []):
        add("gridTask", task.get("key"))
    for level in contract.get("serviceLevels", {}).get("escalationLadder", []):
        add("level", level.get("key"))
    for contact in (get("/engagements/%s/contacts" % e, token) or {}).get("contacts", []):
        add("contact", contact["id"])
    for request in (get("/engagements/%s/change-requests" % e, token) or {}).get("changeRequests", []):
        add("request", request["id"])
    for ticket in (get("/engagements/%s/tickets?perPage=100" % e, token) or {}).get("tickets", []):
        add("ticket", ticket["ticket"]["id"])
    for member in (get("/engagements/%s/members" % e, token) or {}).get("members", []):
        add("member", member["id"])
        add("user", member["userID"])
    for grant in (get("/engagements/%s/access-grants" % e, token) or {}).get("grants", []):
        add("accessGrant", grant["id"])
    for review in (get("/engagements/%s/access-reviews" % e, token) or {}).get("reviews", []):
        add("review", review["id"])
        for item in review.get("items", []):
            add("item", item["id"])
    for audit in (get("/engagements/%s/audits" % e, token) or {}).get("audits", []):
        add("audit", audit["audit"]["id"])
        for claim in audit["audit"].get("claims", []):
            add("sampledClaim", claim["claim"])
    for risk in (get("/engagements/%s/risks" % e, token) or {}).get("risks", []):
        add("risk", risk["id"])
    for review in (get("/engagements/%s/reviews" % e, token) or {}).get("reviews", []):
        add("governanceReview", review["id"])
    for action in (get("/engagements/%s/actions" % e, token) or {}).get("actions", []):
        add("action", action["id"])
    for pilot in (get("/engagements/%s/pilots" % e, token) or {}).get("pilots", []):
        add("pilot", pilot["id"])
        for criterion in pilot.get("criteria", []):
            if criterion.get("kind") == "checklist":
                add("criterion", criterion["key"])
    plan = get("/engagements/%s/transition" % e, token) or {}
    for step in plan.get("steps", []):
        add("step", step["id"])
    for notice in plan.get("notices", []):
        add("notice", notice["id"])
        for response in notice.get("responses", []):
            add("response", response["id"])
    for change in (get("/role-changes", token) or {}).get("roleChanges", []):
        add("change", change["id"])
    for grant in (get("/break-glass", token) or {}).get("grants", []):
        add("grant", grant["id"])
    for invitation in (get("/invitations", token) or {}).get("invitations", []):
        add("invitation", invitation["id"])
    add("user", (get("/me", token) or {}).get("user", {}).get("id"))

for ticket in list(values.get("ticket", []))[:20]:
    for attachment in get("/tickets/%s/attachments" % ticket, TOKENS["practice_admin"]) or []:
        add("attachment", attachment["id"])
claims = get("/claims?figure=claimsSubmitted&from=2019-01-01&to=2028-12-31&perPage=50", TOKENS["practice_admin"]) or {}
for claim in claims.get("claims", []):
    add("claim", claim["claim"])

PATH_NAMES = ["engagement", "contact", "request", "ticket", "member", "user", "accessGrant", "review", "item", "audit", "sampledClaim",
              "risk", "governanceReview", "action", "pilot", "criterion", "step", "notice", "response", "change", "grant", "invitation",
              "attachment", "claim"]
dump = json.dumps
print("# Written by .ci/api_fuzz_config.py for the %s run against the demo." % ROLE)
print("[parameters]")
for name in PATH_NAMES:
    if values.get(name):
        print('"path.%s" = { dictionary = %s, probability = 0.85 }' % (name, dump(name)))
for field, dictionary in [("owner", "people"), ("reviewer", "people"), ("gridTask", "gridTask"), ("level", "level"),
                          ("review", "governanceReview")]:
    if values.get(dictionary):
        print('"body.%s" = { dictionary = %s, probability = 1.0 }' % (field, dump(dictionary)))
print()
for name in sorted(values):
    if values[name]:
        print("[dictionaries.%s]" % name)
        print("values = %s" % dump(values[name][:200]))
        print()

# Operations whose body names people of one party only, and those that may refuse valid input.
operations = {}
for method, path, dictionary, field in [("POST", "/api/v1/engagements/{engagement}/members", "vendorPeople", "email"),
                                        ("POST", "/api/v1/engagements/{engagement}/access-grants", "vendorPeople", "email"),
                                        ("POST", "/api/v1/role-changes", "ownPeople", "email"),
                                        ("POST", "/api/v1/tickets/{ticket}/watchers", "user", "userId")]:
    operations.setdefault((method, path), []).append(
        'parameters = { "body.%s" = { dictionary = %s, probability = 1.0 } }' % (field, dump(dictionary)))
# 413: a JSON body's limit is 16 KiB of bytes, which no schema can bound (a string's maxLength counts characters).
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "413", "429", "5xx"]
print("[checks.positive_data_acceptance]")
print("expected-statuses = %s" % dump(ACCEPTED))
print()
for method, path, why in MAY_REFUSE:
    operations.setdefault((method, path), []).append(
        "checks.positive_data_acceptance.expected-statuses = %s  # %s" % (dump(ACCEPTED + ["422"]), why))
for (method, path), lines in operations.items():
    print("[[operations]]")
    print("include-path = %s" % dump(path))
    print("include-method = %s" % dump(method))
    for line in lines:
        print(line)
    print()
