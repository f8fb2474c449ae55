#!/usr/bin/env python3
"""The peer of the benchmark: the pandas + matplotlib + XlsxWriter script a user would otherwise
write for a monthly review, run over the same generated files as iso20k (bench/gen.py).

It computes a fair subset of `iso20k metrics` for the month and the twelve months before it
(thirteen periods, as iso20k's trend), with the same rules for what counts where:
  - volumes: opened, resolved, cancelled, opened by kind; incidents' and requests' backlog at
    the end of the period and its aging buckets;
  - response and resolution SLA attainment per (kind, priority) and overall, against the same
    targets, but measured on the wall clock: the peer does not compute business-hour calendars
    (iso20k does, for the targets that name one), so it does less work than iso20k;
  - response and resolution times: n, mean, nearest-rank median and p90 in minutes;
  - availability per service: outages merged per service, clipped to the period, on the wall
    clock; planned maintenance is subtracted from the service time;
  - satisfaction: responses, CSAT %, mean score, NPS; efficiency: reopen rate and first
    assignment resolution.
Times are local (Europe/Berlin) and converted to UTC as iso20k does (a skipped time with the
offset before the change, a repeated one as the first of the two).

usage: bench/peer.py metrics|pack DIR N PERIOD AS_OF OUTDIR
  metrics writes OUTDIR/peer-metrics.json; pack also writes OUTDIR/peer.pdf (charts drawn by
  matplotlib) and OUTDIR/peer.xlsx (a summary sheet and the ticket detail of the month).
Prints `peer: PHASE SECONDS` lines on stderr for each phase.
"""
import json, os, sys, time

import numpy as np
import pandas as pd

ZONE = "Europe/Berlin"
TIME = "%Y-%m-%d %H:%M:%S"
# The bench config's targets in minutes (response, resolution); the peer measures them on the
# wall clock.
TARGETS = {("incident", "1"): (15, 240), ("incident", "2"): (30, 480),
           ("incident", "3"): (240, 1800), ("incident", "4"): (480, 3000),
           ("request", None): (480, 3000)}
AVAIL_TARGET = {"Email": 99.9, "ERP": 99.5, "Customer Portal": 99.9}
t0 = time.perf_counter()


def phase(name):
    global t0
    now = time.perf_counter()
    print(f"peer: {name} {now - t0:.3f}", file=sys.stderr)
    t0 = now


def utc(col):
    t = pd.to_datetime(col, format=TIME)
    return t.dt.tz_localize(ZONE, ambiguous=np.ones(len(t), dtype=bool),
                            nonexistent=pd.Timedelta(hours=1)).dt.tz_convert("UTC")


def read(d, n):
    t = pd.read_csv(os.path.join(d, f"tickets-{n}.csv"), dtype=str, keep_default_na=False,
                    na_values=[""])
    for c in ("opened_at", "first_response_at", "resolved_at", "closed_at"):
        t[c] = utc(t[c])
    t["resolution"] = t["resolved_at"].fillna(t["closed_at"])
    fr, r = t["first_response_at"], t["resolution"]
    t["first_response"] = fr.where(fr.notna() & (r.isna() | (fr <= r)), r)
    for c in ("reopen_count", "reassignment_count"):
        t[c] = pd.to_numeric(t[c])
    t["target_response"], t["target_resolution"] = np.nan, np.nan
    for (kind, prio), (resp, res) in TARGETS.items():
        hit = (t["kind"] == kind) & ((t["priority"] == prio) if prio else True)
        t.loc[hit, "target_response"], t.loc[hit, "target_resolution"] = resp, res
    o = pd.read_csv(os.path.join(d, f"outages-{n}.csv"), dtype=str, keep_default_na=False,
                    na_values=[""])
    o["start"], o["end"] = utc(o["start"]), utc(o["end"])
    s = pd.read_csv(os.path.join(d, f"surveys-{n}.csv"), dtype=str, keep_default_na=False,
                    na_values=[""])
    s["responded_at"] = utc(s["responded_at"])
    s["score"], s["nps"] = pd.to_numeric(s["score"]), pd.to_numeric(s["nps"])
    return t, o, s


def periods(period, count):
    first = pd.Period(period, "M")
    out = []
    for k in range(count):
        p = first - k
        start = pd.Timestamp(p.start_time).tz_localize(ZONE).tz_convert("UTC")
        end = pd.Timestamp((p + 1).start_time).tz_localize(ZONE).tz_convert("UTC")
        out.append((str(p), start, end))
    return out


def stats(minutes):
    v = np.sort(minutes.dropna().to_numpy())
    if len(v) == 0:
        return {"n": 0, "mean": None, "median": None, "p90": None}
    rank = lambda p: v[int(np.ceil(p * len(v) / 100)) - 1]
    return {"n": int(len(v)), "mean": round(float(v.mean()), 1),
            "median": round(float(rank(50)), 1), "p90": round(float(rank(90)), 1)}


def pct(a, b):
    return round(100.0 * a / b, 2) if b else None


def merged_downtime(s, e, start, end):
    """Seconds of the union of the intervals [s, e) (UTC seconds) clipped to [start, end), and
    the number of merged intervals."""
    keep = (s < end) & (e > start)
    s, e = np.clip(s[keep], start, None), np.clip(e[keep], None, end)
    order = np.argsort(s, kind="stable")
    total, count, cur_s, cur_e = 0, 0, None, None
    for a, b in zip(s[order].tolist(), e[order].tolist()):
        if cur_e is not None and a <= cur_e:
            cur_e = max(cur_e, b)
            continue
        if cur_e is not None and cur_e > cur_s:
            total, count = total + cur_e - cur_s, count + 1
        cur_s, cur_e = a, b
    if cur_e is not None and cur_e > cur_s:
        total, count = total + cur_e - cur_s, count + 1
    return total, count


def secs(ts):
    return ts.value // 10**9 if isinstance(ts, pd.Timestamp) else ts.astype("int64").to_numpy() // 10**9


def metrics(t, o, s, start, end, asof):
    t = t[t["opened_at"] <= asof]
    live = t[t["status"] != "cancelled"]
    res = live["resolution"].where(live["resolution"] <= asof)
    resp = live["first_response"].where(live["first_response"] <= asof)
    opened = live[(live["opened_at"] >= start) & (live["opened_at"] < end)]
    res_in = (res >= start) & (res < end)
    ir = live["kind"].isin(["incident", "request"])
    m = {"opened": int(len(opened)), "resolved": int(res_in.sum()),
         "cancelled": int(((t["status"] == "cancelled") & (t["opened_at"] >= start)
                           & (t["opened_at"] < end)).sum()),
         "by_kind": {k: int(v) for k, v in opened["kind"].value_counts().sort_index().items()}}
    backlog = ir & (live["opened_at"] < end) & ~(res < end)
    age = (end - live.loc[backlog, "opened_at"]).dt.total_seconds()
    m["backlog_end"] = int(backlog.sum())
    m["backlog_aging"] = {"d0_7": int((age <= 7 * 86400).sum()),
                          "d8_30": int(((age > 7 * 86400) & (age <= 30 * 86400)).sum()),
                          "d31_90": int(((age > 30 * 86400) & (age <= 90 * 86400)).sum()),
                          "d90_plus": int((age > 90 * 86400).sum())}
    # SLA targets per ticket (wall clock)
    tr, ts = live["target_response"], live["target_resolution"]
    now = min(end, asof)
    o_ir = ir & (live["opened_at"] >= start) & (live["opened_at"] < end)
    resp_min = (resp - live["opened_at"]).dt.total_seconds() / 60
    wait_min = (now - live["opened_at"]).dt.total_seconds() / 60
    met = o_ir & resp.notna() & (resp_min <= tr)
    breached = o_ir & tr.notna() & ((resp.notna() & (resp_min > tr)) | (resp.isna() & (wait_min > tr)))
    r_ir = ir & res_in
    res_min = (res - live["opened_at"]).dt.total_seconds() / 60
    rmet = r_ir & (res_min <= ts)
    rbr = r_ir & ts.notna() & (res_min > ts)
    m["sla"] = {"response_attainment_pct": pct(met.sum(), met.sum() + breached.sum()),
                "resolution_attainment_pct": pct(rmet.sum(), rmet.sum() + rbr.sum()),
                "no_target": int((o_ir & tr.isna()).sum()),
                "open_breached": int((backlog & (wait_min > ts)).sum()), "by_priority": []}
    frame = pd.DataFrame({"kind": live["kind"], "priority": live["priority"], "met": met,
                          "breached": breached, "rmet": rmet, "rbr": rbr})
    for (k, p), g in frame[o_ir | r_ir].groupby(["kind", "priority"], dropna=False, sort=True):
        m["sla"]["by_priority"].append({
            "kind": k, "priority": None if pd.isna(p) else p,
            "response_pct": pct(g["met"].sum(), g["met"].sum() + g["breached"].sum()),
            "resolution_pct": pct(g["rmet"].sum(), g["rmet"].sum() + g["rbr"].sum())})
    m["times"] = {"response_minutes": stats(resp_min[o_ir & resp.notna()]),
                  "resolution_minutes": stats(res_min[r_ir])}
    # availability
    clip_end = min(end, asof)
    span = (clip_end - start).total_seconds()
    services = sorted(set(opened["service"].dropna()) | set(o.loc[(o["start"] < end) & (o["end"] > start), "service"]))
    avail = []
    for name in list(AVAIL_TARGET) + [x for x in services if x not in AVAIL_TARGET]:
        so = o[o["service"] == name]
        pl, un = so[so["type"] == "planned"], so[so["type"] == "outage"]
        planned, _ = merged_downtime(secs(pl["start"]), secs(pl["end"]), secs(start), secs(clip_end))
        down, count = merged_downtime(secs(un["start"]), secs(un["end"]), secs(start), secs(clip_end))
        ast = span - planned
        avail.append({"service": name, "availability_pct": pct(ast - down, ast), "outages": count,
                      "mtrs_minutes": round(down / 60 / count, 1) if count else None,
                      "met_target": bool(ast and 100 * (ast - down) / ast >= AVAIL_TARGET.get(name, 99.5))})
    m["availability"] = avail
    sv = s[(s["responded_at"] >= start) & (s["responded_at"] < end)]
    resolved_ir = int(r_ir.sum())
    m["satisfaction"] = {"responses": int(len(sv)), "csat_pct": pct((sv["score"] >= 4).sum(), sv["score"].notna().sum()),
                         "csat_mean": round(float(sv["score"].mean()), 2) if len(sv) else None,
                         "nps": pct((sv["nps"] >= 9).sum() - (sv["nps"] <= 6).sum(), sv["nps"].notna().sum()),
                         "response_rate_pct": pct(len(sv), resolved_ir)}
    rr = live[r_ir]
    m["efficiency"] = {"reopen_rate_pct": pct((rr["reopen_count"] > 0).sum(), rr["reopen_count"].notna().sum()),
                       "first_assignment_resolution_pct": pct((rr["reassignment_count"] == 0).sum(),
                                                              rr["reassignment_count"].notna().sum())}
    detail = live[((live["opened_at"] >= start) & (live["opened_at"] < end)) | res_in | backlog]
    return m, detail


def draw_pdf(path, results):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages
    labels = [p for p, _ in reversed(results)]
    ms = [m for _, m in reversed(results)]
    cur = results[0][1]
    with PdfPages(path, metadata={"CreationDate": None, "ModDate": None}) as pdf:
        fig, ax = plt.subplots(figsize=(8.27, 5))
        kinds = sorted({k for m in ms for k in m["by_kind"]})
        bottom = np.zeros(len(ms))
        for k in kinds:
            v = np.array([m["by_kind"].get(k, 0) for m in ms])
            ax.bar(labels, v, bottom=bottom, label=k)
            bottom += v
        ax.set_title("Tickets opened per month"); ax.legend(); ax.tick_params(axis="x", rotation=45)
        pdf.savefig(fig); plt.close(fig)
        fig, ax = plt.subplots(figsize=(8.27, 5))
        ax.plot(labels, [m["sla"]["response_attainment_pct"] for m in ms], label="response")
        ax.plot(labels, [m["sla"]["resolution_attainment_pct"] for m in ms], label="resolution")
        ax.set_title("SLA attainment %"); ax.legend(); ax.tick_params(axis="x", rotation=45)
        pdf.savefig(fig); plt.close(fig)
        fig, ax = plt.subplots(figsize=(8.27, 5))
        rows = cur["sla"]["by_priority"]
        ax.barh([f'{r["kind"]} {r["priority"] or "-"}' for r in rows], [r["response_pct"] or 0 for r in rows])
        ax.set_title("Response SLA by priority"); pdf.savefig(fig); plt.close(fig)
        fig, ax = plt.subplots(figsize=(8.27, 5))
        av = cur["availability"]
        ax.barh([a["service"] for a in av], [a["availability_pct"] or 0 for a in av])
        ax.set_xlim(95, 100); ax.set_title("Availability %"); pdf.savefig(fig); plt.close(fig)
        fig, ax = plt.subplots(figsize=(8.27, 5))
        ag = cur["backlog_aging"]
        ax.bar(list(ag), list(ag.values())); ax.set_title("Backlog aging"); pdf.savefig(fig); plt.close(fig)


def write_xlsx(path, m, detail):
    with pd.ExcelWriter(path, engine="xlsxwriter", datetime_format="yyyy-mm-dd hh:mm:ss") as xw:
        flat = {k: v for k, v in m.items() if not isinstance(v, (dict, list))}
        flat.update({f"sla.{k}": v for k, v in m["sla"].items() if not isinstance(v, list)})
        pd.DataFrame(list(flat.items()), columns=["figure", "value"]).to_excel(xw, "Summary", index=False)
        pd.DataFrame(m["sla"]["by_priority"]).to_excel(xw, "SLA", index=False)
        pd.DataFrame(m["availability"]).to_excel(xw, "Availability", index=False)
        d = detail.drop(columns=["first_response", "resolution", "target_response",
                                 "target_resolution"]).copy()
        for c in ("opened_at", "first_response_at", "resolved_at", "closed_at"):
            d[c] = d[c].dt.tz_localize(None)
        d.to_excel(xw, "Tickets", index=False)
        ws = xw.sheets["Tickets"]
        ws.autofilter(0, 0, len(d), len(d.columns) - 1)
        ws.freeze_panes(1, 0)


def main():
    mode, d, n, period, asof, out = sys.argv[1:7]
    asof = pd.Timestamp(asof).tz_localize(ZONE).tz_convert("UTC")
    os.makedirs(out, exist_ok=True)
    t, o, s = read(d, n)
    phase("read")
    results, detail = [], None
    for label, start, end in periods(period, 13):
        m, det = metrics(t, o, s, start, end, asof)
        results.append((label, m))
        if detail is None:
            detail = det
    phase("metrics")
    with open(os.path.join(out, "peer-metrics.json"), "w") as f:
        json.dump({p: m for p, m in results}, f, indent=1)
    if mode == "pack":
        draw_pdf(os.path.join(out, "peer.pdf"), results)
        phase("pdf")
        write_xlsx(os.path.join(out, "peer.xlsx"), results[0][1], detail)
        phase("xlsx")


if __name__ == "__main__":
    main()
