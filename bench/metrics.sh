#!/usr/bin/env bash
# Metrics cost: runs `iso20k metrics -v` for one month plus its twelve trend periods over the
# generated 1 M (and, with ROWS=10000000, 10 M) ticket files and prints the time of each phase
# and the per-ticket cost, to check that it grows linearly. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ISO20K:-./iso20k}
DATA=bench/data
for rows in ${ROWS:-1000000}; do
  CSV="$DATA/tickets-$rows.csv"
  [ -s "$CSV" ] || { echo "generating $CSV …" >&2; python3 bench/gen_tickets.py "$CSV" "$rows"; }
  cat >"$DATA/metrics-$rows.yaml" <<YAML
timezone: Europe/Berlin
sources: [{file: tickets-$rows.csv, profile: tickets}]
calendars:
  business: {hours: {mon-fri: "08:00-18:00"}, holidays: [2026-01-01, 2026-04-03, 2026-12-25]}
services:
  - {name: Email, availability_target: 99.9}
  - {name: ERP, calendar: business}
availability: {from_incidents: {max_priority: 1}}
sla:
  incident:
    1: {respond: 15m, resolve: 4h}
    2: {respond: 30m, resolve: 8h}
    3: {respond: 4h, resolve: 30h, calendar: business}
    4: {respond: 8h, resolve: 50h, calendar: business}
  request:
    default: {respond: 8h, resolve: 50h, calendar: business}
YAML
  cat "$CSV" >/dev/null
  out=$("$BIN" metrics -v -q -c "$DATA/metrics-$rows.yaml" -p 2026-10 --as-of 2026-11-01T06:00 2>&1 >/dev/null)
  read_s=$(echo "$out" | sed -n 's/^iso20k: read the inputs (\([0-9.]*\) s)$/\1/p')
  total_s=$(echo "$out" | sed -n 's/^iso20k: computed the metrics (\([0-9.]*\) s)$/\1/p')
  awk -v r="$rows" -v a="$read_s" -v t="$total_s" 'BEGIN {
    m = t - a
    printf "metrics: %d tickets: read %.3f s, metrics for 13 periods %.3f s (%.0f ns per ticket and period)\n",
           r, a, m, m / r / 13 * 1e9 }'
done
