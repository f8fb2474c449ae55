#!/usr/bin/env bash
# The benchmark (make bench): for each size in BENCH_ROWS (default 1000000; add 10000000 for the
# ten-million run), generates canonical inputs once (bench/gen.py, seed 42, cached in
# bench/data/), then times `iso20k metrics` (October 2026 and its twelve trend periods) and
# `iso20k pack` (the same month, every format, ticket sheet included) with the files in the page
# cache, best of RUNS runs (default 3), and prints per phase: wall time, CPU time (above wall:
# more than one core at work), MB/s and rows/s where it reads, and the peak RSS; then each
# renderer alone (one run each), since a full pack draws the PDF while writing the workbook;
# then `iso20k metrics` on an event log of as many rows (events) for a tenth as many cases,
# whose read phase includes the rebuild of the cases (SPEC 3.5).
# Reading and normalising are one phase: each row is normalised as it is read, in one pass.
# Prints figures; asserts nothing (bench/check.sh guards regressions).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ISO20K:-$PWD/iso20k}
DATA=bench/data
RUNS=${RUNS:-3}
mkdir -p "$DATA"
echo "iso20k $("$BIN" --version 2>/dev/null | head -1 | sed 's/^iso20k //'), $(nproc) cores, $(date -u +%Y-%m-%d)"

config() { # config N: the review config of the N-ticket inputs
  cat >"$DATA/bench-$1.yaml" <<YAML
organization: Benchmark AG
timezone: Europe/Berlin
sources:
  - {file: tickets-$1.csv, profile: tickets}
  - {file: outages-$1.csv, profile: outages}
  - {file: surveys-$1.csv, profile: csat}
calendars:
  business: {hours: {mon-fri: "08:00-18:00"}, holidays: [2026-01-01, 2026-04-03, 2026-12-25]}
services:
  - {name: Email, availability_target: 99.9}
  - {name: ERP, calendar: business, availability_target: 99.5}
  - {name: Customer Portal, availability_target: 99.9}
service_defaults: {calendar: 24x7, availability_target: 99.5}
sla:
  incident:
    1: {respond: 15m, resolve: 4h}
    2: {respond: 30m, resolve: 8h}
    3: {respond: 4h, resolve: 30h, calendar: business}
    4: {respond: 8h, resolve: 50h, calendar: business}
  request:
    default: {respond: 8h, resolve: 50h, calendar: business}
satisfaction: {scale: [1, 5], satisfied_from: 4}
trend: {periods: 12}
output: {dir: out-$1}
YAML
}

# best RUNS CMD...: runs CMD (with -v) under /usr/bin/time RUNS times; keeps the stderr of the
# fastest run in $DATA/best.err
best() {
  local bestt="" t
  for _ in $(seq "${RUNS:-3}"); do
    /usr/bin/time -f 'TIME %e %U %S %M' "$@" >/dev/null 2>"$DATA/run.err"
    t=$(sed -n 's/^TIME \([0-9.]*\) .*/\1/p' "$DATA/run.err")
    if [ -z "$bestt" ] || awk "BEGIN { exit !($t < $bestt) }"; then bestt=$t; cp "$DATA/run.err" "$DATA/best.err"; fi
  done
}

# report WHAT ROWS BYTES: the phases of the fastest run
report() {
  sed -n -e 's/^iso20k: \(.*\) (\([0-9.]*\) s, CPU \([0-9.]*\) s, peak RSS \([0-9]*\) MB)$/P|\1|\2|\3|\4/p' \
         -e 's/^TIME \([0-9.]*\) \([0-9.]*\) \([0-9.]*\) \([0-9]*\)$/T|\1|\2|\3|\4/p' "$DATA/best.err" |
  awk -F'|' -v what="$1" -v rows="$2" -v bytes="$3" '
    $1 == "P" {
      line = sprintf("    %-24s %7.3f s   CPU %7.3f s   peak RSS %6d MB", $2, $3, $4, $5)
      if ($2 == "read the inputs" && $3 > 0)
        line = line sprintf("   %5.0f MB/s  %5.2f M rows/s", bytes / 1e6 / $3, rows / 1e6 / $3)
      lines[++n] = line
    }
    $1 == "T" { wall = $2; cpu = $3 + $4; rss = $5 / 1024 }
    END {
      printf "  %s: %.2f s wall, %.2f s CPU, peak RSS %.0f MB (%.2f x the input)\n", what, wall, cpu, rss, rss * 1048576 / bytes
      for (i = 1; i <= n; i++) print lines[i]
    }'
}

events_config() { # events_config FILE: a generic event-log source (SPEC 3.5) over FILE
  cat <<YAML
organization: Benchmark AG
timezone: Europe/Berlin
sources:
  - file: $1
    profile: generic
    kind: incident
    time_format: "%Y-%m-%d %H:%M:%S"
    events:
      case: "Case ID"
      activity: Activity
      time: "Complete Timestamp"
      resource: Resource
      states: {"Insert ticket": new, "Take in charge ticket": in_progress, Wait: on_hold,
               "Resolve ticket": resolved, Closed: closed, Cancel: cancelled}
    columns: {priority: Priority, service: Product, group: Section}
services:
  - {name: Email, availability_target: 99.9}
  - {name: ERP, availability_target: 99.5}
sla:
  incident: {1: {respond: 15m, resolve: 4h}, 2: {respond: 30m, resolve: 8h}, 3: {respond: 4h, resolve: 30h}, 4: {respond: 8h, resolve: 50h}}
  pause_states: [on_hold]
trend: {periods: 12}
YAML
}

for rows in ${BENCH_ROWS:-1000000}; do
  if [ ! -s "$DATA/surveys-$rows.csv" ] || [ ! -s "$DATA/outages-$rows.csv" ] || [ ! -s "$DATA/tickets-$rows.csv" ]; then
    echo "generating $rows tickets (once; cached in $DATA) …" >&2
    python3 bench/gen.py "$DATA" "$rows" 42
  fi
  config "$rows"
  bytes=$(cat "$DATA/tickets-$rows.csv" "$DATA/outages-$rows.csv" "$DATA/surveys-$rows.csv" | wc -c)
  cat "$DATA/tickets-$rows.csv" "$DATA/outages-$rows.csv" "$DATA/surveys-$rows.csv" >/dev/null # page cache
  month=$(awk -F, 'NR > 1 && substr($6, 1, 7) == "2026-10"' "$DATA/tickets-$rows.csv" | wc -l)
  awk -v r="$rows" -v b="$bytes" -v m="$month" 'BEGIN { printf "%d tickets (%.1f MB of CSV with outages and surveys; %d tickets opened in 2026-10)\n", r, b / 1e6, m }'
  best "$BIN" metrics -v -q -c "$DATA/bench-$rows.yaml" -p 2026-10 --as-of 2026-11-01T06:00
  report "iso20k metrics -p 2026-10 (13 periods)" "$rows" "$bytes"
  best "$BIN" pack -v -q -c "$DATA/bench-$rows.yaml" -p 2026-10 --as-of 2026-11-01T06:00
  report "iso20k pack -p 2026-10 (PDF, workbook with ticket sheet, JSON)" "$rows" "$bytes"
  # each renderer alone (a full pack draws the PDF while the workbook is written)
  for fmt in pdf xlsx json; do
    RUNS=1 best "$BIN" pack -v -q -c "$DATA/bench-$rows.yaml" -p 2026-10 --as-of 2026-11-01T06:00 --format "$fmt"
    sed -n 's/^iso20k: \(rendered the [A-Za-z]*\) (\(.*\))$/    \1 alone: \2/p' "$DATA/best.err"
  done
  rm -rf "$DATA/out-$rows"
  # the same number of rows as an event log of rows/10 cases (SPEC 3.5): reading and rebuilding
  # them against reading the ticket file above
  cases=$((rows / 10))
  if [ ! -s "$DATA/events-$rows-$cases.csv" ]; then
    echo "generating an event log of $rows events, $cases cases (once; cached in $DATA) …" >&2
    python3 bench/gen.py --events "$DATA" "$rows" "$cases" 42
  fi
  events_config "events-$rows-$cases.csv" >"$DATA/bench-events-$rows.yaml"
  ebytes=$(wc -c <"$DATA/events-$rows-$cases.csv")
  cat "$DATA/events-$rows-$cases.csv" >/dev/null # page cache
  awk -v r="$rows" -v c="$cases" -v b="$ebytes" 'BEGIN { printf "%d events of %d cases (%.1f MB of CSV)\n", r, c, b / 1e6 }'
  best "$BIN" metrics -v -q -c "$DATA/bench-events-$rows.yaml" -p 2026-10 --as-of 2026-11-01T06:00
  report "iso20k metrics on the event log (13 periods)" "$rows" "$ebytes"
done
