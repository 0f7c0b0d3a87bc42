#!/usr/bin/env python3
"""Range and prefix seeks against the scans they replace, side by side.

    python3 benches/range_seeks.py OLD_QUIVER OLD_DB NEW_QUIVER NEW_DB [--rounds 3]

Each DB is a quiver database of the side-by-side benchmark's synthetic-S
graph (`quiver --db DB import ...`, see docs/benchmarks.md) with
`CREATE INDEX FOR (c:Company) ON (c.founded)`. Every query runs 11 times in
one process per round (the first, cold run is dropped); the rounds alternate
the two binaries. Prints the median of the engine's `elapsed_us` and checks
that both binaries give the same rows.
"""
import argparse
import json
import statistics
import subprocess

QUERIES = {
    "founded >= 2015": "MATCH (c:Company) WHERE c.founded >= 2015 RETURN count(c) AS n",
    "2000 <= founded < 2001": "MATCH (c:Company) WHERE 2000 <= c.founded < 2001 RETURN count(c) AS n",
    "founded >= 1800 (all)": "MATCH (c:Company) WHERE c.founded >= 1800 RETURN count(c) AS n",
    "name STARTS WITH": "MATCH (p:Person) WHERE p.name STARTS WITH 'Toum' RETURN count(p) AS n",
    "any label, founded >= 2015": "MATCH (n) WHERE n.founded >= 2015 RETURN count(n) AS n",
}


def run(binary, db, query):
    args = [binary, "--db", db, "--read-only", "--format", "json"] + ["-e", query] * 11
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    lines = [json.loads(line) for line in out.strip().split("\n")]
    return lines[0]["rows"], [line["elapsed_us"] for line in lines[1:]]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("old")
    p.add_argument("old_db")
    p.add_argument("new")
    p.add_argument("new_db")
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    times, rows = {}, {}
    for _ in range(a.rounds):
        for side, binary, db in [("old", a.old, a.old_db), ("new", a.new, a.new_db)]:
            for name, q in QUERIES.items():
                r, t = run(binary, db, q)
                rows[(name, side)] = r
                times.setdefault((name, side), []).extend(t)
    print(f"{'query':28} {'old ms':>8} {'new ms':>8} {'old/new':>8}")
    for name in QUERIES:
        if rows[(name, "old")] != rows[(name, "new")]:
            raise SystemExit(f"{name}: the answers differ")
        old = statistics.median(times[(name, "old")]) / 1000
        new = statistics.median(times[(name, "new")]) / 1000
        print(f"{name:28} {old:8.2f} {new:8.2f} {old / new:7.1f}x")


if __name__ == "__main__":
    main()
