#!/usr/bin/env python3
"""Reads a workbook iso20k wrote, straight from its XML parts, for the evidence checks
(tests/e2e/evidence.sh). Commands:
  strip IN OUT SHEET...   copy IN to OUT with the cached values of SHEET's formulas removed, so
                          that a spreadsheet that opens OUT must recalculate them
  recount XLSX JSON       recount the SLA figures from the ticket detail's SLA columns and
                          compare them with the JSON's
  slacheck CSV JSON       the "SLA check" sheet, recalculated (as CSV), against the JSON
  edit IN OUT SHEET LABEL COL VALUE [LABEL COL VALUE …]
                          copy IN to OUT with the number in column COL (a letter) of SHEET's
                          row whose first cell is LABEL set to VALUE, as a reader would edit it
  roi CSV JSON            the ROI sheet, recalculated (as CSV): NPV and every sensitivity
                          figure equal the JSON's
  samples XLSX            print each sample of the Samples sheet: "title<TAB>id id id…"
  redraw XLSX SEED_TEXT   draw the P1/P2 sample again from the Tickets sheet with
                          tests/e2e/redraw.py and compare it with the Samples sheet's
  breaches XLSX JSON      the Breaches sheet lists exactly the breached tickets of the detail
                          and its counts are the JSON's
  outages XLSX JSON       the Outages sheet's counted intervals are the JSON's outages and
                          downtime per service
"""
import csv
import json
import re
import sys
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def sheet_paths(z):
    wb = z.read("xl/workbook.xml").decode()
    rels = dict(re.findall(r'Id="(rId\d+)" Type="[^"]+" Target="([^"]+)"',
                           z.read("xl/_rels/workbook.xml.rels").decode()))
    return {name: "xl/" + rels[rid]
            for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', wb)}


def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_sheet(z, name):
    """The sheet's cells as a list of rows (lists), shared strings resolved, None when empty."""
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    root = ET.fromstring(z.read(sheet_paths(z)[name]))
    rows = []
    for r in root.iter("{%s}row" % NS["m"]):
        idx = int(r.get("r")) - 1
        while len(rows) <= idx:
            rows.append([])
        cells = rows[idx]
        for c in r.findall("m:c", NS):
            v = c.find("m:v", NS)
            is_ = c.find("m:is", NS)
            if c.get("t") == "s" and v is not None:
                val = strings[int(v.text)]
            elif c.get("t") == "inlineStr" and is_ is not None:
                val = "".join(t.text or "" for t in is_.iter("{%s}t" % NS["m"]))
            elif v is not None:
                val = v.text if c.get("t") in ("str", "b", "e") else float(v.text)
            else:
                val = None
            i = col_index(c.get("r"))
            while len(cells) <= i:
                cells.append(None)
            cells[i] = val
    return rows


def strip(src, dst, sheets):
    z = zipfile.ZipFile(src)
    paths = sheet_paths(z)
    targets = {paths[s] for s in sheets}
    out = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    for item in z.infolist():
        data = z.read(item.filename)
        if item.filename in targets:
            text = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", data.decode())
            data = re.sub(r'(<c r="[A-Z]+\d+"[^>]*) t="str"([^>]*><f>)', r"\1\2", text).encode()
        out.writestr(item, data)
    out.close()


def edit(src, dst, sheet, edits):
    z = zipfile.ZipFile(src)
    target = sheet_paths(z)[sheet]
    rows = read_sheet(z, sheet)
    xml = z.read(target).decode()
    for label, col, value in edits:
        r = next(i for i, row in enumerate(rows) if row and row[0] == label) + 1
        ref = "%s%d" % (col, r)
        xml, n = re.subn(r'(<c r="%s"[^>]*>)<v>[^<]*</v>' % ref, r"\g<1><v>%s</v>" % value, xml)
        assert n == 1, ("no number cell", ref)
    out = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    for item in z.infolist():
        out.writestr(item, xml.encode() if item.filename == target else z.read(item.filename))
    out.close()


def roi(csvfile, js):
    want = json.load(open(js))["roi"]
    rows = list(csv.reader(open(csvfile, encoding="utf-8")))
    got = {r[0]: r for r in rows if r}
    assert abs(float(got["NPV"][1]) - want["npv"]) < 0.01, (got["NPV"], want["npv"])
    assert want["sensitivity"], "no sensitivity"
    for s in want["sensitivity"]:
        r = got[s["assumption"]]
        assert abs(float(r[1]) - s["npv_low"]) < 0.01 and abs(float(r[2]) - s["npv_high"]) < 0.01, (r, s)


def samples(xlsx):
    """{table title: [ids in draw order]} of the Samples sheet."""
    rows = read_sheet(zipfile.ZipFile(xlsx), "Samples")
    out, title = {}, None
    for i, r in enumerate(rows):
        if r and i > 0 and [c for c in r if c][-1:] == ["Checked / finding"]:
            title = rows[i - 1][0]
            out[title] = []
        elif title and r and r[0]:
            out[title].append(r[0])
        elif title:
            title = None
    return out


def redraw_check(xlsx, seed_text):
    import redraw
    z = zipfile.ZipFile(xlsx)
    wb = z.read("xl/workbook.xml").decode()
    pop = []
    for t in ticket_rows(z):
        # opened in October 2026, local time (Excel serials: 46296 is 2026-10-01)
        if t["kind"] == "incident" and t["priority"] in (1.0, 2.0) and t["status"] != "cancelled" \
                and 46296 <= t["opened_at"] < 46327:
            pop.append(t["id"])
    assert pop, "no P1/P2 incident in the ticket detail"
    got = [ids for title, ids in samples(xlsx).items() if title.startswith("P1 and P2 incidents")]
    assert got, samples(xlsx).keys()
    want = redraw.sample(seed_text, pop)
    assert got[0] == want, (got[0], want)


def ticket_rows(z):
    """Every row of the ticket detail (Tickets, Tickets 2, …) as a dict by header."""
    names = [n for n in sheet_paths(z) if re.fullmatch(r"Tickets( \d+)?", n)]
    for n in names:
        rows = read_sheet(z, n)
        hdr = rows[0]
        for r in rows[1:]:
            yield {h: (r[i] if i < len(r) else None) for i, h in enumerate(hdr)}


def key(kind, priority):
    return (kind, int(priority) if priority is not None else None)


def recount(xlsx, js):
    z = zipfile.ZipFile(xlsx)
    sla = json.load(open(js))["sla"]
    resp, res = Counter(), Counter()
    open_breached = no_target = 0
    n = 0
    for t in ticket_rows(z):
        n += 1
        k = key(t["kind"], t["priority"])
        if t["response_sla"]:
            resp[k + (t["response_sla"],)] += 1
        if t["resolution_sla"]:
            res[k + (t["resolution_sla"],)] += 1
        open_breached += t["resolution_sla"] == "open_breached"
        no_target += t["response_sla"] == "no_target" and not t["sla_target"]
        # each outcome agrees with its own elapsed time and target
        for m, tgt in (("response", "respond"), ("resolution", "resolve")):
            out, el, lim = t[m + "_sla"], t[m + "_elapsed_minutes"], t[tgt + "_target_minutes"]
            if out in ("met", "pending", "open"):
                assert el is not None and lim is not None and el <= lim + 1e-9, t
            elif out in ("breached", "open_breached"):
                assert el is not None and lim is not None and el > lim, t
            elif out == "no_target":
                assert el is None, t
    assert n > 0, "no ticket rows"
    for row in sla["by_priority"]:
        k = key(row["kind"], row["priority"])
        for o in ("met", "breached", "pending"):
            assert resp[k + (o,)] == row["response"][o], (k, o, resp[k + (o,)], row)
        for o in ("met", "breached"):
            assert res[k + (o,)] == row["resolution"][o], (k, o, res[k + (o,)], row)
    rows = {key(r["kind"], r["priority"]) for r in sla["by_priority"]}
    for k3, c in list(resp.items()) + list(res.items()):
        if k3[2] in ("met", "breached", "pending"):
            assert k3[:2] in rows, ("outcome outside the JSON's rows", k3, c)
    assert open_breached == sla["open_breached"], (open_breached, sla["open_breached"])
    assert no_target == sla["no_target"], (no_target, sla["no_target"])


def slacheck(csvfile, js):
    sla = json.load(open(js))["sla"]
    rows = list(csv.reader(open(csvfile, encoding="utf-8")))
    hdr = next(i for i, r in enumerate(rows) if r and r[0] == "kind")
    body = []
    for r in rows[hdr + 1:]:
        if not r or not r[0]:
            break
        body.append(r)
    want = sla["by_priority"]
    assert len(body) == len(want) + 1, (len(body), len(want))
    for r, w in zip(body, want):
        assert key(r[0], r[1] or None) == key(w["kind"], w["priority"]), (r, w)
        got = [int(float(r[c])) for c in (2, 4, 6, 8, 10)]
        exp = [w["response"]["met"], w["response"]["breached"], w["response"]["pending"],
               w["resolution"]["met"], w["resolution"]["breached"]]
        assert got == exp, (r, exp)
        assert r[12] == "yes", r
    total = body[-1]
    assert total[0] == "all" and total[12] == "yes", total
    lab = next(i for i, r in enumerate(rows) if r and r[0] == "open_breached (tickets)")
    vals = rows[lab + 1]
    assert int(float(vals[0])) == sla["open_breached"] and int(float(vals[2])) == sla["no_target"], vals


def breaches(xlsx, js):
    z = zipfile.ZipFile(xlsx)
    sla = json.load(open(js))["sla"]
    want = set()
    for t in ticket_rows(z):
        if t["response_sla"] == "breached":
            want.add((t["id"], "response", "breached"))
        if t["resolution_sla"] in ("breached", "open_breached"):
            want.add((t["id"], "resolution", t["resolution_sla"]))
    rows = read_sheet(z, "Breaches")
    hdr = rows[0]
    got = Counter()
    seen = set()
    for r in rows[1:]:
        d = {h: (r[i] if i < len(r) else None) for i, h in enumerate(hdr)}
        seen.add((d["id"], d["measure"], d["outcome"]))
        got[key(d["kind"], d["priority"]) + (d["measure"], d["outcome"])] += 1
        assert d["over_by_minutes"] > 0, d
        assert abs(d["elapsed_minutes"] - d["target_minutes"] - d["over_by_minutes"]) < 1e-6, d
    assert len(seen) == len(rows) - 1, "a breach listed twice"
    assert seen == want, (sorted(seen ^ want)[:5])
    for row in sla["by_priority"]:
        k = key(row["kind"], row["priority"])
        assert got[k + ("response", "breached")] == row["response"]["breached"], (k, row)
        assert got[k + ("resolution", "breached")] == row["resolution"]["breached"], (k, row)
    ob = sum(c for k3, c in got.items() if k3[3] == "open_breached")
    assert ob == sla["open_breached"], (ob, sla["open_breached"])
    assert len(want) > 0


def outages(xlsx, js):
    z = zipfile.ZipFile(xlsx)
    avail = json.load(open(js))["availability"]
    rows = read_sheet(z, "Outages")
    hdr = rows[0]
    intervals = {}
    for r in rows[1:]:
        d = {h: (r[i] if i < len(r) else None) for i, h in enumerate(hdr)}
        iv = intervals.setdefault((d["service"], d["interval"]), d)
        assert (iv["interval_start"], iv["interval_end"], iv["downtime_minutes"]) == \
            (d["interval_start"], d["interval_end"], d["downtime_minutes"]), d
        # a record overlaps or touches its merged interval, and names its source line
        assert d["record_start"] <= d["interval_end"] and d["record_end"] >= d["interval_start"], d
        assert d["source"] and d["line"] >= 1, d
    for a in avail:
        mine = [iv for (svc, _), iv in intervals.items() if svc == a["service"] and iv["counted"] == "yes"]
        assert len(mine) == a["outages"], (a["service"], len(mine), a["outages"])
        down = sum(iv["downtime_minutes"] for iv in mine)
        assert abs(down - a["downtime_minutes"]) < 0.5, (a["service"], down, a["downtime_minutes"])
    assert sum(a["outages"] for a in avail) > 0


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "strip":
        strip(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif cmd == "recount":
        recount(sys.argv[2], sys.argv[3])
    elif cmd == "slacheck":
        slacheck(sys.argv[2], sys.argv[3])
    elif cmd == "edit":
        a = sys.argv[5:]
        edit(sys.argv[2], sys.argv[3], sys.argv[4], [tuple(a[i:i + 3]) for i in range(0, len(a), 3)])
    elif cmd == "roi":
        roi(sys.argv[2], sys.argv[3])
    elif cmd == "samples":
        for title, ids in samples(sys.argv[2]).items():
            print(title + "\t" + " ".join(ids))
    elif cmd == "redraw":
        sys.path.insert(0, __import__("os").path.dirname(__file__))
        redraw_check(sys.argv[2], sys.argv[3])
    elif cmd == "breaches":
        breaches(sys.argv[2], sys.argv[3])
    elif cmd == "outages":
        outages(sys.argv[2], sys.argv[3])
    else:
        sys.exit("unknown command " + cmd)
