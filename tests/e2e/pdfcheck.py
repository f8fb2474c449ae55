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
# a register's section when the JSON has the register (README.md "The pack")
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
        # each KPI of the kpis list with the one display precision the pack gives it everywhere
        # (availability 3 decimals, other percentages and NPS 1, counts none); the JSON holds it
        # rounded, so either neighbour of that rounding may be what the pack shows
        dec = {"availability_pct": 3, "opened": 0, "resolved": 0, "backlog_end": 0}
        want = []
        for k in js["kpis"]:
            if k["value"] is None or k["key"] == "emergency_change_pct":
                continue
            d = dec.get(k["key"], 1)
            unit = " %" if k["key"].endswith("_pct") else ""
            jdec = 3 if k["key"] == "availability_pct" else 2 if unit or k["key"] == "nps" else 0
            half = 0.5 * 10 ** -jdec if d < jdec else 0
            want.append([fmt(k["value"] - half, d, unit), fmt(k["value"] + half, d, unit)])
        # times in the unit the table names: minutes, or hours once minutes run into thousands
        for key in ("response_minutes", "resolution_minutes"):
            t = js["times"][key]
            if t["p90"] is None:
                continue
            per = 1 if t["p90"] < 1000 else 1 / 60 if t["p90"] < 60000 else 1 / 1440
            want.append([fmt((t["median"] + e) * per, 1) for e in (-0.05, 0, 0.05)])
        for a in js["availability"]:
            want.append([a["service"]])
            if a["availability_pct"] is not None:
                want.append([fmt(a["availability_pct"], 3, " %")])
        for q in js["quality"]["sources"]:
            want += [[q["sha256"]], [fmt(q["rows_read"], 0)]]
        for w in want:
            if not any(x in flat for x in w):
                problems.append(f"{w[0]!r} not in the PDF text")
    for p in problems:
        print(p)
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
