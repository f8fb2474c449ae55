#!/usr/bin/env bash
# Fault-injection sweep (issue 10): runs a small pack with the Nth allocation failing, for every
# N near the start and a spread sample up to the last allocation, and with the Nth output
# operation (write, fsync, close, link, rename, unlink) failing, for every N. Each run must end
# with exit 71 (allocation) or 73/74 (output), a message, no sanitizer report (ASan, UBSan,
# LeakSanitizer), nothing of its own left (temporaries, work directory, journal), every output
# name holding a complete file, and the pack with its history.csv all previous files or all new
# ones (README.md "Where the outputs land": compared by inode). Then the run is killed (SIGKILL) just before each output
# operation in turn, and the next run must finish the set the killed one left the same way.
# Prints "ok"/"not ok" lines.
# usage: sweep.sh FAULTS_BINARY OUTDIR RUNS
set -u
BIN=$1
OUT=$2
RUNS=${3:-300}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
AS_OF=2026-11-01T06:00:00
rm -rf "$OUT" && mkdir -p "$OUT/in" "$OUT/pack"
export ASAN_OPTIONS=detect_leaks=1:exitcode=99 UBSAN_OPTIONS=halt_on_error=1:exitcode=97
export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0:exitcode=98
# the fixture: the demo's registers and its first rows of October, the period it packs (a period its data does
# not cover would exit 65 with every figure empty)
python3 - "$ROOT/inputs/demo" "$OUT/in" <<'PY'
import csv, sys
src, dst = sys.argv[1], sys.argv[2]
for name, col, n in (("tickets", "opened_at", 150), ("outages", "start", 20), ("surveys", "responded_at", 40)):
    rows = list(csv.reader(open(f"{src}/{name}.csv", encoding="utf-8", newline="")))
    at = rows[0].index(col)
    keep = [rows[0]] + [r for r in rows[1:] if r[at].startswith("2026-10")][:n]
    csv.writer(open(f"{dst}/{name}.csv", "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(keep)
PY
cp -r "$ROOT/inputs/demo/registers" "$OUT/in/" # the review registers, read and reported too
sed "s|^theme: theme.yaml|theme: $ROOT/inputs/demo/theme.yaml|; s|^roi: roi.yaml|roi: $ROOT/inputs/demo/roi.yaml|; s|^readiness: readiness.yaml|readiness: $ROOT/inputs/demo/readiness.yaml|; s|^trend: .*|trend: {periods: 2}|" \
  "$ROOT/inputs/demo/review.yaml" >"$OUT/in/review.yaml"
# (the output directory written with a trailing slash: the journal's names must not depend on it)
run() { "$BIN" pack -c "$OUT/in/review.yaml" -o "$OUT/pack/" -p 2026-10 --as-of $AS_OF >"$OUT/run.out" 2>"$OUT/run.err"; }
complete() { # every output complete, nothing of a run left
  ! ls -A "$OUT/pack" | grep -q -E 'tmp-|iso20k-work-|iso20k-journal' &&
  python3 - "$OUT/pack" <<'PY'
import json, sys, zipfile
d = sys.argv[1]
pdf = open(f"{d}/review-2026-10.pdf", "rb").read()
assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:], "PDF"
with zipfile.ZipFile(f"{d}/review-2026-10.xlsx") as z:
    assert z.testzip() is None, "XLSX"
json.load(open(f"{d}/review-2026-10.json"))
assert open(f"{d}/history.csv").readline().startswith("label,start,end,"), "history"
PY
}
inodes() { stat -c %i "$OUT/pack/review-2026-10.pdf" "$OUT/pack/review-2026-10.xlsx" "$OUT/pack/review-2026-10.json" "$OUT/pack/history.csv" 2>/dev/null | tr '\n' ' '; }
# one_set: the four files are all those of $base (the previous pack) or all new ones; in the
# latter case they become the new $base
one_set() {
  local now changed=0 i
  now=$(inodes)
  read -r -a a <<<"$base"
  read -r -a b <<<"$now"
  [ "${#b[@]}" -eq 4 ] || return 1
  for i in 0 1 2 3; do [ "${a[$i]}" != "${b[$i]}" ] && changed=$((changed + 1)); done
  [ "$changed" -eq 4 ] && base=$now
  [ "$changed" -eq 0 ] || [ "$changed" -eq 4 ]
}
printf 'timezone: UTC\nsources: [{file: /nonexistent/iso20k-sweep.csv, profile: tickets}]\n' >"$OUT/in/recover.yaml"
recover() { "$BIN" pack -c "$OUT/in/recover.yaml" -o "$OUT/pack" -p 2026-10 >"$OUT/recover.out" 2>"$OUT/recover.err"; }
if ! run; then echo "not ok fault sweep: the fixture pack fails without faults: $(head -c 300 "$OUT/run.err")"; exit 0; fi
base=$(inodes)
ISO20K_COUNT_FAULTS=1 run
allocs=$(sed -n 's/^iso20k: faults: \([0-9]*\) allocations.*/\1/p' "$OUT/run.err")
ios=$(sed -n 's/.* \([0-9]*\) output operations/\1/p' "$OUT/run.err")
if [ -z "$allocs" ] || [ -z "$ios" ]; then echo "not ok fault sweep: not a fault-injection build"; exit 0; fi
# every N up to 100, then an even spread, then the last 40 allocations; every output operation
ns=$(python3 -c "
a, runs = $allocs, max($RUNS - $ios, 110)
first = list(range(1, min(a, 100) + 1))
rest = runs - len(first)
spread = sorted({100 + (a - 100) * k // rest for k in range(1, rest + 1)}) if a > 100 and rest > 0 else []
last = list(range(max(101, a - 40), a + 1))  # the end of a run: replacing the pack
print(' '.join(map(str, sorted(set(first + [n for n in spread if n > 100] + last)))))")
bad=0; count=0
for n in $ns; do
  count=$((count + 1))
  ISO20K_FAIL_ALLOC=$n run; rc=$?
  if [ "$rc" -ne 71 ] || ! grep -q "out of memory" "$OUT/run.err" || ! complete >/dev/null 2>&1 || ! one_set; then
    bad=$((bad + 1))
    [ "$bad" -le 3 ] && echo "# allocation $n: exit $rc: $(grep -v '^$' "$OUT/run.err" | head -c 300)"
  fi
done
if [ "$bad" -eq 0 ]; then
  echo "ok fault sweep: $count of $allocs allocations failed in turn; each run ends with exit 71 and a message, no sanitizer report, no partial file, never a mixed pack"
else
  echo "not ok fault sweep: $bad of $count allocation failures misbehaved"
fi
bad=0
base=$(inodes)
for n in $(seq 1 "$ios"); do
  ISO20K_FAIL_IO=$n run; rc=$?
  if { [ "$rc" -ne 74 ] && [ "$rc" -ne 73 ]; } || ! grep -q "error:" "$OUT/run.err" || ! complete >/dev/null 2>&1 || ! one_set; then
    bad=$((bad + 1))
    [ "$bad" -le 3 ] && echo "# output operation $n: exit $rc: $(head -c 300 "$OUT/run.err") [$(ls -A "$OUT/pack" | tr '\n' ' ')]"
  fi
done
if [ "$bad" -eq 0 ]; then
  echo "ok fault sweep: each of the $ios output operations (write, fsync, close, link, rename, unlink) failed in turn; each run ends with exit 73 or 74 and a message, the outputs complete, the pack and its history all previous or all new, nothing left"
else
  echo "not ok fault sweep: $bad of $ios output failures misbehaved"
fi
bad=0
journals=0
for n in $(seq 1 "$ios"); do
  (ISO20K_KILL_IO=$n run) 2>/dev/null; rc=$? # the shell would say "Killed"
  [ -e "$OUT/pack/.iso20k-journal" ] && journals=$((journals + 1))
  recover; rrc=$?
  if [ "$rc" -ne 137 ] || [ "$rrc" -ne 66 ] || ! grep -q "cannot open input file" "$OUT/recover.err" || ! complete >/dev/null 2>&1 || ! one_set; then
    bad=$((bad + 1))
    [ "$bad" -le 3 ] && echo "# killed before output operation $n: exit $rc, the next run $rrc: $(head -c 300 "$OUT/recover.err") [$(ls -A "$OUT/pack" | tr '\n' ' ')]"
  fi
done
if [ "$bad" -eq 0 ]; then
  echo "ok fault sweep: killed before each of the $ios output operations in turn ($journals times with the journal written); the next run finishes the set: the pack and its history all previous or all new, complete, nothing left"
else
  echo "not ok fault sweep: $bad of $ios kills misbehaved"
fi
