#!/usr/bin/env bash
# End-to-end checks of the workbook as audit evidence: every SLA figure traced to its tickets
# (recounted from the sheet XML, and recalculated by LibreOffice from COUNTIFS formulas).
# Prints "ok NAME" or "not ok NAME" per check (tests/run.sh counts them).
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${ISO20K:-$ROOT/iso20k}
OUT=$ROOT/tests/out/evidence
TOOL=$ROOT/tests/e2e/xlsxtool.py
AS_OF=2026-11-01T06:00:00
rm -rf "$OUT"
mkdir -p "$OUT"

ok() { echo "ok $1"; }
nok() { echo "not ok $1${2:+: $2}"; }
check() { # check NAME COMMAND...: ok when the command succeeds
  local name=$1
  shift
  if "$@" >"$OUT/last.out" 2>"$OUT/last.err"; then ok "$name"; else nok "$name" "$(tail -c 400 "$OUT/last.err")"; fi
}

D=$OUT/demo
check "pack demo for the evidence checks" "$BIN" pack -c inputs/demo/review.yaml -o "$D" --as-of $AS_OF
X=$D/review-2026-10.xlsx
J=$D/review-2026-10.json

# ---- per-ticket SLA outcomes ----
check "the ticket detail's SLA columns recount to the JSON's SLA figures" python3 "$TOOL" recount "$X" "$J"

# ---- drill-down: the records behind every breach count and every outage ----
check "the Breaches sheet lists exactly the breached tickets, its counts the JSON's" python3 "$TOOL" breaches "$X" "$J"
check "the Outages sheet's counted intervals are the JSON's outages and downtime per service" python3 "$TOOL" outages "$X" "$J"

# the same with the P1 and P2 incidents counted as outages (availability.from_incidents)
FI=$OUT/from-incidents
mkdir -p "$FI"
cp -r inputs/demo/. "$FI/"   # a copy of the demo: its relative paths keep working
printf 'availability: {from_incidents: {max_priority: 2}}\n' >>"$FI/review.yaml"
check "pack with incidents counted as outages" "$BIN" pack -c "$FI/review.yaml" -o "$FI/out" --as-of $AS_OF --format xlsx,json
check "… its Outages sheet names the incidents behind each interval, counted as the JSON counts" bash -c "python3 '$TOOL' outages '$FI/out/review-2026-10.xlsx' '$FI/out/review-2026-10.json' && python3 -c 'import sys,zipfile; sys.path.insert(0, \"tests/e2e\"); import xlsxtool as t; rows = t.read_sheet(zipfile.ZipFile(sys.argv[1]), \"Outages\"); assert any(str(r[7]).startswith(\"incident P\") for r in rows[1:]), rows[:3]' '$FI/out/review-2026-10.xlsx'"

# ---- audit samples of the readiness pack: reproducible, redrawable, per period and seed ----
S=$OUT/samples
mkdir -p "$S"
check "readiness pack" "$BIN" pack --kind readiness -c inputs/demo/review.yaml -o "$S/a" --as-of $AS_OF --format xlsx
check "… again" "$BIN" pack --kind readiness -c inputs/demo/review.yaml -o "$S/b" --as-of $AS_OF --format xlsx
check "… for September" "$BIN" pack --kind readiness -c inputs/demo/review.yaml -p 2026-09 -o "$S/sep" --as-of $AS_OF --format xlsx
check "… with --sample-seed 7" "$BIN" pack --kind readiness --sample-seed 7 -c inputs/demo/review.yaml -o "$S/seed" --as-of $AS_OF --format xlsx
for d in a b sep seed; do python3 "$TOOL" samples "$S/$d/readiness-2026-$( [ $d = sep ] && echo 09 || echo 10).xlsx" >"$S/$d.txt" 2>&1; done
check "the samples are the same on a second run" bash -c "[ \$(wc -l <'$S/a.txt') -ge 4 ] && cmp '$S/a.txt' '$S/b.txt'"
check "… and redrawn independently (tests/e2e/redraw.py) from the ticket detail they equal the P1/P2 sample" python3 "$TOOL" redraw "$S/a/readiness-2026-10.xlsx" "Brückner & Søn Logistik GmbH|2026-10|p1_p2_incidents"
check "another period draws other samples" bash -c "cut -f2 '$S/sep.txt' >'$S/sep.ids' && cut -f2 '$S/a.txt' >'$S/a.ids' && [ \$(wc -l <'$S/sep.ids') -ge 3 ] && ! grep -F -x -f '$S/sep.ids' '$S/a.ids'"
check "--sample-seed N draws other samples, which redraw with \"N|population\"" bash -c "! cmp -s '$S/a.txt' '$S/seed.txt' && python3 '$TOOL' redraw '$S/seed/readiness-2026-10.xlsx' '7|p1_p2_incidents'"
"$BIN" pack --kind readiness --sample-seed x7 -c inputs/demo/review.yaml -o "$S/bad" --as-of $AS_OF >/dev/null 2>"$S/bad.err"
rc=$?
check "--sample-seed that is not a whole number is a usage error (64)" bash -c "[ $rc -eq 64 ] && grep -q 'sample-seed' '$S/bad.err'"
"$BIN" pack --kind readiness --sample-seed 18446744073709551616 -c inputs/demo/review.yaml -o "$S/bad" --as-of $AS_OF >/dev/null 2>&1
rc=$?
check "… and so is one beyond 2^64 - 1" test "$rc" -eq 64

# ---- every sheet has a print set-up (A4, one page wide; the list sheets' header row on every
# page; the other sheets on one page, so that no page break cuts a chart) ----
check "every sheet of both packs: A4, fitted to one page wide (one page high unless a list), header and footer, list headers repeated" python3 - "$X" "$S/a/readiness-2026-10.xlsx" <<'PY'
import re, sys, zipfile
sys.path.insert(0, "tests/e2e")
import xlsxtool
def check(z):
    wb = z.read("xl/workbook.xml").decode()
    lists = re.compile(r"(Tickets|Breaches|Outages|Samples)( \d+)?$")
    for i, (name, path) in enumerate(xlsxtool.sheet_paths(z).items()):
        xml = z.read(path).decode()
        setup = re.search(r"<pageSetup [^>]*/>", xml).group(0)
        assert 'paperSize="9"' in setup, (name, setup)
        assert '<pageSetUpPr fitToPage="1"/>' in xml, name
        high = re.search(r'fitToHeight="(\d+)"', setup)
        if lists.match(name):
            assert high and high.group(1) == "0", (name, setup)
            assert 'orientation="landscape"' in setup, name
            rows = r"\$1:\$1" if name != "Samples" else r"\$\d+:\$\d+"
            assert re.search(r"<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"%d\">[^<]*%s<" % (i, rows), wb), name
        elif "<drawing " in xml:
            assert not high, (name, setup)  # one page high (the default): no chart cut
        else:
            assert not high or high.group(1) == "0", (name, setup)  # a long table: no chart
        assert "<oddHeader>&amp;LBrückner &amp;&amp; Søn Logistik GmbH&amp;C&amp;A&amp;R2026-10</oddHeader>" in xml, name
        assert "&amp;RPage &amp;P of &amp;N</oddFooter>" in xml, name
for f in sys.argv[1:]:
    check(zipfile.ZipFile(f))
PY

# ---- the workbook's charts take the theme's colours, as the PDF's do ----
TH=$OUT/theme
mkdir -p "$TH"
printf 'name: odd\ncolors:\n  target: "#123456"\n  series: ["#A01010", "#10A010", "#1010A0"]\n' >"$TH/odd.yaml"
cp -r inputs/demo/. "$TH/"
sed -i "s|^theme: theme.yaml|theme: odd.yaml|" "$TH/review.yaml"
check "pack with a theme of its own" "$BIN" pack -c "$TH/review.yaml" -o "$TH/out" --as-of $AS_OF --format xlsx
check "… every chart of its workbook is drawn in the theme's series and target colours" python3 - "$TH/out/review-2026-10.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
charts = [n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)]
assert len(charts) >= 10, charts
used = set()
for n in charts:
    xml = z.read(n).decode()
    # every series has its colour set (a series without one would take Excel's own palette)
    for ser in re.findall(r"<c:ser>.*?</c:ser>", xml, re.S):
        assert "srgbClr" in ser, (n, ser[:200])
    used |= set(re.findall(r'srgbClr val="([0-9A-F]{6})"', xml))
assert used <= {"A01010", "10A010", "1010A0", "123456"}, used
assert {"A01010", "10A010", "123456"} <= used, used
PY

# ---- LibreOffice recalculates the formulas, their cached values removed first ----
if command -v soffice >/dev/null 2>&1; then
  L=$OUT/libreoffice
  mkdir -p "$L"
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
  python3 "$TOOL" strip "$X" "$L/stripped.xlsx" "SLA check" ROI
  soffice_csv stripped.xlsx "SLA check"
  check "LibreOffice recounts the SLA figures from the ticket detail (COUNTIFS) to the JSON's" python3 "$TOOL" slacheck "$L/stripped-SLA check.csv" "$J"
  # the ROI sheet: its sensitivity is live — recalculated as it stands, and after a reader's
  # edit of two inputs (the discount rate, the cost per incident), it equals the program's own
  # figures for a roi.yaml with those values
  check "LibreOffice recalculates the ROI sheet's NPV and sensitivity table to the JSON's" python3 "$TOOL" roi "$L/stripped-ROI.csv" "$J"
  python3 "$TOOL" edit "$X" "$L/edited-cached.xlsx" ROI "Discount rate" B 0.15 incidents F 40
  python3 "$TOOL" strip "$L/edited-cached.xlsx" "$L/edited.xlsx" ROI
  soffice_csv edited.xlsx ROI
  RE=$OUT/roi-edited
  mkdir -p "$RE"
  cp -r inputs/demo/. "$RE/"
  sed -i 's/^discount_rate: .*/discount_rate: 0.15/; s/^cost_per_incident: .*/cost_per_incident: 40/' "$RE/roi.yaml"
  check "pack with the edited ROI inputs" "$BIN" pack -c "$RE/review.yaml" -o "$RE/out" --as-of $AS_OF --format json
  check "… an edited ROI input moves every ROI figure, the sensitivity table included, to the program's" python3 "$TOOL" roi "$L/edited-ROI.csv" "$RE/out/review-2026-10.json"
  # the workbook printed: LibreOffice's PDF export, each page's header naming its sheet
  cp "$X" "$L/printed.xlsx"
  (cd "$L" && HOME="$L" timeout 300 soffice -env:UserInstallation="file://$L/profile" --headless \
    --convert-to pdf printed.xlsx >>soffice.log 2>&1)
  [ -s "$L/printed.pdf" ] || (cd "$L" && HOME="$L" timeout 300 soffice -env:UserInstallation="file://$L/profile" --headless \
    --convert-to pdf printed.xlsx >>soffice.log 2>&1)
  pdftotext -layout "$L/printed.pdf" "$L/printed.txt" 2>/dev/null
  check "the printed workbook: every sheet but the list sheets on at most 2 pages, one for a sheet with charts (no chart cut), each page headed by organisation, sheet and period" python3 - "$L/printed.txt" "$X" <<'PY'
import re, sys, zipfile
sys.path.insert(0, "tests/e2e")
import xlsxtool
z = zipfile.ZipFile(sys.argv[2])
xml_of = {n: z.read(p).decode() for n, p in xlsxtool.sheet_paths(z).items()}
sheets = list(xml_of)
pages = {}
text = open(sys.argv[1], encoding="utf-8").read().split("\f")
for p in text:
    lines = [l for l in p.splitlines() if l.strip()]
    if not lines:
        continue
    head = " ".join(lines[0].split())
    assert head.startswith("Brückner & Søn Logistik GmbH ") and head.endswith(" 2026-10"), head
    name = head[len("Brückner & Søn Logistik GmbH "):-len(" 2026-10")]
    assert name in sheets, (name, sheets)
    pages[name] = pages.get(name, 0) + 1
    assert re.search(r"Page \d+ of \d+$", lines[-1].strip()), lines[-1]
assert set(pages) == set(sheets), (set(sheets) - set(pages))
lists = re.compile(r"(Tickets|Breaches|Outages|Samples)( \d+)?$")
for n, c in pages.items():
    if not lists.match(n):
        assert c <= 2, (n, c)
        if "<drawing " in xml_of[n]:
            assert c == 1, (n, c)  # one page: no page break can cut a chart
assert sum(pages.values()) < 40, pages  # 122 pages before the print set-up
PY
else
  echo "# skipped: LibreOffice (soffice) is not installed, so the workbook's formulas are not recalculated (make check installs libreoffice-calc-nogui)"
fi
