#!/usr/bin/python3
"""Validates JSON files against docs/iso20k.schema.json (JSON Schema draft 2020-12).

usage: schema_check.py FILE...          exit 0 when every file is valid
       schema_check.py --self-test FILE  shows that the schema rejects broken variants of FILE
       schema_check.py --sweep DIR       validates every JSON document below DIR that iso20k
                                         wrote (an object with a "period" key), at least one

Runs on Debian's /usr/bin/python3 with python3-jsonschema (installed by make deps).
"""
import copy
import json
import os
import sys

import jsonschema

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "iso20k.schema.json")


def validator():
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def problems(v, doc):
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(root)", e.message)
            for e in sorted(v.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))]


def self_test(v, doc):
    """Each broken variant must be rejected; the document itself must pass."""
    variants = []
    d = copy.deepcopy(doc)
    del d["sla"]
    variants.append(("a missing section (sla)", d))
    d = copy.deepcopy(doc)
    d["volumes"]["opened"] = str(d["volumes"]["opened"])
    variants.append(("a count written as text (volumes.opened)", d))
    d = copy.deepcopy(doc)
    if d.get("kpis"):
        d["kpis"][0]["status"] = "excellent"
        variants.append(("an unknown status (kpis[0].status)", d))
    else:
        d["readiness"]["gaps"][0]["status"] = "excellent"
        variants.append(("an unknown status (readiness.gaps[0].status)", d))
    d = copy.deepcopy(doc)
    d["volumes"]["opened"] = 1.5
    variants.append(("a count that is not an integer (volumes.opened)", d))
    d = copy.deepcopy(doc)
    d["unexpected"] = 1
    variants.append(("an unknown top-level key", d))
    bad = 0
    if problems(v, doc):
        print("the unbroken document fails:", problems(v, doc)[:3])
        bad += 1
    for name, d in variants:
        if problems(v, d):
            print("rejected:", name)
        else:
            print("NOT rejected:", name)
            bad += 1
    return bad


def main(argv):
    v = validator()
    if argv[1:2] == ["--self-test"]:
        with open(argv[2], encoding="utf-8") as f:
            return 1 if self_test(v, json.load(f)) else 0
    paths = argv[1:]
    if argv[1:2] == ["--sweep"]:
        paths = []
        for top, _, files in os.walk(argv[2]):
            for name in sorted(files):
                path = os.path.join(top, name)
                if os.path.islink(path) or not (name.endswith(".json") or name.endswith(".out")):
                    continue
                try:
                    with open(path, encoding="utf-8") as f:
                        doc = json.load(f)
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(doc, dict) and "period" in doc:
                    paths.append(path)
        print("%d JSON documents" % len(paths))
        if not paths:
            return 1
    bad = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            p = problems(v, json.load(f))
        for line in p[:10]:
            print("%s: %s" % (path, line))
        if p:
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
