#!/usr/bin/env bash
# Reading workbooks: ROWS ticket rows of 20 columns on one sheet (bench/gen_xlsx.c: text in
# the shared-string table, times as date cells, counts as numbers, as Excel writes them). For
# each size in SIZES (default 100000 and 400000; titles repeat every 500 rows, ids are all
# distinct) and once with a title of its own on every row: the reader alone (bench/read_rows.c:
# every row through rows.h, no records made) — wall and CPU time, rows/s, MB/s of sheet XML,
# peak RSS — and `iso20k check` through the tickets profile (the read phase and the peak RSS of
# the whole run, records included). Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ISO20K:-$PWD/iso20k}
DATA=bench/data
mkdir -p "$DATA"
GEN=$DATA/gen_xlsx
READ=$DATA/read_rows
make --no-print-directory -s iso20k >/dev/null
[ "$GEN" -nt bench/gen_xlsx.c ] || cc -O2 -o "$GEN" bench/gen_xlsx.c $(pkg-config --cflags --libs xlsxwriter)
PKGS="cairo yaml-0.1 xlsxwriter libcrypto libzip expat freexl libpng libjpeg"
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -o "$READ" bench/read_rows.c \
  build/src/input/*.o build/src/core/*.o $(pkg-config --libs $PKGS) -lz -lm -pthread
run() { # run ROWS [unique]
  local name=sheet-$1${2:+-unique}
  [ -s "$DATA/$name.xlsx" ] || "$GEN" "$DATA/$name.xlsx" "$1" ${2:+1}
  local sst
  sst=$(unzip -l "$DATA/$name.xlsx" | awk '$4 == "xl/sharedStrings.xml" { printf "%.1f", $1 / 1e6 }')
  "$READ" "$DATA/$name.xlsx" | awk -v name="$name" -v sst="$sst" '{
    printf "%s: reader alone: %d rows in %.3f s (CPU %.3f s): %.0f rows/s, %.0f MB/s of %.1f MB sheet XML; peak RSS %.0f MB (shared strings %s MB)\n",
           name, $1, $5, $8, $1 / $5, $11 / $5, $11, $14, sst }'
  printf 'timezone: UTC\nsources: [{file: %s.xlsx, profile: tickets}]\ntrend: {periods: 1}\n' "$name" >"$DATA/$name.yaml"
  { /usr/bin/time -v "$BIN" check -v -q -c "$DATA/$name.yaml" >/dev/null; } 2>&1 | awk -v name="$name" '
    /^iso20k: read the inputs/ { gsub(/[(,]/, " "); wall = $5; cpu = $8 }
    /Maximum resident set size/ { rss = $6 }
    END { printf "%s: iso20k check: read phase %.3f s (CPU %.3f s); peak RSS of the run %.0f MB\n", name, wall, cpu, rss / 1024 }'
}
for n in ${SIZES:-100000 400000}; do run "$n"; done
[ -n "${ONLY:-}" ] || run 100000 unique # ONLY=1: the sizes alone
