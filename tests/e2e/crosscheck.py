#!/usr/bin/env python3
"""Independent cross-check of iso20k's JSON for the demo: recomputes, straight from the
canonical CSVs and docs/metrics.md, the volumes, backlog aging, wall-clock times (nearest rank),
the 24x7 SLA rows (P1, P2), satisfaction and efficiency, and compares them with the JSON.
Shares no code with iso20k. Exits 1 and prints the differences on a mismatch.

usage: crosscheck.py DEMO_DIR JSON
"""
import csv, json, math, sys
from datetime import datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Berlin")
P_START = datetime(2026, 10, 1, tzinfo=TZ).timestamp()
P_END = datetime(2026, 11, 1, tzinfo=TZ).timestamp()
AS_OF = datetime(2026, 11, 1, 6, 0, tzinfo=TZ).timestamp()
TARGETS = {1: (15 * 60, 4 * 3600), 2: (30 * 60, 8 * 3600)}  # the demo's 24x7 targets

def t(s):
    if not s:
        return None
    try:
        return datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=TZ).timestamp()
    except ValueError:
        return "bad"

def r1(x): return None if x is None else math.floor(abs(x) * 10 + 0.5 + 1e-9) / 10 * (1 if x >= 0 else -1)
def r2(x): return None if x is None else math.floor(abs(x) * 100 + 0.5 + 1e-9) / 100 * (1 if x >= 0 else -1)
def pct(a, b): return r2(100 * a / b) if b else None

def stats(vals):
    if not vals:
        return {"n": 0, "mean": None, "median": None, "p90": None}
    v = sorted(vals)
    rank = lambda p: v[max(1, math.ceil(p * len(v) / 100)) - 1]
    return {"n": len(v), "mean": r1(sum(v) / len(v) / 60), "median": r1(rank(50) / 60), "p90": r1(rank(90) / 60)}

def main():
    d, j = sys.argv[1], json.load(open(sys.argv[2]))
    tickets = []
    for row in csv.DictReader(open(d + "/tickets.csv", encoding="utf-8")):
        o, fr, rs, cl = t(row["opened_at"]), t(row["first_response_at"]), t(row["resolved_at"]), t(row["closed_at"])
        if "bad" in (o, fr, rs, cl):
            continue
        res = rs if rs is not None else cl
        if (fr is not None and fr < o) or (res is not None and res < o):
            continue
        tickets.append(dict(row, o=o, fr=fr, res=res))
    inp = lambda x: x is not None and P_START <= x < P_END
    live = [x for x in tickets if x["o"] <= AS_OF]
    counted = [x for x in live if x["status"] != "cancelled"]
    for x in counted:  # events after as-of have not happened yet
        x["res"] = x["res"] if x["res"] is not None and x["res"] <= AS_OF else None
        fr = x["fr"] if x["fr"] is not None and x["fr"] <= AS_OF else None
        x["resp"] = min([v for v in (fr, x["res"]) if v is not None], default=None)
    ir = [x for x in counted if x["kind"] in ("incident", "request")]
    backlog = [x for x in ir if x["o"] < P_END and (x["res"] is None or x["res"] >= P_END)]
    aging = [0, 0, 0, 0]
    for x in backlog:
        a = P_END - x["o"]
        aging[0 if a <= 7 * 86400 else 1 if a <= 30 * 86400 else 2 if a <= 90 * 86400 else 3] += 1
    want = {
        "volumes.opened": sum(inp(x["o"]) for x in counted),
        "volumes.resolved": sum(inp(x["res"]) for x in counted),
        "volumes.cancelled": sum(inp(x["o"]) for x in live if x["status"] == "cancelled"),
        "volumes.backlog_end": len(backlog),
        "volumes.backlog_aging": dict(zip(["d0_7", "d8_30", "d31_90", "d90_plus"], aging)),
        "volumes.by_kind": {k: sum(inp(x["o"]) and x["kind"] == k for x in counted)
                            for k in ("incident", "request", "problem", "change")},
        "times.response_minutes": stats([x["resp"] - x["o"] for x in ir if inp(x["o"]) and x["resp"] is not None]),
        "times.resolution_minutes": stats([x["res"] - x["o"] for x in ir if inp(x["res"])]),
    }
    horizon = min(P_END, AS_OF)
    for p, (resp_t, res_t) in TARGETS.items():
        rows = [x for x in ir if x["kind"] == "incident" and x["priority"] == str(p)]
        met = br = pend = 0
        for x in rows:
            if not inp(x["o"]):
                continue
            if x["resp"] is not None:
                met, br = (met + 1, br) if x["resp"] - x["o"] <= resp_t else (met, br + 1)
            elif horizon - x["o"] > resp_t:
                br += 1
            else:
                pend += 1
        rmet = sum(inp(x["res"]) and x["res"] - x["o"] <= res_t for x in rows)
        rbr = sum(inp(x["res"]) and x["res"] - x["o"] > res_t for x in rows)
        want[f"sla.P{p}"] = {"response": {"met": met, "breached": br, "pending": pend, "attainment_pct": pct(met, met + br)},
                             "resolution": {"met": rmet, "breached": rbr, "attainment_pct": pct(rmet, rmet + rbr)}}
    surveys = [s for s in csv.DictReader(open(d + "/surveys.csv", encoding="utf-8"))
               if inp(t(s["responded_at"])) and t(s["responded_at"]) <= AS_OF]
    scores = [float(s["score"]) for s in surveys if s["score"]]
    npss = [int(s["nps"]) for s in surveys if s["nps"]]
    resolved_ir = sum(inp(x["res"]) for x in ir)
    want["satisfaction"] = {"responses": len(surveys), "csat_pct": pct(sum(s >= 4 for s in scores), len(scores)),
                            "csat_mean": r2(sum(scores) / len(scores)) if scores else None,
                            "nps": pct(sum(n >= 9 for n in npss) - sum(n <= 6 for n in npss), len(npss)),
                            "response_rate_pct": pct(len(surveys), resolved_ir)}
    done = [x for x in ir if inp(x["res"])]
    ro = [x for x in done if x["reopen_count"] != ""]
    ra = [x for x in done if x["reassignment_count"] != ""]
    ch = [x for x in counted if x["kind"] == "change" and inp(x["res"])]
    ok = sum(x["outcome"] == "successful" for x in ch)
    bad = sum(x["outcome"] in ("failed", "backed_out") for x in ch)
    pr = [x for x in counted if x["kind"] == "problem"]
    want["efficiency"] = {
        "reopen_rate_pct": pct(sum(int(x["reopen_count"]) > 0 for x in ro), len(ro)),
        "first_assignment_resolution_pct": pct(sum(int(x["reassignment_count"]) == 0 for x in ra), len(ra)),
        "change_success_pct": pct(ok, ok + bad),
        "emergency_change_pct": pct(sum(x["change_type"] == "emergency" for x in ch), len(ch)),
        "problems": {"opened": sum(inp(x["o"]) for x in pr), "resolved": sum(inp(x["res"]) for x in pr),
                     "open_end": sum(x["o"] < P_END and (x["res"] is None or x["res"] >= P_END) for x in pr)}}
    got = {
        "volumes.opened": j["volumes"]["opened"], "volumes.resolved": j["volumes"]["resolved"],
        "volumes.cancelled": j["volumes"]["cancelled"], "volumes.backlog_end": j["volumes"]["backlog_end"],
        "volumes.backlog_aging": j["volumes"]["backlog_aging"], "volumes.by_kind": j["volumes"]["by_kind"],
        "times.response_minutes": j["times"]["response_minutes"],
        "times.resolution_minutes": j["times"]["resolution_minutes"],
        "satisfaction": j["satisfaction"], "efficiency": j["efficiency"]}
    for row in j["sla"]["by_priority"]:
        if row["kind"] == "incident" and row["priority"] in TARGETS:
            got[f"sla.P{row['priority']}"] = {"response": row["response"], "resolution": row["resolution"]}
    bad_keys = [k for k in want if want[k] != got.get(k)]
    for k in bad_keys:
        print(f"{k}: iso20k {got.get(k)!r}, independent {want[k]!r}")
    print(f"{len(want) - len(bad_keys)} of {len(want)} figures agree")
    return 1 if bad_keys else 0

if __name__ == "__main__":
    sys.exit(main())
