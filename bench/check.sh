#!/usr/bin/env bash
# The regression guard (make bench-check): counts the instructions `iso20k metrics` executes on
# a fixed input (100,000 generated tickets, seed 42, with outages and surveys; October 2026 and
# its twelve trend periods) under callgrind, and fails when the count exceeds the one recorded
# in bench/RESULTS.md (the line "callgrind baseline: N instructions") by more than 10 %.
# UPDATE=1 prints the line to record instead of comparing. Prints the ten costliest functions.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ISO20K:-$PWD/iso20k}
DATA=bench/data
N=100000
mkdir -p "$DATA"
[ -s "$DATA/surveys-$N.csv" ] || python3 bench/gen.py "$DATA" "$N" 42
cat >"$DATA/check-$N.yaml" <<YAML
timezone: Europe/Berlin
sources:
  - {file: tickets-$N.csv, profile: tickets}
  - {file: outages-$N.csv, profile: outages}
  - {file: surveys-$N.csv, profile: csat}
calendars:
  business: {hours: {mon-fri: "08:00-18:00"}, holidays: [2026-01-01, 2026-04-03, 2026-12-25]}
services:
  - {name: Email, availability_target: 99.9}
  - {name: ERP, calendar: business, availability_target: 99.5}
sla:
  incident:
    1: {respond: 15m, resolve: 4h}
    3: {respond: 4h, resolve: 30h, calendar: business}
  request:
    default: {respond: 8h, resolve: 50h, calendar: business}
trend: {periods: 12}
YAML
sum=$(sha256sum "$DATA/tickets-$N.csv" | cut -c1-16)
out="$DATA/callgrind.out"
valgrind --tool=callgrind --callgrind-out-file="$out" "$BIN" metrics -q -c "$DATA/check-$N.yaml" \
  -p 2026-10 --as-of 2026-11-01T06:00 >/dev/null 2>"$DATA/callgrind.log"
count=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$out")
[ -n "$count" ] || count=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' "$out")
callgrind_annotate "$out" 2>/dev/null | sed -n '/^Ir /,$p' | sed -n '3,12p' | sed 's/^/  /' || true
if [ "${UPDATE:-}" = 1 ]; then
  echo "callgrind baseline: $count instructions (input $sum)"
  exit 0
fi
base=$(sed -n 's/^callgrind baseline: \([0-9]*\) instructions.*/\1/p' bench/RESULTS.md | tail -1)
[ -n "$base" ] || { echo "bench-check: no 'callgrind baseline: N instructions' line in bench/RESULTS.md" >&2; exit 2; }
awk -v c="$count" -v b="$base" 'BEGIN {
  printf "bench-check: %.0f instructions against the recorded %.0f (%+.1f %%)\n", c, b, (c - b) * 100 / b
  exit !(c <= b * 1.10) }' || { echo "bench-check: FAILED: more than 10 % above the recorded count" >&2; exit 1; }
