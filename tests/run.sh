#!/usr/bin/env bash
# Runs the whole suite: every cmocka unit-test binary given as an argument ($JOBS at a time,
# one per core by default), then the end-to-end checks (tests/e2e/run.sh, then
# tests/e2e/evidence.sh). Ends with one line "N passed, N failed".
# $VALGRIND, when set, prefixes each unit-test binary (make valgrind); $FUZZ_BINS, when set,
# lists fuzz targets to run over their corpora (tests/fuzz/run.sh check); $FAULTS_BIN, when set,
# is the fault-injection build to sweep (tests/faults/sweep.sh), beside the end-to-end checks.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
failed_names=()
times=() # "phase Ns": where the suite's time goes, printed before the last line
t0=$SECONDS
# the unit-test binaries, $JOBS at a time (default: one per core; each writes only to its own
# mkdtemp folder), their results read back in the order given
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 1)}
unit_dir=$(mktemp -d)
trap 'rm -rf "$unit_dir"' EXIT
i=0
for bin in "$@"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
  (CMOCKA_MESSAGE_OUTPUT=stdout ${VALGRIND:-} "$bin" >"$unit_dir/$i.out" 2>&1; echo $? >"$unit_dir/$i.rc") &
  i=$((i + 1))
done
wait
i=0
for bin in "$@"; do
  out=$(cat "$unit_dir/$i.out")
  rc=$(cat "$unit_dir/$i.rc" 2>/dev/null || echo 1)
  i=$((i + 1))
  echo "$out" | grep -E '^\[  (FAILED|ERROR)|^\[  PASSED|^\[==========\]' | sed "s|^|$(basename "$bin"): |"
  p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    # crashed or valgrind error: count the binary as one failure
    echo "$out" | tail -20
    f=1
  fi
  [ "$f" -gt 0 ] && { echo "$out" | grep -E 'FAIL|ERROR|error' | head -20; failed_names+=("$(basename "$bin")"); }
  passed=$((passed + p))
  failed=$((failed + f))
done
times+=("unit ${VALGRIND:+(valgrind) }$((SECONDS - t0))s")
# each fuzz target over its seed corpus and regression inputs (FUZZ_BINS, from make check)
if [ -n "${FUZZ_BINS:-}" ]; then
  t0=$SECONDS
  # shellcheck disable=SC2086
  fuzz_out=$(tests/fuzz/run.sh check $FUZZ_BINS 2>&1)
  echo "$fuzz_out" | grep -v '^ok ' || true
  fp=$(echo "$fuzz_out" | grep -c '^ok ')
  ff=$(echo "$fuzz_out" | grep -c '^not ok ')
  echo "fuzz corpora: $fp passed, $ff failed"
  passed=$((passed + fp))
  failed=$((failed + ff))
  times+=("fuzz $((SECONDS - t0))s")
fi
# the fault-injection sweep (FAULTS_BIN, from make check): every allocation near the start and a
# spread sample of 120 runs, to keep CI short (make faults runs 300). It runs in the background,
# beside the end-to-end suite (its own folder, tests/out/faults), and is counted after it.
faults_pid=
if [ -n "${FAULTS_BIN:-}" ]; then
  faults_t0=$SECONDS
  (env -u ASAN_OPTIONS -u LSAN_OPTIONS tests/faults/sweep.sh "$FAULTS_BIN" tests/out/faults 120 >"$unit_dir/faults.out" 2>&1
   echo $((SECONDS - faults_t0)) >"$unit_dir/faults.time") &
  faults_pid=$!
fi
# under make valgrind: the end-to-end runs that exercise every module, each under valgrind
if [ -n "${VALGRIND:-}" ]; then
  t0=$SECONDS
  vg_out=$(tests/e2e/valgrind.sh 2>&1)
  echo "$vg_out" | grep -v '^ok ' || true
  passed=$((passed + $(echo "$vg_out" | grep -c '^ok ')))
  failed=$((failed + $(echo "$vg_out" | grep -c '^not ok ')))
  times+=("e2e (valgrind) $((SECONDS - t0))s")
fi
# the end-to-end suite (not under make valgrind: it runs the same binary as make check, and
# its valgrind part is the list above)
if [ -z "${VALGRIND:-}" ]; then
  t0=$SECONDS
  e2e_out=$(tests/e2e/run.sh 2>&1)
  echo "$e2e_out" | grep -v '^ok ' || true
  ep=$(echo "$e2e_out" | grep -c '^ok ')
  ef=$(echo "$e2e_out" | grep -c '^not ok ')
  passed=$((passed + ep))
  failed=$((failed + ef))
  echo "e2e: $ep passed, $ef failed"
  times+=("e2e $((SECONDS - t0))s")
  # the workbook as evidence: SLA outcomes per ticket, drill-down, print, live formulas
  t0=$SECONDS
  ev_out=$(tests/e2e/evidence.sh 2>&1)
  echo "$ev_out" | grep -v '^ok ' || true
  vp=$(echo "$ev_out" | grep -c '^ok ')
  vf=$(echo "$ev_out" | grep -c '^not ok ')
  passed=$((passed + vp))
  failed=$((failed + vf))
  echo "evidence: $vp passed, $vf failed"
  times+=("evidence $((SECONDS - t0))s")
fi
if [ -n "$faults_pid" ]; then
  wait "$faults_pid"
  faults_out=$(cat "$unit_dir/faults.out")
  echo "$faults_out" | grep -v '^ok ' || true
  passed=$((passed + $(echo "$faults_out" | grep -c '^ok ')))
  failed=$((failed + $(echo "$faults_out" | grep -c '^not ok ')))
  times+=("faults (beside e2e) $(cat "$unit_dir/faults.time" 2>/dev/null || echo '?')s")
fi
echo "# time: ${times[*]}"
[ ${#failed_names[@]} -gt 0 ] && echo "failing unit binaries: ${failed_names[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
