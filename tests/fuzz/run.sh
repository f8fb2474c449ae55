#!/usr/bin/env bash
# Runs the fuzz targets.
#   run.sh check BIN...         each target over its seed corpus and its regression inputs only
#                               (make check); prints "ok"/"not ok" lines
#   run.sh fuzz SECONDS BIN...  fuzzes each target for SECONDS (twice as long for the CSV reader
#                               and the config loader), growing build/fuzz/corpus/NAME, and
#                               prints libFuzzer's final figures
set -u
cd "$(dirname "$0")/../.."
mode=$1; shift
if [ "$mode" = fuzz ]; then secs=$1; shift; fi
for bin in "$@"; do
  name=$(basename "$bin"); name=${name#fuzz_}
  seeds=tests/fuzz/corpus/$name
  regress=tests/fuzz/regressions/$name
  dict=(); [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
  dirs=("$seeds"); [ -d "$regress" ] && dirs+=("$regress")
  if [ "$mode" = check ]; then
    n=$(find "${dirs[@]}" -type f | wc -l)
    # artifacts in build/: the xls target's FreeXL child writes one when FreeXL over-reads
    mkdir -p build/fuzz
    if out=$("$bin" -runs=0 -artifact_prefix=build/fuzz/check- "${dict[@]}" "${dirs[@]}" 2>&1); then
      echo "ok fuzz target $name runs its $n seed and regression inputs cleanly"
    else
      echo "not ok fuzz target $name over its corpus: $(echo "$out" | grep -E 'ERROR|SUMMARY|==[0-9]+==' | head -5)"
    fi
  else
    t=$secs
    case $name in csv|config) t=$((secs * 2)) ;; esac
    work=build/fuzz/corpus/$name
    mkdir -p "$work"
    echo "== $name: $t s"
    "$bin" -max_total_time="$t" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="build/fuzz/$name-" "${dict[@]}" "$work" "${dirs[@]}" 2>&1 |
      grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' 
  fi
done
