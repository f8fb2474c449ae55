#!/usr/bin/env python3
"""Checks a pack's PDF against its JSON: the outline (bookmarks) lists every section of SPEC
8.1, and the text (pdftotext) shows the JSON's KPI values as the pack formats them.

usage: pdfcheck.py PDF TEXT JSON [bookmarks|values]
"""
import json, re, sys

SECTIONS = ["Executive summary", "What this review covers", "Service availability",
            "Incidents and requests", "Customer satisfaction", "Changes and problems", "Trends",
            "ISO/IEC 20000-1 readiness", "Return on investment",
            "Decisions and actions of this review", "Data quality and method"]
# a register's section when the JSON has the register (SPEC 8.1)
REGISTER_SECTIONS = {"actions": "Actions", "nonconformities": "Nonconformities and corrective actions",
                     "audits": "Audits", "complaints": "Complaints", "suppliers": "Suppliers",
                     "risks": "Risks and opportunities", "improvements": "Improvements",
                     "capacity": "Capacity", "context": "Changes in context"}

def outline(pdf):
    titles = []
    for t in re.findall(rb"/Title\s*(<[0-9A-Fa-f]+>)", open(pdf, "rb").read()):
        raw = bytes.fromhex(t[1:-1].decode())
        titles.append(raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1"))
    return titles

def fmt(v, dec, unit=""):
    if v is None:
        return "n/a"
    s = f"{abs(v):,.{dec}f}"
    return ("-" if v < 0 and float(s.replace(",", "")) != 0 else "") + s + unit

def main():
    pdf, text, js, what = sys.argv[1], open(sys.argv[2], encoding="utf-8").read(), json.load(open(sys.argv[3])), sys.argv[4]
    problems = []
    if what == "bookmarks":
        got = outline(pdf)
        want = SECTIONS + [t for k, t in REGISTER_SECTIONS.items() if js["registers"][k] is not None]
        for s in want:
            if s not in got:
                problems.append(f"no bookmark for {s!r} (outline: {got})")
    else:
        flat = " ".join(text.split())  # table cells may wrap
        want = [fmt(js["volumes"]["opened"], 0), fmt(js["volumes"]["resolved"], 0),
                fmt(js["volumes"]["backlog_end"], 0),
                fmt(js["sla"]["response_attainment_pct"], 1, " %"),
                fmt(js["sla"]["resolution_attainment_pct"], 1, " %"),
                fmt(js["satisfaction"]["csat_pct"], 1, " %"),
                fmt(js["efficiency"]["reopen_rate_pct"], 1, " %"),
                fmt(js["times"]["resolution_minutes"]["median"], 1),
                fmt(js["times"]["response_minutes"]["p90"], 1)]
        for a in js["availability"]:
            want.append(a["service"])
            want.append(fmt(a["availability_pct"], 2) if a["availability_pct"] is None else None)
        for q in js["quality"]["sources"]:
            want += [q["sha256"], fmt(q["rows_read"], 0)]
        for w in want:
            if w is not None and w not in flat:
                problems.append(f"{w!r} not in the PDF text")
    for p in problems:
        print(p)
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
