#!/usr/bin/env python3
"""Cold start: one process per query, quiver and LadybugDB side by side.

    .bench/venv/bin/python benches/cold.py --dataset S --rounds 5 \\
        --quiver target/release/quiver --work .bench [--json cold-S.json]

Every query runs in a fresh process, which opens the database, runs the one
query and exits:

* quiver: `quiver --db DIR --format json --param id=ID -e QUERY`
* LadybugDB: `python -c ...` that imports `ladybug`, opens the database
  with `ladybug.Database(path, read_only=True)` and runs the query with the
  parameter (its Python interpreter start and `import ladybug` included:
  that is what a cold LadybugDB process costs; the time of
  `python -c 'import ladybug'` alone is printed under the table).

Measured per process: the wall time from spawn to exit, and the peak
resident set (its ru_maxrss, as GNU time, /usr/bin/time, reports it). One untimed warm-up
round first (the OS page cache then holds both databases, as it would for
a database in use), then --rounds rounds, the engines' order alternating
each round; the table shows medians. Both engines must give the same
answer, or the script says which query differs.

The data is the peer harness's (WORK/data/synthetic-S or -L, made by its
gen_synthetic.py); the databases are loaded into WORK/cold/ when missing
(quiver with `quiver --db DIR import ...` on the harness's header-typed
copies, LadybugDB with the harness's own COPY FROM loader). The start node
is the harness's `start` parameter (a Person with a high but bounded
degree): from the dataset's params.json, else chosen as the harness's
refimpl.py chooses it; --start picks another.
"""
import argparse
import json
import os
import sys

import benchlib

QUERIES = [
    ("point lookup", "MATCH (n:Person {id: $id}) RETURN n.name"),
    ("1-hop count", "MATCH (n:Person {id: $id})-[:knows]->(m) RETURN count(m)"),
    ("2-hop count", "MATCH (n:Person {id: $id})-[:knows]->()-[:knows]->(m) RETURN count(m)"),
    ("RETURN 1", "RETURN 1"),
]

# What the LadybugDB process runs: argv = database, query, parameters (JSON).
LADYBUG_CHILD = """
import json, sys
import ladybug
db = ladybug.Database(sys.argv[1], read_only=True)
conn = ladybug.Connection(db)
params = json.loads(sys.argv[3])
result = conn.execute(sys.argv[2], params) if params else conn.execute(sys.argv[2])
print(json.dumps(result.get_all(), default=str))
"""


def ensure_quiver_db(binary, ds, path):
    if os.path.exists(os.path.join(path, "quiver.db")):
        return
    import prep_quiver
    benchlib.fresh_dir(path)
    copies = prep_quiver.ensure(ds)
    cmd = [binary, "--db", path, "import"] + prep_quiver.import_args(copies)
    print(f"loading quiver: {' '.join(cmd[:4])} ...", file=sys.stderr)
    wall, _, rc, _, err = benchlib.measure(cmd)
    if rc != 0:
        sys.exit(f"quiver import failed ({rc}): {err.decode(errors='replace')[-800:]}")
    print(f"  {wall:.1f} s", file=sys.stderr)


def ensure_ladybug_db(ds, folder):
    import worker
    db = worker.Ladybug(ds, folder)
    if os.path.exists(db.path):
        return db.path
    benchlib.fresh_dir(folder)
    print("loading LadybugDB (the harness's COPY FROM loader) ...", file=sys.stderr)
    db.load()
    db.close()
    return db.path


def start_id(ds, cache):
    """The harness's `start` parameter: from the dataset's params.json, else
    chosen by the harness's refimpl.choose_params (kept in `cache`)."""
    import common
    params = common.load_params(ds)
    if params and "start" in params:
        return params["start"]
    if os.path.exists(cache):
        with open(cache) as f:
            return json.load(f)["start"]
    import refimpl
    print("choosing the start node (the harness's refimpl.choose_params) ...", file=sys.stderr)
    man = common.load_manifest(ds)
    params = refimpl.choose_params(ds, man, refimpl.Knows(ds, man))
    with open(cache, "w") as f:
        json.dump(params, f, indent=1)
    return params["start"]


def run_quiver(binary, db, query, node):
    cmd = [binary, "--db", db, "--format", "json", "--param", f"id={node}", "-e", query]
    wall, rss, rc, out, err = benchlib.measure(cmd)
    if rc != 0:
        return wall, rss, {"error": err.decode(errors="replace")[-400:]}
    return wall, rss, json.loads(out.splitlines()[-1])["rows"]


def run_ladybug(path, query, node):
    params = {"id": node} if "$id" in query else {}
    cmd = [sys.executable, "-c", LADYBUG_CHILD, path, query, json.dumps(params)]
    wall, rss, rc, out, err = benchlib.measure(cmd)
    if rc != 0:
        return wall, rss, {"error": err.decode(errors="replace")[-400:]}
    return wall, rss, json.loads(out)


def measure_rounds(engines, node, rounds, warmup):
    """{engine: {query name: {"wall": [...], "rss_kb": [...], "rows": ...}}}."""
    res = {name: {q: {"wall": [], "rss_kb": []} for q, _ in QUERIES} for name in engines}
    for r in range(warmup + rounds):
        names = list(engines) if r % 2 == 0 else list(reversed(engines))
        for qname, query in QUERIES:
            for name in names:
                wall, rss, rows = engines[name](query, node)
                e = res[name][qname]
                e.setdefault("rows", rows)
                if r >= warmup:
                    e["wall"].append(wall)
                    e["rss_kb"].append(rss)
        print(f"  round {r + 1 - warmup}/{rounds}" if r >= warmup else "  warm-up round",
              file=sys.stderr, flush=True)
    return res


def import_only_s(rounds):
    walls = [benchlib.measure([sys.executable, "-c", "import ladybug"])[0] for _ in range(rounds)]
    return benchlib.median(walls)


def table(res):
    rows = []
    for qname, _ in QUERIES:
        q, lb = res["quiver"][qname], res["ladybug"][qname]
        qw, lw = benchlib.median(q["wall"]), benchlib.median(lb["wall"])
        qm, lm = benchlib.median(q["rss_kb"]) / 1024, benchlib.median(lb["rss_kb"]) / 1024
        rows.append([qname, f"{qw:.3f}", f"{lw:.3f}", f"{qw / lw:.2f}",
                     f"{qm:.0f}", f"{lm:.0f}", f"{qm / lm:.2f}"])
    return benchlib.markdown_table(
        ["query", "quiver wall s", "LadybugDB wall s", "quiver/LadybugDB",
         "quiver peak RSS MiB", "LadybugDB peak RSS MiB", "quiver/LadybugDB"], rows)


def mismatches(res):
    out = []
    for qname, _ in QUERIES:
        a, b = res["quiver"][qname].get("rows"), res["ladybug"][qname].get("rows")
        if a != b:
            out.append(f"{qname}: quiver {json.dumps(a)[:200]} / LadybugDB {json.dumps(b)[:200]}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", choices=["S", "L"], default="S")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1, help="untimed rounds first")
    ap.add_argument("--start", type=int, help="the start node's id (default: the harness's `start`)")
    benchlib.add_common_args(ap)
    a = ap.parse_args()
    benchlib.use_harness(a.harness, a.work)
    ds = f"synthetic-{a.dataset}"
    import common
    if not os.path.exists(os.path.join(common.dataset_dir(ds), "manifest.json")):
        sys.exit(f"no dataset {ds} in {common.DATA} (the harness's gen_synthetic.py makes it)")
    root = os.path.join(os.path.abspath(a.work), "cold", ds)
    qdb = os.path.join(root, "quiver")
    ensure_quiver_db(a.quiver, ds, qdb)
    lpath = ensure_ladybug_db(ds, os.path.join(root, "ladybug"))
    node = a.start if a.start is not None else start_id(ds, os.path.join(root, "start.json"))
    engines = {
        "quiver": lambda q, n: run_quiver(a.quiver, qdb, q, n),
        "ladybug": lambda q, n: run_ladybug(lpath, q, n),
    }
    print(f"{ds}, start node id {node}, {a.rounds} rounds", file=sys.stderr)
    res = measure_rounds(engines, node, a.rounds, a.warmup)
    import_s = import_only_s(a.rounds)
    info = {"dataset": ds, "start": node, "rounds": a.rounds, "machine": benchlib.machine(),
            "quiver": benchlib.quiver_version(a.quiver), "commit": benchlib.quiver_commit(),
            "ladybug": benchlib.ladybug_version(), "python_import_ladybug_s": import_s,
            "queries": dict(QUERIES), "results": res}
    print(f"{ds}, start node id {node}; medians of {a.rounds} rounds, one process per query; "
          f"{info['quiver']} (commit {info['commit']}), LadybugDB {info['ladybug']}\n")
    print(table(res))
    print(f"\n`python -c 'import ladybug'` alone: {import_s:.3f} s (part of every LadybugDB process)")
    for m in mismatches(res):
        print(f"ANSWERS DIFFER: {m}")
    benchlib.write_json(a.json, info)


if __name__ == "__main__":
    main()
