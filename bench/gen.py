#!/usr/bin/env python3
"""Writes the canonical inputs of a benchmark: N tickets over the year from 2025-11-01 with a
realistic mix of kinds, priorities, services, groups, people, channels, non-ASCII and quoted
titles, 5 % still open; the outages of those services (about one per 2,000 tickets, a tenth of
them planned, some overlapping); and satisfaction surveys for about 12 % of the resolved
incidents and requests. Deterministic by seed.

usage: bench/gen.py DIR N [SEED]   (writes DIR/tickets-N.csv, DIR/outages-N.csv, DIR/surveys-N.csv)

With --events, an event log instead (docs/configuration.md §5): E events over C cases, as a process-mining
export holds a helpdesk's history, one row per activity (case, activity, time, resource,
priority, service, group):

usage: bench/gen.py --events DIR E C [SEED]   (writes DIR/events-E-C.csv)

Each case opens (Insert ticket), is taken in charge, may wait for the user and be taken up
again, is resolved and closed, 4 % are reopened, 3 % cancelled and 5 % still open; the rest of
its E/C events are notes (an activity the states do not map). Cases are written in blocks of
20,000 whose events are in time order, so a case's events are spread over its block. C = 1
gives one case of E events; C = E, single-event cases.
"""
import os, random, sys
from datetime import datetime, timedelta

SERVICES = ["Email", "ERP", "Warehouse Scanning", "Customer Portal", "VPN", "Payroll", "CRM",
            "Data Warehouse", "Telephony", "Identity"]
GROUPS = ["Service Desk", "Network", "ERP Support", "Workplace", "Infrastructure", "Web Platform"]
PEOPLE = ["José Álvarez", "Zoë Müller", "Łukasz Nowak", "Søren Dahl", "Amélie Laurent",
          "Priya Raman", "Tomás Ó Briain", "Hanna Björk"] + [f"Agent {i:03d}" for i in range(120)]
TITLES = ["Outlook zeigt keine neuen Mails", "VPN disconnects every 10 minutes",
          "Écran noir après mise à jour", "Überweisung fehlgeschlagen", "New laptop for starter",
          "Password reset", "Printer offline, \"urgent\"", "Access to shared drive"]
FMT = "%Y-%m-%d %H:%M:%S"
START = datetime(2025, 11, 1)
SPAN = 365 * 86400


def quote(s):
    return '"' + s.replace('"', '""') + '"' if '"' in s or "," in s else s


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    os.makedirs(out, exist_ok=True)
    tickets = open(os.path.join(out, f"tickets-{n}.csv"), "w", encoding="utf-8", newline="")
    surveys = open(os.path.join(out, f"surveys-{n}.csv"), "w", encoding="utf-8", newline="")
    tickets.write("id,kind,service,priority,status,opened_at,first_response_at,resolved_at,closed_at,"
                  "group,assignee,channel,reopen_count,reassignment_count,title,change_type,outcome\n")
    surveys.write("responded_at,ticket_id,score,nps,comment\n")
    lines, slines = [], []
    for i in range(n):
        opened = START + timedelta(seconds=rnd.randrange(SPAN))
        r = rnd.random()
        kind = "incident" if r < 0.6 else "request" if r < 0.93 else "change" if r < 0.98 else "problem"
        prio = rnd.choice("12333344444") if kind != "request" or rnd.random() < 0.5 else ""
        resp = opened + timedelta(minutes=rnd.randrange(5, 600))
        res = resp + timedelta(minutes=rnd.randrange(10, 6000))
        status, clo = "closed", res + timedelta(days=2)
        if rnd.random() < 0.05:
            res, clo, status = None, None, "in_progress"
        ct = rnd.choice(["normal", "standard", "emergency"]) if kind == "change" else ""
        oc = rnd.choice(["successful"] * 9 + ["failed"]) if kind == "change" and res else ""
        tid = f"T{i:08d}"
        lines.append(",".join([
            tid, kind, rnd.choice(SERVICES), prio, status, opened.strftime(FMT),
            resp.strftime(FMT) if kind in ("incident", "request") else "",
            res.strftime(FMT) if res else "", clo.strftime(FMT) if clo else "",
            rnd.choice(GROUPS), rnd.choice(PEOPLE), rnd.choice(["portal", "email", "phone", "chat"]),
            str(int(rnd.random() < 0.04)), str(rnd.choice([0, 0, 0, 1, 2])), quote(rnd.choice(TITLES)),
            ct, oc]))
        if res and kind in ("incident", "request") and rnd.random() < 0.12:
            score = rnd.choice([5, 5, 5, 4, 4, 4, 3, 2, 1])
            nps = min(10, max(0, score * 2 + rnd.randrange(-1, 2)))
            when = res + timedelta(minutes=rnd.randrange(5, 4000))
            slines.append(f"{when.strftime(FMT)},{tid},{score},{nps},{rnd.choice(['Très bien', 'ok', '', 'zu langsam'])}")
        if len(lines) >= 10000:
            tickets.write("\n".join(lines) + "\n")
            lines = []
        if len(slines) >= 10000:
            surveys.write("\n".join(slines) + "\n")
            slines = []
    for f, rest in ((tickets, lines), (surveys, slines)):
        if rest:
            f.write("\n".join(rest) + "\n")
        f.close()
    with open(os.path.join(out, f"outages-{n}.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("id,service,type,start,end,description\n")
        for k in range(max(1, n // 2000)):
            start = START + timedelta(seconds=rnd.randrange(SPAN))
            typ = "planned" if rnd.random() < 0.1 else rnd.choice(["outage"] * 4 + ["degradation"])
            end = start + timedelta(minutes=rnd.randrange(5, 480))
            f.write(f"OUT{k:07d},{rnd.choice(SERVICES)},{typ},{start.strftime(FMT)},{end.strftime(FMT)},"
                    f"{quote(rnd.choice(['Switch ausgefallen', 'Datenbank überlastet', 'DNS, again']))}\n")


def case_events(rnd, n, opened):
    """The (activity, time, resource) events of one case, n of them (n >= 1)."""
    who = rnd.choice(PEOPLE)
    t = opened
    ev = [("Insert ticket", t, who)]
    life = []
    r = rnd.random()
    if r < 0.03:
        life = ["Cancel"]
    elif r < 0.08:
        life = ["Take in charge ticket"]
    else:
        life = ["Take in charge ticket"]
        if rnd.random() < 0.2:
            life += ["Wait", "Take in charge ticket"]
        life += ["Resolve ticket"]
        if rnd.random() < 0.04:
            life += ["Take in charge ticket", "Resolve ticket"]
        life += ["Closed"]
    life = life[:max(0, n - 1)]
    notes = n - 1 - len(life)
    gaps = [0] * (len(life) + 1)  # notes anywhere in the case's life
    for _ in range(notes):
        gaps[rnd.randrange(len(gaps))] += 1
    steps = ["Add note"] * gaps[0]
    for a, k in zip(life, gaps[1:]):
        steps += [a] + ["Add note"] * k
    step = max(2, min(6 * 3600, 180 * 86400 // n))  # a case lasts at most half a year
    for a in steps:
        t = t + timedelta(seconds=rnd.randrange(1, step))
        if a == "Take in charge ticket" and rnd.random() < 0.3:
            who = rnd.choice(PEOPLE)
        ev.append((a, t, who))
    return ev


def events_main(args):
    out, total, cases = args[0], int(args[1]), int(args[2])
    rnd = random.Random(int(args[3]) if len(args) > 3 else 42)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, f"events-{total}-{cases}.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("Case ID,Activity,Complete Timestamp,Resource,Priority,Product,Section\n")
        written = 0
        block = 20000
        for first in range(0, cases, block):
            rows = []
            for c in range(first, min(cases, first + block)):
                # spread the events evenly: the first (total % cases) cases get one more
                n = total // cases + (1 if c < total % cases else 0)
                if n == 0:
                    continue
                opened = START + timedelta(seconds=rnd.randrange(SPAN))
                attrs = (f"P{rnd.choice('12333344444')}", rnd.choice(SERVICES), rnd.choice(GROUPS))
                for a, t, who in case_events(rnd, n, opened):
                    rows.append((t, f"C{c:08d}", a, who, attrs))
            rows.sort(key=lambda x: x[0])
            lines = [f"{cid},{a},{t.strftime(FMT)},{who},{p},{svc},{grp}"
                     for t, cid, a, who, (p, svc, grp) in rows]
            for k in range(0, len(lines), 10000):
                f.write("\n".join(lines[k:k + 10000]) + "\n")
            written += len(lines)
    print(f"{path}: {written} events, {cases} cases", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--events":
        events_main(sys.argv[2:])
    else:
        main()
