#!/usr/bin/env bash
# Workbook writing: a period of ROWS tickets (default 1,000,000, all in one month) written as
# the ticket detail in constant-memory mode. Prints the time of the workbook phase, the cells
# per second and the peak RSS of the whole run. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ISO20K:-./iso20k}
ROWS=${ROWS:-1000000}
DATA=bench/data
mkdir -p "$DATA"
CSV="$DATA/month-$ROWS.csv"
[ -s "$CSV" ] || python3 - "$CSV" "$ROWS" <<'PY'
import sys
n = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    f.write("id,kind,service,priority,status,opened_at,first_response_at,resolved_at,group,assignee,title\n")
    for i in range(n):
        d, s = 1 + i % 28, i % 80000
        t = f"2026-10-{d:02d} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
        f.write(f"M{i},incident,Service {i % 40},{1 + i % 4},closed,{t},{t},{t},Group {i % 9},Agent {i % 120},Title {i % 500}\n")
PY
printf 'timezone: UTC\nsources: [{file: month-%s.csv, profile: tickets}]\ntrend: {periods: 1}\n' "$ROWS" >"$DATA/xlsx.yaml"
out=$( { /usr/bin/time -v "$BIN" pack -v -q -c "$DATA/xlsx.yaml" -p 2026-10 -o "$DATA/xlsx-out" --as-of 2026-11-01T06:00 --format xlsx; } 2>&1 )
wb=$(echo "$out" | sed -n 's/^iso20k: rendered the workbook (\([0-9.]*\) s,.*/\1/p')
rss=$(echo "$out" | sed -n 's/^\s*Maximum resident set size (kbytes): //p')
awk -v r="$ROWS" -v t="$wb" -v k="$rss" 'BEGIN {
  printf "xlsx: %d ticket rows x 16 columns in %.2f s: %.2f million cells/s; peak RSS of the run %.0f MB\n",
         r, t, r * 16 / t / 1e6, k / 1024 }'
rm -rf "$DATA/xlsx-out"
