#!/usr/bin/env python3
"""Writes a large canonical tickets CSV for benchmarks: N rows (default 1,000,000) over a year,
realistic field mix, deterministic by seed.

usage: bench/gen_tickets.py OUT.csv [N] [SEED]
"""
import random, sys
from datetime import datetime, timedelta

def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    start = datetime(2025, 11, 1)
    span = 365 * 86400
    services = ["Email", "ERP", "Warehouse Scanning", "Customer Portal", "VPN", "Payroll", "CRM",
                "Data Warehouse", "Telephony", "Identity"]
    groups = ["Service Desk", "Network", "ERP Support", "Workplace", "Infrastructure", "Web Platform"]
    people = ["José Álvarez", "Zoë Müller", "Łukasz Nowak", "Søren Dahl", "Amélie Laurent",
              "Priya Raman", "Tomás Ó Briain", "Hanna Björk"] + [f"Agent {i:03d}" for i in range(120)]
    titles = ["Outlook zeigt keine neuen Mails", "VPN disconnects every 10 minutes",
              "Écran noir après mise à jour", "Überweisung fehlgeschlagen", "New laptop for starter",
              "Password reset", "Printer offline, \"urgent\"", "Access to shared drive"]
    f = open(out, "w", encoding="utf-8", newline="")
    f.write("id,kind,service,priority,status,opened_at,first_response_at,resolved_at,closed_at,"
            "group,assignee,channel,reopen_count,reassignment_count,title,change_type,outcome\n")
    fmt = "%Y-%m-%d %H:%M:%S"
    lines = []
    for i in range(n):
        opened = start + timedelta(seconds=rnd.randrange(span))
        r = rnd.random()
        kind = "incident" if r < 0.6 else "request" if r < 0.93 else "change" if r < 0.98 else "problem"
        prio = rnd.choice("12333344444") if kind != "request" or rnd.random() < 0.5 else ""
        resp = opened + timedelta(minutes=rnd.randrange(5, 600))
        res = resp + timedelta(minutes=rnd.randrange(10, 6000))
        status, clo = "closed", res + timedelta(days=2)
        if rnd.random() < 0.05:
            res, clo, status = None, None, "in_progress"
        title = rnd.choice(titles)
        if '"' in title or "," in title:
            title = '"' + title.replace('"', '""') + '"'
        ct = rnd.choice(["normal", "standard", "emergency"]) if kind == "change" else ""
        oc = rnd.choice(["successful"] * 9 + ["failed"]) if kind == "change" and res else ""
        lines.append(",".join([
            f"T{i:08d}", kind, rnd.choice(services), prio, status, opened.strftime(fmt),
            resp.strftime(fmt) if kind in ("incident", "request") else "",
            res.strftime(fmt) if res else "", clo.strftime(fmt) if clo else "",
            rnd.choice(groups), rnd.choice(people), rnd.choice(["portal", "email", "phone", "chat"]),
            str(int(rnd.random() < 0.04)), str(rnd.choice([0, 0, 0, 1, 2])), title, ct, oc]))
        if len(lines) == 10000:
            f.write("\n".join(lines) + "\n")
            lines = []
    if lines:
        f.write("\n".join(lines) + "\n")
    f.close()

if __name__ == "__main__":
    main()
