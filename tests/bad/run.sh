#!/usr/bin/env bash
# Runs the bad-input corpus of cases.tsv: for each file, the exit status and the message with its
# place, no crash, and every row accounted for (rows read = accepted + rejected, from the JSON).
# Prints "ok NAME" / "not ok NAME" lines (tests/e2e/run.sh includes them).
# usage: run.sh ISO20K OUTDIR
set -u
cd "$(dirname "$0")"
BAD=$PWD
ROOT=$(cd ../.. && pwd)
BIN=$1
OUT=$2
AS_OF=2026-11-01T06:00:00
rm -rf "$OUT" && mkdir -p "$OUT"
ok() { echo "ok $1"; }
nok() { echo "not ok $1${2:+: $2}"; }

# the files too large for git
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
h = "id,kind,service,priority,status,opened_at,title\n"
with open(f"{out}/field-100mb.csv", "w") as f:
    f.write(h)
    f.write("T1,incident,Email,3,closed,2026-10-05 10:00,\"" + "x" * (100 << 20) + "\"\n")
with open(f"{out}/columns-100000.csv", "w") as f:
    cols = ["id", "kind", "opened_at"] + [f"c{i}" for i in range(4, 100001)]
    f.write(",".join(cols) + "\n")
    f.write(",".join(["T1", "incident", "2026-10-05 10:00"] + ["v"] * (len(cols) - 3)) + "\n")
with open(f"{out}/config-over-1mib.yaml", "w") as f:
    f.write("sources: [{file: t.csv, profile: tickets}]\n" + "# padding\n" * 110000)
PY

n=0
while IFS=$'\t' read -r file role code pattern; do
  case $file in ''|'#'*) continue ;; esac
  n=$((n + 1))
  path=$BAD/$file
  case $file in gen:*) file=${file#gen:}; path=$OUT/$file ;; esac
  cfg=$OUT/$file.yaml
  case $role in
    config)
      cmd=("$BIN" check -v -c "$path") ;;
    readiness|roi|theme)
      printf 'timezone: Europe/Berlin\nsources: [{file: "%s/inputs/demo/tickets.csv", profile: tickets}]\n%s: "%s"\n' "$ROOT" "$role" "$path" >"$cfg"
      cmd=("$BIN" check -c "$cfg") ;;
    symlink)
      # the output name is a symlink to a file elsewhere: the pack replaces the link, never
      # writes through it
      S=$OUT/symlink
      mkdir -p "$S/out" && echo victim >"$S/victim.json" && ln -s "$S/victim.json" "$S/out/review-2026-10.json"
      "$BIN" pack -c "$ROOT/inputs/demo/review.yaml" -o "$S/out" -p 2026-10 --as-of $AS_OF --format json >/dev/null 2>&1
      rc=$?
      if [ "$rc" -eq 0 ] && [ "$(cat "$S/victim.json")" = victim ] && [ ! -L "$S/out/review-2026-10.json" ] &&
         python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$S/out/review-2026-10.json"; then
        ok "bad input: a symlink as the output target is replaced, its target untouched"
      else
        nok "bad input: a symlink as the output target" "exit $rc, victim: $(cat "$S/victim.json" | head -c 40)"
      fi
      continue ;;
    *) # tickets, outages, csat or any profile's name: read by a config that names it
      printf 'timezone: Europe/Berlin\nsources: [{file: "%s", profile: %s}]\nservices: [{name: Email}]\n' "$path" "$role" >"$cfg"
      cmd=("$BIN" metrics -v -c "$cfg" -p 2026-10 --as-of $AS_OF) ;;
  esac
  "${cmd[@]}" >"$OUT/$file.out" 2>"$OUT/$file.err"
  rc=$?
  name="bad input $file ($role)"
  if [ "$rc" -ge 128 ] || [ "$rc" -eq 70 ]; then
    nok "$name: no crash" "exit $rc: $(tail -c 300 "$OUT/$file.err")"
    continue
  fi
  if [ "$rc" -ne "$code" ]; then
    nok "$name: exit $code" "exit $rc: $(head -c 300 "$OUT/$file.err")"
    continue
  fi
  if [ "$pattern" != - ] && ! grep -E -q -- "$pattern" "$OUT/$file.err"; then
    nok "$name: message" "no line matches /$pattern/ in: $(head -c 300 "$OUT/$file.err")"
    continue
  fi
  if [ "${cmd[1]}" = metrics ] && [ -s "$OUT/$file.out" ]; then
    if ! python3 - "$OUT/$file.out" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for s in doc["quality"]["sources"]:
    assert s["rows_read"] == s["rows_accepted"] + s["rows_rejected"], s
PY
    then
      nok "$name: every row accepted or counted as rejected"
      continue
    fi
  fi
  ok "$name: exit $code, the message names its place"
done <"$BAD/cases.tsv"
if [ "$n" -ge 40 ]; then ok "the bad-input corpus has $n classes (at least 40)"; else nok "the bad-input corpus has only $n classes"; fi
