#!/usr/bin/env bash
# End-to-end tests: run the built ./iso20k on the demo and on small fixtures, and check the
# outputs and exit codes. Prints "ok NAME" or "not ok NAME" per check (tests/run.sh counts them).
# UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${ISO20K:-$ROOT/iso20k}
OUT=$ROOT/tests/out/e2e
GOLD=$ROOT/tests/golden
FIX=$ROOT/tests/fixtures
SCHEMA_CHECK=$ROOT/tests/e2e/schema_check.py   # docs/iso20k.schema.json
AS_OF=2026-11-01T06:00:00
rm -rf "$OUT"
mkdir -p "$OUT"

ok() { echo "ok $1"; }
nok() { echo "not ok $1${2:+: $2}"; }
check() { # check NAME COMMAND...: ok when the command succeeds
  local name=$1; shift
  if "$@" >"$OUT/last.log" 2>&1; then ok "$name"; else nok "$name" "$(head -c 600 "$OUT/last.log")"; fi
}
expect_exit() { # expect_exit NAME CODE COMMAND...
  local name=$1 code=$2; shift 2
  "$@" >"$OUT/last.out" 2>"$OUT/last.err"
  local rc=$?
  if [ "$rc" -eq "$code" ]; then ok "$name"; else nok "$name" "exit $rc, expected $code: $(head -c 400 "$OUT/last.err")"; fi
}
golden() { # golden NAME FILE GOLDEN_FILE
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$2" "$3"; ok "$1 (golden updated)"; return; fi
  if diff -u "$3" "$2" >"$OUT/last.diff" 2>&1; then ok "$1"; else nok "$1" "$(head -40 "$OUT/last.diff")"; fi
}
xml_golden() { # xml_golden NAME XML_PART GOLDEN_FILE: one tag per line, for readable diffs
  sed 's/></>\n</g' "$2" >"$2.lines"
  golden "$1" "$2.lines" "$3"
}
json_shape() { # json_shape NAME FILE: FILE validates against docs/iso20k.schema.json
  check "$1" "$SCHEMA_CHECK" "$2"
}
sheet_part() { # sheet_part DIR NAME: the part (xl/worksheets/sheetN.xml) of the sheet NAME of the workbook unzipped in DIR
  python3 - "$1" "$2" <<'PY'
import re, sys
d, name = sys.argv[1], sys.argv[2]
wb = open(d + "/xl/workbook.xml", encoding="utf-8").read()
rels = open(d + "/xl/_rels/workbook.xml.rels", encoding="utf-8").read()
rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % re.escape(name), wb).group(1)
print("xl/" + re.search(r'Id="%s" Type="[^"]+" Target="([^"]+)"' % rid, rels).group(1))
PY
}

# ---- the repository stands alone ----
# Nothing tracked may reach outside the repository for its data, tools or documents: the string
# is split here so that this file does not match itself. The fuzz corpus holds arbitrary bytes.
OUTSIDE='..''/shared'
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  check "no tracked file outside the fuzz corpus reaches $OUTSIDE" bash -c "! git -C '$ROOT' grep -n -F '$OUTSIDE' -- . ':!tests/fuzz/corpus'"
else
  check "no file outside the fuzz corpus reaches $OUTSIDE" bash -c "! grep -rn -F '$OUTSIDE' '$ROOT' --exclude-dir=.git --exclude-dir=corpus --exclude-dir=build --exclude-dir=out"
fi

# ---- the demo pack ----
D=$OUT/demo
expect_exit "pack demo exits 0" 0 "$BIN" pack -c inputs/demo/review.yaml -o "$D" --as-of $AS_OF
for f in review-2026-10.pdf review-2026-10.xlsx review-2026-10.json; do
  check "pack wrote $f" test -s "$D/$f"
done
check "cron-quiet: no output on success without a terminal" test ! -s "$OUT/last.err" -a ! -s "$OUT/last.out"
check "no temporary files left" bash -c "! ls -A '$D' | grep -q -E 'tmp|iso20k-work|iso20k-journal'"
json_shape "demo JSON matches the JSON Schema" "$D/review-2026-10.json"
golden "demo JSON matches the golden file" "$D/review-2026-10.json" "$GOLD/demo.json"
check "demo JSON agrees with an independent recomputation (tests/e2e/crosscheck.py)" python3 tests/e2e/crosscheck.py inputs/demo "$D/review-2026-10.json"

# PDF: A4, fonts embedded, text, sections in order
pdfinfo "$D/review-2026-10.pdf" >"$OUT/pdfinfo.txt" 2>/dev/null
check "PDF is A4" grep -q "Page size: *595.276 x 841.89 pts (A4)" "$OUT/pdfinfo.txt"
check "PDF has at least 10 pages" bash -c "[ \$(sed -n 's/^Pages: *//p' '$OUT/pdfinfo.txt') -ge 10 ]"
pdffonts "$D/review-2026-10.pdf" 2>/dev/null | tail -n +3 >"$OUT/pdffonts.txt"
check "PDF fonts are DejaVu" grep -q DejaVuSans "$OUT/pdffonts.txt"
check "PDF fonts are all embedded" bash -c "[ -s '$OUT/pdffonts.txt' ] && ! awk '{ if (\$(NF-4) != \"yes\") bad=1 } END { exit !bad }' '$OUT/pdffonts.txt'"
pdftotext "$D/review-2026-10.pdf" "$OUT/demo.txt" 2>/dev/null
check "PDF shows non-ASCII text (organisation)" grep -q "Brückner & Søn Logistik GmbH" "$OUT/demo.txt"
check "PDF has page numbers on every page" bash -c "n=\$(sed -n 's/^Pages: *//p' '$OUT/pdfinfo.txt'); [ \$(grep -c \"^Page [0-9]* of \$n\$\" '$OUT/demo.txt') -eq \$n ]"
pdftotext -f 2 "$D/review-2026-10.pdf" "$OUT/demo-body.txt" 2>/dev/null  # the headings, past the contents
check "PDF sections in SPEC order" bash -c "grep -o -E '^[0-9]+\. [A-Z].*' '$OUT/demo-body.txt' | tr '\n' '|' | grep -q '^1. Executive summary|2. What this review covers|3. Actions|4. Nonconformities and corrective actions|5. Audits|6. Complaints|7. Suppliers|8. Risks and opportunities|9. Improvements|10. Capacity|11. Changes in context|12. Service availability|13. Incidents and requests|14. Customer satisfaction|15. Changes and problems|16. Trends|17. ISO/IEC 20000-1 readiness|18. Return on investment|19. Decisions and actions of this review|20. Data quality and method|$'"
check "PDF has an embedded chart image" bash -c "pdfimages -list '$D/review-2026-10.pdf' 2>/dev/null | tail -n +3 | grep -q rgb"
check "PDF bookmarks present" bash -c "pdfinfo -meta '$D/review-2026-10.pdf' >/dev/null 2>&1; strings '$D/review-2026-10.pdf' | grep -q '/Outlines'"
golden "PDF text matches the golden file" "$OUT/demo.txt" "$GOLD/demo.pdf.txt"
check "PDF bookmarks list every section" python3 tests/e2e/pdfcheck.py "$D/review-2026-10.pdf" "$OUT/demo.txt" "$D/review-2026-10.json" bookmarks
check "PDF text shows the JSON's KPI values" python3 tests/e2e/pdfcheck.py "$D/review-2026-10.pdf" "$OUT/demo.txt" "$D/review-2026-10.json" values
check "PDF document info: title, author, subject, keywords" bash -c "grep -q '^Title: *Service management review 2026-10' '$OUT/pdfinfo.txt' && grep -q '^Author: *Brückner & Søn Logistik GmbH' '$OUT/pdfinfo.txt' && grep -q '^Subject: *ISO/IEC 20000-1' '$OUT/pdfinfo.txt' && grep -q '^Keywords: ' '$OUT/pdfinfo.txt'"
check "PDF has links from the contents and the summary to the sections" bash -c "[ \$(grep -a -c '/Subtype /Link' '$D/review-2026-10.pdf') -ge 20 ]"

# ---- the review registers (docs/configuration.md §14, docs/metrics.md §14, README.md "The pack", docs/iso20k.schema.json) ----
check "demo JSON: each register's figures as worked out by hand from inputs/demo/registers" python3 - "$D/review-2026-10.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
r = j["registers"]
# actions open at 1 November: ACT-02, 04, 05, 06, 07, 09 and 11 (done, but closed on 4 Nov);
# overdue: 04 (15 Oct), 05 (30 Sep), 11 (31 Oct); done in October: 03 (8 Oct), 08 (30 Oct)
assert r["actions"] == {"open_end": 7, "overdue": 3, "done": 2, "by_source": {"review": 2, "audit": 1, "nonconformity": 2, "improvement": 0, "risk": 2, "other": 0, "(none)": 0}}, r["actions"]
# raised in October: NC-05, 06; closed: NC-03, 06; open: 02, 04 (overdue), 05 (major);
# closed in the 12 months with effective yes or no: NC-2025-09 yes, 01 yes, 03 no = 66.67 %
assert r["nonconformities"] == {"raised": 2, "closed": 2, "open_end": 3, "overdue": 1, "major_open": 1, "ineffective": 1, "effective_pct": 66.67}, r["nonconformities"]
assert r["audits"] == {"audits": 1, "findings": {"major": 1, "minor": 0, "observation": 1, "opportunity": 0, "(none)": 0}, "open_findings_end": 3}, r["audits"]
assert r["complaints"]["by_service"] == {"Email": 1, "ERP": 0, "Warehouse Scanning": 0, "Customer Portal": 1, "VPN": 1, "Payroll": 0, "(none)": 1}
assert (r["complaints"]["received"], r["complaints"]["upheld"], r["complaints"]["open_end"]) == (4, 2, 1)
assert [(s["supplier"], s["measures"], s["met"]) for s in r["suppliers"]] == [("CloudMail Services", 2, 2), ("Nordic Carrier Net", 2, 0), ("SAPhire Consulting", 1, 1), ("ScanTech Service", 2, 1)], r["suppliers"]
assert r["risks"] == {"high": 2, "medium": 3, "low": 1, "untreated": 2, "review_overdue": 2, "opportunities": 1}, r["risks"]
assert r["improvements"] == {"raised": 1, "done": 2, "open_end": 3, "overdue": 1}, r["improvements"]
over = {(c["service"], c["resource"]) for c in r["capacity"] if c["over_threshold"]}
assert over == {("ERP", "Database storage (GB)"), ("VPN", "Concurrent tunnels"), ("Service desk", "Agent hours")}, over
assert [c["date"] for c in r["context"]] == ["2026-10-01", "2026-10-12", "2026-10-20", "2026-10-28"]
inputs = [(i["input"], i["status"]) for i in j["review_inputs"]]
assert len(inputs) == 14 and not [i for i in inputs if i[1] == "missing"], inputs
assert dict(inputs)["monitoring"] == "measured" and dict(inputs)["policies"] == "declared"
checks = {e["check"]: e["passed"] for e in j["readiness"]["evidence"]}
assert all(checks[c] for c in ("internal_audit_held", "review_actions_recorded", "corrective_actions_recorded", "improvements_recorded", "supplier_performance_measured", "capacity_monitored")), checks
PY
check "demo PDF: what the review covers, a section per register, the decisions of the review" bash -c "grep -q 'This review covers all 14 inputs of clause 9.3' '$OUT/demo.txt' && grep -q 'Open risks, highest rating first' '$OUT/demo.txt' && grep -q 'Open and overdue actions carried forward' '$OUT/demo.txt' && grep -q 'Decision or action' '$OUT/demo.txt' && grep -q 'done 2026-11-04' '$OUT/demo.txt'"

# the pre-audit readiness pack (README.md "Readiness for certification"): same inputs, verdict first, no history row
RP=$OUT/readiness
rm -rf "$RP" && mkdir -p "$RP"
expect_exit "pack --kind readiness exits 0" 0 "$BIN" pack --kind readiness -c inputs/demo/review.yaml -o "$RP" --as-of $AS_OF
for f in readiness-2026-10.pdf readiness-2026-10.xlsx readiness-2026-10.json; do
  check "readiness pack wrote $f" test -s "$RP/$f"
done
check "a readiness pack is not a service report: no history row written" test ! -e "$RP/history.csv"
pdftotext "$RP/readiness-2026-10.pdf" "$OUT/readiness.txt" 2>/dev/null
check "readiness pack sections, verdict first" bash -c "grep -o -E '^[0-9]\. [A-Z].*' '$OUT/readiness.txt' | head -7 | tr '\n' '|' | grep -q '^1. Verdict|2. Clause scores, gap register and action plan|3. Documented information index|4. Evidence from data|5. Internal audit and management review|6. Audit samples|7. Data quality and method|$'"
golden "readiness pack PDF text matches the golden file" "$OUT/readiness.txt" "$GOLD/readiness.pdf.txt"
RX=$OUT/readiness-xlsx
mkdir -p "$RX" && (cd "$RX" && unzip -q -o "$RP/readiness-2026-10.xlsx")
check "readiness workbook sheets" bash -c "grep -o '<sheet name=\"[^\"]*\"' '$RX/xl/workbook.xml' | cut -d'\"' -f2 | tr '\n' '|' | grep -q '^Verdict|Readiness|Documents|Evidence|Audit and review|Samples|Data quality|Tickets|$'"
check "readiness workbook: the gap register is a filterable table" bash -c "grep -l 'Requirement' '$RX'/xl/tables/*.xml | xargs grep -q autoFilter"
check "readiness workbook: the clause chart is a native bar chart on the Verdict sheet" bash -c "grep -l 'Verdict!' '$RX'/xl/charts/*.xml | xargs grep -q '<c:barChart>'"
check "readiness workbook: the item heat map is a grid with a colour scale on the Readiness sheet" bash -c "grep -q '<colorScale>' '$RX/xl/worksheets/sheet2.xml'"
check "readiness JSON is the review JSON (same facts) plus documents and evidence_by_period" python3 - "$RP/readiness-2026-10.json" "$D/review-2026-10.json" <<'PY'
import json, sys
rp, rv = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
docs, by_period = rp.pop("documents"), rp.pop("evidence_by_period")
assert rp == rv and "documents" not in rv
# the documented-information index: every required item, present when its evidence is named
d = {x["item"]: x for x in docs}
assert d["8.7.2-b"]["kind"] == "record" and d["8.7.2-b"]["present"] is False and d["8.7.2-b"]["evidence"] is None
assert d["4.3-a"]["present"] is True and d["4.3-a"]["evidence"].startswith("SMS-SCOPE-01")
# the checks over the trend periods: the periods the inputs reach are checked, the others null
assert [p["label"] for p in by_period] == [t["label"] for t in rv["trend"]]
last = {c["check"]: c["pass"] for c in by_period[-1]["checks"]}
assert last["incidents_recorded"] is True and last["service_reports_produced"] is False
PY

# output names with {organization} (made safe for a file name) and {as_of}
NM=$OUT/names
rm -rf "$NM" && mkdir -p "$NM"
sed "s|^theme: theme.yaml|theme: $ROOT/inputs/demo/theme.yaml|; s|^roi: roi.yaml|roi: $ROOT/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: $ROOT/inputs/demo/readiness.yaml|; s|{file: \([a-z]*\).csv|{file: $ROOT/inputs/demo/\1.csv|; s|^output: .*|output: {dir: out, name: \"{organization}-{period}-{as_of}\"}|; s|: registers/|: $ROOT/inputs/demo/registers/|" inputs/demo/review.yaml >"$NM/names.yaml"
expect_exit "pack with {organization} and {as_of} in output.name" 0 "$BIN" pack -c "$NM/names.yaml" --as-of $AS_OF --format json
check "the name is the organisation made safe, the period and the local as-of time" test -s "$NM/out/Brückner-Søn-Logistik-GmbH-2026-10-20261101T0600.json"

# XLSX: sheets, native chart, frozen header, number formats, properties
X=$OUT/xlsx
mkdir -p "$X" && (cd "$X" && unzip -q -o "$D/review-2026-10.xlsx")
check "XLSX has Summary and SLA sheets" bash -c "grep -q 'name=\"Summary\"' '$X/xl/workbook.xml' && grep -q 'name=\"SLA\"' '$X/xl/workbook.xml'"
check "XLSX has native chart parts" test -s "$X/xl/charts/chart1.xml"
sla_sheet=$(python3 - "$X" <<'PY'
import re, sys
d = sys.argv[1]
wb = open(d + "/xl/workbook.xml").read()
rels = open(d + "/xl/_rels/workbook.xml.rels").read()
rid = re.search(r'<sheet name="SLA" sheetId="\d+" r:id="(rId\d+)"', wb).group(1)
print(re.search(r'Id="%s" Type="[^"]+" Target="([^"]+)"' % rid, rels).group(1))
PY
)
check "XLSX SLA sheet has a chart drawing" grep -q "<drawing " "$X/xl/$sla_sheet"
check "XLSX SLA sheet has a frozen header" grep -q 'state="frozen"' "$X/xl/$sla_sheet"
check "XLSX has number formats (percent with one and three decimals, dates; durations are numbers, no [h]:mm)" bash -c "grep -q '0.0&quot;%&quot;' '$X/xl/styles.xml' && grep -q '0.000&quot;%&quot;' '$X/xl/styles.xml' && ! grep -q '\[h\]:mm' '$X/xl/styles.xml' && grep -q 'yyyy-mm-dd hh:mm' '$X/xl/styles.xml'"
check "XLSX workbook structure: sheets, Excel tables, charts by type, RAG formats, status formulas" python3 - "$X" <<'PY'
import glob, os, re, sys
d = sys.argv[1]
wb = open(d + "/xl/workbook.xml").read()
sheets = re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', wb)
names = [n for n, _ in sheets]
for want in ["Summary", "Availability", "SLA", "Satisfaction", "Efficiency", "Trends", "Readiness", "ROI", "Data quality", "Tickets"]:
    assert want in names, (want, names)
rels = dict(re.findall(r'Id="(rId\d+)" Type="[^"]+" Target="([^"]+)"', open(d + "/xl/_rels/workbook.xml.rels").read()))
path = {n: d + "/xl/" + rels[r] for n, r in sheets}
def sheet_rels(n):
    f = os.path.join(os.path.dirname(path[n]), "_rels", os.path.basename(path[n]) + ".rels")
    return open(f).read() if os.path.exists(f) else ""
for n in ["Summary", "Availability", "SLA", "Satisfaction", "Efficiency", "Trends", "Data quality", "Tickets"]:
    assert "../tables/table" in sheet_rels(n), ("no Excel table on", n)
summary = open(path["Summary"]).read()
assert summary.count("<conditionalFormatting") >= 5, "RAG conditional formats on the Summary"
assert re.search(r"<f>IF\(AND\(ISNUMBER\(\$B\$\d+\),ISNUMBER\(\$D\$\d+\)\)", summary), "status formulas"
sla = open(path["SLA"]).read()
assert "<conditionalFormatting" in sla and "target" in open(d + "/xl/sharedStrings.xml").read()
kinds = " ".join(open(f).read() for f in glob.glob(d + "/xl/charts/chart*.xml"))
for k in ["c:barChart", "c:lineChart", "c:doughnutChart"]:
    assert k in kinds, k
refs = re.findall(r"<c:f>([^<]+)</c:f>", kinds)
assert refs and all("!$" in r for r in refs), "charts refer to sheet cells"
PY
check "XLSX has a Tickets sheet" grep -q 'name="Tickets"' "$X/xl/workbook.xml"
check "demo workbook: a sheet per register, its rows as Excel tables with filters and conditional formats, the risk matrix as a coloured grid" python3 - "$X" <<'PY'
import os, re, sys
d = sys.argv[1]
wb = open(d + "/xl/workbook.xml").read()
names = re.findall(r'<sheet name="([^"]+)"', wb)
regs = ["Actions", "Nonconformities", "Audits", "Complaints", "Suppliers", "Risks", "Improvements", "Capacity", "Context"]
assert names[:2] == ["Summary", "Review inputs"] and names[2:11] == regs, names
assert names.index("Decisions") == names.index("Data quality") - 1, names
rels = dict(re.findall(r'Id="(rId\d+)" Type="[^"]+" Target="([^"]+)"', open(d + "/xl/_rels/workbook.xml.rels").read()))
sheets = dict(re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', wb))
def part(n):
    return d + "/xl/" + rels[sheets[n]]
def tables(n):
    p = part(n)
    r = os.path.join(os.path.dirname(p), "_rels", os.path.basename(p) + ".rels")
    return [open(d + "/xl/tables/" + t).read() for t in re.findall(r'Target="\.\./tables/([^"]+)"', open(r).read())]
for n in regs:
    ts = tables(n)
    assert ts and all("<autoFilter" in t for t in ts), n
    assert any("Row" in t for t in ts), (n, "no listing of every row")
for n in ["Actions", "Nonconformities", "Suppliers", "Risks", "Improvements", "Capacity"]:
    assert "<conditionalFormatting" in open(part(n)).read(), n
risks = open(part("Risks")).read()
assert "Open at end" in "".join(tables("Risks")) and "Review overdue" in "".join(tables("Risks"))
strings = open(d + "/xl/sharedStrings.xml", encoding="utf-8").read()
assert "Likelihood \\ impact" in strings and "R-02" in strings
PY
check "XLSX created date is the as-of time" grep -q "2026-11-01T05:00:00Z" "$X/docProps/core.xml"
xml_golden "XLSX workbook.xml matches the golden file" "$X/xl/workbook.xml" "$GOLD/xlsx-workbook.xml"
xml_golden "XLSX Summary sheet matches the golden file" "$X/xl/worksheets/sheet1.xml" "$GOLD/xlsx-sheet1.xml"
xml_golden "XLSX SLA sheet matches the golden file" "$X/xl/$sla_sheet" "$GOLD/xlsx-sla-sheet.xml"
xml_golden "XLSX first chart matches the golden file" "$X/xl/charts/chart1.xml" "$GOLD/xlsx-chart1.xml"
xml_golden "XLSX document properties match the golden file" "$X/docProps/core.xml" "$GOLD/xlsx-core.xml"
check "XLSX ticket titles are text, never formulas" bash -c "! grep -q '<f>' '$X/$(sheet_part "$X" Tickets)'"

# Determinism
D2=$OUT/demo2
"$BIN" pack -c inputs/demo/review.yaml -o "$D2" --as-of $AS_OF >/dev/null 2>&1
for f in review-2026-10.pdf review-2026-10.xlsx review-2026-10.json; do
  check "byte-identical $f on a second run" cmp "$D/$f" "$D2/$f"
done
SOURCE_DATE_EPOCH=1793509200 "$BIN" pack -c inputs/demo/review.yaml -o "$OUT/sde" >/dev/null 2>&1
check "SOURCE_DATE_EPOCH fixes now like --as-of" cmp "$D/review-2026-10.json" "$OUT/sde/review-2026-10.json"

# metrics and check
"$BIN" metrics -c inputs/demo/review.yaml -p 2026-10 --as-of $AS_OF >"$OUT/metrics.json" 2>"$OUT/metrics.err"
check "metrics prints the same JSON as the pack" cmp "$OUT/metrics.json" "$D/review-2026-10.json"
"$BIN" metrics -c inputs/demo/review.yaml -p 2026-Q3 --as-of $AS_OF >"$OUT/q3.json" 2>/dev/null
json_shape "quarter JSON matches the JSON Schema" "$OUT/q3.json"
check "quarter label is canonical" grep -q '"label": "2026-Q3"' "$OUT/q3.json"
"$BIN" metrics -c inputs/demo/review.yaml -p 2026-10-01..2026-10-15 --as-of $AS_OF >"$OUT/range.json" 2>/dev/null
json_shape "range JSON matches the JSON Schema" "$OUT/range.json"
check "range period end is exclusive" grep -q '"end": "2026-10-16T00:00:00+02:00"' "$OUT/range.json"
"$BIN" metrics -c inputs/demo/review.yaml -p 2027-10 --as-of $AS_OF >"$OUT/future.json" 2>/dev/null
json_shape "empty future period JSON matches the JSON Schema" "$OUT/future.json"
check "empty period gives null ratios, not 0" grep -q '"response_attainment_pct": null' "$OUT/future.json"
expect_exit "metrics --format csv exits 0" 0 "$BIN" metrics -c inputs/demo/review.yaml -p 2026-10 --as-of $AS_OF --format csv
check "metrics CSV has the header of docs/configuration.md §1" grep -qx "kpi,scope,value,n,target,status,previous,delta" "$OUT/last.out"
check "metrics CSV rows carry n, target, status, previous and delta" grep -qx "availability_pct,all,99.92,,99.5,green,99.979,-0.059" "$OUT/last.out"
check "metrics CSV: a share with its n, and amber where the status is amber" bash -c "grep -qx 'response_attainment_pct,all,95.18,477,95,green,99.13,-3.95' '$OUT/last.out' && grep -qx 'change_success_pct,all,90.38,52,95,amber,90.57,-0.18' '$OUT/last.out'"
check "metrics CSV has per-service rows" grep -q "^availability_pct,service:Email,99.787,,99.9,red,," "$OUT/last.out"
check "metrics CSV: a share of too few is a small sample, never judged" grep -q "^csat_pct,service:Printing,100,1,85,small_sample,," "$OUT/last.out"
check "metrics CSV has readiness rows, each clause against the 60 line" bash -c "grep -qx 'readiness_pct,all,62.99,,,no_target,,' '$OUT/last.out' && grep -qx 'readiness_pct,clause:6,55.56,,60,red,,' '$OUT/last.out'"
check "metrics CSV: the kpis rows first, then the scopes" python3 - "$OUT/last.out" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
keys = ["availability_pct", "response_attainment_pct", "resolution_attainment_pct", "csat_pct", "nps",
        "reopen_rate_pct", "first_assignment_resolution_pct", "change_success_pct",
        "emergency_change_pct", "opened", "resolved", "backlog_end", "readiness_pct"]
assert [r["kpi"] for r in rows[:13]] == keys and all(r["scope"] == "all" for r in rows[:13])
assert all(r["scope"] != "all" for r in rows[13:])
PY
expect_exit "check exits 0 on the demo" 0 "$BIN" check -c inputs/demo/review.yaml
check "check prints the rejected rows with their place" grep -q "tickets.csv:" "$OUT/last.out"
expect_exit "-v prints the phases and their times" 0 "$BIN" metrics -v -c inputs/demo/review.yaml --as-of $AS_OF
check "-v output goes to standard error only" bash -c "grep -q 'computed the metrics (' '$OUT/last.err' && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' '$OUT/last.out'"
expect_exit "-q with -v silences warnings" 0 "$BIN" metrics -q -v -c inputs/demo/review.yaml --as-of $AS_OF
check "-q leaves no warning" bash -c "! grep -q 'warning' '$OUT/last.err'"
expect_exit "--version exits 0" 0 "$BIN" --version
expect_exit "--help exits 0" 0 "$BIN" --help

# ---- usage errors: 64 ----
expect_exit "no command is a usage error (64)" 64 "$BIN"
check "a usage error prints a short usage" grep -q "^usage: iso20k pack" "$OUT/last.err"
expect_exit "unknown command is a usage error (64)" 64 "$BIN" frobnicate
expect_exit "unknown option is a usage error (64)" 64 "$BIN" pack --bogus
expect_exit "option without value is a usage error (64)" 64 "$BIN" pack -c
expect_exit "invalid -p is a usage error (64)" 64 "$BIN" metrics -c inputs/demo/review.yaml -p 2026-13
check "invalid -p lists the valid forms" grep -q "last-quarter" "$OUT/last.err"
expect_exit "invalid --as-of is a usage error (64)" 64 "$BIN" metrics -c inputs/demo/review.yaml --as-of yesterday
expect_exit "bad --format is a usage error (64)" 64 "$BIN" pack -c inputs/demo/review.yaml --format docx
expect_exit "-o with metrics is a usage error (64)" 64 "$BIN" metrics -c inputs/demo/review.yaml -o x

# ---- config errors: 78 with file:line:col, nothing written ----
C=$OUT/cfg
mkdir -p "$C"
cp inputs/demo/*.csv "$C/"
printf 'sources:\n  - {file: tickets.csv, profile: tickets}\nsla:\n  incident:\n    1: {respond: 15q}\n' >"$C/bad-duration.yaml"
expect_exit "bad duration is a config error (78)" 78 "$BIN" pack -c "$C/bad-duration.yaml" -o "$C/out1"
check "config error names file:line:col" grep -q "bad-duration.yaml:5:18: error: " "$OUT/last.err"
check "config error leaves no output" test ! -e "$C/out1"
printf 'sources:\n  - {file: tickets.csv, profile: tickets}\ncolour: blue\n' >"$C/unknown-key.yaml"
expect_exit "unknown key is a config error (78)" 78 "$BIN" check -c "$C/unknown-key.yaml"
check "unknown key message has line:col" grep -q "unknown-key.yaml:3:1: error: unknown key 'colour'" "$OUT/last.err"
printf 'sources: [{file: tickets.csv, profile: tickets}]\nperiod: 2026-14\n' >"$C/bad-period.yaml"
expect_exit "invalid period in the config is a config error (78)" 78 "$BIN" check -c "$C/bad-period.yaml"
printf 'sources: [{file: tickets.csv, profile: tickets}\n' >"$C/syntax.yaml"
expect_exit "YAML syntax error is a config error (78)" 78 "$BIN" check -c "$C/syntax.yaml"
expect_exit "missing config file is exit 66" 66 "$BIN" check -c "$C/nope.yaml"

# ---- input errors ----
printf 'sources:\n  - {file: missing.csv, profile: tickets}\n' >"$C/missing-input.yaml"
expect_exit "missing input file is exit 66" 66 "$BIN" pack -c "$C/missing-input.yaml" -o "$C/out2" --as-of $AS_OF
check "missing input leaves no output" bash -c "[ ! -e '$C/out2' ] || [ -z \"\$(ls '$C/out2')\" ]"
check "missing input message names the file" grep -q "missing.csv: error: cannot open input file" "$OUT/last.err"

# rejected rows over the limit: exit 65, pack still written with a banner
cat >"$C/bad-rows.csv" <<'CSV'
id,kind,opened_at,resolved_at,priority
A1,incident,2026-10-02 10:00,2026-10-02 12:00,2
A2,incident,2026-10-02 10:00,2026-10-01 12:00,2
A3,incident,not a time,,2
A4,incident,2026-10-03 10:00,,9
A5,gadget,2026-10-03 10:00,,2
CSV
printf 'sources:\n  - {file: bad-rows.csv, profile: tickets}\nperiod: 2026-10\n' >"$C/bad-rows.yaml"
expect_exit "too many rejected rows is exit 65" 65 "$BIN" pack -c "$C/bad-rows.yaml" -o "$C/out3" --as-of $AS_OF
check "the pack is still written when rows are rejected" test -s "$C/out3/review-2026-10.pdf"
pdftotext "$C/out3/review-2026-10.pdf" "$OUT/bad-rows.txt" 2>/dev/null
check "the pack carries a warning banner" grep -q -E "an input rejected (more rows than quality.max_rejected_pct|too many rows)" "$OUT/bad-rows.txt"
json_shape "bad-rows JSON matches the JSON Schema" "$C/out3/review-2026-10.json"
check "rejected rows are counted by reason with places" python3 - "$C/out3/review-2026-10.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))["quality"]["sources"][0]
assert (q["rows_read"], q["rows_accepted"], q["rows_rejected"]) == (5, 1, 4), q
reasons = {r["reason"]: (r["count"], r["examples"]) for r in q["reasons"]}
assert reasons["response or resolution before opening"] == (1, ["bad-rows.csv:3"]), reasons
assert reasons["unparseable time"] == (1, ["bad-rows.csv:4 ('not a time')"]), reasons
assert reasons["unknown priority"] == (1, ["bad-rows.csv:5 ('9')"]), reasons
assert reasons["unknown kind"] == (1, ["bad-rows.csv:6"]), reasons
PY
expect_exit "check exits 65 after its report when over the limit" 65 "$BIN" check -c "$C/bad-rows.yaml"
check "check still prints its report" grep -q "bad-rows.csv" "$OUT/last.out"

# ---- review registers absent, lacking a column, or missing ----
RG=$OUT/registers
mkdir -p "$RG"
relocate="s|^theme: theme.yaml|theme: $ROOT/inputs/demo/theme.yaml|; s|^roi: roi.yaml|roi: $ROOT/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: $ROOT/inputs/demo/readiness.yaml|; s|{file: \([a-z]*\).csv|{file: $ROOT/inputs/demo/\1.csv|; s|^output: .*||; s|: registers/|: $ROOT/inputs/demo/registers/|"
sed "$relocate; /^registers:/,/^risk_levels:/d" inputs/demo/review.yaml >"$RG/none.yaml"
expect_exit "a pack without registers exits 0" 0 "$BIN" pack -c "$RG/none.yaml" -o "$RG/none" --as-of $AS_OF --format pdf,json
check "without registers: every register null, the eleven inputs they give missing" python3 - "$RG/none/review-2026-10.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert all(v is None for v in j["registers"].values()), j["registers"]
st = {i["input"]: (i["status"], i["sources"]) for i in j["review_inputs"]}
assert [k for k, v in st.items() if v[0] != "missing"] == ["monitoring", "customer_feedback", "service_performance"], st
assert st["customer_feedback"] == ("measured", ["surveys"]) and st["actions"] == ("missing", [])
assert [e["passed"] for e in j["readiness"]["evidence"][-6:]] == [None] * 6  # not checked
assert "9.2-a" not in j["readiness"]["contradicted"]
PY
pdftotext "$RG/none/review-2026-10.pdf" "$RG/none.txt" 2>/dev/null
check "without registers: the pack says plainly which inputs it lacks" bash -c "[ \$(grep -c '^MISSING\$' '$RG/none.txt') -eq 11 ] && grep -q 'This review covers 3 of the 14 inputs of clause 9.3; missing: Status of actions from earlier reviews;' '$RG/none.txt' && grep -q 'nothing; it needs an actions register' '$RG/none.txt' && grep -q 'No actions register is given' '$RG/none.txt' && ! grep -q '^Actions\$' '$RG/none.txt'"
cp tests/bad/register-missing-column.csv "$RG/actions.csv"
sed "$relocate; s|: $ROOT/inputs/demo/registers/actions.csv|: actions.csv|" inputs/demo/review.yaml >"$RG/bad-column.yaml"
expect_exit "a register without a required column is exit 65" 65 "$BIN" pack -c "$RG/bad-column.yaml" -o "$RG/bad-column" --as-of $AS_OF --format json
check "… naming the file and the column" grep -q "actions.csv:1: error: the actions register has no 'status' column" "$OUT/last.err"
check "… the pack is still written, without that register (null, its input missing), with the others" python3 - "$RG/bad-column/review-2026-10.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["registers"]["actions"] is None and j["registers"]["risks"] is not None
assert {i["input"]: i["status"] for i in j["review_inputs"]}["actions"] == "missing"
q = [s for s in j["quality"]["sources"] if s["profile"] == "register:actions"][0]
assert (q["rows_read"], q["rows_rejected"]) == (1, 1), q
PY
sed "$relocate; s|: $ROOT/inputs/demo/registers/risks.csv|: no-such-risks.csv|" inputs/demo/review.yaml >"$RG/missing.yaml"
expect_exit "a register file that does not exist is exit 66" 66 "$BIN" pack -c "$RG/missing.yaml" -o "$RG/missing" --as-of $AS_OF
check "… naming it, and nothing is written" bash -c "grep -q 'no-such-risks.csv' '$OUT/last.err' && ! ls '$RG/missing' 2>/dev/null | grep -q review-"

# ---- output errors ----
expect_exit "unwritable output directory is exit 73" 73 "$BIN" pack -c inputs/demo/review.yaml -o /proc/iso20k-test --as-of $AS_OF
touch "$OUT/a-file"
expect_exit "output path that is a file is exit 73" 73 "$BIN" pack -c inputs/demo/review.yaml -o "$OUT/a-file/sub" --as-of $AS_OF
# a failed run keeps the previous pack and leaves no temporary file
P=$OUT/keep
"$BIN" pack -c inputs/demo/review.yaml -o "$P" --as-of $AS_OF >/dev/null 2>&1
md5sum "$P"/review-2026-10.* >"$OUT/keep.md5"
expect_exit "a rendering failure exits 70" 70 env ISO20K_FONT_DIR=/nonexistent "$BIN" pack -c inputs/demo/review.yaml -o "$P" --as-of 2026-11-02T06:00:00
check "a failed run leaves the previous pack untouched" md5sum -c --quiet "$OUT/keep.md5"
check "a failed run leaves no temporary file" bash -c "! ls -A '$P' | grep -q -E 'tmp|iso20k-work|iso20k-journal'"
# lock held by another process: 75
if command -v flock >/dev/null; then
  mkdir -p "$OUT/locked"
  flock -o "$OUT/locked/.iso20k.lock" sleep 5 &
  sleep 0.5
  expect_exit "a held lock is exit 75" 75 "$BIN" pack -c inputs/demo/review.yaml -o "$OUT/locked" --as-of $AS_OF
  kill %1 2>/dev/null; wait 2>/dev/null
  expect_exit "a lock left by a dead process does not block" 0 "$BIN" pack -c inputs/demo/review.yaml -o "$OUT/locked" --as-of $AS_OF
fi

# ---- the pack and history.csv are replaced as one set (README.md "Where the outputs land") ----
S=$OUT/set
rm -rf "$S" && mkdir -p "$S"
"$BIN" pack -c inputs/demo/review.yaml -o "$S" -p 2026-10 --as-of $AS_OF >/dev/null 2>&1
set_inodes() { stat -c '%n %i' "$S"/review-2026-10.pdf "$S"/review-2026-10.json "$S"/history.csv 2>/dev/null; }
set_inodes >"$OUT/set.before"
mv "$S/review-2026-10.xlsx" "$OUT/set.xlsx" && mkdir "$S/review-2026-10.xlsx"
expect_exit "the workbook's name taken by a directory is exit 73" 73 "$BIN" pack -c inputs/demo/review.yaml -o "$S" -p 2026-10 --as-of 2026-11-02T06:00:00
check "… naming it" grep -q "review-2026-10.xlsx: error: a directory has the output file's name" "$OUT/last.err"
check "… and no file of the pack or its history is replaced" bash -c "set_inodes() { stat -c '%n %i' '$S'/review-2026-10.pdf '$S'/review-2026-10.json '$S'/history.csv; }; set_inodes | diff - '$OUT/set.before'"
check "… nothing of the failed run is left" bash -c "! ls -A '$S' | grep -q -E 'tmp|iso20k-work|iso20k-journal'"
rmdir "$S/review-2026-10.xlsx" && mv "$OUT/set.xlsx" "$S/review-2026-10.xlsx"
mv "$S/history.csv" "$OUT/set.history" && mkdir "$S/history.csv"
stat -c '%n %i' "$S"/review-2026-10.* >"$OUT/set.before"
expect_exit "history.csv that cannot be replaced fails the pack (exit 73)" 73 "$BIN" pack -c inputs/demo/review.yaml -o "$S" -p 2026-10 --as-of 2026-11-02T06:00:00
check "… and the PDF, workbook and JSON stay the previous ones" bash -c "stat -c '%n %i' '$S'/review-2026-10.* | diff - '$OUT/set.before'"
rmdir "$S/history.csv" && mv "$OUT/set.history" "$S/history.csv"
# a journal left by a killed run, made by hand: the next run puts the previous files back
# before anything else, and says so
W=$S/.iso20k-work-K1LLED
mkdir -p "$W" && ln "$S/review-2026-10.pdf" "$W/kept-0" && printf 'not a PDF' >"$S/review-2026-10.pdf.new" && mv "$S/review-2026-10.pdf.new" "$S/review-2026-10.pdf"
printf 'iso20k journal 1\nreview-2026-10.pdf .iso20k-work-K1LLED/review-2026-10.pdf.AAAAAA .iso20k-work-K1LLED/kept-0\nreview-2026-10.json .iso20k-work-K1LLED/review-2026-10.json.BBBBBB -\n' >"$S/.iso20k-journal"
printf '{}' >"$W/review-2026-10.json.BBBBBB"
expect_exit "a run after a killed one succeeds" 0 "$BIN" pack -c inputs/demo/review.yaml -o "$S" -p 2026-10 --as-of 2026-11-02T06:00:00
check "… after reporting the half-replaced pack it put back" grep -q "an interrupted run left its pack half replaced: its previous files are back" "$OUT/last.err"
check "… leaving no journal and no work directory" bash -c "! ls -A '$S' | grep -q -E 'iso20k-work|iso20k-journal'"
check "… and a complete pack" bash -c "pdfinfo '$S/review-2026-10.pdf' >/dev/null 2>&1 && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' '$S/review-2026-10.json'"

# ---- only this program's own files: the lock never through a link, others' files kept ----
L=$OUT/lockfiles
rm -rf "$L" && mkdir -p "$L/out"
ln -s "$L/created-through-the-link" "$L/out/.iso20k.lock"
expect_exit "a dangling link as the lock file is refused (exit 73)" 73 "$BIN" pack -c inputs/demo/review.yaml -o "$L/out" -p 2026-10 --as-of $AS_OF --format json
check "… with a message naming the lock" grep -q "\.iso20k\.lock: error: the lock file is not a regular file" "$OUT/last.err"
check "… and the link's target is never created" test ! -e "$L/created-through-the-link"
rm "$L/out/.iso20k.lock"
: >"$L/out/.other.tmp-ABC123"; : >"$L/out/.review-2026-10.pdf.tmp-XYZ789"; mkdir -p "$L/out/.iso20k-work-DEAD01"; : >"$L/out/.iso20k-work-DEAD01/review-2026-10.pdf.QWERTY"
printf 'victim' >"$L/victim.csv" && ln -s "$L/victim.csv" "$L/out/history.csv"
expect_exit "a pack beside other programs' temporaries and a linked history.csv" 0 "$BIN" pack -v -c inputs/demo/review.yaml -o "$L/out" -p 2026-10 --as-of $AS_OF --format json
check "… removes the work directory a dead run left" test ! -e "$L/out/.iso20k-work-DEAD01"
check "… and no file of another program, even one named like a temporary" test -e "$L/out/.other.tmp-ABC123" -a -e "$L/out/.review-2026-10.pdf.tmp-XYZ789"
check "… reads no history through a link, says so, and replaces the link" bash -c "grep -q 'history.csv: not a regular file' '$OUT/last.err' && [ \"\$(cat '$L/victim.csv')\" = victim ] && [ ! -L '$L/out/history.csv' ] && grep -q '^2026-10,' '$L/out/history.csv'"

# ---- text no output can hold, in the inputs and the config, makes a valid pack ----
T=$OUT/unsafe-text
rm -rf "$T" && mkdir -p "$T"
python3 - "$T" <<'PY'
import sys
d = sys.argv[1]
rows = ["id,kind,service,priority,status,opened_at,resolved_at,title"]
names = ["Mail\uffff", "ERP\ufdd0", "VPN\U0001fffe", "Portal\x01\x0b", "Print\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")]
for i in range(40):
    rows.append(f"T{i},incident,{names[i % len(names)]},3,closed,2026-10-{1 + i % 28:02d} 10:00,2026-10-{1 + i % 28:02d} 12:00,a\x02b")
open(f"{d}/tickets.csv", "w", encoding="utf-8", newline="").write("\n".join(rows) + "\n")
open(f"{d}/review.yaml", "w", encoding="utf-8").write(
    'organization: "ACME \\uFFFF \\x01 GmbH"\nscope: "Scope \\uFDD0"\ntimezone: Europe/Berlin\n'
    'sources: [{file: tickets.csv, profile: tickets}]\nservices: [{name: "Mail\\uFFFF"}]\n')
PY
expect_exit "a pack with noncharacters and control characters in names exits 0" 0 "$BIN" pack -v -c "$T/review.yaml" -o "$T/out" -p 2026-10 --as-of $AS_OF
check "… each such row warned about with its place" grep -q "tickets.csv:2 (2 characters): warning: control characters, Unicode noncharacters or invalid UTF-8 in text replaced by U+FFFD (40 in all)" "$OUT/last.err"
check "… its workbook is well-formed XML in every part" python3 - "$T/out/review-2026-10.xlsx" <<'PY'
import sys, zipfile, xml.dom.minidom
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if n.endswith(".xml") or n.endswith(".rels"):
            xml.dom.minidom.parseString(z.read(n))
    assert "\ufffd" in z.read("xl/sharedStrings.xml").decode("utf-8")
PY
check "… its JSON is strict UTF-8 JSON with U+FFFD in place" python3 -c "import json,sys; t=open(sys.argv[1],'rb').read().decode('utf-8'); d=json.loads(t); s=[r['service'] for r in d['availability']]; assert 'Mail\ufffd' in s and 'Portal\ufffd\ufffd' in s, s; assert '\uffff' not in t and '\ufdd0' not in t" "$T/out/review-2026-10.json"
check "… its PDF shows the names" bash -c "pdftotext '$T/out/review-2026-10.pdf' - | grep -q 'Mail�'"

# ---- a config value that reads like a formula stays text in the workbook ----
F=$OUT/formula-currency
rm -rf "$F" && mkdir -p "$F" && cp -r inputs/demo/* "$F/"
sed -i "s/^currency: EUR/currency: \"=cmd|' \/C calc'!A0\"/" "$F/roi.yaml"
expect_exit "a pack whose ROI currency begins with '=' exits 0" 0 "$BIN" pack -c "$F/review.yaml" -o "$F/out" -p 2026-10 --as-of $AS_OF --format xlsx
check "… and no chart of its workbook holds it as a reference, only as text" python3 - "$F/out/review-2026-10.xlsx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    charts = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/charts/"))
assert "<c:f>cmd" not in charts and "calc'!A0</c:f>" not in charts, "a reference"
assert "<a:t> =cmd|' /C calc'!A0</a:t>" in charts, "the axis name as text"
PY

# ---- history.csv: labels written back as CSV requires ----
Q=$OUT/history-quoted
rm -rf "$Q" && mkdir -p "$Q"
printf 'label,start,end,opened,resolved,response_attainment_pct,resolution_attainment_pct,csat_pct,reopen_rate_pct,availability_pct\n"Q3, ""old"" system",2025-07-01T00:00:00+02:00,2025-10-01T00:00:00+02:00,1,2,,,,,\n' >"$Q/history.csv"
expect_exit "a pack over a history whose label holds a comma and quotes" 0 "$BIN" pack -c inputs/demo/review.yaml -o "$Q" -p 2026-10 --as-of $AS_OF --format json
check "… writes that label back quoted, so the file still reads as CSV" python3 - "$Q/history.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert all(len(r) == 11 for r in rows), rows
labels = [r[0] for r in rows[1:]]
assert 'Q3, "old" system' in labels and "2026-10" in labels, labels
PY

# ---- every profile fixture through `iso20k check` ----
"$BIN" check -c tests/fixtures/profiles/all.yaml >"$OUT/profiles-check.txt" 2>"$OUT/profiles-check.err"
rc=$?
check "check on every profile fixture exits 65 (fixtures reject rows on purpose)" test "$rc" -eq 65
golden "check report on every profile fixture matches the golden file" "$OUT/profiles-check.txt" "$GOLD/profiles-check.txt"
check "check names each source over the rejection limit" grep -q "^servicenow-survey.csv: error: 2 of 5 rows rejected (40.0%)" "$OUT/profiles-check.err"

# ---- history: earlier packs feed the trend when this month's export holds only this month ----
H=$OUT/history
mkdir -p "$H/in"
cp inputs/demo/outages.csv inputs/demo/surveys.csv "$H/in/"
python3 - "$H/in/tickets.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open("inputs/demo/tickets.csv", encoding="utf-8", newline="")))
# what a monthly export holds: October's tickets and September's still open on 1 October
# (so the earliest opening is after 1 September: September must come from the history)
def open_on_oct1(r):
    res = r[7] or r[8]
    return r[5].startswith("2026-09") and r[5] > "2026-09-01" and (not res or res >= "2026-10-01")
keep = [rows[0]] + [r for r in rows[1:] if r[5].startswith("2026-10") or open_on_oct1(r)]
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(keep)
PY
sed 's|^theme: theme.yaml|theme: '"$ROOT"'/inputs/demo/theme.yaml|; s|^roi: roi.yaml|roi: '"$ROOT"'/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: '"$ROOT"'/inputs/demo/readiness.yaml|; s|^trend: .*|trend: {periods: 3}|; s|^output: .*|output: {dir: ../out}|; s|: registers/|: '"$ROOT"'/inputs/demo/registers/|' inputs/demo/review.yaml >"$H/in/review.yaml"
sed "s|^theme: theme.yaml|theme: $ROOT/inputs/demo/theme.yaml|; s|^roi: roi.yaml|roi: $ROOT/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: $ROOT/inputs/demo/readiness.yaml|; s|^trend: .*|trend: {periods: 3}|; s|{file: \([a-z]*\).csv|{file: $ROOT/inputs/demo/\1.csv|; s|: registers/|: $ROOT/inputs/demo/registers/|" inputs/demo/review.yaml >"$H/full.yaml"
expect_exit "September pack from the full export" 0 "$BIN" pack -c "$H/full.yaml" -p 2026-09 -o "$H/out" --as-of $AS_OF --format json
check "the pack wrote history.csv with September" grep -q "^2026-09,2026-09-01T00:00:00+02:00,2026-10-01T00:00:00+02:00," "$H/out/history.csv"
expect_exit "October pack from an October-only export" 0 "$BIN" pack -c "$H/in/review.yaml" -p 2026-10 --as-of $AS_OF --format json
check "September's trend row comes from the history" python3 - "$H/out/review-2026-09.json" "$H/out/review-2026-10.json" <<'PY'
import json, sys
sep = json.load(open(sys.argv[1]))["trend"][-1]
oct_ = json.load(open(sys.argv[2]))
row = oct_["trend"][1]
assert row["label"] == "2026-09", row
for k in ("opened", "resolved", "response_attainment_pct", "resolution_attainment_pct", "csat_pct", "reopen_rate_pct", "availability_pct"):
    assert row[k] == sep[k], (k, row[k], sep[k])
assert oct_["trend"][0]["opened"] is None  # August: neither inputs nor history
assert oct_["previous"]["label"] == "2026-09" and oct_["previous"]["opened"] == sep["opened"]
assert oct_["delta"]["opened"] == oct_["trend"][2]["opened"] - sep["opened"]
PY
"$BIN" pack -c "$H/in/review.yaml" -p 2026-10 --as-of $AS_OF --format json >/dev/null 2>&1
check "a re-run replaces its history row" bash -c "[ \$(grep -c '^2026-10,' '$H/out/history.csv') -eq 1 ] && [ \$(wc -l <'$H/out/history.csv') -eq 3 ]"
printf '2026-08,not-a-time,2026-09-01T00:00:00+02:00,1,2,,,,,\n' >>"$H/out/history.csv"
expect_exit "a corrupt history row does not stop the run" 0 "$BIN" pack -v -c "$H/in/review.yaml" -p 2026-10 --as-of $AS_OF --format json
check "the corrupt history row is reported with its line" grep -q "history.csv:4: start or end is not an ISO 8601 time" "$OUT/last.err"

# ---- the cron scenario: each month exported alone builds the history (docs/metrics.md §8, 9) ----
CR=$OUT/cron
rm -rf "$CR" && mkdir -p "$CR/out"
python3 - "$CR" <<'PY'
import csv, sys
d = sys.argv[1]
rows = list(csv.reader(open("inputs/demo/tickets.csv", encoding="utf-8", newline="")))
for m in ("08", "09", "10"):  # what a monthly export of the month alone holds
    keep = [rows[0]] + [r for r in rows[1:] if r[5].startswith("2026-" + m)]
    csv.writer(open(f"{d}/tickets-{m}.csv", "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(keep)
PY
for m in 08 09 10; do
  sed "s|^theme: .*||; s|^roi: .*||; s|^readiness: .*||; s|^baseline: .*||; s|^trend: .*|trend: {periods: 3}|; s|^output: .*|output: {dir: out}|; s|{file: tickets.csv|{file: tickets-$m.csv|; s#{file: \(outages\|surveys\).csv#{file: $ROOT/inputs/demo/\1.csv#; s|: registers/|: $ROOT/inputs/demo/registers/|" inputs/demo/review.yaml >"$CR/review-$m.yaml"
done
expect_exit "cron: August from an August-only export" 0 "$BIN" pack -c "$CR/review-08.yaml" -p 2026-08 --as-of 2026-09-01T06:00:00 --format json
expect_exit "cron: September from a September-only export" 0 "$BIN" pack -c "$CR/review-09.yaml" -p 2026-09 --as-of 2026-10-01T06:00:00 --format json
expect_exit "cron: October from an October-only export" 0 "$BIN" pack -c "$CR/review-10.yaml" -p 2026-10 --as-of 2026-11-01T06:00:00 --format json
check "cron: three months exported alone give three history rows and a three-point trend" python3 - "$CR/out" <<'PY'
import csv, json, sys
d = sys.argv[1]
hist = list(csv.DictReader(open(d + "/history.csv")))
assert [(h["label"], h["coverage"]) for h in hist] == [("2026-08", "covered"), ("2026-09", "covered"), ("2026-10", "covered")], hist
oct_ = json.load(open(d + "/review-2026-10.json"))
assert [t["label"] for t in oct_["trend"]] == ["2026-08", "2026-09", "2026-10"]
assert all(t["opened"] is not None for t in oct_["trend"]), oct_["trend"]  # every point known
for t, h in zip(oct_["trend"], hist):
    assert t["opened"] == int(h["opened"]), (t, h)
assert oct_["previous"]["label"] == "2026-09" and oct_["delta"]["opened"] == oct_["trend"][2]["opened"] - oct_["trend"][1]["opened"]
PY
cp "$CR/out/history.csv" "$CR/history.before"
expect_exit "cron: August re-run with a later (October-only) export is not covered: exit 65" 65 "$BIN" pack -q -c "$CR/review-10.yaml" -p 2026-08 --as-of 2026-11-01T06:00:00 --format json
check "cron: … the warning names the period and the data's span, even with -q" grep -q "warning: the data does not cover the period 2026-08 (1 August 2026 – 31 August 2026): the inputs hold data from 2026-10-01 to" "$OUT/last.err"
check "cron: … its history row is left untouched" cmp "$CR/history.before" "$CR/out/history.csv"
sed 's|^quality: .*|quality: {max_rejected_pct: 5, coverage_gap: 1d}|' "$CR/review-10.yaml" >"$CR/review-10-partial.yaml"
python3 - "$CR/tickets-10.csv" "$CR/tickets-10-early.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
keep = [rows[0]] + [r for r in rows[1:] if r[5] < "2026-10-20"]  # the export stopped on the 20th
for r in keep[1:]:
    for c in (6, 7, 8):
        if r[c] >= "2026-10-20":
            r[c] = ""
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(keep)
PY
sed -i 's|tickets-10.csv|tickets-10-early.csv|' "$CR/review-10-partial.yaml"
expect_exit "cron: October re-run from an export that stops on the 20th: partial, exit 0" 0 "$BIN" pack -q -c "$CR/review-10-partial.yaml" -p 2026-10 --as-of 2026-11-01T06:00:00
check "cron: … a partial run warns even with -q" grep -q "warning: the data covers the period 2026-10 (1 October 2026 – 31 October 2026) only in part" "$OUT/last.err"
check "cron: … a partial row never replaces the covered one" cmp "$CR/history.before" "$CR/out/history.csv"
pdftotext "$CR/out/review-2026-10.pdf" "$CR/partial.txt" 2>/dev/null
check "cron: … the partial pack carries the banner on the cover and the summary" bash -c "[ \$(grep -c 'only in part' '$CR/partial.txt') -ge 3 ]"
check "cron: … its JSON says partial" python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["coverage"]["status"] == "partial" and j["volumes"]["opened"] > 0' "$CR/out/review-2026-10.json"

# ---- not measured is not good (docs/metrics.md §9): variants of the demo without a kind of data ----
NM=$OUT/notmeasured
rm -rf "$NM" && mkdir -p "$NM"
demo_cfg() { # demo_cfg NAME SED-SCRIPT: the demo config with its paths made absolute, then edited
  sed "s|^theme: theme.yaml|theme: $ROOT/inputs/demo/theme.yaml|; s|^roi: roi.yaml|roi: $ROOT/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: $ROOT/inputs/demo/readiness.yaml|; s|{file: \([a-z-]*\).csv|{file: $ROOT/inputs/demo/\1.csv|; s|^output: .*|output: {dir: out-$1}|; s|: registers/|: $ROOT/inputs/demo/registers/|; $2" inputs/demo/review.yaml >"$NM/$1.yaml"
}
demo_cfg no-outages '/outages.csv/d'
demo_cfg no-surveys '/surveys.csv/d'
demo_cfg small-sample 's|^quality: .*|quality: {max_rejected_pct: 5, min_sample: 1000}|'
python3 - "$NM/no-changes.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open("inputs/demo/tickets.csv", encoding="utf-8", newline="")))
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(
    [r for r in rows if r[1] not in ("change", "problem")])
PY
demo_cfg no-changes "s|$ROOT/inputs/demo/tickets.csv|$NM/no-changes.csv|"
for v in no-outages no-surveys no-changes small-sample; do
  expect_exit "variant $v: pack exits 0" 0 "$BIN" pack -c "$NM/$v.yaml" -p 2026-10 --as-of $AS_OF
  json_shape "variant $v: JSON matches the JSON Schema" "$NM/out-$v/review-2026-10.json"
  pdftotext "$NM/out-$v/review-2026-10.pdf" "$NM/$v.txt" 2>/dev/null
done
check "no outage source: availability null (agreed time kept), never 100 %" python3 - "$NM/out-no-outages/review-2026-10.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
for a in j["availability"]:
    assert a["agreed_minutes"] > 0 and a["downtime_minutes"] is None and a["availability_pct"] is None and a["outages"] is None and a["mtrs_minutes"] is None and a["met_target"] is None, a
k = {x["key"]: x for x in j["kpis"]}
assert k["availability_pct"]["value"] is None and k["availability_pct"]["status"] == "no_data"
assert j["trend"][-1]["availability_pct"] is None
assert {e["check"]: e["passed"] for e in j["readiness"]["evidence"]}["availability_measured"] is None  # not checked
PY
check "no outage source: the pack says 'not measured: no outage records', with no downtime chart" bash -c "grep -q 'not measured: no outage records' '$NM/no-outages.txt' && ! grep -q 'met its own target' '$NM/no-outages.txt'"
check "no survey source: the satisfaction section is null and the pack says so" bash -c "python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j[\"satisfaction\"] is None and [k for k in j[\"kpis\"] if k[\"key\"] == \"csat_pct\"][0][\"status\"] == \"no_data\"' '$NM/out-no-surveys/review-2026-10.json' && grep -q 'Customer satisfaction not measured: no survey source' '$NM/no-surveys.txt'"
check "no change or problem records: their figures null, the pack says so instead of zeros" bash -c "python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))[\"efficiency\"]; assert e[\"change_success_pct\"] is None and e[\"emergency_change_pct\"] is None and e[\"problems\"] == {\"opened\": None, \"resolved\": None, \"open_end\": None}, e' '$NM/out-no-changes/review-2026-10.json' && grep -q 'no change records' '$NM/no-changes.txt' && grep -q 'no problem records' '$NM/no-changes.txt'"
check "min_sample above every sample: every share small_sample, shown with its n, never coloured" python3 - "$NM/out-small-sample/review-2026-10.json" "$NM/small-sample.txt" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
k = {x["key"]: x for x in j["kpis"]}
for key in ("response_attainment_pct", "resolution_attainment_pct", "csat_pct", "nps", "reopen_rate_pct", "change_success_pct"):
    assert k[key]["status"] == "small_sample" and k[key]["n"] < 1000, k[key]
assert k["availability_pct"]["status"] == "green"  # a measurement, never a sample
text = " ".join(open(sys.argv[2], encoding="utf-8").read().split())
assert "90.7 % (n = 107)" in text and "small sample" in text
PY
# the same statuses in the JSON, the KPI CSV and the workbook's Summary sheet
for v in small-sample; do
  "$BIN" metrics -c "$NM/$v.yaml" -p 2026-10 --as-of $AS_OF --format csv >"$NM/$v.csv" 2>/dev/null
done
"$BIN" metrics -c inputs/demo/review.yaml -p 2026-10 --as-of $AS_OF --format csv >"$NM/demo.csv" 2>/dev/null
mkdir -p "$NM/x-demo" "$NM/x-small" && (cd "$NM/x-demo" && unzip -q -o "$D/review-2026-10.xlsx") && (cd "$NM/x-small" && unzip -q -o "$NM/out-small-sample/review-2026-10.xlsx")
status_agree() { python3 - "$@" <<'PY'
import csv, json, re, sys, html
js, kcsv, xdir = sys.argv[1:4]
j = json.load(open(js))
words = {"green": "on target", "amber": "watch", "red": "off target", "small_sample": "small sample", "no_target": "no target", "no_data": "no data"}
kp = [k for k in j["kpis"] if k["key"] != "emergency_change_pct"]  # the summary's rows
if j["readiness"] is None:
    kp = [k for k in kp if k["key"] != "readiness_pct"]
rows = {r["kpi"]: r for r in csv.DictReader(open(kcsv)) if r["scope"] == "all"}
for k in j["kpis"]:
    assert rows[k["key"]]["status"] == k["status"], (k, rows[k["key"]])
strings = [html.unescape(s) for s in re.findall(r"<si><t[^>]*>([^<]*)</t></si>", open(xdir + "/xl/sharedStrings.xml", encoding="utf-8").read())]
sheet = open(xdir + "/xl/worksheets/sheet1.xml", encoding="utf-8").read()
got = []
for cell in re.findall(r'<c r="E(\d+)"[^>]*?(?:/>|>.*?</c>)', sheet, re.S):
    pass
for m in re.finditer(r'<c r="E(\d+)"([^>]*?)(/>|>(.*?)</c>)', sheet, re.S):
    attrs, body = m.group(2), m.group(4) or ""
    v = re.search(r"<v>([^<]*)</v>", body)
    if 't="s"' in attrs and v:
        got.append(strings[int(v.group(1))])
    elif 't="str"' in attrs and v:
        got.append(html.unescape(v.group(1)))
got = [g for g in got if g in words.values()]
assert got == [words[k["status"]] for k in kp], (got, [k["status"] for k in kp])
PY
}
check "the demo's KPI statuses agree in the JSON, the KPI CSV and the workbook" status_agree "$D/review-2026-10.json" "$NM/demo.csv" "$NM/x-demo"
check "the small-sample variant's statuses agree in the JSON, the KPI CSV and the workbook" status_agree "$NM/out-small-sample/review-2026-10.json" "$NM/small-sample.csv" "$NM/x-small"

# ---- a period the data does not cover: after the data, before it ----
for per in 2027-01:after 2026-01:before; do
  p=${per%%:*}; w=${per#*:}
  rm -rf "$NM/out-$w"
  demo_cfg "$w" ''
  expect_exit "a period $w the data (exit 65, the pack still written)" 65 "$BIN" pack -q -c "$NM/$w.yaml" -p "$p" --as-of 2027-02-01T06:00:00
  check "… $w: the warning names the period and the data's span even with -q" grep -q "warning: the data does not cover the period $p (.*): the inputs hold data from 2026-04-06 to 2026-11-01" "$OUT/last.err"
  check "… $w: every figure null, every KPI no_data but readiness, no history written" python3 - "$NM/out-$w/review-$p.json" "$NM/out-$w" <<'PY'
import json, os, sys
j = json.load(open(sys.argv[1]))
assert j["coverage"]["status"] == "not_covered"
assert all(v is None for v in (j["volumes"]["opened"], j["volumes"]["backlog_end"], j["sla"]["response_attainment_pct"], j["satisfaction"]["csat_pct"], j["satisfaction"]["responses"], j["efficiency"]["reopen_rate_pct"]))
assert all(a["availability_pct"] is None and a["agreed_minutes"] >= 0 for a in j["availability"])
assert j["trend"][-1]["opened"] is None
assert all(k["status"] == "no_data" for k in j["kpis"] if k["key"] != "readiness_pct")
assert all(l["current_annual"] is None for l in j["roi"]["lines"] if l["measured"])
assert not os.path.exists(sys.argv[2] + "/history.csv")
PY
  json_shape "… $w: JSON matches the JSON Schema" "$NM/out-$w/review-$p.json"
  pdftotext "$NM/out-$w/review-$p.pdf" "$NM/$w.txt" 2>/dev/null
  check "… $w: the PDF carries the banner on the cover and the summary" bash -c "[ \$(grep -c 'does not cover' '$NM/$w.txt') -ge 3 ]"
done
expect_exit "check -p exits 65 for a period the data does not cover" 65 "$BIN" check -c inputs/demo/review.yaml -p 2027-01
check "check prints each source's span" bash -c "grep -q '^  span   2026-04-06 09:15 .. 2026-11-01 04:22' '$OUT/last.out' && grep -q '^period 2027-01: not_covered' '$OUT/last.out'"
expect_exit "check without -p exits 0" 0 "$BIN" check -c inputs/demo/review.yaml

# ---- a ServiceNow list export without an outage source: availability is not measured ----
SN=$OUT/servicenow
rm -rf "$SN" && mkdir -p "$SN"
printf 'timezone: UTC\nsources: [{file: %s/tests/fixtures/profiles/servicenow-list.csv, profile: servicenow-incident}]\nservices: [{name: Email, availability_target: 99.9}]\nsla: {incident: {1: {respond: 15m, resolve: 4h}, 2: {respond: 1h, resolve: 8h}, 3: {respond: 4h, resolve: 3d}}}\ntargets: {availability_pct: {target: 99.5}}\n' "$ROOT" >"$SN/review.yaml"
snp=2025-02 # the fixture's tickets open in February 2025
"$BIN" pack -c "$SN/review.yaml" -p "$snp" -o "$SN/out" --as-of 2025-03-01T00:00:00 >"$SN/pack.log" 2>&1
pdftotext "$SN/out/review-$snp.pdf" "$SN/pack.txt" 2>/dev/null
check "ServiceNow without outages: availability null, status no_data; the pack says 'not measured', never 'met its target'" python3 - "$SN/out/review-$snp.json" "$SN/pack.txt" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["availability"] and all(a["availability_pct"] is None for a in j["availability"]), j["availability"]
assert j["kpis"][0]["key"] == "availability_pct" and j["kpis"][0]["status"] == "no_data"
assert j["satisfaction"] is None
text = " ".join(open(sys.argv[2], encoding="utf-8").read().split())
assert "not measured: no outage records" in text and "met its own target" not in text
PY

# ---- the same export in other encodings and layouts reads the same tickets ----
V=$OUT/variants
mkdir -p "$V"
cp inputs/demo/outages.csv inputs/demo/surveys.csv "$V/"
python3 - "$V" <<'PY'
import csv, gzip, io, sys
d = sys.argv[1]
rows = list(csv.reader(open("inputs/demo/tickets.csv", encoding="utf-8", newline="")))
def text(delim, crlf=False):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    return buf.getvalue()
open(d + "/semicolon.csv", "w", encoding="utf-8", newline="").write(text(";"))
open(d + "/bom-crlf.csv", "wb").write(b"\xef\xbb\xbf" + text(",", True).encode("utf-8"))
open(d + "/utf16.csv", "wb").write(b"\xff\xfe" + text("\t", True).encode("utf-16-le"))
open(d + "/utf16be.csv", "wb").write(b"\xfe\xff" + text(",").encode("utf-16-be"))
open(d + "/cp1252.csv", "wb").write(text(",").encode("cp1252", errors="replace"))
open(d + "/plain.csv.gz", "wb").write(gzip.compress(text(",").encode("utf-8"), mtime=0))
PY
strip_quality() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("quality"); print(json.dumps(d, sort_keys=True))' "$1"; }
base_cfg() { sed "s|^theme: theme.yaml|theme: $ROOT/inputs/demo/theme.yaml|; s|^roi: roi.yaml|roi: $ROOT/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: $ROOT/inputs/demo/readiness.yaml|; s|^roi: roi.yaml|roi: $ROOT/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: $ROOT/inputs/demo/readiness.yaml|; s|{file: tickets.csv, profile: tickets}|{file: $1, profile: tickets$2}|; s|output: .*||; s|: registers/|: $ROOT/inputs/demo/registers/|" inputs/demo/review.yaml >"$V/$1.yaml"; }
"$BIN" metrics -c inputs/demo/review.yaml -p 2026-10 --as-of $AS_OF >"$V/base.json" 2>/dev/null
strip_quality "$V/base.json" >"$V/base.txt"
for f in semicolon.csv bom-crlf.csv utf16.csv utf16be.csv cp1252.csv plain.csv.gz; do
  extra=""
  [ "$f" = cp1252.csv ] && extra=", encoding: cp1252"
  base_cfg "$f" "$extra"
  "$BIN" metrics -c "$V/$f.yaml" -p 2026-10 --as-of $AS_OF >"$V/$f.json" 2>"$V/$f.err"
  strip_quality "$V/$f.json" >"$V/$f.txt" 2>/dev/null
  check "variant $f reads the same tickets" cmp "$V/base.txt" "$V/$f.txt"
  check "variant $f accounts for every row, at the same lines" python3 -c '
import json,sys
q=json.load(open(sys.argv[1]))["quality"]["sources"][0]
b=json.load(open(sys.argv[2]))["quality"]["sources"][0]
assert (q["rows_read"], q["rows_accepted"], q["rows_rejected"]) == (b["rows_read"], b["rows_accepted"], b["rows_rejected"]), (q, b)
assert q["rows_rejected"] > 0
lines = lambda s: sorted(e.split(":")[1] for r in s["reasons"] for e in r["examples"])
assert lines(q) == lines(b), (q["reasons"], b["reasons"])' "$V/$f.json" "$V/base.json"
done

# ---- non-ASCII text in the PDF ----
sed 's|^theme: theme.yaml|theme: '"$ROOT"'/inputs/demo/theme.yaml|; s|^roi: roi.yaml|roi: '"$ROOT"'/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: '"$ROOT"'/inputs/demo/readiness.yaml|; s/^scope: .*/scope: "Écran noir und Überweisung: Tjänster för ÅÄÖ"/; s|: registers/|: '"$ROOT"'/inputs/demo/registers/|' inputs/demo/review.yaml >"$C/unicode.yaml"
sed -i 's|output: .*|output: {dir: out-unicode}|' "$C/unicode.yaml"
expect_exit "pack with a Unicode scope exits 0" 0 "$BIN" pack -c "$C/unicode.yaml" --format pdf --as-of $AS_OF
pdftotext "$C/out-unicode/review-2026-10.pdf" "$OUT/unicode.txt" 2>/dev/null
check "PDF shows Écran noir and Überweisung" grep -q "Écran noir und Überweisung: Tjänster för ÅÄÖ" "$OUT/unicode.txt"
sed "s|^theme: .*|theme: $ROOT/themes/high-contrast.yaml|; s|^roi: roi.yaml|roi: $ROOT/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: $ROOT/inputs/demo/readiness.yaml|; s|output: .*|output: {dir: out-contrast}|; s|{file: \([a-z]*\).csv|{file: $ROOT/inputs/demo/\1.csv|; s|: registers/|: $ROOT/inputs/demo/registers/|" inputs/demo/review.yaml >"$C/contrast.yaml"
expect_exit "pack with the high-contrast theme exits 0" 0 "$BIN" pack -c "$C/contrast.yaml" --format pdf --as-of $AS_OF
check "the high-contrast pack differs from the default one only in looks" bash -c "pdftotext '$C/out-contrast/review-2026-10.pdf' - 2>/dev/null | grep -q 'Brückner & Søn Logistik GmbH' && ! cmp -s '$C/out-contrast/review-2026-10.pdf' '$D/review-2026-10.pdf'"
check "--format pdf writes only the PDF" bash -c "[ ! -e '$C/out-unicode/review-2026-10.json' ] && [ ! -e '$C/out-unicode/review-2026-10.xlsx' ]"

# ---- edge packs: an empty period, one ticket, 200 services with long and non-Latin names ----
E=$OUT/edge
mkdir -p "$E"
python3 - "$E" <<'PY'
import sys
d = sys.argv[1]
hdr = "id,kind,service,priority,status,opened_at,first_response_at,resolved_at,closed_at,title\n"
open(d + "/single.csv", "w").write(hdr + "S1,incident,Email,1,closed,2026-10-05 10:00,2026-10-05 10:05,2026-10-05 11:00,,Только один\n")
long_name = "Εξαιρετικά μακρύ όνομα υπηρεσίας " + "x" * 266
rows = [hdr]
for i in range(200):
    svc = long_name if i == 7 else f"Сервис {i:03d} — Υπηρεσία"
    for k in range(2):
        rows.append(f"M{i}-{k},incident,{svc},{1 + (i + k) % 4},closed,2026-10-{1 + i % 28:02d} 09:00,"
                    f"2026-10-{1 + i % 28:02d} 09:20,2026-10-{1 + i % 28:02d} 15:00,,Заявка {i}\n")
open(d + "/many.csv", "w").write("".join(rows))
out = ["service,start,end,type\n"] + [f"Сервис {i:03d} — Υπηρεσία,2026-10-10 10:00,2026-10-10 10:{10 + i % 40},outage\n" for i in range(0, 200, 4)]
open(d + "/many-outages.csv", "w").write("".join(out))
PY
base='timezone: Europe/Berlin\nsla: {incident: {1: {respond: 15m, resolve: 4h}, 2: {respond: 30m, resolve: 8h}}}\ntargets: {csat_pct: {target: 90}}\n'
printf "${base}sources: [{file: single.csv, profile: tickets}]\n" >"$E/single.yaml"
printf "${base}sources: [{file: many.csv, profile: tickets}, {file: many-outages.csv, profile: outages}]\n" >"$E/many.yaml"
for edge in "empty:single.yaml:2027-03:65" "single:single.yaml:2026-10:0" "many:many.yaml:2026-10:0"; do
  name=${edge%%:*}; rest=${edge#*:}; cfg=${rest%%:*}; rest=${rest#*:}; per=${rest%%:*}; code=${rest#*:}
  # 'empty' is a period after the data: not covered, exit 65, the pack still written
  expect_exit "edge pack '$name' renders (exit $code)" "$code" "$BIN" pack -c "$E/$cfg" -p "$per" -o "$E/out-$name" --as-of $AS_OF
  pdf="$E/out-$name/review-$per.pdf"
  pdftotext "$pdf" "$E/$name.txt" 2>/dev/null
  check "edge pack '$name': fonts embedded" bash -c "pdffonts '$pdf' 2>/dev/null | tail -n +3 | awk '{ if (\$(NF-4) != \"yes\") bad=1 } END { exit bad }'"
  check "edge pack '$name': bookmarks for every section" python3 tests/e2e/pdfcheck.py "$pdf" "$E/$name.txt" "$E/out-$name/review-$per.json" bookmarks
  check "edge pack '$name': no NaN or infinity in the text" bash -c "! grep -qiw -e nan -e inf -e -nan '$E/$name.txt'"
  json_shape "edge pack '$name' JSON matches the JSON Schema" "$E/out-$name/review-$per.json"
done
check "edge pack 'empty': ratios show n/a" grep -q "n/a" "$E/empty.txt"
check "edge pack 'single': the one ticket counts" python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["volumes"]["opened"] == 1 and j["sla"]["response_attainment_pct"] == 100' "$E/out-single/review-2026-10.json"
check "edge pack 'many': Cyrillic and Greek names show" bash -c "tr -s ' \n' '  ' <'$E/many.txt' | grep -q 'Сервис 199 — Υπηρεσία'"
check "edge pack 'many': all 200 services are in the availability table" bash -c "[ \$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))[\"availability\"]))' '$E/out-many/review-2026-10.json') -eq 200 ]"

# ---- workbook safety: formula-like titles stay text, long texts are cut, >1,048,575 rows split ----
W=$OUT/workbook
mkdir -p "$W"
python3 - "$W" <<'PY'
import sys
d = sys.argv[1]
hdr = "id,kind,service,priority,opened_at,resolved_at,title\n"
rows = [hdr,
        'F1,incident,Email,1,2026-10-02 10:00,2026-10-02 11:00,"=HYPERLINK(""http://x"",""y"")"\n',
        "F2,incident,Email,1,2026-10-02 10:00,2026-10-02 11:00,@SUM(1)\n",
        "F3,incident,Email,1,2026-10-02 10:00,2026-10-02 11:00," + "Ä" * 40000 + "\n"]
open(d + "/unsafe.csv", "w", encoding="utf-8").write("".join(rows))
PY
printf 'timezone: UTC\nsources: [{file: unsafe.csv, profile: tickets}]\n' >"$W/unsafe.yaml"
expect_exit "workbook with formula-like and very long titles" 0 "$BIN" pack -c "$W/unsafe.yaml" -p 2026-10 -o "$W/out" --as-of $AS_OF --format xlsx
mkdir -p "$W/x" && (cd "$W/x" && unzip -q -o ../out/review-2026-10.xlsx)
check "formula-like titles are text cells, not formulas" python3 - "$W/x" <<'PY'
import html, re, sys, glob
d = sys.argv[1]
strings = open(d + "/xl/sharedStrings.xml", encoding="utf-8").read()
assert html.unescape(strings).count("=HYPERLINK(\"http://x\",\"y\")") == 1 and "@SUM(1)" in strings
for f in glob.glob(d + "/xl/worksheets/sheet*.xml"):
    body = open(f, encoding="utf-8").read()
    assert "HYPERLINK" not in body and "SUM(1)" not in body, f
PY
check "a 40,000-character title is cut to Excel's limit with a marker, and counted" python3 - "$W/x" <<'PY'
import re, sys, html
d = sys.argv[1]
strings = [html.unescape(s) for s in re.findall(r"<t[^>]*>([^<]*)</t>", open(d + "/xl/sharedStrings.xml", encoding="utf-8").read())]
cut = [s for s in strings if s.endswith(" […cut]")]
assert len(cut) == 1 and len(cut[0]) == 32767, [len(s) for s in cut]
assert any("1 text cell was longer than Excel's 32,767 characters: cut" in s for s in strings)
PY

# ---- LibreOffice recalculates the workbook's formulas to the program's own values ----
if command -v soffice >/dev/null 2>&1; then
  L=$OUT/libreoffice
  mkdir -p "$L" && cp "$D/review-2026-10.xlsx" "$L/"
  # soffice_csv FILE.xlsx SHEET: every sheet to FILE-SHEET.csv, recalculated, with a profile of
  # its own; a first start in a new profile sometimes exits without converting, so try twice
  soffice_csv() {
    local try
    for try in 1 2; do
      (cd "$L" && HOME="$L" timeout 300 soffice -env:UserInstallation="file://$L/profile" --headless --calc \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' "$1" >>soffice.log 2>&1)
      [ -s "$L/${1%.xlsx}-$2.csv" ] && return 0
      echo "# soffice attempt $try made no $L/${1%.xlsx}-$2.csv: $(tail -c 300 "$L/soffice.log")"
    done
    return 1
  }
  soffice_csv review-2026-10.xlsx Summary
  check "LibreOffice recalculates the Summary's statuses to the program's marks" python3 - "$L/review-2026-10-Summary.csv" "$D/review-2026-10.json" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
j = json.load(open(sys.argv[2]))
status = {r[0]: r[4] for r in rows if len(r) > 4}
assert status["Service availability (all services)"] == "on target", status
assert status["Change success"] == "watch"  # 90.38 % against 95, amber 90 (an editable cell)
assert status["Reopen rate"] == "on target"  # lower is better: 4.19 % against 5
assert status["Net promoter score"] == "no target"
value = {r[0]: float(r[1]) for r in rows if len(r) > 1 and r[1].replace(".", "", 1).isdigit()}
assert abs(value["Customer satisfaction (CSAT)"] - j["satisfaction"]["csat_pct"]) < 0.005
PY
  # the ROI sheet's formulas, with every cached value removed, recalculate to the JSON's figures
  python3 - "$D/review-2026-10.xlsx" "$L/stripped.xlsx" <<'PY'
import re, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
wb, rels = src.read("xl/workbook.xml").decode(), src.read("xl/_rels/workbook.xml.rels").decode()
rid = re.search(r'<sheet name="ROI" sheetId="\d+" r:id="(rId\d+)"', wb).group(1)
target = "xl/" + re.search(r'Id="%s" Type="[^"]+" Target="([^"]+)"' % rid, rels).group(1)
out = zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == target:
        text = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", data.decode())
        data = re.sub(r'(<c r="[A-Z]+\d+"[^>]*) t="str"([^>]*><f>)', r"\1\2", text).encode()
    out.writestr(item, data)
out.close()
PY
  soffice_csv stripped.xlsx ROI
  check "the ROI sheet's live formulas recalculate to the JSON's NPV, ROI, payback and IRR" python3 - "$L/stripped-ROI.csv" "$D/review-2026-10.json" <<'PY'
import csv, json, sys
got = {r[0]: r[1] for r in csv.reader(open(sys.argv[1], encoding="utf-8")) if len(r) > 1}
roi = json.load(open(sys.argv[2]))["roi"]
assert abs(float(got["NPV"]) - roi["npv"]) < 0.01, (got["NPV"], roi["npv"])
assert abs(float(got["ROI %"]) - roi["roi_pct"]) < 0.01
assert abs(float(got["Payback (months)"]) - roi["payback_months"]) < 0.05
irr = got["IRR"]  # a fraction shown as a percentage
assert abs((float(irr[:-1]) / 100 if irr.endswith("%") else float(irr)) - roi["irr"]) < 0.0001
assert abs(float(got["PV of costs"]) - roi["pv_costs"]) < 0.01
PY
else
  echo "# skipped: LibreOffice (soffice) is not installed, so the workbook's formulas are not recalculated (make check installs libreoffice-calc-nogui)"
fi

# ---- spreadsheet sources (docs/spreadsheets.md): the demo's inputs, and its registers with the most date
# and number cells, saved by LibreOffice as .xlsx, .ods and .xls make the same pack as the CSV
# files; a file that is no table stops the run, no pack ----
W=$OUT/workbooks
mkdir -p "$W" && cp inputs/demo/*.* "$W/" && cp -r inputs/demo/registers "$W/"
if command -v soffice >/dev/null 2>&1; then
  for fmt in xlsx ods xls; do
    for f in tickets outages surveys registers/actions registers/risks registers/capacity; do
      for try in 1 2; do
        (cd "$W" && HOME="$W" timeout 300 soffice -env:UserInstallation="file://$W/profile" --headless --calc \
          --infilter='CSV:44,34,76,1' --convert-to "$fmt" --outdir "$(dirname "$f")" "$f.csv" >>soffice.log 2>&1)
        [ -s "$W/$f.$fmt" ] && break
      done
    done
    sed "s/\(tickets\|outages\|surveys\|actions\|risks\|capacity\)\.csv/\1.$fmt/" "$W/review.yaml" >"$W/review-$fmt.yaml"
    expect_exit "pack from .$fmt sources exits 0" 0 "$BIN" pack -c "$W/review-$fmt.yaml" -o "$W/out-$fmt" --as-of $AS_OF --format json,xlsx
    check "the pack from .$fmt sources has the JSON of the pack from the CSV files (sha256 and file names aside)" python3 - "$D/review-2026-10.json" "$W/out-$fmt/review-2026-10.json" "$fmt" <<'PY'
import json, re, sys
def norm(path, ext):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r'"sha256": "[0-9a-f]{64}"', '"sha256": ""', text)
    text = re.sub(r'"bytes": [0-9]+', '"bytes": 0', text)
    return re.sub(r'\b(tickets|outages|surveys|actions|risks|capacity)\.' + ext + r'\b', r'\1.X', text)
a, b = norm(sys.argv[1], "csv"), norm(sys.argv[2], sys.argv[3])
assert a == b, "\n".join(x + " | " + y for x, y in zip(a.splitlines(), b.splitlines()) if x != y)[:2000]
PY
    expect_exit "check reads .$fmt sources" 0 "$BIN" check -c "$W/review-$fmt.yaml"
    check "check prints each source's format and sheets (.$fmt)" grep -q "^  format $fmt, sheets: tickets$" "$OUT/last.out"
  done
else
  echo "# skipped: LibreOffice (soffice) is not installed, so no workbook copies of the demo inputs (make check installs libreoffice-calc-nogui)"
fi
printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n' >"$W/tickets.pdf"
sed 's/tickets\.csv/tickets.pdf/' "$W/review.yaml" >"$W/review-pdf.yaml"
expect_exit "a PDF source stops pack with exit 65" 65 "$BIN" pack -c "$W/review-pdf.yaml" -o "$W/out-pdf" --as-of $AS_OF
check "the message says what the file is and what to export" grep -q "tickets.pdf: error: a PDF document, not a table: export the list as CSV or Excel (.xlsx) instead" "$OUT/last.err"
check "no pack is written when a source cannot be read" bash -c "! ls '$W/out-pdf' 2>/dev/null | grep -q 'review-'"
expect_exit "a PDF source stops check with exit 65" 65 "$BIN" check -c "$W/review-pdf.yaml"

# ---- the threshold of constant-memory ticket sheets: 50,000 ticket rows keep their Excel table,
# 50,001 do not; the other sheets keep theirs, and the ROI sheet is written either way ----
B=$OUT/cm
mkdir -p "$B"
python3 - "$B" <<'PY'
import sys
for n in (50000, 50001):
    with open(f"{sys.argv[1]}/t{n}.csv", "w") as f:
        f.write("id,kind,service,priority,opened_at,resolved_at,title\n")
        for i in range(n):
            f.write(f"C{i},incident,Email,3,2026-10-{1 + i % 28:02d} 10:00:00,,t\n")
PY
for n in 50000 50001; do
  printf 'timezone: UTC\nsources: [{file: t%s.csv, profile: tickets}]\ntrend: {periods: 1}\nroi: %s\nservices: [{name: Email}, {name: Warehouse Scanning}, {name: Customer Portal}]\n' \
    "$n" "$ROOT/inputs/demo/roi.yaml" >"$B/t$n.yaml"
  expect_exit "$n ticket rows and an ROI sheet: the workbook is written" 0 "$BIN" pack -q -c "$B/t$n.yaml" -p 2026-10 -o "$B/out$n" --as-of $AS_OF --format xlsx
  mkdir -p "$B/x$n" && (cd "$B/x$n" && unzip -q -o "../out$n/review-2026-10.xlsx")
done
T1=$(sheet_part "$B/x50000" Tickets) T2=$(sheet_part "$B/x50001" Tickets)
check "50,000 ticket rows: the ticket sheet is an Excel table" bash -c "grep -q '<tablePart ' '$B/x50000/$T1' && grep -q '<dimension ref=\"A1:X50001\"/>' '$B/x50000/$T1'"
check "50,001 ticket rows: the ticket sheet in constant-memory mode, with an autofilter" bash -c "grep -q '<autoFilter ref=\"A1:X50002\"/>' '$B/x50001/$T2' && ! grep -q '<tablePart' '$B/x50001/$T2'"
check "50,001 ticket rows: the other sheets keep their Excel tables" bash -c "grep -q '<tablePart ' '$B/x50001/$(sheet_part "$B/x50001" Summary)'"
rm -rf "$B"

# ---- event logs (docs/configuration.md §5): the same log as CSV, XES, gzipped XES and a workbook makes the
# same pack; a ServiceNow audit log rewritten as a generic event log gives the profile's figures ----
EV=$OUT/events
mkdir -p "$EV" && cp tests/fixtures/events/* "$EV/"
gzip -c "$EV/helpdesk.xes" >"$EV/helpdesk.xes.gz"
sed 's/helpdesk\.xes/helpdesk.xes.gz/' "$EV/helpdesk-xes.yaml" >"$EV/helpdesk-xesgz.yaml"
for form in helpdesk helpdesk-xes helpdesk-xesgz; do
  expect_exit "pack from the event log ($form) exits 0" 0 "$BIN" pack -c "$EV/$form.yaml" -o "$EV/out-$form" -p 2026-10 --as-of $AS_OF --format json,xlsx
  json_shape "event-log pack JSON ($form) matches the JSON Schema" "$EV/out-$form/review-2026-10.json"
done
for form in helpdesk-xes helpdesk-xesgz; do
  check "the event log as $form makes the JSON of the CSV log (file names and hashes aside)" python3 - "$EV/out-helpdesk/review-2026-10.json" "$EV/out-$form/review-2026-10.json" <<'PY'
import json, sys
def norm(path):
    doc = json.load(open(path, encoding="utf-8"))
    for s in doc["quality"]["sources"]:
        s["file"] = s["sha256"] = None
        for r in s["reasons"]:
            r["examples"] = None
    return doc
a, b = norm(sys.argv[1]), norm(sys.argv[2])
assert a == b, [k for k in a if a[k] != b[k]]
PY
done
check "the event-log pack's ticket detail shows the rebuilt fields and the paused minutes" python3 - "$EV/out-helpdesk/review-2026-10.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
sheet = z.read("xl/worksheets/sheet%d.xml" % (names.index("Tickets") + 1)).decode()
rows = {}
for r, cells in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', sheet):
    row = {}
    for ref, attrs, v in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(?:<f>[^<]*</f>)?<v>([^<]*)</v>', cells):
        row[ref] = strings[int(v)] if 't="s"' in attrs else v
    rows[int(r)] = row
header = rows[1]
assert header["M"] == "reopen_count" and header["R"] == "resolution_sla" and header["U"] == "paused_minutes", header
t1 = next(r for r in rows.values() if r.get("A") == "T1")
assert t1["E"] == "resolved" and t1["K"] == "carl" and t1["M"] == "1" and t1["N"] == "2", t1
# resolved after 27 h, 2.5 h of them on hold: 1,470 minutes net of 480, breached
assert t1["R"] == "breached" and float(t1["T"]) == 1470 and float(t1["U"]) == 150, t1
t7 = next(r for r in rows.values() if r.get("A") == "T7")
# on hold from 10-20 10:00 to the period's end after 2 h of work: open, 120 minutes on the clock
assert t7["E"] == "on_hold" and t7["R"] == "open" and float(t7["T"]) == 120 and float(t7["U"]) == 16680, t7
PY
check "the event-log pack: 7 incidents opened in October, 1 cancelled, 3 resolved" python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))["volumes"]; assert (v["opened"], v["cancelled"], v["resolved"], v["backlog_end"]) == (7, 1, 3, 4), v' "$EV/out-helpdesk/review-2026-10.json"
# Worked by hand (24x7, targets by priority 2: 1h/8h, 3: 4h/3d, 4: 8h/5d; on_hold pauses):
# response met by T1 (60 min, 30 of them on hold), T2, T3, T4, T6 (3 h of 4), T7; breached by T8
# (25 h of 1); resolution met by T2 (9 h of 5 d) and T3 (52 h of 3 d), breached by T1 (27 h less
# 2.5 h paused, of 8 h); open breached at the period's end: T4, T6, T8 but not T7, whose pause
# (on hold since 10-20 10:00, still open) leaves 2 h of its 5 d on the clock.
check "the event-log pack's SLA, paused intervals stopping the clock: response 6 of 7, resolution 2 of 3, 3 open breached" python3 - "$EV/out-helpdesk/review-2026-10.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["sla"]
got = {(r["priority"], k): (r[k]["met"], r[k]["breached"]) for r in s["by_priority"] for k in ("response", "resolution")}
assert got == {(2, "response"): (2, 1), (2, "resolution"): (0, 1), (3, "response"): (2, 0),
               (3, "resolution"): (1, 0), (4, "response"): (2, 0), (4, "resolution"): (1, 0)}, got
assert (s["response_attainment_pct"], s["resolution_attainment_pct"], s["open_breached"]) == (85.71, 66.67, 3), s
PY
expect_exit "check reads the XES log" 0 env SOURCE_DATE_EPOCH=1793512800 "$BIN" check -c "$EV/helpdesk-xes.yaml"
check "check prints the log's events, cases, span and activities" bash -c "grep -q '^  format xes\$' '$OUT/last.out' && grep -q '^  events 39 read, 8 cases rebuilt into tickets, 1 rejected, 1 after as-of, from 2026-10-01T08:00:00+00:00 to 2026-11-05T08:00:00+00:00\$' '$OUT/last.out' && grep -q '^  activity      1  Assign seriousness -> (unmapped: keeps the state)\$' '$OUT/last.out' && grep -q '^  activity     12  Insert ticket -> new\$' '$OUT/last.out'"
if command -v soffice >/dev/null 2>&1; then
  (cd "$EV" && HOME="$EV" timeout 300 soffice -env:UserInstallation="file://$EV/profile" --headless --calc \
    --infilter='CSV:44,34,76,1' --convert-to xlsx helpdesk.csv >>soffice.log 2>&1)
  sed 's/helpdesk\.csv/helpdesk.xlsx/' "$EV/helpdesk.yaml" >"$EV/helpdesk-xlsx.yaml"
  expect_exit "pack from the event log saved by LibreOffice as .xlsx exits 0" 0 "$BIN" pack -c "$EV/helpdesk-xlsx.yaml" -o "$EV/out-xlsx" -p 2026-10 --as-of $AS_OF --format json
  check "the .xlsx event log makes the JSON of the CSV log" python3 -c 'import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:]); [a.pop("quality"), b.pop("quality")]; assert a == b' "$EV/out-helpdesk/review-2026-10.json" "$EV/out-xlsx/review-2026-10.json"
fi
# the ServiceNow audit-log fixture and the real log (tests/data), rewritten as generic event logs
# by tests/e2e/sn_to_events.py: the same volumes, resolution times and reopen rate (SLA
# attainment may differ a little: where the audit rows show the Resolved state before the
# recorded resolution time, the rewritten log resolves, and ends a pause, at the recorded time)
sn_events_config() { # sn_events_config FILE: a config reading FILE as a generic event log
  cat <<YAML
timezone: UTC
sources:
  - file: $1
    profile: generic
    kind: incident
    time_format: "%d/%m/%Y %H:%M"
    events:
      case: case
      activity: activity
      time: time
      states: {Open: new, New: new, Active: in_progress, Awaiting User Info: on_hold, Awaiting Problem: on_hold,
               Awaiting Vendor: on_hold, Awaiting Evidence: on_hold, Resolved: resolved, Closed: closed, Canceled: cancelled}
    columns: {priority: priority, group: group, channel: channel, assignee: assignee}
sla:
  incident: {1: {respond: 15m, resolve: 4h}, 2: {respond: 30m, resolve: 8h}, 3: {respond: 4h, resolve: 3d}, 4: {respond: 8h, resolve: 5d}}
  pause_states: [on_hold]
quality: {max_rejected_pct: 100}
YAML
}
sn_profile_config() { # the same incidents through the servicenow-incident profile
  sn_events_config x | sed -n '1,2p'
  echo "  - {file: $1, profile: servicenow-incident}"
  sn_events_config x | sed -n '/^sla:/,$p'
}
same_figures() { # same_figures NAME A.json B.json
  check "$1" python3 - "$2" "$3" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for key in ("volumes", "times", "efficiency"):
    x, y = a[key], b[key]
    if key == "times":
        x, y = x["resolution_minutes"], y["resolution_minutes"]
    if key == "efficiency":
        x, y = x["reopen_rate_pct"], y["reopen_rate_pct"]
    assert x == y, (key, x, y)
PY
}
python3 tests/e2e/sn_to_events.py tests/fixtures/profiles/servicenow-eventlog.csv "$EV/sn-fixture-events.csv"
sn_events_config sn-fixture-events.csv >"$EV/sn-fixture-events.yaml"
sn_profile_config "$ROOT/tests/fixtures/profiles/servicenow-eventlog.csv" >"$EV/sn-fixture.yaml"
"$BIN" metrics -q -c "$EV/sn-fixture.yaml" -p 2016-03 --as-of 2016-06-01T00:00:00 >"$EV/sn-fixture.json" 2>/dev/null
expect_exit "the ServiceNow fixture as a generic event log: metrics exits 0" 0 "$BIN" metrics -c "$EV/sn-fixture-events.yaml" -p 2016-03 --as-of 2016-06-01T00:00:00
cp "$OUT/last.out" "$EV/sn-fixture-events.json"
same_figures "the ServiceNow fixture as an event log: the profile's volumes, resolution times and reopen rate" "$EV/sn-fixture.json" "$EV/sn-fixture-events.json"
if unzip -o -q tests/data/uci-servicenow/incident_event_log.zip -d "$EV" 2>/dev/null; then
  python3 tests/e2e/sn_to_events.py "$EV/incident_event_log.csv" "$EV/uci-events.csv"
  sn_events_config uci-events.csv >"$EV/uci-events.yaml"
  sn_profile_config incident_event_log.csv >"$EV/uci.yaml"
  "$BIN" metrics -q -c "$EV/uci.yaml" -p 2016 --as-of 2017-01-01T00:00:00 >"$EV/uci.json" 2>/dev/null
  expect_exit "the real ServiceNow log as a generic event log: metrics exits 0" 0 "$BIN" metrics -q -c "$EV/uci-events.yaml" -p 2016 --as-of 2017-01-01T00:00:00
  cp "$OUT/last.out" "$EV/uci-events.json"
  same_figures "the real log (20,769 incidents) as an event log: the profile's volumes, resolution times and reopen rate" "$EV/uci.json" "$EV/uci-events.json"
  check "the real log as an event log: 20,769 incidents in 2016" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["volumes"]["opened"] == 20769' "$EV/uci-events.json"
  rm -f "$EV/incident_event_log.csv" "$EV/uci-events.csv"
else
  nok "the real ServiceNow log unzips" "tests/data/uci-servicenow/incident_event_log.zip"
fi

# ---- a period of 1,048,577 tickets: the ticket detail continues on "Tickets 2" ----
B=$OUT/big
mkdir -p "$B"
python3 - "$B/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,kind,service,priority,opened_at,resolved_at,title\n")
    for i in range(1048577):
        day, sec = 1 + i % 28, i % 86000
        f.write(f"B{i},incident,Email,3,2026-10-{day:02d} {sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d},,=1+{i}\n")
PY
printf 'timezone: UTC\nsources: [{file: big.csv, profile: tickets}]\ntrend: {periods: 1}\n' >"$B/big.yaml"
expect_exit "a 1,048,577-ticket period writes its workbook" 0 "$BIN" pack -q -c "$B/big.yaml" -p 2026-10 -o "$B/out" --as-of $AS_OF --format xlsx
mkdir -p "$B/x" && (cd "$B/x" && unzip -q -o ../out/review-2026-10.xlsx 'xl/workbook.xml' 'xl/_rels/*')
T1=$(sheet_part "$B/x" Tickets) T2=$(sheet_part "$B/x" "Tickets 2")
(cd "$B/x" && unzip -q -o ../out/review-2026-10.xlsx "$T1" "$T2")
check "the ticket detail splits at 1,048,575 rows onto 'Tickets 2'" bash -c "grep -q 'name=\"Tickets 2\"' '$B/x/xl/workbook.xml' && grep -q '<dimension ref=\"A1:X1048576\"/>' '$B/x/$T1' && grep -q '<dimension ref=\"A1:X3\"/>' '$B/x/$T2'"
check "a very large period's ticket sheets are written in constant-memory mode, with autofilters" bash -c "grep -q '<autoFilter ref=\"A1:X1048576\"/>' '$B/x/$T1' && ! grep -q '<tablePart' '$B/x/$T1' && ! grep -q '<tablePart' '$B/x/$T2'"
check "ticket titles that look like formulas stay text in the big workbook" bash -c "! grep -q '<f>' '$B/x/$T2'"
rm -rf "$B"

# ---- unattended runs: SIGKILL at random moments, a full file system, two runs at once ----
K=$OUT/kill
rm -rf "$K" && mkdir -p "$K"
"$BIN" pack -c inputs/demo/review.yaml -o "$K" -p 2026-10 --as-of $AS_OF >/dev/null 2>&1
check "SIGKILL at 40 random moments never leaves a partial or corrupt file under a pack's name" python3 tests/e2e/killcheck.py "$BIN" inputs/demo/review.yaml "$K" 40
grep -h "kills:" "$OUT/last.log" 2>/dev/null | sed 's/^/# /'

F=$OUT/fullfs
rm -rf "$F" && mkdir -p "$F"
if mount -t tmpfs -o size=600k iso20k-test "$F" 2>/dev/null; then
  "$BIN" pack -c inputs/demo/review.yaml -o "$F" -p 2026-10 --as-of $AS_OF --format json >/dev/null 2>&1
  md5sum "$F"/review-2026-10.json >"$OUT/fullfs.md5"
  expect_exit "a full file system is exit 74 (the PDF does not fit)" 74 "$BIN" pack -c inputs/demo/review.yaml -o "$F" -p 2026-10 --as-of 2026-11-02T06:00:00
  check "… it names the cause" grep -q "No space left on device" "$OUT/last.err"
  check "… the previous pack is untouched" md5sum -c --quiet "$OUT/fullfs.md5"
  check "… no temporary file is left" bash -c "! ls -A '$F' | grep -q -E 'tmp|iso20k-work|iso20k-journal'"
  umount "$F"
else
  echo "# skipped: a full file system (this machine does not let the test mount a small tmpfs)"
fi

C=$OUT/concurrent
rm -rf "$C" && mkdir -p "$C"
python3 bench/gen.py "$C" 300000 7 >/dev/null && mv "$C/tickets-300000.csv" "$C/many.csv"
printf 'timezone: UTC\nsources: [{file: many.csv, profile: tickets}]\noutput: {dir: out}\n' >"$C/many.yaml"
"$BIN" pack -c "$C/many.yaml" -p 2026-10 --as-of 2026-11-01T06:00:00 >"$C/a.out" 2>"$C/a.err" &
APID=$!
# wait until the first run holds the output directory's lock
for _ in $(seq 100); do
  if [ -e "$C/out/.iso20k.lock" ] && ! flock -n "$C/out/.iso20k.lock" true; then break; fi
  sleep 0.05
done
expect_exit "a second run while the first holds the lock exits 75 at once" 75 "$BIN" pack -c "$C/many.yaml" -p 2026-10 --as-of 2026-11-01T06:00:00
check "… with a clear message" grep -q "locked\|another" "$OUT/last.err"
wait $APID
ARC=$?
check "… and the first run succeeds" test "$ARC" -eq 0
check "… leaving a complete pack" bash -c "pdfinfo '$C/out/review-2026-10.pdf' >/dev/null 2>&1 && unzip -tq '$C/out/review-2026-10.xlsx' >/dev/null && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' '$C/out/review-2026-10.json'"
check "the lock file left behind never blocks the next run (the lock itself ends with its process)" bash -c "'$BIN' pack -c '$C/many.yaml' -p 2026-10 --as-of 2026-11-01T06:00:00 --format json"

# on a terminal: a progress line per phase (script(1) gives the run a terminal)
if command -v script >/dev/null; then
  TT=$OUT/tty
  rm -rf "$TT" && mkdir -p "$TT"
  script -qec "'$BIN' pack -c inputs/demo/review.yaml -o '$TT' --as-of $AS_OF" /dev/null >"$TT/terminal.txt" 2>&1
  check "on a terminal: a progress line per source with bytes and rows, and per phase" bash -c "grep -q 'iso20k: read tickets.csv: [0-9.]* MB, 3357 rows, 2 rejected' '$TT/terminal.txt' && grep -q 'iso20k: computed the metrics' '$TT/terminal.txt' && grep -q 'iso20k: rendered the PDF' '$TT/terminal.txt' && grep -q 'iso20k: wrote the pack' '$TT/terminal.txt'"
else
  echo "# skipped: progress on a terminal (script(1) is not installed)"
fi

# ---- the bad-input corpus (tests/bad/cases.tsv) ----
tests/bad/run.sh "$BIN" "$OUT/bad"
rm -f "$OUT/bad/field-100mb.csv" # 100 MB: not kept

# ---- install ----
INS=$OUT/install
rm -rf "$INS" && mkdir -p "$INS/elsewhere"
expect_exit "make install DESTDIR=… PREFIX=/usr" 0 make -C "$ROOT" --no-print-directory install DESTDIR="$INS/root" PREFIX=/usr
for f in bin/iso20k share/man/man1/iso20k.1 share/iso20k/themes/default.yaml share/iso20k/themes/high-contrast.yaml share/iso20k/iso20k.schema.json \
         share/iso20k/examples/demo/tickets.csv share/iso20k/examples/demo/review.yaml \
         share/iso20k/examples/demo/registers/actions.csv share/iso20k/examples/demo/registers/context.csv \
         share/iso20k/examples/scheduling/crontab share/iso20k/examples/scheduling/iso20k-review.timer; do
  check "installed $f" test -s "$INS/root/usr/$f"
done
if command -v groff >/dev/null; then
  check "the man page renders without warnings" bash -c "groff -man -Tutf8 -ww -z '$INS/root/usr/share/man/man1/iso20k.1' 2>&1 | { ! grep -q .; }"
  check "the man page covers commands, options, config keys, exit codes, files and examples" bash -c "t=\$(groff -man -Tascii -P-cbou '$INS/root/usr/share/man/man1/iso20k.1' 2>/dev/null); for s in COMMANDS OPTIONS CONFIGURATION 'EXIT STATUS' FILES EXAMPLES; do echo \"\$t\" | grep -q \"^\$s\" || exit 1; done; for k in sources calendars readiness baseline 75 78 last-month; do echo \"\$t\" | grep -q -- \"\$k\" || exit 1; done"
else
  echo "# skipped: the man page is not rendered (groff is not installed)"
fi
expect_exit "the installed binary runs init from another directory" 0 bash -c "cd '$INS/elsewhere' && '$INS/root/usr/bin/iso20k' init starter"
check "its starter config points at the installed demo data" grep -q "$INS/root/usr/share/iso20k/examples/demo/tickets.csv" "$INS/elsewhere/starter/review.yaml"
expect_exit "the installed binary makes a pack with its built-in theme and catalogue, away from the source tree" 0 bash -c "cd '$INS/elsewhere' && sed -i 's|^# readiness: readiness.yaml|readiness: readiness.yaml|' starter/review.yaml && '$INS/root/usr/bin/iso20k' pack -c starter/review.yaml -p 2026-10 --as-of $AS_OF"
check "the installed binary's pack is complete" bash -c "pdfinfo '$INS/elsewhere/starter/output/review-2026-10.pdf' >/dev/null 2>&1 && unzip -tq '$INS/elsewhere/starter/output/review-2026-10.xlsx' >/dev/null && python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))[\"readiness\"]' '$INS/elsewhere/starter/output/review-2026-10.json'"

# ---- init ----
I=$OUT/init
expect_exit "init writes a starter config" 0 "$BIN" init "$I"
check "init wrote review.yaml, readiness.yaml and roi.yaml" test -s "$I/review.yaml" -a -s "$I/readiness.yaml" -a -s "$I/roi.yaml"
check "init wrote an example of each register" bash -c "for r in actions nonconformities audits complaints suppliers risks improvements capacity context; do [ -s '$I/registers/'\$r.csv ] || exit 1; done"
expect_exit "init refuses to overwrite (73)" 73 "$BIN" init "$I"
expect_exit "the starter config runs at once against the demo data" 0 "$BIN" pack -c "$I/review.yaml" -p 2026-10 --as-of $AS_OF
check "the starter config made a pack" test -s "$I/output/review-2026-10.pdf" -a -s "$I/output/review-2026-10.xlsx"
check "the starter config has every top-level key of docs/configuration.md §4, commented or not" bash -c "for k in organization scope timezone period theme output sources calendars services service_defaults maintenance sla availability satisfaction targets trend quality registers risk_levels readiness roi baseline; do grep -q \"^#\\? \\?\$k:\" '$I/review.yaml' || { echo missing \$k; exit 1; }; done"
sed 's|^# registers:|registers:|; s|^#   \([a-z]*\): registers/|  \1: registers/|; s|^# risk_levels:|risk_levels:|' "$I/review.yaml" >"$I/with-registers.yaml"
expect_exit "the starter config with its register lines uncommented reads every example register" 0 "$BIN" metrics -c "$I/with-registers.yaml" -p 2026-10 --as-of $AS_OF
check "… each register read, no row rejected" python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); r=j["registers"]; assert all(v is not None for v in r.values()), r; assert all(s["rows_rejected"] == 0 for s in j["quality"]["sources"] if s["profile"].startswith("register:")), j["quality"]' "$OUT/last.out"
printf 'sources: [{file: %s/inputs/demo/tickets.csv, profile: tickets}]\nroi: roi.yaml\n' "$ROOT" >"$I/roi-check.yaml"
expect_exit "the starter ROI template loads and evaluates" 0 "$BIN" metrics -c "$I/roi-check.yaml" -p 2026-10 --as-of $AS_OF
check "the starter ROI template gives an ROI section" python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["roi"]; assert r and len(r["scenarios"]) == 2, r' "$OUT/last.out"
printf 'sources: [{file: %s/inputs/demo/tickets.csv, profile: tickets}]\nreadiness: readiness.yaml\n' "$ROOT" >"$I/readiness-check.yaml"
expect_exit "the starter self-assessment loads and scores" 0 "$BIN" metrics -c "$I/readiness-check.yaml" -p 2026-10 --as-of $AS_OF
check "the starter self-assessment lists every catalogue item, none assessed" python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["readiness"]; assert r["coverage_pct"] == 0 and r["items"] >= 60 and not r["stage1_ready"] and r["overall_pct"] is None, r' "$OUT/last.out"
check "the demo self-assessment: a required record without evidence blocks stage 1, a contradicted score stage 2" python3 - "$D/review-2026-10.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["readiness"]
assert not r["stage1_ready"] and not r["stage2_ready"], r
# 8.7.2-b (continuity test results) is scored 3 but names no evidence: a major gap, stage 1's reason
gap = {g["item"]: g for g in r["gaps"]}["8.7.2-b"]
assert (gap["severity"], gap["reason"], gap["score"]) == ("major", "no evidence named", 3), gap
assert r["stage1_reasons"] == [x for x in r["stage1_reasons"] if "8.7.2-b" in x and "no evidence named" in x and "Continuity plans are tested" in x] and r["stage1_reasons"]
# 9.4-a is self-assessed at 4 but the history holds no consecutive reports: contradicted, stage 2
assert r["contradicted"] == ["9.4-a"]
assert any("9.4-a" in x and "contradicts" in x for x in r["stage2_reasons"]), r["stage2_reasons"]
assert all(g["reason"] in ("score", "no evidence named") for g in r["gaps"])
PY

# ---- the JSON Schema (docs/iso20k.schema.json) ----
check "the JSON Schema rejects a missing section, a count written as text and an unknown status" "$SCHEMA_CHECK" --self-test "$D/review-2026-10.json"
check "every JSON document the suite wrote matches the JSON Schema" "$SCHEMA_CHECK" --sweep "$OUT"
