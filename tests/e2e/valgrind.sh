#!/usr/bin/env bash
# The end-to-end runs that exercise every module, each under valgrind (memcheck, leaks included,
# --error-exitcode): the demo review and readiness packs, metrics as JSON and CSV, check, init
# and the starter config, and every small file of the bad-input corpus. (The million-row and
# 100 MB cases of the e2e suite would take hours under valgrind; ASan covers them in make asan.)
# Prints "ok"/"not ok" lines; run by tests/run.sh when $VALGRIND is set (make valgrind).
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${ISO20K:-$ROOT/iso20k}
OUT=$ROOT/tests/out/valgrind
AS_OF=2026-11-01T06:00:00
VG=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --suppressions="$ROOT/tests/valgrind.supp")
rm -rf "$OUT" && mkdir -p "$OUT"
vg() { # vg NAME EXPECTED_EXIT ARGS...
  local name=$1 code=$2; shift 2
  "${VG[@]}" "$BIN" "$@" >"$OUT/last.out" 2>"$OUT/last.err"
  local rc=$?
  if [ "$rc" -eq "$code" ]; then echo "ok valgrind: $name"; else echo "not ok valgrind: $name: exit $rc, expected $code: $(grep -m3 '==[0-9]*==' "$OUT/last.err" | head -c 400)"; fi
}
vg "demo review pack" 0 pack -c inputs/demo/review.yaml -o "$OUT/demo" --as-of $AS_OF
vg "demo readiness pack" 0 pack --kind readiness -c inputs/demo/review.yaml -o "$OUT/demo" --as-of $AS_OF
vg "metrics JSON" 0 metrics -c inputs/demo/review.yaml -p 2026-Q3 --as-of $AS_OF
vg "metrics CSV" 0 metrics -c inputs/demo/review.yaml --as-of $AS_OF --format csv
vg "check" 0 check -c inputs/demo/review.yaml
vg "init" 0 init "$OUT/starter"
vg "the starter config's pack" 0 pack -c "$OUT/starter/review.yaml" -p 2026-10 --as-of $AS_OF --format json
vg "a config error" 78 check -c tests/bad/config-duplicate-keys.yaml
vg "a usage error" 64 pack -c inputs/demo/review.yaml -p 2026-13
n=0; bad=0
while IFS=$'\t' read -r file role code _; do
  case $file in ''|'#'*|gen:*|symlink) continue ;; esac
  case $role in config|metrics-config|readiness|roi|theme|symlink|lock-symlink|foreign-temps|tzif|history) continue ;; esac # not a source
  n=$((n + 1))
  case $role in
    register:*) # a review register beside the demo's tickets
      printf 'timezone: Europe/Berlin\nsources: [{file: "%s/inputs/demo/tickets.csv", profile: tickets}]\nregisters: {%s: "%s"}\n' "$ROOT" "${role#register:}" "$ROOT/tests/bad/$file" >"$OUT/bad.yaml" ;;
    *) printf 'timezone: Europe/Berlin\nsources: [{file: "%s", profile: %s}]\n' "$ROOT/tests/bad/$file" "$role" >"$OUT/bad.yaml" ;;
  esac
  "${VG[@]}" "$BIN" metrics -c "$OUT/bad.yaml" -p 2026-10 --as-of $AS_OF >/dev/null 2>"$OUT/bad.err"
  rc=$?
  if [ "$rc" -ne "$code" ]; then bad=$((bad + 1)); echo "# $file: exit $rc: $(grep -m2 '==[0-9]*==' "$OUT/bad.err")"; fi
done <tests/bad/cases.tsv
if [ "$bad" -eq 0 ]; then echo "ok valgrind: the $n small files of the bad-input corpus"; else echo "not ok valgrind: $bad of $n bad-input files"; fi
