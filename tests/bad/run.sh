#!/usr/bin/env bash
# Runs the bad-input corpus of cases.tsv: for each file, the exit status and the message with its
# place, no crash, and every row accounted for (rows read = accepted + rejected, from the JSON).
# Prints "ok NAME" / "not ok NAME" lines (tests/e2e/run.sh includes them).
# usage: run.sh ISO20K OUTDIR
set -u
cd "$(dirname "$0")"
BAD=$PWD
ROOT=$(cd ../.. && pwd)
BIN=$1
OUT=$2
AS_OF=2026-11-01T06:00:00
rm -rf "$OUT" && mkdir -p "$OUT"
ok() { echo "ok $1"; }
nok() { echo "not ok $1${2:+: $2}"; }

# the files too large for git
python3 - "$OUT" "$BAD" <<'PY'
import gzip, sys
out, bad = sys.argv[1], sys.argv[2]
h = "id,kind,service,priority,status,opened_at,title\n"
with open(f"{out}/field-100mb.csv", "w") as f:
    f.write(h)
    f.write("T1,incident,Email,3,closed,2026-10-05 10:00,\"" + "x" * (100 << 20) + "\"\n")
with open(f"{out}/columns-100000.csv", "w") as f:
    cols = ["id", "kind", "opened_at"] + [f"c{i}" for i in range(4, 100001)]
    f.write(",".join(cols) + "\n")
    f.write(",".join(["T1", "incident", "2026-10-05 10:00"] + ["v"] * (len(cols) - 3)) + "\n")
with open(f"{out}/config-over-1mib.yaml", "w") as f:
    f.write("sources: [{file: t.csv, profile: tickets}]\n" + "# padding\n" * 110000)
# config texts over their limits (an organisation of 70,000 bytes failed the PDF with exit 70)
cfg_head = f"timezone: Europe/Berlin\nsources: [{{file: {bad}/header-only.csv, profile: tickets}}]\n"
with open(f"{out}/config-organization-70000.yaml", "w") as f:
    f.write('organization: "' + "Ø" * 35000 + '"\n' + cfg_head)
with open(f"{out}/config-scope-4001.yaml", "w") as f:
    f.write(cfg_head + "scope: " + "s" * 4001 + "\n")
with open(f"{out}/config-service-name-1001.yaml", "w") as f:
    f.write(cfg_head + "services:\n  - {name: " + "n" * 1001 + "}\n")
with open(f"{out}/config-key-1001.yaml", "w") as f:
    f.write(cfg_head + "calendars:\n  " + "k" * 1001 + ": {hours: {mon-fri: \"08:00-18:00\"}}\n")
# directories where files belong (an input said only "read error", the ROI file "empty")
import os
for d in ("dir-as-input.csv", "dir-as-roi.yaml", "dir-as-config.yaml"):
    os.makedirs(f"{out}/{d}", exist_ok=True)
member = lambda data: gzip.compress(data, 9)
# one record of 50 million empty fields in a 50 KB .csv.gz (2.9 GB to read before the cap)
with open(f"{out}/fields-50m.csv.gz", "wb") as f:
    f.write(member(h.encode() + b"T1,incident,Email,3,closed,2026-10-05 10:00,\nT2"))
    commas = member(b"," * (1 << 20))
    for _ in range(47):
        f.write(commas)
    f.write(member(b"," * (50000000 - 47 * (1 << 20)) + b"\n"))
# a million identical rows of one ticket would take a while: 300,000 of them, 900-byte titles
with gzip.open(f"{out}/duplicate-rows-300k.csv.gz", "wt", compresslevel=6) as f:
    f.write(h)
    f.write(("T1,incident,,3,closed,2026-10-05 10:00," + "x" * 900 + "\n") * 300000)
# 100,000 distinct services (each ticket its own)
with open(f"{out}/services-100000.csv", "w") as f:
    f.write(h)
    for i in range(100000):
        f.write(f"T{i},incident,Service {i:06d},3,closed,2026-10-{1 + i % 28:02d} 10:00,\n")
# a 50,000-service catalogue listing one service twice, at its end
with open(f"{out}/config-catalogue-twice.yaml", "w") as f:
    f.write(f"timezone: Europe/Berlin\nsources: [{{file: {bad}/header-only.csv, profile: tickets}}]\nservices:\n")
    for i in range(50000):
        f.write(f"  - {{name: S{i}}}\n")
    f.write("  - {name: S7}\n")
# 80,000 holidays and tickets open for decades (the last two in October 2026, so that the
# data covers the period packed)
with open(f"{out}/holiday-tickets.csv", "w") as f:
    f.write(h)
    for i in range(19998):
        f.write(f"T{i},incident,Email,3,closed,{1975 + i % 40}-01-{1 + i % 28:02d} 10:00,\n")
    f.write("T19998,incident,Email,3,closed,2026-10-01 10:00,\nT19999,incident,Email,3,closed,2026-10-30 10:00,\n")
with open(f"{out}/config-holidays-80000.yaml", "w") as f:
    import datetime
    days = [(datetime.date(1900, 1, 1) + datetime.timedelta(days=k)).isoformat() for k in range(0, 160000, 2)]
    f.write("timezone: Europe/Berlin\nsources: [{file: holiday-tickets.csv, profile: tickets}]\n"
            "calendars:\n  business:\n    hours: {mon-fri: \"08:00-18:00\"}\n    holidays: [" + ", ".join(days) + "]\n"
            "services: [{name: Email, calendar: business}]\n"
            "sla:\n  incident:\n    default: {respond: 4h, resolve: 30h, calendar: business}\n")
# NUL bytes after the 16 MiB cap of a field: still counted
with open(f"{out}/nul-after-cap.csv", "wb") as f:
    f.write(h.encode() + b"T1,incident,Email,3,closed,2026-10-05 10:00,\"" + b"y" * (17 << 20) + b"\0\0\0\"\n")
# gzip inflating past 100 times its size and 1 GiB: members of 1 MiB of one byte
with open(f"{out}/gzip-bomb.csv.gz", "wb") as f:
    f.write(member(h.encode() + b"T1,incident,Email,3,closed,2026-10-05 10:00,ok\nT2,incident,Email,3,closed,2026-10-05 10:00,\""))
    body = member(b"a" * (1 << 20))
    for _ in range(1100):
        f.write(body)
    f.write(member(b"\"\n"))
# a history of 200,000 rows (loading was quadratic)
with open(f"{out}/history-200000.csv", "w") as f:
    f.write("label,start,end,opened,resolved,response_attainment_pct,resolution_attainment_pct,csat_pct,reopen_rate_pct,availability_pct\n")
    t0 = datetime.datetime(2000, 1, 1)
    for i in range(200000):
        a = t0 + datetime.timedelta(hours=i)
        b = a + datetime.timedelta(hours=1)
        f.write(f"L{i:06d},{a.isoformat()}+00:00,{b.isoformat()}+00:00,1,2,50,60,70,5,99.9\n")

# theme logos: PNG variants written here (every one libpng reads, the damaged ones refused)
import struct, zlib
def png_chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
def png(w, h, depth=8, ctype=2, interlace=0, idat=None, extra=b""):
    bits = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype] * depth
    if idat is None:
        rows = []
        steps = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)] if interlace else [(0, 0, 1, 1)]
        for x0, y0, dx, dy in steps:
            pw, ph = max(0, (w - x0 + dx - 1) // dx), max(0, (h - y0 + dy - 1) // dy)
            for y in range(ph if pw else 0):
                rows.append(b"\0" + bytes((i * 37 + y * 11) & 0xFF for i in range((pw * bits + 7) // 8)))
        idat = zlib.compress(b"".join(rows))
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))
            + extra + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))
good = png(60, 20)
open(f"{out}/logo-truncated.png", "wb").write(good[: len(good) // 2])
crc = bytearray(good)
at = crc.find(b"IDAT") + 4 + struct.unpack(">I", crc[crc.find(b"IDAT") - 4 : crc.find(b"IDAT")])[0]
crc[at] ^= 0xFF
open(f"{out}/logo-bad-crc.png", "wb").write(crc)
open(f"{out}/logo-bad-ihdr.png", "wb").write(png(60, 20, depth=3))
open(f"{out}/logo-20000x20000.png", "wb").write(png(20000, 20000, idat=zlib.compress(b"\0" * 1000)))
open(f"{out}/logo-interlaced.png", "wb").write(png(61, 23, interlace=1))
open(f"{out}/logo-16-bit.png", "wb").write(png(60, 20, depth=16))
open(f"{out}/logo-palette-alpha.png", "wb").write(png(60, 20, depth=4, ctype=3, extra=png_chunk(b"PLTE", bytes(range(48))) + png_chunk(b"tRNS", bytes([0, 128, 255]))))
open(f"{out}/logo-grey-alpha-16.png", "wb").write(png(60, 20, depth=16, ctype=4))
# JPEG logos damaged from a good one kept in tests/bad
jpeg = open(f"{bad}/logo-ok.jpg", "rb").read()
open(f"{out}/logo-truncated.jpg", "wb").write(jpeg[: len(jpeg) // 2])
damaged = bytearray(jpeg)
for k in range(damaged.find(b"\xff\xda") + 20, len(damaged) - 2, 7):
    damaged[k] = 0xFF if damaged[k] != 0xFF else 0
open(f"{out}/logo-damaged-scan.jpg", "wb").write(damaged)
huge = bytearray(jpeg)
sof = huge.find(b"\xff\xc0")
huge[sof + 5 : sof + 9] = bytes([0xFD, 0xE8, 0xFD, 0xE8])  # 65,000 x 65,000 pixels
open(f"{out}/logo-65000x65000.jpg", "wb").write(huge)
# fonts damaged from DejaVu Sans the way a copy or an edit damages them
ttf = open("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "rb").read()
tables = {}
for i in range(struct.unpack(">H", ttf[4:6])[0]):
    tag, _, off, ln = struct.unpack(">4sIII", ttf[12 + 16 * i : 28 + 16 * i])
    tables[tag] = (off, ln, 12 + 16 * i)
def font(name, patch):
    f = bytearray(ttf)
    patch(f)
    open(f"{out}/{name}", "wb").write(f)
open(f"{out}/font-truncated.ttf", "wb").write(ttf[: len(ttf) // 2])
font("font-no-units-per-em.ttf", lambda f: struct.pack_into(">H", f, tables[b"head"][0] + 18, 0))
font("font-no-glyphs.ttf", lambda f: struct.pack_into(">H", f, tables[b"maxp"][0] + 4, 0))
font("font-glyf-cut-short.ttf", lambda f: struct.pack_into(">I", f, tables[b"glyf"][2] + 12, 100))
font("font-no-embedding.ttf", lambda f: struct.pack_into(">H", f, tables[b"OS/2"][0] + 8, 2))

# workbooks that are not what they claim, damaged or oversized (docs/spreadsheets.md)
import struct, zipfile, zlib
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
def xlsx(path, sheet, sst=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet name="Tickets" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet if sheet.startswith("<?xml") else f'<worksheet xmlns="{NS}"><sheetData>{sheet}</sheetData></worksheet>')
        if sst is not None:
            z.writestr("xl/sharedStrings.xml", sst)
head = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>kind</t></is></c><c r="C1" t="inlineStr"><is><t>opened_at</t></is></c></row>'
xlsx(f"{out}/malformed-sheet.xlsx", head + '<row r="2"><c r="A2"><v>1</v></row>')
xlsx(f"{out}/entity-declaration.xlsx", '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
     f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
xlsx(f"{out}/too-many-rows.xlsx", head + '<row r="1048577"><c r="A1048577"><v>1</v></c></row>')
xlsx(f"{out}/too-many-columns.xlsx", head + '<row r="2"><c r="XFE2"><v>1</v></c></row>')
xlsx(f"{out}/shared-strings-10m.xlsx", head, f'<sst xmlns="{NS}">' + "<si/>" * 10000001 + "</sst>")
xlsx(f"{out}/whole.xlsx", head)
data = open(f"{out}/whole.xlsx", "rb").read()
open(f"{out}/truncated-workbook.xlsx", "wb").write(data[: len(data) // 2])
with zipfile.ZipFile(f"{out}/not-a-workbook.zip", "w") as z:
    z.writestr("export/tickets.csv", "id,kind,opened_at\nT1,incident,2026-10-05 10:00\n")
with zipfile.ZipFile(f"{out}/word-document.docx", "w") as z:
    z.writestr("word/document.xml", "<w:document/>")
# a zip whose directory claims 2 GiB for a member of a few bytes
body = b"<workbook/>"
comp = zlib.compress(body)[2:-4]
crc = zlib.crc32(body)
name = b"xl/workbook.xml"
local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(comp), 0x80000000, len(name), 0) + name + comp
central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(comp), 0x80000000, len(name), 0, 0, 0, 0, 0, 0) + name
end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
open(f"{out}/zip-bomb.xlsx", "wb").write(local + central + end)
# an OLE2 compound file holding an EncryptedPackage stream: a password-protected .xlsx
f = bytearray(512 * 3)
f[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
struct.pack_into("<HHHHH", f, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
struct.pack_into("<IIII", f, 0x2C, 1, 1, 0, 4096)
struct.pack_into("<IIII", f, 0x3C, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
f[0x4C:0x200] = b"\xff" * (0x200 - 0x4C)
struct.pack_into("<I", f, 0x4C, 0)
f[512:1024] = b"\xff" * 512
struct.pack_into("<II", f, 512, 0xFFFFFFFD, 0xFFFFFFFE)
def entry(off, name, kind):
    n = name.encode("utf-16-le")
    f[off:off + len(n)] = n
    struct.pack_into("<HB", f, off + 0x40, len(n) + 2, kind)
entry(1024, "Root Entry", 5)
entry(1024 + 128, "EncryptionInfo", 2)
entry(1024 + 256, "EncryptedPackage", 2)
open(f"{out}/password-protected.xlsx", "wb").write(f)
# an .ods that repeats a non-empty row past the last row a sheet has
ods_ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
with zipfile.ZipFile(f"{out}/too-many-rows.ods", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", f'<office:document-content {ods_ns}><office:body><office:spreadsheet><table:table table:name="T">'
               '<table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell></table:table-row>'
               '<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
PY

n=0
while IFS=$'\t' read -r file role code pattern; do
  case $file in ''|'#'*) continue ;; esac
  n=$((n + 1))
  path=$BAD/$file
  case $file in
    gen:*) file=${file#gen:}; path=$OUT/$file ;;
    arg:*) path=${file#arg:}; file="$role=$path" ;; # a value, not a file (--as-of, an environment variable)
  esac
  file=$(basename "$file") # a case may be a file elsewhere in tests/
  cfg=$OUT/$file.yaml
  case $role in
    config)
      cmd=("$BIN" check -v -c "$path") ;;
    metrics-config) # a config whose metrics exercise the class (names, calendars)
      cmd=("$BIN" metrics -v -c "$path" -p 2026-10 --as-of $AS_OF) ;;
    tzif) # a zone file: the config's time zone, read from a TZDIR of its own
      mkdir -p "$OUT/zoneinfo/Corrupt" && cp "$path" "$OUT/zoneinfo/Corrupt/$file"
      printf 'timezone: Corrupt/%s\nsources: [{file: "%s/inputs/demo/tickets.csv", profile: tickets}]\n' "$file" "$ROOT" >"$cfg"
      cmd=(env TZDIR="$OUT/zoneinfo" "$BIN" check -c "$cfg") ;;
    history) # history.csv of the output directory, under a pack that rewrites it
      mkdir -p "$OUT/history-$file" && cp "$path" "$OUT/history-$file/history.csv"
      cmd=("$BIN" pack -v -c "$ROOT/inputs/demo/review.yaml" -o "$OUT/history-$file" -p 2026-10 --as-of $AS_OF --format json) ;;
    lock-symlink)
      # a dangling link as the lock file of a shared output directory: refused, never followed
      S=$OUT/lock-symlink
      mkdir -p "$S/out" && ln -s "$S/target-made-through-the-link" "$S/out/.iso20k.lock"
      "$BIN" pack -c "$ROOT/inputs/demo/review.yaml" -o "$S/out" -p 2026-10 --as-of $AS_OF --format json >/dev/null 2>"$S/err"
      rc=$?
      if [ "$rc" -eq "$code" ] && grep -E -q -- "$pattern" "$S/err" && [ ! -e "$S/target-made-through-the-link" ]; then
        ok "bad input: a dangling link as the lock file is refused (exit $code), its target never created"
      else
        nok "bad input: a dangling link as the lock file" "exit $rc: $(head -c 300 "$S/err")"
      fi
      continue ;;
    foreign-temps)
      # files of other programs named like temporaries stay; a dead run's work directory goes
      S=$OUT/foreign-temps
      mkdir -p "$S/out/.iso20k-work-DEAD01" && : >"$S/out/.iso20k-work-DEAD01/review-2026-10.json.ABCDEF"
      : >"$S/out/.report.pdf.tmp-ABC123" && : >"$S/out/.review-2026-10.json.tmp-XYZ789"
      "$BIN" pack -c "$ROOT/inputs/demo/review.yaml" -o "$S/out" -p 2026-10 --as-of $AS_OF --format json >/dev/null 2>"$S/err"
      rc=$?
      if [ "$rc" -eq "$code" ] && [ -e "$S/out/.report.pdf.tmp-ABC123" ] && [ -e "$S/out/.review-2026-10.json.tmp-XYZ789" ] && [ ! -e "$S/out/.iso20k-work-DEAD01" ]; then
        ok "bad input: the sweep removes only this program's work directories, not others' temporaries"
      else
        nok "bad input: others' temporaries" "exit $rc: $(ls -A "$S/out" | tr '\n' ' ') $(head -c 300 "$S/err")"
      fi
      continue ;;
    stdout-full) # a command (file is arg:COMMAND) whose standard output is a full disk
      cmd=(bash -c '"$0" "$1" -c "$2" -p 2026-10 --as-of "$3" >/dev/full' "$BIN" "$path" "$ROOT/inputs/demo/review.yaml" $AS_OF) ;;
    as-of) # the value of --as-of
      cmd=("$BIN" metrics -c "$ROOT/inputs/demo/review.yaml" -p 2026-10 --as-of "$path") ;;
    source-date-epoch) # the value of SOURCE_DATE_EPOCH, with no --as-of
      cmd=(env SOURCE_DATE_EPOCH="$path" "$BIN" pack -c "$ROOT/inputs/demo/review.yaml" -o "$OUT/sde-$path") ;;
    logo|font) # an image or font a theme names, in a PDF pack (a damaged one stops the config)
      if [ "$role" = logo ]; then printf 'logo: "%s"\n' "$path"; else printf 'fonts: {regular: "%s"}\n' "$path"; fi >"$OUT/$file.theme.yaml"
      printf 'timezone: Europe/Berlin\nsources: [{file: "%s/inputs/demo/tickets.csv", profile: tickets}]\ntheme: "%s"\n' "$ROOT" "$OUT/$file.theme.yaml" >"$cfg"
      cmd=("$BIN" pack -c "$cfg" -o "$OUT/pack-$file" -p 2026-10 --as-of $AS_OF --format pdf) ;;
    readiness|roi|theme)
      printf 'timezone: Europe/Berlin\nsources: [{file: "%s/inputs/demo/tickets.csv", profile: tickets}]\n%s: "%s"\n' "$ROOT" "$role" "$path" >"$cfg"
      cmd=("$BIN" check -c "$cfg") ;;
    symlink)
      # the output name is a symlink to a file elsewhere: the pack replaces the link, never
      # writes through it
      S=$OUT/symlink
      mkdir -p "$S/out" && echo victim >"$S/victim.json" && ln -s "$S/victim.json" "$S/out/review-2026-10.json"
      "$BIN" pack -c "$ROOT/inputs/demo/review.yaml" -o "$S/out" -p 2026-10 --as-of $AS_OF --format json >/dev/null 2>&1
      rc=$?
      if [ "$rc" -eq 0 ] && [ "$(cat "$S/victim.json")" = victim ] && [ ! -L "$S/out/review-2026-10.json" ] &&
         python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$S/out/review-2026-10.json"; then
        ok "bad input: a symlink as the output target is replaced, its target untouched"
      else
        nok "bad input: a symlink as the output target" "exit $rc, victim: $(cat "$S/victim.json" | head -c 40)"
      fi
      continue ;;
    register:*) # a review register beside the demo's tickets
      printf 'timezone: Europe/Berlin\nsources: [{file: "%s/inputs/demo/tickets.csv", profile: tickets}]\nregisters: {%s: "%s"}\n' "$ROOT" "${role#register:}" "$path" >"$cfg"
      cmd=("$BIN" metrics -v -c "$cfg" -p 2026-10 --as-of $AS_OF) ;;
    *) # tickets, outages, csat or any profile's name: read by a config that names it
      printf 'timezone: Europe/Berlin\nsources: [{file: "%s", profile: %s}]\nservices: [{name: Email}]\n' "$path" "$role" >"$cfg"
      cmd=("$BIN" metrics -v -c "$cfg" -p 2026-10 --as-of $AS_OF) ;;
  esac
  "${cmd[@]}" >"$OUT/$file.out" 2>"$OUT/$file.err"
  rc=$?
  name="bad input $file ($role)"
  if [ "$rc" -ge 128 ] || [ "$rc" -eq 70 ]; then
    nok "$name: no crash" "exit $rc: $(tail -c 300 "$OUT/$file.err")"
    continue
  fi
  if [ "$rc" -ne "$code" ]; then
    nok "$name: exit $code" "exit $rc: $(head -c 300 "$OUT/$file.err")"
    continue
  fi
  if [ "$pattern" != - ] && ! grep -E -q -- "$pattern" "$OUT/$file.err"; then
    nok "$name: message" "no line matches /$pattern/ in: $(head -c 300 "$OUT/$file.err")"
    continue
  fi
  if [ "$role" = history ] && ! python3 - "$OUT/history-$file/history.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert rows[0][:4] == ["label", "start", "end", "coverage"] and all(len(r) == 11 for r in rows), rows[:3]
assert any(r[0] == "2026-10" for r in rows)
PY
  then
    nok "$name: history.csv written back as CSV with every row"
    continue
  fi
  if [ "${cmd[1]}" = metrics ] && [ -s "$OUT/$file.out" ]; then
    if ! python3 - "$OUT/$file.out" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for s in doc["quality"]["sources"]:
    assert s["rows_read"] == s["rows_accepted"] + s["rows_rejected"], s
PY
    then
      nok "$name: every row accepted or counted as rejected"
      continue
    fi
  fi
  ok "$name: exit $code, the message names its place"
done <"$BAD/cases.tsv"
if [ "$n" -ge 40 ]; then ok "the bad-input corpus has $n classes (at least 40)"; else nok "the bad-input corpus has only $n classes"; fi
