#!/usr/bin/env python3
"""What history costs: open time and memory with and without it, and the
size of the file.

    python3 benches/history.py --quiver target/release/quiver --work .bench \\
        [--nodes 100000] [--updates 10] [--rounds 7] [--json history.json]

Two databases with the same final state, made through `quiver --db`:

* plain: NODES nodes `(:N {id, v: UPDATES})`, created in one commit;
* history: the same nodes created with `v: 0`, then UPDATES commits that
  each set `v` of every node (`MATCH (n:N) SET n.v = i`): every node
  updated UPDATES times, every old value kept in the history.

Each process that wrote them wrote its snapshot at exit, as any would.
Then, one process per query (GNU time's wall time and peak RSS), the two
alternating, one untimed warm-up round, medians of --rounds:
`RETURN 1` (open only), a point lookup `MATCH (n:N {id: 5}) RETURN n.v`,
and a scan `MATCH (n:N) RETURN sum(n.v)`. The files' sizes are listed
with the history's share: the history database compacted
(`compact --history-before 0`) against the same with all history dropped.
"""
import argparse
import os
import shutil
import sys

import benchlib

QUERIES = [
    ("RETURN 1", "RETURN 1"),
    ("point lookup", "MATCH (n:N {id: 5}) RETURN n.v"),
    ("scan", "MATCH (n:N) RETURN sum(n.v)"),
]


def run(binary, db, *statements):
    cmd = [binary, "--db", db, "--format", "json", "-q"]
    for s in statements:
        cmd += ["-e", s]
    wall, kib, rc, out, err = benchlib.measure(cmd)
    if rc != 0:
        sys.exit(f"{' '.join(cmd)} failed ({rc}): {err.decode(errors='replace')[-800:]}")
    return wall, kib, out


def build(binary, folder, nodes, updates):
    plain = benchlib.fresh_dir(os.path.join(folder, "plain"))
    history = benchlib.fresh_dir(os.path.join(folder, "history"))
    create = "UNWIND range(0, {}) AS i CREATE (:N {{id: i, v: {}}})"
    run(binary, plain, "CREATE INDEX FOR (n:N) ON (n.id)", create.format(nodes - 1, updates))
    run(binary, history, "CREATE INDEX FOR (n:N) ON (n.id)", create.format(nodes - 1, 0))
    for i in range(1, updates + 1):
        run(binary, history, f"MATCH (n:N) SET n.v = {i}")
    return plain, history


def run_cmd(binary, db, *args):
    wall, kib, rc, out, err = benchlib.measure([binary, "--db", db, *args])
    if rc != 0:
        sys.exit(f"{args} failed ({rc}): {err.decode(errors='replace')[-800:]}")
    return out


def size(folder):
    return sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    benchlib.add_common_args(parser, harness=False)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--updates", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    folder = os.path.join(args.work, "history")
    plain, history = build(args.quiver, folder, args.nodes, args.updates)
    dbs = [("no history", plain), ("history", history)]
    answers = {}
    times = {(name, q): [] for name, _ in dbs for q, _ in QUERIES}
    rss = {(name, q): [] for name, _ in dbs for q, _ in QUERIES}
    for r in range(args.rounds + 1):
        order = dbs if r % 2 == 0 else list(reversed(dbs))
        for q, text in QUERIES:
            for name, db in order:
                wall, kib, out = run(args.quiver, db, text)
                answers.setdefault(q, set()).add(out.split(b'"elapsed_us"')[0])
                if r > 0:
                    times[(name, q)].append(wall)
                    rss[(name, q)].append(kib)
    for q, outs in answers.items():
        if len(outs) != 1:
            sys.exit(f"the two databases answer {q!r} differently: {outs}")
    rows = []
    for q, _ in QUERIES:
        row = [q]
        for name, _ in dbs:
            row += [f"{benchlib.median(times[(name, q)]):.3f} s",
                    f"{benchlib.median(rss[(name, q)]) / 1024:.1f} MiB"]
        t0, t1 = (benchlib.median(times[(n, q)]) for n, _ in dbs)
        m0, m1 = (benchlib.median(rss[(n, q)]) for n, _ in dbs)
        row += [f"{t1 / t0:.2f}", f"{m1 / m0:.2f}"]
        rows.append(row)
    header = ["one process", "no history: time", "RSS", "history: time", "RSS",
              "time ratio", "RSS ratio"]
    print(benchlib.markdown_table(header, rows))
    s0, s1 = size(plain), size(history)
    changed = args.nodes * args.updates
    # The history's own share: the file compacted with and without it.
    kept, dropped = (shutil.copytree(history, os.path.join(folder, n), dirs_exist_ok=True)
                     for n in ("compacted", "dropped"))
    run_cmd(args.quiver, kept, "compact", "--history-before", "0")
    run_cmd(args.quiver, dropped, "compact", "--history-before", str(args.updates + 10))
    k, d = size(kept), size(dropped)
    print(f"\nfiles: no history {s0 / 2**20:.1f} MiB, history {s1 / 2**20:.1f} MiB; "
          f"compacted {k / 2**20:.1f} MiB, of which history {(k - d) / 2**20:.1f} MiB: "
          f"{(k - d) / changed:.0f} bytes per changed property ({changed} changes)")
    benchlib.write_json(args.json, {
        "machine": benchlib.machine(), "commit": benchlib.quiver_commit(),
        "nodes": args.nodes, "updates": args.updates, "rounds": args.rounds,
        "times": {f"{n}/{q}": v for (n, q), v in times.items()},
        "rss_kib": {f"{n}/{q}": v for (n, q), v in rss.items()},
        "bytes": {"no history": s0, "history": s1, "compacted": k, "history dropped": d},
    })


if __name__ == "__main__":
    main()
