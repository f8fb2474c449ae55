#!/usr/bin/env python3
"""Generates the demo inputs of iso20k: six months (May-October 2026) of a fictional
organisation's tickets, outages and survey responses, in the canonical CSV formats of
SPEC 3.2, local times in Europe/Berlin. Deterministic: the same seed gives the same files.

usage: inputs/demo/generate.py [OUTDIR]   (default: the directory of this script)
"""
import csv, os, random, sys
from datetime import datetime, timedelta

SEED = 20261101
START = datetime(2026, 5, 1)
END = datetime(2026, 11, 1)
AS_OF = datetime(2026, 11, 1, 6, 0)

SERVICES = ["Email", "ERP", "Warehouse Scanning", "Customer Portal", "VPN", "Payroll"]
SERVICE_WEIGHTS = [22, 20, 18, 16, 14, 6]
GROUPS = {"Email": "Workplace", "ERP": "ERP Support", "Warehouse Scanning": "Logistics IT",
          "Customer Portal": "Web Platform", "VPN": "Network", "Payroll": "ERP Support",
          "Printing": "Workplace"}
ASSIGNEES = ["José Álvarez", "Zoë Müller", "Łukasz Nowak", "Søren Dahl", "Amélie Laurent",
             "Priya Raman", "Tomás Ó Briain", "Hanna Björk"]
CHANNELS = ["portal", "email", "phone", "chat"]
INCIDENT_TITLES = {
    "Email": ["Outlook zeigt keine neuen Mails", "Mailbox full – cannot send", "Écran noir après mise à jour d'Outlook",
              "Shared mailbox not syncing", "Spam filter quarantines supplier invoices"],
    "ERP": ["Überweisung fehlgeschlagen", "Goods receipt posting error", "ERP slow during month-end close",
            "Purchase order approval stuck", "Fehler beim Buchen der Rechnung"],
    "Warehouse Scanning": ["Handscanner verbindet nicht mit WLAN", "Labels print with wrong barcode",
                           "Scanner app crashes on pick list", "Lagerplatz nicht gefunden"],
    "Customer Portal": ["Portal login loop for customers", "Sendungsverfolgung zeigt 404",
                        "Slow page loads in tracking view", "Certificate warning on portal"],
    "VPN": ["VPN disconnects every 10 minutes", "Kein Zugriff über VPN aus dem Homeoffice",
            "Two-factor prompt never arrives"],
    "Payroll": ["Gehaltsabrechnung: falscher Steuersatz", "Payslip PDF empty"],
    "Printing": ["Drucker im 2. OG druckt nicht", "Toner empty in Lager Süd"],
}
REQUEST_TITLES = ["New laptop for starter", "Zugang zum ERP-Modul Einkauf", "Mailbox delegation",
                  "Install Acrobat Reader", "Neuer Handscanner für Schicht B", "VPN access for contractor",
                  "Reset MFA device", "Distribution list change"]
CHANGE_TITLES = ["Patch ERP application servers", "Firewall rule update", "Upgrade scanner firmware",
                 "Renew portal TLS certificate", "Exchange cumulative update", "VPN concentrator failover test"]
PROBLEM_TITLES = ["Recurring VPN drops", "Scanner Wi-Fi roaming", "ERP month-end performance",
                  "Portal login loop root cause"]

# respond/resolve targets in hours as in review.yaml (wall clock here; business targets are
# generated generously so most are met on the business calendar too)
INC_TARGETS = {1: (0.25, 4), 2: (0.5, 8), 3: (4, 30), 4: (8, 50)}


def fmt(t):
    return t.strftime("%Y-%m-%d %H:%M:%S") if t else ""


def business_shift(t):
    """Tickets are mostly raised in office hours."""
    if t.weekday() >= 5 and random.random() < 0.8:
        t += timedelta(days=7 - t.weekday())
    if not 7 <= t.hour < 19 and random.random() < 0.75:
        t = t.replace(hour=random.randint(8, 17))
    return t


def gen_tickets():
    rows = []
    n = 0
    day = START
    while day < END:
        per_day = random.randint(14, 26) if day.weekday() < 5 else random.randint(2, 6)
        if day.month in (9, 10):
            per_day += 2  # a busier autumn
        if day.month in (5, 6):
            per_day = int(per_day * 1.35)  # before the programme: more incidents
        for _ in range(per_day):
            n += 1
            opened = business_shift(day + timedelta(seconds=random.randint(0, 86399)))
            if opened >= AS_OF:
                continue
            r = random.random()
            kind = "incident" if r < 0.55 else "request" if r < 0.88 else "change" if r < 0.97 else "problem"
            service = random.choices(SERVICES, SERVICE_WEIGHTS)[0]
            if kind == "incident" and random.random() < 0.03:
                service = "Printing"  # not in the catalogue: the pack warns about it
            prio = None
            if kind == "incident":
                prio = random.choices([1, 2, 3, 4], [3, 12, 45, 40])[0]
            elif kind in ("change", "problem"):
                prio = random.choice([2, 3, 3, 4])
            elif random.random() < 0.5:
                prio = 4
            resp_h, res_h = INC_TARGETS.get(prio or 4, (8, 50))
            if kind == "request":
                resp_h, res_h = 8, 50
            # response: mostly within target
            resp = opened + timedelta(hours=resp_h * random.uniform(0.05, 0.9 if random.random() < 0.93 else 2.5))
            on_time = 0.75 if opened.month in (5, 6) else 0.9  # before the programme: more late
            res = resp + timedelta(hours=res_h * random.uniform(0.05, 0.8 if random.random() < on_time else 2.2))
            if kind in ("change", "problem"):
                res = opened + timedelta(days=random.uniform(1, 20 if kind == "change" else 45))
            status = "closed"
            closed = res + timedelta(days=random.choice([1, 2, 3]))
            if res > AS_OF - timedelta(days=random.choice([0, 2, 5])) or random.random() < 0.015:
                res, closed, status = None, None, random.choice(["in_progress", "on_hold", "new"])
                if status == "new":
                    resp = None
            elif closed > AS_OF:
                closed, status = None, "resolved"
            if resp and resp > AS_OF:
                resp = None
            if random.random() < 0.012:
                status, res, closed = "cancelled", None, None
            title_pool = (INCIDENT_TITLES[service] if kind == "incident" else REQUEST_TITLES if kind == "request"
                          else CHANGE_TITLES if kind == "change" else PROBLEM_TITLES)
            row = {
                "id": f"{ {'incident': 'INC', 'request': 'REQ', 'change': 'CHG', 'problem': 'PRB'}[kind]}{n:07d}",
                "kind": kind, "service": service, "priority": prio or "", "status": status,
                "opened_at": fmt(opened), "first_response_at": fmt(resp) if kind in ("incident", "request") else "",
                "resolved_at": fmt(res), "closed_at": fmt(closed),
                "group": GROUPS[service] if kind != "request" or random.random() < 0.5 else "Service Desk",
                "assignee": random.choice(ASSIGNEES), "channel": random.choice(CHANNELS),
                "reopen_count": 1 if random.random() < 0.04 else 0,
                "reassignment_count": random.choices([0, 1, 2, 3], [66, 22, 8, 4])[0],
                "title": random.choice(title_pool), "change_type": "", "outcome": "",
            }
            if kind == "change":
                row["change_type"] = random.choices(["normal", "standard", "emergency"], [50, 42, 8])[0]
                if res:
                    row["outcome"] = random.choices(["successful", "failed", "backed_out"], [93, 4, 3])[0]
            if kind in ("change", "problem"):
                row["reopen_count"] = row["reassignment_count"] = ""
            rows.append(row)
        day += timedelta(days=1)
    # A few April tickets still open: the oldest part of the backlog.
    for k in range(4):
        opened = datetime(2026, 4, 6 + 5 * k, 9 + k, 15)
        rows.append({"id": f"INC80000{k + 1:02d}", "kind": "incident", "service": SERVICES[k],
                     "priority": 4, "status": "on_hold", "opened_at": fmt(opened),
                     "first_response_at": fmt(opened + timedelta(hours=2)), "resolved_at": "",
                     "closed_at": "", "group": GROUPS[SERVICES[k]], "assignee": ASSIGNEES[k],
                     "channel": "email", "reopen_count": 0, "reassignment_count": 1,
                     "title": INCIDENT_TITLES[SERVICES[k]][0], "change_type": "", "outcome": ""})
    # Two rows as real exports have them: a resolution typed before the opening, and a date
    # the spreadsheet mangled. iso20k rejects and counts them.
    bad = dict(rows[100])
    bad["id"] = "INC9000001"
    bad["resolved_at"] = "2026-05-01 00:00:00"
    bad["opened_at"] = "2026-05-03 10:00:00"
    bad["first_response_at"] = ""
    rows.append(bad)
    bad = dict(rows[200])
    bad["id"] = "INC9000002"
    bad["opened_at"] = "31/10/2026 25:61"
    rows.append(bad)
    rows.sort(key=lambda r: (r["opened_at"], r["id"]))
    return rows


def gen_outages():
    rows = []
    n = 0
    for month in range(5, 11):
        early = month in (5, 6)  # before the programme: more and longer outages
        for _ in range(random.randint(6, 9) if early else random.randint(3, 6)):
            n += 1
            svc = random.choices(SERVICES, SERVICE_WEIGHTS)[0]
            start = datetime(2026, month, random.randint(1, 28), random.randint(0, 23), random.randint(0, 59))
            dur = random.choice([25, 40, 55, 90, 120, 180] if early else [4, 8, 12, 18, 25, 40, 55, 90])
            typ = random.choices(["outage", "degradation"], [75, 25])[0]
            rows.append({"id": f"OUT{n:05d}", "service": svc, "type": typ, "start": fmt(start),
                         "end": fmt(start + timedelta(minutes=dur)),
                         "description": random.choice(["Störung im Rechenzentrum Süd", "Upstream ISP outage",
                                                        "Database failover", "Certificate expired",
                                                        "Storage latency", "Fehlkonfiguration nach Änderung"])})
        # a monthly planned maintenance window on ERP, Saturday night
        sat = datetime(2026, month, 1)
        while sat.weekday() != 5:
            sat += timedelta(days=1)
        sat += timedelta(days=14)
        n += 1
        rows.append({"id": f"OUT{n:05d}", "service": "ERP", "type": "planned", "start": fmt(sat.replace(hour=20)),
                     "end": fmt(sat.replace(hour=23)), "description": "Monatliche Wartung"})
    # Before the programme: the scanners and the portal failed for long stretches.
    rows.append({"id": "OUT08001", "service": "Warehouse Scanning", "type": "outage", "start": "2026-05-12 06:10:00",
                 "end": "2026-05-12 07:40:00", "description": "WLAN-Controller ausgefallen"})
    rows.append({"id": "OUT08002", "service": "Customer Portal", "type": "outage", "start": "2026-06-03 14:00:00",
                 "end": "2026-06-03 16:30:00", "description": "Database failover without replica"})
    # October: two overlapping records of one Email outage (merged, counted once), and a
    # Customer Portal outage that breaks its target.
    rows.append({"id": "OUT09001", "service": "Email", "type": "outage", "start": "2026-10-14 09:10:00",
                 "end": "2026-10-14 09:55:00", "description": "Mail relay down (monitoring)"})
    rows.append({"id": "OUT09002", "service": "Email", "type": "outage", "start": "2026-10-14 09:30:00",
                 "end": "2026-10-14 10:20:00", "description": "Mail relay down (service desk record)"})
    rows.append({"id": "OUT09003", "service": "Customer Portal", "type": "outage", "start": "2026-10-22 13:05:00",
                 "end": "2026-10-22 14:02:00", "description": "Load balancer misconfiguration"})
    rows.sort(key=lambda r: r["start"])
    return rows


def gen_surveys(tickets):
    rows = []
    for t in tickets:
        if t["kind"] not in ("incident", "request") or not t["resolved_at"] or random.random() > 0.22:
            continue
        try:
            res = datetime.strptime(t["resolved_at"], "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        when = res + timedelta(hours=random.uniform(1, 72))
        if when >= AS_OF:
            continue
        score = random.choices([1, 2, 3, 4, 5], [3, 4, 8, 30, 55])[0]
        nps = min(10, max(0, score * 2 + random.choice([-1, 0, 0, 1])))
        comment = random.choice(["", "", "", "Schnell gelöst, danke!", "Took too long", "Très bien",
                                 "Friendly and quick", "Had to call twice"])
        rows.append({"responded_at": fmt(when), "ticket_id": t["id"], "score": score, "nps": nps,
                     "comment": comment})
    rows.sort(key=lambda r: r["responded_at"])
    return rows


def write(path, rows, cols):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    random.seed(SEED)
    tickets = gen_tickets()
    write(os.path.join(out, "tickets.csv"), tickets,
          ["id", "kind", "service", "priority", "status", "opened_at", "first_response_at", "resolved_at",
           "closed_at", "group", "assignee", "channel", "reopen_count", "reassignment_count", "title",
           "change_type", "outcome"])
    write(os.path.join(out, "outages.csv"), gen_outages(),
          ["id", "service", "type", "start", "end", "description"])
    write(os.path.join(out, "surveys.csv"), gen_surveys(tickets),
          ["responded_at", "ticket_id", "score", "nps", "comment"])


if __name__ == "__main__":
    main()
