#!/usr/bin/env python3
"""Kills `iso20k pack` with SIGKILL at random moments, many times, and checks after each kill
that every output name holds a complete file: the previous pack or the new one, never a partial
or corrupt file (the PDF opens with pdfinfo and ends with %%EOF, the workbook passes a zip
test, the JSON parses and has the SPEC's top-level keys). Then a run that stops right after
taking the lock (its only input is missing) must find the journal a killed run left and finish
that set, so that the pack and history.csv are never mixed: all four files are the previous
ones (the same inodes) or all are new ones, and no journal or work directory is left. Then a
normal run must succeed and leave nothing of its own behind.

usage: killcheck.py ISO20K CONFIG DIR RUNS [SEED]
DIR must hold a complete pack of the config's period already.
"""
import json, os, random, signal, subprocess, sys, time, zipfile

NAMES = ["review-2026-10.pdf", "review-2026-10.xlsx", "review-2026-10.json", "history.csv"]
LEFTOVERS = (".tmp-", "iso20k-work-", ".iso20k-journal")


def complete(path):
    """Why the file is not a complete output, or None when it is."""
    if not os.path.isfile(path):
        return "missing"
    if path.endswith(".pdf"):
        with open(path, "rb") as f:
            data = f.read()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            return "PDF without its header or %%EOF"
        r = subprocess.run(["pdfinfo", path], capture_output=True)
        return None if r.returncode == 0 else "pdfinfo fails"
    if path.endswith(".csv"):
        with open(path, encoding="utf-8") as f:
            head = f.readline()
        return None if head.startswith("label,start,end,") else "history without its header"
    if path.endswith(".xlsx"):
        try:
            with zipfile.ZipFile(path) as z:
                bad = z.testzip()
                return None if bad is None and "xl/workbook.xml" in z.namelist() else f"bad zip member {bad}"
        except zipfile.BadZipFile as e:
            return f"not a zip: {e}"
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        return None if "period" in doc and "quality" in doc else "JSON without its keys"
    except ValueError as e:
        return f"not JSON: {e}"


def main():
    binary, config, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rnd = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 20261101)
    for n in NAMES:
        why = complete(os.path.join(out, n))
        if why:
            print(f"the previous pack is not complete: {n}: {why}")
            return 1
    # how long a whole run takes, so that kills land before, during and after the writing
    t0 = time.monotonic()
    subprocess.run([binary, "pack", "-c", config, "-o", out, "-p", "2026-10",
                    "--as-of", "2026-11-01T06:00:00"], check=True, capture_output=True)
    span = time.monotonic() - t0
    # the run that only recovers: it takes the lock, finishes what a killed run left, then
    # stops with exit 66 on its missing input
    recover = os.path.join(os.path.dirname(os.path.abspath(out)), "recover-only.yaml")
    with open(recover, "w") as f:
        f.write("timezone: UTC\nsources: [{file: /nonexistent/iso20k-killcheck.csv, profile: tickets}]\n")
    replaced = kept = recovered = 0
    for i in range(runs):
        before = {n: os.stat(os.path.join(out, n)).st_ino for n in NAMES}
        # a different as-of each time, so that a new pack differs from the previous one
        as_of = f"2026-11-{1 + i % 28:02d}T{6 + i % 12:02d}:{i % 60:02d}:00"
        p = subprocess.Popen([binary, "pack", "-c", config, "-o", out, "-p", "2026-10", "--as-of", as_of],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0, span * 1.2))
        p.send_signal(signal.SIGKILL)
        p.wait()
        for n in NAMES:
            why = complete(os.path.join(out, n))
            if why:
                print(f"run {i}: killed after its start, {n} is not complete: {why}")
                return 1
        journal = os.path.exists(os.path.join(out, ".iso20k-journal"))
        r = subprocess.run([binary, "pack", "-c", recover, "-o", out, "-p", "2026-10"],
                           capture_output=True)
        err = r.stderr.decode(errors="replace")
        if r.returncode != 66 or "cannot open input file" not in err:
            print(f"run {i}: the recovering run: exit {r.returncode}: {err[:300]}")
            return 1
        if journal:
            recovered += 1
            if "half replaced" not in err:
                print(f"run {i}: a journal was left but the next run did not report it: {err[:300]}")
                return 1
        left = [f for f in os.listdir(out) if any(x in f for x in LEFTOVERS)]
        if left:
            print(f"run {i}: left after the recovering run: {left}")
            return 1
        for n in NAMES:
            why = complete(os.path.join(out, n))
            if why:
                print(f"run {i}: after recovery, {n} is not complete: {why}")
                return 1
        after = {n: os.stat(os.path.join(out, n)).st_ino for n in NAMES}
        changed = sum(before[n] != after[n] for n in NAMES)
        if changed == len(NAMES):
            replaced += 1
        elif changed == 0:
            kept += 1
        else:
            print(f"run {i}: a mixed pack: {changed} of {len(NAMES)} files replaced: "
                  + ", ".join(f"{n} {'new' if before[n] != after[n] else 'old'}" for n in NAMES))
            return 1
    r = subprocess.run([binary, "pack", "-c", config, "-o", out, "-p", "2026-10", "--as-of", "2026-11-01T06:00:00"],
                       capture_output=True)
    if r.returncode != 0:
        print(f"the run after the kills failed: {r.returncode} {r.stderr.decode(errors='replace')}")
        return 1
    left = [f for f in os.listdir(out) if any(x in f for x in LEFTOVERS)]
    if left:
        print(f"temporary files left after a normal run: {left}")
        return 1
    os.remove(recover)
    print(f"{runs} kills: every output complete each time and never a mixed set; {replaced} with "
          f"the new pack in place, {kept} with the previous one; {recovered} journals finished by "
          f"the next run; nothing left after it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
