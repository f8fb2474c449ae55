#!/usr/bin/env python3
"""Rewrites a ServiceNow incident audit log (one row per update, sys_mod_count) as a generic
event log, as a process-mining export holds the same history: one event at each incident's
opening, one at each change of its state, and its resolution.

- Opening: an `Open` event at `opened_at`.
- A change of state: an event named after the new state at the row's `sys_updated_at`, the
  rows taken in the order the servicenow-incident profile takes them (`sys_mod_count`, then
  `sys_updated_at`, then file order). The first row is a change when its state is not New
  (the incident is older than the log).
- The resolution: the last move into Resolved (or into Closed, when no Resolved precedes it),
  unless a reopen follows it, is placed at the incident's resolution as the tool records it,
  `resolved_at`, else `closed_at` (the update that shows the new state may come later); an
  incident whose rows show no such move but carry a resolution gets a Resolved event then.
- An update number (`sys_mod_count`) written twice is one update recorded twice: its later
  record is kept.
- The rows' order is the history: an event whose time runs backwards (an update stamped
  before the opening or before the update it follows) takes the time of the event before it,
  so that ordering by time keeps the rows' order.
- Case attributes (priority, assignment group, contact type, assignee): the last row's, on
  every event, as process-mining exports repeat case attributes.

`?` (ServiceNow's missing value) is written empty.

usage: sn_to_events.py AUDIT.csv EVENTS.csv
"""
import csv
import sys
from datetime import datetime

FMT = "%d/%m/%Y %H:%M"


def val(v):
    return "" if v == "?" else v


def when(s):
    return datetime.strptime(s, FMT)


def events_of(rows):
    """The (activity, time) events of one incident's rows, in the profile's order."""
    last = rows[-1]
    opened = when(last["opened_at"])
    out = [["Open", opened]]
    state = "New"
    for r in rows:
        s = r["incident_state"]
        if s != state:
            out.append([s, when(r["sys_updated_at"])])
            state = s
    # the resolution: the last move into Resolved, or into Closed when no Resolved precedes
    # it, unless the incident was reopened after it
    resolution = val(last["resolved_at"]) or val(last["closed_at"])
    k = len(out) - 1
    while k > 0 and out[k][0] == "Closed" and out[k - 1][0] in ("Resolved", "Closed"):
        k -= 1
    if resolution and k > 0 and out[k][0] in ("Resolved", "Closed"):
        out[k][1] = when(resolution)
    elif resolution:  # resolved by the tool's record although no update shows the state
        out.append(["Resolved", when(resolution)])
    # the rows' order is the history: times that run backwards take the time before them
    for i in range(1, len(out)):
        out[i][1] = max(out[i][1], out[i - 1][1])
    return out


def main():
    src, dst = sys.argv[1], sys.argv[2]
    cases, order = {}, []
    with open(src, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            n = row["number"]
            if n not in cases:
                cases[n] = []
                order.append(n)
            cases[n].append((int(row["sys_mod_count"] or 0), when(row["sys_updated_at"]), i, row))
    with open(dst, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["case", "activity", "time", "priority", "group", "channel", "assignee"])
        for n in order:
            rows = [r for _, _, _, r in sorted(cases[n])]
            # an update number written twice is one update recorded twice: its later record
            rows = [r for i, r in enumerate(rows)
                    if i + 1 == len(rows) or rows[i + 1]["sys_mod_count"] != r["sys_mod_count"]]
            last = rows[-1]
            attrs = [val(last[k]) for k in ("priority", "assignment_group", "contact_type",
                                            "assigned_to")]
            for activity, t in events_of(rows):
                w.writerow([n, activity, t.strftime(FMT)] + attrs)


if __name__ == "__main__":
    main()
