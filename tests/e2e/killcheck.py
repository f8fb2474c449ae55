#!/usr/bin/env python3
"""Kills `iso20k pack` with SIGKILL at random moments, many times, and checks after each kill
that every output name holds a complete file: the previous pack or the new one, never a partial
or corrupt file (the PDF opens with pdfinfo and ends with %%EOF, the workbook passes a zip
test, the JSON parses and has the SPEC's top-level keys). Then a normal run must succeed and
leave no temporary file.

usage: killcheck.py ISO20K CONFIG DIR RUNS [SEED]
DIR must hold a complete pack of the config's period already.
"""
import hashlib, json, os, random, signal, subprocess, sys, time, zipfile

NAMES = ["review-2026-10.pdf", "review-2026-10.xlsx", "review-2026-10.json"]


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


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
    replaced = kept = 0
    for i in range(runs):
        before = {n: digest(os.path.join(out, n)) for n in NAMES}
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
        after = {n: digest(os.path.join(out, n)) for n in NAMES}
        changed = sum(before[n] != after[n] for n in NAMES)
        if changed:
            replaced += 1
        else:
            kept += 1
    r = subprocess.run([binary, "pack", "-c", config, "-o", out, "-p", "2026-10", "--as-of", "2026-11-01T06:00:00"],
                       capture_output=True)
    if r.returncode != 0:
        print(f"the run after the kills failed: {r.returncode} {r.stderr.decode(errors='replace')}")
        return 1
    left = [f for f in os.listdir(out) if ".tmp-" in f]
    if left:
        print(f"temporary files left after a normal run: {left}")
        return 1
    print(f"{runs} kills: every output complete each time; {replaced} after the new pack was in place, "
          f"{kept} before; no temporary file left after the next run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
