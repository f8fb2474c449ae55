#!/usr/bin/env python3
"""Generates the demo inputs of iso20k: six months (May-October 2026) of a fictional
organisation's tickets, outages and survey responses, in the canonical CSV formats of
docs/configuration.md §6, local times in Europe/Berlin, and its review registers (docs/configuration.md §14) in registers/,
written out row by row to tell the same story. Deterministic: the same seed gives the same
files.

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


# The review registers: what the SMS owner keeps beside the ITSM tool. The rows refer to the
# tickets' and outages' story (the Email relay outage of 14 October, the portal outage of
# 22 October, the VPN drops, the scanners' Wi-Fi before the programme).
REGISTERS = {
    "actions": (["id", "action", "owner", "status", "raised", "due", "closed", "source"], [
        ["ACT-2026-01", "Document the major-incident procedure and train the service desk", "Søren Dahl", "done", "2026-05-20", "2026-07-31", "2026-07-28", "review"],
        ["ACT-2026-02", "Agree an availability target for Payroll with HR", "Amélie Laurent", "in_progress", "2026-09-12", "2026-11-30", "", "nonconformity"],
        ["ACT-2026-03", "Replace the Wi-Fi controller in Lager Süd", "Łukasz Nowak", "done", "2026-06-02", "2026-09-30", "2026-10-08", "nonconformity"],
        ["ACT-2026-04", "Add a replica to the customer portal database", "Priya Raman", "in_progress", "2026-06-05", "2026-10-15", "", "risk"],
        ["ACT-2026-05", "Review the service levels agreed with Nordic Carrier Net", "Hanna Björk", "open", "2026-08-19", "2026-09-30", "", "review"],
        ["ACT-2026-06", "Give every objective an owner and a review date", "Zoë Müller", "in_progress", "2026-08-19", "2026-12-15", "", "review"],
        ["ACT-2026-07", "Test the ERP failover as the continuity plan requires", "José Álvarez", "open", "2026-08-19", "2026-11-30", "", "audit"],
        ["ACT-2026-08", "Produce the monthly service report from the ITSM export", "Tomás Ó Briain", "done", "2026-08-19", "2026-10-31", "2026-10-30", "improvement"],
        ["ACT-2026-09", "Fix the load balancer health checks after the outage of 22 October", "Priya Raman", "open", "2026-10-23", "2026-11-15", "", "nonconformity"],
        ["ACT-2026-10", "Renew the certificate monitoring contract", "Hanna Björk", "cancelled", "2026-07-01", "2026-09-01", "2026-09-10", "other"],
        ["ACT-2026-11", "Replace the VPN concentrators", "Łukasz Nowak", "done", "2026-09-16", "2026-10-31", "2026-11-04", "risk"],
    ]),
    "nonconformities": (["id", "raised", "description", "source", "clause", "severity", "correction", "root_cause", "corrective_action", "owner", "due", "closed", "effective"], [
        ["NC-2025-09", "2025-11-20", "A supplier contract without measurable service levels", "internal_audit", "8.3.4.1", "minor", "", "Contracts were signed by purchasing alone", "Review every contract with the service owner before signing", "Hanna Björk", "2026-02-28", "2026-02-27", "yes"],
        ["NC-2026-01", "2026-05-14", "Warehouse scanning down for 90 minutes without a major-incident escalation", "incident", "8.6.1", "major", "Restarted the Wi-Fi controller", "A single controller without failover", "Install a redundant controller and an escalation rule", "Łukasz Nowak", "2026-08-31", "2026-08-25", "yes"],
        ["NC-2026-02", "2026-09-09", "Payroll has no agreed availability target", "internal_audit", "8.7.1", "minor", "", "The service was added after the last SLA review", "Agree and document the target with HR", "Amélie Laurent", "2026-11-30", "", ""],
        ["NC-2026-03", "2026-09-09", "Change records without a post-implementation review", "internal_audit", "8.5.1.3", "minor", "", "The change template had no review step", "Add a mandatory review step to the change template", "Søren Dahl", "2026-10-31", "2026-10-14", "no"],
        ["NC-2026-04", "2026-09-22", "The customer portal's TLS certificate expired unnoticed", "incident", "8.7.3.2", "minor", "Renewed the certificate", "No monitoring of expiry dates", "Monitor expiry dates 30 days ahead", "Priya Raman", "2026-10-20", "", ""],
        ["NC-2026-05", "2026-10-23", "Portal outage of 57 minutes after an untested load balancer change", "incident", "8.5.1.3", "major", "Rolled the configuration back", "", "", "Priya Raman", "2026-11-30", "", ""],
        ["NC-2026-06", "2026-10-02", "A complaint about VPN drops was not recorded as a complaint", "complaint", "8.3.2", "minor", "Recorded it", "The service desk did not know the complaint route", "Brief the service desk on recording complaints", "Hanna Björk", "2026-10-31", "2026-10-29", ""],
    ]),
    "audits": (["audit", "kind", "date", "scope", "finding", "clause", "grade", "status", "closed"], [
        ["IA-2025-02 Supplier management", "internal", "2025-11-20", "8.3.4", "A supplier contract without measurable service levels", "8.3.4.1", "minor", "closed", "2026-02-27"],
        ["IA-2026-01 Incidents, changes and service levels", "internal", "2026-09-09", "8.3.3, 8.5.1, 8.6, 9.4", "Change records lack a post-implementation review", "8.5.1.3", "minor", "closed", "2026-10-14"],
        ["IA-2026-01 Incidents, changes and service levels", "internal", "2026-09-09", "8.3.3, 8.5.1, 8.6, 9.4", "Payroll has no agreed availability target", "8.7.1", "minor", "open", ""],
        ["IA-2026-01 Incidents, changes and service levels", "internal", "2026-09-09", "8.3.3, 8.5.1, 8.6, 9.4", "SLA reports do not reach the logistics division", "9.4", "minor", "open", ""],
        ["IA-2026-01 Incidents, changes and service levels", "internal", "2026-09-09", "8.3.3, 8.5.1, 8.6, 9.4", "The catalogue omits Payroll's dependency on the tax service", "8.2.4", "minor", "", "2026-10-28"],
        ["IA-2026-01 Incidents, changes and service levels", "internal", "2026-09-09", "8.3.3, 8.5.1, 8.6, 9.4", "Known errors could be linked from the knowledge base", "8.6.3", "opportunity", "open", ""],
        ["Customer audit Nordsee Handel AG", "customer", "2026-09-15", "Customer portal and tracking", "", "", "", "", ""],
        ["IA-2026-02 Supplier contracts", "internal", "2026-10-07", "8.3.4", "Two supplier contracts lack measurable service levels", "8.3.4.1", "major", "open", ""],
        ["IA-2026-02 Supplier contracts", "internal", "2026-10-07", "8.3.4", "Supplier review meetings are minuted and followed up", "8.3.4.1", "observation", "", ""],
    ]),
    "complaints": (["id", "received", "service", "summary", "upheld", "resolved"], [
        ["CMP-2026-014", "2026-08-28", "VPN", "Home-office staff lose the VPN several times a day", "yes", "2026-10-12"],
        ["CMP-2026-015", "2026-09-21", "Customer Portal", "The tracking page showed customers a certificate warning", "yes", "2026-09-24"],
        ["CMP-2026-016", "2026-10-02", "VPN", "VPN drops during the month-end close", "yes", "2026-10-20"],
        ["CMP-2026-017", "2026-10-14", "Email", "Supplier invoices stuck in quarantine", "no", "2026-10-16"],
        ["CMP-2026-018", "2026-10-23", "Customer Portal", "Tracking unavailable during the outage of 22 October", "yes", ""],
        ["CMP-2026-019", "2026-10-27", "", "The service desk did not call back as promised", "", "2026-10-29"],
    ]),
    "suppliers": (["supplier", "measure", "target", "actual", "period", "service", "lower_is_better"], [
        ["Nordic Carrier Net", "WAN link availability %", "99.9", "99.95", "2026-08", "VPN", "no"],
        ["Nordic Carrier Net", "WAN link availability %", "99.9", "99.71", "2026-09", "VPN", "no"],
        ["Nordic Carrier Net", "WAN link availability %", "99.9", "99.82", "2026-10", "VPN", "no"],
        ["Nordic Carrier Net", "Mean time to restore (hours)", "4", "5.5", "2026-10", "VPN", "yes"],
        ["CloudMail Services", "Availability %", "99.9", "99.97", "2026-10", "Email", "no"],
        ["CloudMail Services", "Support answered within 30 minutes %", "95", "97.2", "2026-10", "Email", "no"],
        ["SAPhire Consulting", "Tickets resolved within SLA %", "90", "86.5", "2026-Q3", "ERP", "no"],
        ["SAPhire Consulting", "Tickets resolved within SLA %", "90", "92.1", "2026-10", "ERP", "no"],
        ["ScanTech Service", "Scanner repair turnaround (days)", "3", "2", "2026-10", "Warehouse Scanning", "yes"],
        ["ScanTech Service", "Spare scanners on hand", "10", "8", "2026-10", "Warehouse Scanning", "no"],
    ]),
    "risks": (["id", "description", "likelihood", "impact", "kind", "owner", "treatment", "status", "review_due", "raised"], [
        ["R-01", "The customer portal runs on one database without a replica", "3", "5", "risk", "Priya Raman", "Add a replica (ACT-2026-04)", "treated", "2026-12-31", "2026-06-05"],
        ["R-02", "Losing the WAN link to Lager Süd stops scanning", "4", "4", "risk", "Łukasz Nowak", "", "open", "2026-09-30", "2026-05-14"],
        ["R-03", "Key ERP knowledge is held by one contractor", "3", "3", "risk", "José Álvarez", "Document the procedures and train a second administrator", "open", "2027-01-31", "2026-07-01"],
        ["R-04", "Certificates expire unnoticed", "2", "4", "risk", "Priya Raman", "Monitor expiry dates 30 days ahead", "treated", "2026-10-15", "2026-09-22"],
        ["R-05", "Payroll errors at the change of tax year", "2", "3", "risk", "Amélie Laurent", "Parallel payroll run in December", "accepted", "2027-03-31", "2026-06-10"],
        ["R-06", "Phishing leads to a compromised mailbox", "3", "4", "risk", "Zoë Müller", "", "open", "2026-12-31", "2026-08-01"],
        ["R-07", "The VPN concentrators reach the end of support", "4", "3", "risk", "Łukasz Nowak", "Replace the concentrators (ACT-2026-11)", "closed", "", "2026-05-20"],
        ["O-01", "Move the customer portal to a managed platform", "3", "4", "opportunity", "Priya Raman", "Business case in the first quarter", "open", "2027-01-31", "2026-09-01"],
    ]),
    "improvements": (["id", "description", "status", "raised", "source", "owner", "due", "closed", "benefit"], [
        ["IMP-01", "Self-service password reset", "done", "2026-05-25", "review", "Zoë Müller", "2026-08-31", "2026-08-20", "About 120 fewer tickets a month"],
        ["IMP-02", "Monthly service report made from the ITSM export", "done", "2026-07-10", "review", "Tomás Ó Briain", "2026-10-31", "2026-10-30", "Two days of reporting work saved a month"],
        ["IMP-03", "Chat channel for warehouse staff", "in_progress", "2026-08-05", "customer feedback", "Hanna Björk", "2026-12-15", "", "Faster first response for shift workers"],
        ["IMP-04", "Link known-error articles from incidents", "approved", "2026-06-12", "internal audit", "Søren Dahl", "2026-10-15", "", "More incidents resolved at the first contact"],
        ["IMP-05", "Renew certificates ahead of expiry automatically", "done", "2026-09-23", "incident", "Priya Raman", "2026-10-31", "2026-10-05", "No more outages from expired certificates"],
        ["IMP-06", "Service dashboards for the logistics division", "proposed", "2026-10-21", "review", "Tomás Ó Briain", "", "", "SLA figures where the business looks"],
        ["IMP-07", "Replace the paper shift handover", "rejected", "2026-06-01", "staff suggestion", "Hanna Björk", "", "2026-07-15", ""],
    ]),
    "capacity": (["service", "resource", "period", "used", "capacity", "threshold_pct"], [
        ["ERP", "Database storage (GB)", "2026-09", "1710", "2000", "85"],
        ["ERP", "Database storage (GB)", "2026-10", "1820", "2000", "85"],
        ["ERP", "Application server CPU (% of peak)", "2026-10", "64", "100", "80"],
        ["Email", "Mailbox storage (TB)", "2026-10", "7.1", "10", "80"],
        ["Customer Portal", "Peak concurrent sessions", "2026-10", "3900", "5000", "80"],
        ["VPN", "Concurrent tunnels", "2026-09", "410", "500", ""],
        ["VPN", "Concurrent tunnels", "2026-10", "455", "500", ""],
        ["Warehouse Scanning", "Handheld scanners in service", "2026-10", "182", "200", "95"],
        ["Service desk", "Agent hours", "2026-10", "1290", "1400", "90"],
    ]),
    "context": (["date", "kind", "summary"], [
        ["2026-05-18", "policy", "Service management policy version 2 approved by the management board"],
        ["2026-05-18", "objective", "Objectives for 2026: warehouse scanning available 99.5 %, CSAT 85 %, resolution SLA 90 %"],
        ["2026-06-30", "interested_party", "Nordsee Handel AG, the largest customer, needs shipment tracking around the clock from 2027"],
        ["2026-08-19", "internal_issue", "Warehouse Nord opens in March 2027: scanning and Wi-Fi for 120 more staff"],
        ["2026-10-01", "external_issue", "The NIS2 implementation act is in force: significant incidents reported within 24 hours"],
        ["2026-10-12", "resources", "A second ERP administrator starts on 1 December"],
        ["2026-10-20", "objective", "The resolution SLA objective rises to 92 % for 2027"],
        ["2026-10-28", "interested_party", "The works council asks for on-call rules for the new chat channel"],
    ]),
}


def write_registers(out):
    os.makedirs(os.path.join(out, "registers"), exist_ok=True)
    for name, (cols, rows) in REGISTERS.items():
        write(os.path.join(out, "registers", name + ".csv"), [dict(zip(cols, r)) for r in rows], cols)


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
    write_registers(out)


if __name__ == "__main__":
    main()
