#!/usr/bin/env bash
# The benchmark (make bench): for each size in BENCH_ROWS (default 1000000; add 10000000 for the
# ten-million run), generates canonical inputs once (bench/gen.py, seed 42, cached in
# bench/data/), then times `iso20k metrics` (October 2026 and its twelve trend periods) and
# `iso20k pack` (the same month, every format, ticket sheet included) with the files in the page
# cache, best of RUNS runs (default 3), and prints per phase: wall time, CPU time (above wall:
# more than one core at work), MB/s and rows/s where it reads, and the peak RSS; then each
# renderer alone (one run each), since a full pack draws the PDF while writing the workbook;
# then `iso20k metrics` on an event log of as many rows (events) for a tenth as many cases,
# whose read phase includes the rebuild of the cases (docs/configuration.md §5).
# Reading and normalising are one phase: each row is normalised as it is read, in one pass.
# Then the peer (bench/peer.py: pandas, matplotlib and XlsxWriter from Debian's python3 packages,
# PEER_RUNS runs, default 1, since it is slow) does the same two jobs on the same files, and the
# figures of issue 23 are printed beside their targets: the speed-ups against the peer, the
# reading speed, the pack's peak RSS against the input, 10 M against 1 M (when BENCH_ROWS holds
# both), and the spreadsheet reader (bench/xlsx_read.sh, 100,000 rows of 20 columns).
# Prints figures; asserts nothing (bench/check.sh guards regressions).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ISO20K:-$PWD/iso20k}
DATA=bench/data
RUNS=${RUNS:-3}
PEER_PY=${PEER_PY:-/usr/bin/python3} # Debian's python3, where python3-pandas is installed
mkdir -p "$DATA"
rm -f "$DATA/sizes"
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
      if ($2 == "read the inputs") read = $3
    }
    $1 == "T" { wall = $2; cpu = $3 + $4; rss = $5 / 1024 }
    END {
      printf "  %s: %.2f s wall, %.2f s CPU, peak RSS %.0f MB (%.2f x the input)\n", what, wall, cpu, rss, rss * 1048576 / bytes
      for (i = 1; i <= n; i++) print lines[i]
      printf "%s %s %s %s\n", wall, cpu, rss, read > "/dev/stderr"
    }' 2>"$DATA/figures"
}

# peer MODE ROWS: the peer's best run of MODE (metrics or pack); its figures in $DATA/peer-MODE
peer() {
  local bestt="" t
  for _ in $(seq "${PEER_RUNS:-1}"); do
    /usr/bin/time -f 'TIME %e %U %S %M' "$PEER_PY" bench/peer.py "$1" "$DATA" "$2" 2026-10 \
      2026-11-01T06:00 "$DATA/peer-out" >/dev/null 2>"$DATA/run.err"
    t=$(sed -n 's/^TIME \([0-9.]*\) .*/\1/p' "$DATA/run.err")
    if [ -z "$bestt" ] || awk "BEGIN { exit !($t < $bestt) }"; then bestt=$t; cp "$DATA/run.err" "$DATA/best.err"; fi
  done
  awk -v what="$1" '
    /^peer: / { phases = phases sprintf("  %s %.2f s", $2, $3) }
    /^TIME / { wall = $2; cpu = $3 + $4; rss = $5 / 1024 }
    END {
      printf "  peer %s: %.2f s wall, %.2f s CPU, peak RSS %.0f MB;%s\n", what, wall, cpu, rss, phases
      printf "%s %s %s\n", wall, cpu, rss > "/dev/stderr"
    }' "$DATA/best.err" 2>"$DATA/peer-$1"
}

# target TEXT MEASURED OP GOAL UNIT: one figure against its target
target() {
  awk -v text="$1" -v m="$2" -v op="$3" -v g="$4" -v unit="$5" 'BEGIN {
    ok = (op == ">=") ? m >= g : m <= g
    printf "  %-58s %8.2f%s  target %s %g%s  %s\n", text, m, unit, op, g, unit, ok ? "met" : "NOT MET" }'
}

events_config() { # events_config FILE: a generic event-log source (docs/configuration.md §5) over FILE
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
  read -r m_wall m_cpu m_rss m_read <"$DATA/figures"
  best "$BIN" pack -v -q -c "$DATA/bench-$rows.yaml" -p 2026-10 --as-of 2026-11-01T06:00
  report "iso20k pack -p 2026-10 (PDF, workbook with ticket sheet, JSON)" "$rows" "$bytes"
  read -r p_wall p_cpu p_rss _ <"$DATA/figures"
  # each renderer alone (a full pack draws the PDF while the workbook is written)
  for fmt in pdf xlsx json; do
    RUNS=1 best "$BIN" pack -v -q -c "$DATA/bench-$rows.yaml" -p 2026-10 --as-of 2026-11-01T06:00 --format "$fmt"
    sed -n 's/^iso20k: \(rendered the [A-Za-z]*\) (\(.*\))$/    \1 alone: \2/p' "$DATA/best.err"
  done
  rm -rf "$DATA/out-$rows"
  peer metrics "$rows"
  read -r pm_wall pm_cpu _ <"$DATA/peer-metrics"
  peer pack "$rows"
  read -r pp_wall pp_cpu _ <"$DATA/peer-pack"
  rm -rf "$DATA/peer-out"
  echo "  against issue 23's targets ($rows tickets; CPU-time ratios in brackets):"
  target "metrics: times faster than the peer" "$(awk "BEGIN { print $pm_wall / $m_wall }")" ">=" 30 "x"
  awk "BEGIN { printf \"    (CPU: %.1f x)\n\", $pm_cpu / $m_cpu }"
  target "reading the CSV (MB/s over the cores)" "$(awk "BEGIN { print $bytes / 1e6 / ($m_read > 0 ? $m_read : 1e-9) }")" ">=" 500 " MB/s"
  target "pack of the month: times faster than the peer" "$(awk "BEGIN { print $pp_wall / $p_wall }")" ">=" 10 "x"
  awk "BEGIN { printf \"    (CPU: %.1f x)\n\", $pp_cpu / $p_cpu }"
  target "pack: peak RSS against the input" "$(awk "BEGIN { print $p_rss * 1048576 / $bytes }")" "<=" 1.5 "x"
  echo "$rows $m_wall" >>"$DATA/sizes"
  # the same number of rows as an event log of rows/10 cases (docs/configuration.md §5): reading and rebuilding
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
  read -r _ _ _ e_read <"$DATA/figures"
  target "event-log rebuild: read time per row against the CSV's" "$(awk "BEGIN { print $e_read / ($m_read > 0 ? $m_read : 1e-9) }")" "<=" 1.5 "x"
done
if [ "$(wc -l <"$DATA/sizes")" -ge 2 ] && grep -q '^1000000 ' "$DATA/sizes" && grep -q '^10000000 ' "$DATA/sizes"; then
  one=$(awk '$1 == 1000000 { print $2 }' "$DATA/sizes")
  ten=$(awk '$1 == 10000000 { print $2 }' "$DATA/sizes")
  target "metrics on 10 M tickets against 1 M" "$(awk "BEGIN { print $ten / $one }")" "<=" 11 "x"
fi
rm -f "$DATA/sizes" "$DATA/figures" "$DATA/peer-metrics" "$DATA/peer-pack"
if [ "${XLSX:-1}" = 1 ]; then
  # rows per second of the reader's CPU time (it runs on one core), and of its wall time
  rates=$(SIZES=100000 ONLY=1 bench/xlsx_read.sh | awk '/^sheet-100000: reader alone/ { print $4 / $10, $12 }')
  target "the .xlsx reader, 20 columns, one core (rows/CPU s)" "${rates%% *}" ">=" 100000 ""
  echo "    (rows per second of wall time: ${rates##* })"
fi
