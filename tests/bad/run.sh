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
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
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

# workbooks that are not what they claim, damaged or oversized (SPEC 3.4)
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
  case $file in gen:*) file=${file#gen:}; path=$OUT/$file ;; esac
  cfg=$OUT/$file.yaml
  case $role in
    config)
      cmd=("$BIN" check -v -c "$path") ;;
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
