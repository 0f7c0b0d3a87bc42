#!/usr/bin/env python3
"""Durable small writes: commits per second, quiver beside SQLite and LadybugDB.

    .bench/venv/bin/python benches/writes.py --quiver target/release/quiver \\
        --work .bench [--n 10000] [--engines quiver,sqlite,ladybug] [--json writes.json]

Four workloads, each on a fresh database in WORK/writes/:

1. N transactions of one statement each, `CREATE (:Event {i: $i})`, every
   one acknowledged only once it is durable;
2. then N transactions `MATCH (a:Event {i: $a}), (b:Event {i: $b})
   MERGE (a)-[:NEXT]->(b)` (a = i, b = i + 1 mod N: every node exists);
3. and 4. the same two, all N statements inside one BEGIN ... COMMIT (the
   rate is then statements per second, the one commit included).

The engines run side by side, taking turns of --block statements (the order
turning each time), so that a slow spell of a shared machine falls on all of
them alike; an engine's rate is N over the sum of its turns.

Engines (all with an index on the Event key, so a MATCH is a seek):

* quiver: one long-running `quiver --db DIR --format json` process; the
  script writes one statement on its standard input, then waits for that
  statement's JSON result line before it sends the next. quiver prints a
  result only once its commit is on disk (docs/durability.md). The values
  are written into the statement text as literals (each statement is then
  parsed and planned anew: its text differs from the last one's); see
  quiver-params for the same with parameters.
  `CREATE INDEX FOR (e:Event) ON (e.i)` first.
* sqlite: Python's sqlite3, journal_mode=WAL, synchronous=FULL, autocommit
  (one statement, one transaction); tables events(i) and next(a, b) with a
  unique index on (a, b); the MERGE is `INSERT INTO next VALUES (?, ?) ON
  CONFLICT DO NOTHING`.
* ladybug: LadybugDB's Python API, one statement per (auto-committed)
  transaction, the same Cypher with parameters; node table Event(i, primary
  key i), relationship table NEXT(FROM Event TO Event).
* quiver-params (not by default): quiver as above, each statement's
  values sent on `:param` lines before it, so that its text stays the
  same and the plan cache serves it.
* quiver-memory (not by default): quiver without --db, for the cost of a
  statement without any disk write.
* quiver-pipelined (not by default): quiver-params, but the script sends a
  turn's statements without waiting for each answer (a thread writes, the
  script reads the answers). Each statement is still its own transaction
  and its answer still comes only once it is durable; the statements that
  arrive together share one flush of the journal (group commit).
* quiver-embedded (not by default): quiver inside a program, as a library
  (`examples/commits.rs`, built with `cargo build --release --example
  commits`, found beside --quiver in `examples/`): the program runs each
  turn's statements through `Database::execute` with parameters, one
  durable commit each, and answers once the turn is done, as SQLite runs
  inside the Python process; the pipe is crossed once a turn, not once a
  statement.
* quiver-embedded-group (not by default): quiver-embedded with group
  commit on: each statement is still its own transaction, and the program
  calls `Database::sync` once a turn, before it answers, so that the
  turn's commits are durable with one flush.

For quiver the table has a second column, "quiver elapsed_us": the rate its
statements' own times allow (the JSON `elapsed_us`: parse, plan, run and the
durable commit), without the round trip through the pipes.
"""
import argparse
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time

import benchlib

CREATE = "CREATE (:Event {i: $i})"
MERGE = "MATCH (a:Event {i: $a}), (b:Event {i: $b}) MERGE (a)-[:NEXT]->(b)"


class Quiver:
    """A quiver process fed one statement at a time on its standard input."""

    def __init__(self, binary, folder, durable=True, params=False):
        args = [binary, "--format", "json"] + (["--db", folder] if durable else [])
        # With `params`, each statement's values go on a `:param` line
        # before it (no output), so its text stays the same.
        self.params = params
        self.err = open(folder + ".stderr", "wb")
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.err)
        # The statements' own time as quiver reports it (`elapsed_us`: parse,
        # plan, run and the durable commit; not the pipe, not the printing).
        self.engine_s = 0.0
        self.run("CREATE INDEX FOR (e:Event) ON (e.i)")

    def run(self, statement):
        """Sends one statement and waits for its result line."""
        self.proc.stdin.write(statement.encode() + b";\n")
        self.proc.stdin.flush()
        self.answer(statement)

    def answer(self, what):
        """Reads the next result line, which must not be an error."""
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"quiver exited (status {self.proc.wait()})")
        result = json.loads(line)
        if "error" in result:
            raise RuntimeError(f"quiver: {what}: {result['error']}")
        self.engine_s += result["elapsed_us"] / 1e6

    def set(self, name, value):
        self.proc.stdin.write(f":param {name}={value}\n".encode())

    def create(self, i):
        if self.params:
            self.set("i", i)
            return self.run(CREATE)
        self.run(CREATE.replace("$i", str(i)))

    def merge(self, a, b):
        if self.params:
            self.set("a", a)
            self.set("b", b)
            return self.run(MERGE)
        self.run(MERGE.replace("$a", str(a)).replace("$b", str(b)))

    def begin(self):
        self.run("BEGIN")

    def commit(self):
        self.run("COMMIT")

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()
        self.err.close()


class Pipelined(Quiver):
    """quiver-params, the statements of a turn sent without waiting for
    each answer (a thread writes them while the script reads the answers):
    each is still its own transaction, and its answer still comes only once
    it is durable, but the statements that arrive together share a flush
    (group commit)."""

    def __init__(self, binary, folder):
        super().__init__(binary, folder, params=True)

    def steps(self, kind, ids, n):
        def send():
            for i in ids:
                if kind == "create":
                    self.set("i", i)
                    text = CREATE
                else:
                    self.set("a", i)
                    self.set("b", (i + 1) % n)
                    text = MERGE
                self.proc.stdin.write(text.encode() + b";\n")
            self.proc.stdin.flush()

        writer = threading.Thread(target=send)
        writer.start()
        for _ in ids:
            self.answer(kind)
        writer.join()


class Embedded:
    """quiver as a library, in `examples/commits.rs`, given a turn at a time."""

    def __init__(self, binary, folder, group=False):
        program = os.path.join(os.path.dirname(binary), "examples", "commits")
        if not os.path.exists(program):
            raise SystemExit(f"{program} is missing: cargo build --release --example commits")
        self.err = open(folder + ".stderr", "wb")
        self.proc = subprocess.Popen([program, os.path.join(folder, "quiver.db")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.err)
        self.send("index")
        if group:
            self.send("group")

    def send(self, command):
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline().decode().strip()
        if line != "ok":
            raise RuntimeError(f"commits: {command}: {line or 'exited'}")

    def steps(self, kind, ids, n):
        """Runs the statements of one turn."""
        self.send(f"{kind} {ids.start} {ids.stop} {n}")

    def begin(self):
        self.send("begin")

    def commit(self):
        self.send("commit")

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()
        self.err.close()


class Sqlite:
    def __init__(self, folder):
        self.conn = sqlite3.connect(os.path.join(folder, "events.sqlite"), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("CREATE TABLE events(i INTEGER)")
        self.conn.execute("CREATE TABLE next(a INTEGER, b INTEGER)")
        self.conn.execute("CREATE UNIQUE INDEX next_ab ON next(a, b)")

    def create(self, i):
        self.conn.execute("INSERT INTO events(i) VALUES (?)", (i,))

    def merge(self, a, b):
        self.conn.execute("INSERT INTO next(a, b) VALUES (?, ?) ON CONFLICT DO NOTHING", (a, b))

    def begin(self):
        self.conn.execute("BEGIN")

    def commit(self):
        self.conn.execute("COMMIT")

    def close(self):
        self.conn.close()


class Ladybug:
    def __init__(self, folder):
        import ladybug
        self.db = ladybug.Database(os.path.join(folder, "lbug.db"))
        self.conn = ladybug.Connection(self.db)
        self.conn.execute("CREATE NODE TABLE Event(i INT64, PRIMARY KEY(i))")
        self.conn.execute("CREATE REL TABLE NEXT(FROM Event TO Event)")

    def create(self, i):
        self.conn.execute(CREATE, {"i": i})

    def merge(self, a, b):
        self.conn.execute(MERGE, {"a": a, "b": b})

    def begin(self):
        self.conn.execute("BEGIN TRANSACTION")

    def commit(self):
        self.conn.execute("COMMIT")

    def close(self):
        self.conn.close()
        self.db.close()


def open_engine(name, binary, folder):
    folder = benchlib.fresh_dir(folder)
    if name == "quiver":
        return Quiver(binary, folder)
    if name == "quiver-memory":
        return Quiver(binary, folder, durable=False)
    if name == "quiver-params":
        return Quiver(binary, folder, params=True)
    if name == "quiver-pipelined":
        return Pipelined(binary, folder)
    if name == "quiver-embedded":
        return Embedded(binary, folder)
    if name == "quiver-embedded-group":
        return Embedded(binary, folder, group=True)
    if name == "sqlite":
        return Sqlite(folder)
    if name == "ladybug":
        return Ladybug(folder)
    raise SystemExit(f"unknown engine {name}")


WORKLOADS = [
    # (name, statement, one transaction around all of them)
    ("CREATE, 1 per commit", "create", False),
    ("MERGE, 1 per commit", "merge", False),
    ("CREATE, all in 1 BEGIN/COMMIT", "create", True),
    ("MERGE, all in 1 BEGIN/COMMIT", "merge", True),
]


def step(engine, kind, i, n):
    if kind == "create":
        engine.create(i)
    else:
        engine.merge(i, (i + 1) % n)


def run_workloads(names, binary, root, n, block):
    """{engine: {workload: statements per second}}. The engines run side by
    side, in turns of `block` statements (the order turning each time), so
    that a slow spell of a shared machine slows them all alike; each engine's
    time is the sum of its turns (BEGIN and COMMIT included)."""
    rates = {name: {} for name in names}
    engines = {}
    for w, (workload, kind, one_tx) in enumerate(WORKLOADS):
        if w % 2 == 0:  # a fresh database for the CREATEs, the MERGEs follow
            for e in engines.values():
                e.close()
            engines = {name: open_engine(name, binary, os.path.join(root, name, str(w)))
                       for name in names}
        spent = dict.fromkeys(names, 0.0)
        engine_before = {name: getattr(e, "engine_s", None) for name, e in engines.items()}
        turns = [range(i, min(i + block, n)) for i in range(0, n, block)]
        for t, ids in enumerate(turns):
            order = names[t % len(names):] + names[:t % len(names)]
            for name in order:
                e = engines[name]
                t0 = time.perf_counter()
                if one_tx and t == 0:
                    e.begin()
                if hasattr(e, "steps"):
                    e.steps(kind, ids, n)
                else:
                    for i in ids:
                        step(e, kind, i, n)
                if one_tx and t == len(turns) - 1:
                    e.commit()
                spent[name] += time.perf_counter() - t0
        for name in names:
            rates[name][workload] = n / spent[name]
            if engine_before[name] is not None:
                engine = engines[name].engine_s - engine_before[name]
                rates.setdefault(f"{name} elapsed_us", {})[workload] = n / engine
        print(f"  {workload}: " + ", ".join(f"{k} {r[workload]:,.0f}/s" for k, r in rates.items()),
              file=sys.stderr, flush=True)
    for e in engines.values():
        e.close()
    return rates


def table(results):
    engines = list(results)
    rows = []
    for workload in results[engines[0]]:
        rows.append([workload] + [f"{results[e][workload]:,.0f}" for e in engines])
    return benchlib.markdown_table(["workload (statements/s)"] + engines, rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="statements per workload")
    ap.add_argument("--block", type=int, default=500,
                    help="statements per turn: the engines take turns (see run_workloads)")
    ap.add_argument("--engines", default="quiver,sqlite,ladybug",
                    help="any of quiver, sqlite, ladybug, quiver-memory, quiver-params, "
                         "quiver-pipelined, quiver-embedded, quiver-embedded-group")
    benchlib.add_common_args(ap, harness=False)
    a = ap.parse_args()
    root = os.path.join(os.path.abspath(a.work), "writes")
    names = [e for e in a.engines.split(",") if e]
    results = run_workloads(names, a.quiver, root, a.n, a.block)
    info = {"n": a.n, "machine": benchlib.machine(), "commit": benchlib.quiver_commit(),
            "sqlite": sqlite3.sqlite_version, "results": results}
    if any(e.startswith("quiver") for e in results):
        info["quiver"] = benchlib.quiver_version(a.quiver)
    if "ladybug" in results:
        info["ladybug"] = benchlib.ladybug_version()
    names = [f"{info['quiver']} (commit {info['commit']})" if "quiver" in info else None,
             f"SQLite {info['sqlite']}", f"LadybugDB {info['ladybug']}" if "ladybug" in info else None]
    print(f"{a.n} statements per workload; " + ", ".join(n for n in names if n))
    print()
    print(table(results))
    benchlib.write_json(a.json, info)


if __name__ == "__main__":
    main()
