#!/usr/bin/env python3
"""Writes the inputs of the hostile-input measurements in bench/RESULTS.md (issue 18) into DIR,
each with its config, and prints the command that measured it (median of 3 under
/usr/bin/time -v, as-of 2026-11-01T06:00:00, period 2026-10).

usage: bench/hardening.py DIR
"""
import datetime, gzip, os, sys

HEAD = "id,kind,service,priority,status,opened_at,resolved_at,title\n"
AS_OF = "-p 2026-10 --as-of 2026-11-01T06:00:00"


def config(d, name, body):
    with open(os.path.join(d, name + ".yaml"), "w") as f:
        f.write("timezone: Europe/Berlin\n" + body)


def member(data):
    return gzip.compress(data, 9)


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    runs = []
    # 2: one record of 50 million empty fields in a ~50 KB .csv.gz
    with open(os.path.join(d, "fields.csv.gz"), "wb") as f:
        f.write(member(b"id,kind,opened_at\nT1,incident,2026-10-05 10:00\nT2,incident,2026-10-05 10:00"))
        commas = member(b"," * (1 << 20))
        for _ in range(50):
            f.write(commas)
        f.write(member(b"\nT3,incident,2026-10-05 10:00\n"))
    config(d, "fields", "sources: [{file: fields.csv.gz, profile: tickets}]\n")
    runs.append(("2: 50 M fields in one record", f"iso20k metrics -c fields.yaml {AS_OF}"))
    # 5: a million identical rows of one ticket, no service, a 900-byte title
    with gzip.open(os.path.join(d, "duplicates.csv.gz"), "wt") as f:
        f.write(HEAD)
        f.write(("INC0001,incident,,3,closed,2026-10-05 10:00,,Printer " + "x" * 900 + "\n") * 1000000)
    config(d, "duplicates", "sources: [{file: duplicates.csv.gz, profile: tickets}]\n")
    runs.append(("5: 1 M identical rows", f"iso20k check -c duplicates.yaml -p 2026-10"))
    # 6: 100,000 distinct services; a 50,000-service catalogue with 200,000 tickets
    with open(os.path.join(d, "services.csv"), "w") as f:
        f.write(HEAD)
        for i in range(100000):
            day = 1 + i % 28
            f.write(f"T{i},incident,Service {i:06d},3,closed,2026-10-{day:02d} 10:00,2026-10-{day:02d} 12:00,\n")
    config(d, "services", "sources: [{file: services.csv, profile: tickets}]\n")
    runs.append(("6: 100,000 distinct services", f"iso20k metrics -c services.yaml {AS_OF}"))
    with open(os.path.join(d, "catalogue.csv"), "w") as f:
        f.write(HEAD)
        for i in range(200000):
            day = 1 + i % 28
            f.write(f"T{i},incident,S{i % 50000},3,closed,2026-10-{day:02d} 10:00,2026-10-{day:02d} 12:00,\n")
    config(d, "catalogue", "sources: [{file: catalogue.csv, profile: tickets}]\nservices:\n"
           + "".join(f"- {{name: S{s}}}\n" for s in range(50000)))
    runs.append(("6: 50,000-service catalogue", f"iso20k metrics -c catalogue.yaml {AS_OF}"))
    # 14: 80,000 holidays, 20,000 tickets open for decades
    with open(os.path.join(d, "holidays.csv"), "w") as f:
        f.write(HEAD)
        for i in range(20000):
            f.write(f"T{i},incident,Email,3,closed,{1975 + i % 40}-01-{1 + i % 28:02d} 10:00,"
                    f"2026-10-{1 + i % 28:02d} 12:00,\n")
    days = [(datetime.date(1900, 1, 1) + datetime.timedelta(days=k)).isoformat() for k in range(80000)]
    config(d, "holidays", "sources: [{file: holidays.csv, profile: tickets}]\n"
           "calendars:\n  business:\n    hours: {mon-fri: \"08:00-18:00\"}\n    holidays: ["
           + ", ".join(days) + "]\nservices: [{name: Email, calendar: business}]\n"
           "sla:\n  incident:\n    default: {respond: 4h, resolve: 30h, calendar: business}\n")
    runs.append(("14: 80,000 holidays", f"iso20k metrics -c holidays.yaml {AS_OF}"))
    # 18: a 200,000-row history.csv (copy it into the output directory before each run)
    os.makedirs(os.path.join(d, "history"), exist_ok=True)
    t0 = datetime.datetime(2000, 1, 1)
    with open(os.path.join(d, "history-200000.csv"), "w") as f:
        f.write("label,start,end,opened,resolved,response_attainment_pct,"
                "resolution_attainment_pct,csat_pct,reopen_rate_pct,availability_pct\n")
        for i in range(200000):
            a = t0 + datetime.timedelta(hours=i)
            b = a + datetime.timedelta(hours=1)
            f.write(f"L{i:06d},{a.isoformat()}+00:00,{b.isoformat()}+00:00,1,2,50,60,70,5,99.9\n")
    demo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "inputs", "demo", "tickets.csv")
    config(d, "history", f"sources: [{{file: {os.path.abspath(demo)}, profile: tickets}}]\n"
           "output: {dir: history}\n")
    runs.append(("18: 200,000 history rows",
                 f"cp history-200000.csv history/history.csv && iso20k pack -c history.yaml {AS_OF} --format json"))
    for what, cmd in runs:
        print(f"{what}: (cd {d} && {cmd})")


if __name__ == "__main__":
    main()
