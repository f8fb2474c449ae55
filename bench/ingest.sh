#!/usr/bin/env bash
# Ingest throughput: generates a large canonical tickets file (default 1,000,000 rows, cached in
# bench/data/) and prints how fast `iso20k check` reads it (the read phase of `-v`), in MB/s and
# rows/s, best of three runs. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
BIN=${ISO20K:-./iso20k}
DATA=bench/data
mkdir -p "$DATA"
CSV="$DATA/tickets-$ROWS.csv"
[ -s "$CSV" ] || { echo "generating $CSV …" >&2; python3 bench/gen_tickets.py "$CSV" "$ROWS"; }
printf 'timezone: Europe/Berlin\nsources: [{file: tickets-%s.csv, profile: tickets}]\n' "$ROWS" >"$DATA/ingest.yaml"
bytes=$(stat -c %s "$CSV")
cat "$CSV" >/dev/null # into the page cache
best=
for run in 1 2 3; do
  t=$("$BIN" check -v -q -c "$DATA/ingest.yaml" 2>&1 >/dev/null | sed -n 's/^iso20k: read the inputs (\([0-9.]*\) s)$/\1/p')
  if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t; fi
done
awk -v b="$bytes" -v t="$best" -v r="$ROWS" 'BEGIN {
  printf "ingest: %d rows, %.1f MB in %.3f s: %.0f MB/s, %.0f rows/s (one core, file in page cache)\n",
         r, b / 1e6, t, b / 1e6 / t, r / t }'
