#!/usr/bin/env python3
"""Writes an issue log of N open tickets as `sightline tickets import` reads it, for bench/tickets.sh.

A queue as a busy engagement holds it, opened over the last 60 days before --now: most tickets
were answered in time and wait on the practice (their resolution clocks paused), some are in
progress after a recent reply, a few were opened in the last hours and await a first answer, and
one in a hundred has gone days without an update: breached, its escalations not yet fired (the
first sweep catches them up).
Deterministic for a given --seed."""
import argparse, datetime as dt, random

parser = argparse.ArgumentParser()
parser.add_argument("--tickets", type=int, default=100_000)
parser.add_argument("--now", required=True, help="ISO 8601 instant the queue is seen at, with offset")
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()
now = dt.datetime.fromisoformat(args.now)
rng = random.Random(args.seed)
categories = ["claim_error", "patient_concern", "access_issue", "payer_deadline", "reporting_error", "process_gap", "documentation_needed", "other"]
words = ["denial", "CO-197", "authorization", "statement", "portal", "remittance", "aging", "appeal", "eligibility", "refund", "coding", "timely filing"]
iso = lambda t: t.isoformat(timespec="seconds")
print("number,opened_at,title,category,priority,status,requester_party,assignee_party,history")
for number in range(1, args.tickets + 1):
    kind = rng.random()
    if kind < 0.01:  # answered, then left in progress for days: breached
        opened = now - dt.timedelta(minutes=rng.randint(3 * 24 * 60, 10 * 24 * 60))
        reply = opened + dt.timedelta(minutes=rng.randint(5, 50))
        history = f"{iso(reply)} reply vendor;{iso(reply + dt.timedelta(minutes=1))} status in_progress"
        status = "in_progress"
    elif kind < 0.85:  # answered within the hour, now waiting on the practice
        opened = now - dt.timedelta(minutes=rng.randint(6 * 60, 60 * 24 * 60))
        reply = opened + dt.timedelta(minutes=rng.randint(5, 50))
        history = f"{iso(reply)} reply vendor;{iso(reply + dt.timedelta(minutes=1))} status waiting_on_requester"
        status = "waiting_on_requester"
    elif kind < 0.95:  # in progress, replied in the last hour
        opened = now - dt.timedelta(minutes=rng.randint(70, 120))
        reply = now - dt.timedelta(minutes=rng.randint(1, 60))
        history = f"{iso(reply)} reply vendor;{iso(reply + dt.timedelta(minutes=1))} status in_progress"
        status = "in_progress"
    else:  # just filed
        opened = now - dt.timedelta(minutes=rng.randint(1, 30))
        history, status = "", "open"
    title = f"{rng.choice(words).capitalize()} {rng.choice(words)} #{number}"
    priority = rng.choices(["urgent", "high", "normal", "low"], weights=[3, 17, 60, 20])[0]
    print(f"{number},{iso(opened)},{title},{rng.choice(categories)},{priority},{status},practice,vendor,{history}")
